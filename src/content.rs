//! The content model: front matter, content keys and URL paths.
//!
//! A content key is the path of a Markdown file relative to its content root, with `/`
//! separators: `stress/coping.md`, `stress/_index.md` (a section), `_index.md` (the home page).
//! A municipality's local file with the same key replaces the shared one for that town.

use std::path::Path;

use serde::Deserialize;

use crate::data::audience::PageAudience;
use crate::date::Date;
use crate::error::{Error, Location, Result, line_col};
use crate::furigana;
use crate::messages::Text;
use crate::toml_input;
use crate::{msg, t};

/// The file name that makes a folder a section.
pub const SECTION_FILE: &str = "_index.md";

/// A printed layout a page (or a whole section) may ask for besides the page itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PrintLayout {
    /// A folded A4 leaflet (`leaflet`).
    Leaflet,
}

impl PrintLayout {
    /// Every layout with the key a page writes for it.
    pub const KEYS: &'static [(&'static str, PrintLayout)] = &[("leaflet", PrintLayout::Leaflet)];

    /// The key a page writes for it.
    pub fn key(self) -> &'static str {
        match self {
            PrintLayout::Leaflet => "leaflet",
        }
    }

    /// The layout whose key is `key`.
    pub fn from_key(key: &str) -> Option<PrintLayout> {
        PrintLayout::KEYS
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, l)| *l)
    }
}

impl serde::Serialize for PrintLayout {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrontMatter {
    title: String,
    description: Option<String>,
    date: Option<toml::Value>,
    updated: Option<toml::Value>,
    /// The old bare date: refused, with a hint to write `review = { date, by }`.
    reviewed: Option<toml::Value>,
    review: Option<RawReview>,
    #[serde(default)]
    sources: Vec<RawSource>,
    #[serde(default)]
    draft: bool,
    weight: Option<i64>,
    slug: Option<String>,
    template: Option<String>,
    audience: Option<String>,
    furigana: Option<String>,
    print: Option<Vec<String>>,
    #[serde(default)]
    topics: Vec<String>,
    #[serde(default)]
    toc: bool,
}

/// `review = { date, by }` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReview {
    date: toml::Value,
    by: String,
}

/// One entry of `sources = [{ … }]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    title: String,
    publisher: String,
    url: String,
    accessed: toml::Value,
}

/// Who checked a page's text, and when: a person's role or name, shown on the page
/// (「最終確認：2026年12月7日、〇〇保健所 保健師」).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Review {
    /// The day of the check.
    pub date: Date,
    /// Who checked it: a role or a name (〇〇保健所 保健師).
    pub by: String,
}

/// A public source a page is written from, listed under 参考資料 and in its JSON-LD.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Source {
    /// The title of the page or document.
    pub title: String,
    /// Who publishes it (厚生労働省).
    pub publisher: String,
    /// Its https address.
    pub url: String,
    /// When it was read, `YYYY-MM-DD`.
    pub accessed: String,
}

/// Validated front matter.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct FrontMatter {
    /// Page title.
    pub title: String,
    /// Description for search engines and listings.
    pub description: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub date: Option<Date>,
    /// Last update, `YYYY-MM-DD`.
    pub updated: Option<Date>,
    /// Who last checked the content, and when; `None` for starter text nobody has checked.
    pub review: Option<Review>,
    /// The public sources the page is written from.
    pub sources: Vec<Source>,
    /// Drafts are not published.
    pub draft: bool,
    /// Order in listings (lower first); pages without weight come after, by title.
    pub weight: Option<i64>,
    /// Replaces the file name in the URL.
    pub slug: Option<String>,
    /// A template other than `page.html` / `section.html`.
    pub template: Option<String>,
    /// Who the page is written for.
    pub audience: Option<PageAudience>,
    /// Furigana setting for this page or section.
    #[serde(skip)]
    pub furigana: Option<furigana::Level>,
    /// Printed layouts of this page (for a section: of it and its pages, unless a page says
    /// otherwise); `None` when not set.
    pub print: Option<Vec<PrintLayout>>,
    /// Topic slugs (a taxonomy with its own listing pages).
    pub topics: Vec<String>,
    /// Whether to show a table of contents.
    pub toc: bool,
}

/// A Markdown file split into its parts.
#[derive(Debug, Clone)]
pub struct Parsed<'t> {
    /// The front matter.
    pub front: FrontMatter,
    /// The Markdown body.
    pub body: &'t str,
    /// The line of the file where the body starts (1-based).
    pub body_first_line: usize,
}

/// Splits `+++` TOML front matter from the body and validates it. `path` is for messages;
/// `topics` lists the topic slugs the project knows.
pub fn parse<'t>(text: &'t str, path: &Path, topics: &[&str]) -> Result<Parsed<'t>> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if let Some(yaml) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    {
        return Err(yaml_front_matter(yaml, path));
    }
    let Some(after_open) = text
        .strip_prefix("+++\n")
        .or_else(|| text.strip_prefix("+++\r\n"))
    else {
        return Err(Error::input(
            Location::at(path, 1, Some(1)),
            msg!("error.front-matter-missing"),
        ));
    };
    let mut offset = 0;
    let mut close = None;
    for line in after_open.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            close = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((fm_end, body_start)) = close else {
        return Err(Error::input(
            Location::at(path, 1, Some(1)),
            msg!("error.front-matter-not-closed"),
        ));
    };
    let fm_text = &after_open[..fm_end];
    let body = &after_open[body_start..];
    let body_first_line = 2 + fm_text.matches('\n').count() + 1;
    let raw: RawFrontMatter = toml_input::parse(fm_text, path, 2)?;
    let front = validate(raw, fm_text, path, topics)?;
    Ok(Parsed {
        front,
        body,
        body_first_line,
    })
}

/// The error for YAML front matter (Hugo, Jekyll): it says that tsunagi reads TOML between `+++`
/// lines, and shows the first lines converted, so the fix can be pasted.
fn yaml_front_matter(yaml: &str, path: &Path) -> Error {
    let mut converted = vec!["+++".to_string()];
    for line in yaml.lines().take_while(|l| l.trim_end() != "---").take(6) {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let (key, value) = (key.trim(), value.trim());
        if key.is_empty() || key.starts_with('#') || key.starts_with('-') {
            continue;
        }
        let quoted = value.starts_with('"') || value.starts_with('[') || value.starts_with('\'');
        let toml_value = if value.is_empty() {
            "\"\"".to_string()
        } else if quoted
            || value == "true"
            || value == "false"
            || value.parse::<f64>().is_ok()
            || crate::date::Date::parse(value).is_some()
        {
            value.replace('\'', "\"")
        } else {
            format!("\"{}\"", value.replace('"', "\\\""))
        };
        converted.push(format!("{key} = {toml_value}"));
    }
    converted.push("+++".into());
    Error::input(
        Location::at(path, 1, Some(1)),
        msg!("error.front-matter-yaml", example = converted.join("\n")),
    )
}

/// The printed layouts a page asks for, or the error for the first that is none of them.
fn print_layouts(layouts: &[String], at: impl Fn() -> Location) -> Result<Vec<PrintLayout>> {
    layouts
        .iter()
        .map(|layout| {
            PrintLayout::from_key(layout).ok_or_else(|| {
                let keys: Vec<&str> = PrintLayout::KEYS.iter().map(|(k, _)| *k).collect();
                Error::input(
                    at(),
                    msg!(
                        "error.print-layout-unknown",
                        value = layout,
                        list = keys.join(", ")
                    ),
                )
            })
        })
        .collect()
}

/// Where `key` is written in the front matter `fm_text` of `path` (the line after `+++`).
fn key_location(fm_text: &str, path: &Path, key: &str) -> Location {
    let needle = format!("{key} ");
    let needle2 = format!("{key}=");
    let (line, col) = fm_text
        .find(&needle)
        .or_else(|| fm_text.find(&needle2))
        .map_or((1, 1), |o| line_col(fm_text, o));
    Location::at(path, line + 1, Some(col))
}

/// The day a date field (`date`, `updated`, `review`) gives: a TOML date, a date-time (its
/// day) or a string; else the error at `at`.
fn front_date(key: &str, v: toml::Value, at: impl Fn() -> Location) -> Result<Date> {
    let s = match &v {
        toml::Value::Datetime(d) => d.to_string(),
        toml::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let day = s.get(..10).unwrap_or(&s);
    Date::parse_explained(day)
        .map_err(|why| Error::input(at(), msg!("error.front-matter-date", key = key, why = why)))
}

/// What a page says of itself beyond its dates and sources, checked in the order a reader
/// meets the mistakes: title, slug, audience, furigana, print layouts, topics, the old bare
/// `reviewed`.
struct Settings {
    audience: Option<PageAudience>,
    furigana: Option<furigana::Level>,
    print: Option<Vec<PrintLayout>>,
}

/// Checks the title, slug, audience, furigana, print layouts and topics, and refuses the old
/// bare `reviewed`; the first mistake is the error.
fn settings(
    raw: &RawFrontMatter,
    at: &dyn Fn(&str) -> Location,
    topics: &[&str],
) -> Result<Settings> {
    if raw.title.trim().is_empty() {
        return Err(Error::input(at("title"), msg!("error.title-empty")));
    }
    if let Some(slug) = &raw.slug {
        check_slug(slug)
            .map_err(|why| Error::input(at("slug"), msg!("error.slug-invalid", why = why)))?;
    }
    let audience = match &raw.audience {
        None => None,
        Some(a) => Some(PageAudience::from_key(a).ok_or_else(|| {
            Error::input(
                at("audience"),
                msg!(
                    "error.audience-unknown",
                    value = a,
                    list = PageAudience::list()
                ),
            )
        })?),
    };
    let furigana = match &raw.furigana {
        None => None,
        Some(s) => Some(furigana::Level::parse_setting(s, at("furigana"))?),
    };
    let print = match &raw.print {
        None => None,
        Some(layouts) => Some(print_layouts(layouts, || at("print"))?),
    };
    if let Some(t) = raw.topics.iter().find(|t| !topics.contains(&t.as_str())) {
        return Err(Error::input(
            at("topics"),
            msg!(
                "error.topic-unknown",
                value = t,
                suggest = crate::error::did_you_mean(t, topics.iter().copied()),
                list = topics.join(", ")
            ),
        ));
    }
    if raw.reviewed.is_some() {
        return Err(Error::input(
            at("reviewed"),
            msg!("error.reviewed-without-reviewer"),
        ));
    }
    Ok(Settings {
        audience,
        furigana,
        print,
    })
}

/// Who checked the page and when: a name is required, the date must be a day.
fn review_of(
    raw: Option<RawReview>,
    field: &dyn Fn(&str) -> Location,
    at: &dyn Fn(&str) -> Location,
) -> Result<Option<Review>> {
    let Some(r) = raw else {
        return Ok(None);
    };
    if r.by.trim().is_empty() {
        return Err(Error::input(
            field("review.by"),
            msg!("error.review-by-empty"),
        ));
    }
    Ok(Some(Review {
        date: front_date("review", r.date, || at("review"))?,
        by: r.by,
    }))
}

/// The sources a page is written from: each with a title, a publisher, an `https://` address
/// and the day it was read.
fn sources_of(raw: Vec<RawSource>, field: &dyn Fn(&str) -> Location) -> Result<Vec<Source>> {
    let mut sources = Vec::with_capacity(raw.len());
    for (i, src) in raw.into_iter().enumerate() {
        let at = |name: &str| field(&format!("sources[{i}].{name}"));
        for (name, value) in [("title", &src.title), ("publisher", &src.publisher)] {
            if value.trim().is_empty() {
                return Err(Error::input(
                    at(name),
                    msg!("error.source-field-empty", field = name),
                ));
            }
        }
        let url_ok = crate::data::web::web_url(&src.url)
            .map_err(|why| why.to_string())
            .and_then(|u| {
                if u.starts_with("https://") {
                    Ok(())
                } else {
                    Err(t!("part.source-not-https", value = u).to_string())
                }
            });
        if let Err(why) = url_ok {
            return Err(Error::input(at("url"), msg!("error.source-url", why = why)));
        }
        let accessed = match crate::toml_input::date_text(src.accessed.clone()) {
            d if Date::parse(&d).is_some() => d,
            d => {
                return Err(Error::input(
                    at("accessed"),
                    msg!("error.front-matter-date", key = "accessed", why = d),
                ));
            }
        };
        sources.push(Source {
            title: src.title,
            publisher: src.publisher,
            url: src.url,
            accessed,
        });
    }
    Ok(sources)
}

/// The checked front matter of `path` (its TOML text `fm_text`): the first mistake is the
/// error, at its line.
fn validate(
    raw: RawFrontMatter,
    fm_text: &str,
    path: &Path,
    topics: &[&str],
) -> Result<FrontMatter> {
    let at = |key: &str| key_location(fm_text, path, key);
    let date =
        |key: &str, v: Option<toml::Value>| v.map(|v| front_date(key, v, || at(key))).transpose();
    let settings = settings(&raw, &at, topics)?;
    let positions = toml_input::field_positions(fm_text);
    let field = |name: &str| {
        let l = toml_input::locate(&positions, path, name);
        Location {
            line: l.line.map(|n| n + 1),
            ..l
        }
    };
    let review = review_of(raw.review, &field, &at)?;
    let sources = sources_of(raw.sources, &field)?;
    if let Some(t) = &raw.template
        && (t.contains("..") || t.starts_with('/'))
    {
        return Err(Error::input(
            at("template"),
            msg!("error.template-name-invalid", value = t),
        ));
    }
    Ok(FrontMatter {
        date: date("date", raw.date)?,
        updated: date("updated", raw.updated)?,
        review,
        sources,
        title: raw.title,
        description: raw.description,
        draft: raw.draft,
        weight: raw.weight,
        slug: raw.slug,
        template: raw.template,
        audience: settings.audience,
        furigana: settings.furigana,
        print: settings.print,
        topics: raw.topics,
        toc: raw.toc,
    })
}

/// Checks that `slug` is a single, safe URL path segment.
pub fn check_slug(slug: &str) -> std::result::Result<(), Text> {
    if slug.is_empty() {
        return Err(t!("part.slug-empty"));
    }
    if slug.contains(['/', '\\']) || slug == "." || slug == ".." || slug.starts_with('.') {
        return Err(t!("part.slug-leaves-folder", slug = slug));
    }
    if slug
        .chars()
        .any(|c| c.is_control() || c.is_whitespace() || "?#%\"'<>&".contains(c))
    {
        return Err(t!("part.slug-bad-character", slug = slug));
    }
    Ok(())
}

/// Whether `key` names a section (`…/_index.md`).
pub fn is_section(key: &str) -> bool {
    key == SECTION_FILE || key.ends_with("/_index.md")
}

/// The section a key belongs to: `a/b.md` → `a/_index.md`, `a/_index.md` → `_index.md`,
/// `_index.md` → none.
pub fn parent_section(key: &str) -> Option<String> {
    if key == SECTION_FILE {
        return None;
    }
    let dir = if is_section(key) {
        key.trim_end_matches("/_index.md")
    } else {
        key
    };
    match dir.rsplit_once('/') {
        Some((parent, _)) => Some(format!("{parent}/{SECTION_FILE}")),
        None => Some(SECTION_FILE.to_string()),
    }
}

/// The output path of a key, relative to the site root, always ending in `/` (or empty for the
/// home page): `stress/coping.md` → `stress/coping/`, with `slug` replacing the file stem.
pub fn url_path(key: &str, slug: Option<&str>) -> String {
    if key == SECTION_FILE {
        return String::new();
    }
    if is_section(key) {
        return format!("{}/", key.trim_end_matches("/_index.md"));
    }
    let (dir, file) = key.rsplit_once('/').map_or(("", key), |(d, f)| (d, f));
    let stem = slug.unwrap_or_else(|| file.trim_end_matches(".md"));
    if dir.is_empty() {
        format!("{stem}/")
    } else {
        format!("{dir}/{stem}/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOPICS: &[&str] = &["alcohol", "stress"];

    #[test]
    fn parses_front_matter_and_body_line() {
        let t = "+++\ntitle = \"ストレス\"\ndate = 2025-04-01\nreview = { date = \"2025-05-10\", by = \"保健師\" }\ntopics = [\"stress\"]\nweight = 2\n+++\n本文\n";
        let p = parse(t, Path::new("a.md"), TOPICS).unwrap();
        assert_eq!(p.front.title, "ストレス");
        assert_eq!(p.front.date, Date::parse("2025-04-01"));
        assert_eq!(
            p.front.review,
            Some(Review {
                date: Date::parse("2025-05-10").unwrap(),
                by: "保健師".into()
            })
        );
        assert_eq!(p.body, "本文\n");
        assert_eq!(p.body_first_line, 8);
    }

    #[test]
    fn front_matter_errors_name_key_and_line() {
        let cases = [
            ("+++\ntitle = \"a\"\ntitel = \"b\"\n+++\n", 3, "titel"),
            ("+++\ntitle = \"a\"\naudience = \"kids\"\n+++\n", 3, "kids"),
            (
                "+++\ntitle = \"a\"\n\ntopics = [\"beer\"]\n+++\n",
                4,
                "beer",
            ),
            (
                "+++\ntitle = \"a\"\nslug = \"../../etc\"\n+++\n",
                3,
                "leave",
            ),
            (
                "+++\ntitle = \"a\"\ndate = \"yesterday\"\n+++\n",
                3,
                "not a date",
            ),
            (
                "+++\ntitle = \"a\"\ndate = \"2026-02-30\"\n+++\n",
                3,
                "day 30 does not exist",
            ),
            (
                "+++\ntitle = \"a\"\nfurigana = \"grade-9\"\n+++\n",
                3,
                "grade-9",
            ),
            ("+++\ntitle = \n+++\n", 2, ""),
            ("no front matter", 1, "no front matter"),
            (
                "---\ntitle: a\n---\n",
                1,
                "tsunagi reads TOML between `+++` lines",
            ),
            ("+++\ntitle = \"a\"\n", 1, "not closed"),
        ];
        for (text, line, needle) in cases {
            let e = parse(text, Path::new("p.md"), TOPICS).unwrap_err();
            let d = e.diagnostic().unwrap();
            assert_eq!(d.location.line, Some(line), "{text}: {d}");
            assert!(d.message.contains(needle), "{text}: {d}");
            assert!(d.hint.is_some(), "{text}");
        }
    }

    #[test]
    fn yaml_front_matter_is_shown_as_toml() {
        let e = parse(
            "---\ntitle: ストレスとの付き合い方\ndate: 2025-04-01\ndraft: false\n---\n本文\n",
            Path::new("p.md"),
            TOPICS,
        )
        .unwrap_err();
        let hint = e.diagnostic().unwrap().hint.clone().unwrap();
        assert!(
            hint.ends_with(
                "+++\ntitle = \"ストレスとの付き合い方\"\ndate = 2025-04-01\ndraft = false\n+++"
            ),
            "{hint}"
        );
    }

    #[test]
    fn keys_sections_and_urls() {
        assert!(is_section("_index.md") && is_section("a/_index.md") && !is_section("a/b.md"));
        assert_eq!(parent_section("a/b/c.md").as_deref(), Some("a/b/_index.md"));
        assert_eq!(
            parent_section("a/b/_index.md").as_deref(),
            Some("a/_index.md")
        );
        assert_eq!(parent_section("a/_index.md").as_deref(), Some("_index.md"));
        assert_eq!(parent_section("top.md").as_deref(), Some("_index.md"));
        assert_eq!(parent_section("_index.md"), None);
        assert_eq!(url_path("_index.md", None), "");
        assert_eq!(url_path("stress/_index.md", None), "stress/");
        assert_eq!(url_path("stress/coping.md", None), "stress/coping/");
        assert_eq!(url_path("stress/coping.md", Some("kotsu")), "stress/kotsu/");
        assert_eq!(url_path("about.md", None), "about/");
    }

    #[test]
    fn slugs_cannot_escape() {
        for bad in ["..", "../x", "a/b", ".hidden", "a b", "", "a\\b"] {
            assert!(check_slug(bad).is_err(), "{bad}");
        }
        assert!(check_slug("kokoro-no-kenko").is_ok());
        assert!(check_slug("相談").is_ok());
    }

    #[test]
    fn sources_are_checked_and_a_review_needs_who() {
        let fm = |extra: &str| format!("+++\ntitle = \"t\"\n{extra}\n+++\n本文\n");
        let ok = fm(
            "sources = [{ title = \"家族会\", publisher = \"厚生労働省\", url = \"https://www.mhlw.go.jp/kokoro/support/3_09_03family.html\", accessed = 2026-12-07 }]",
        );
        let p = parse(&ok, Path::new("a.md"), TOPICS).unwrap();
        assert_eq!(p.front.sources[0].publisher, "厚生労働省");
        assert_eq!(p.front.sources[0].accessed, "2026-12-07");
        let line_of = |text: &str| {
            parse(text, Path::new("a.md"), TOPICS)
                .unwrap_err()
                .diagnostic()
                .unwrap()
                .location
                .line
        };
        // http, a script, no date, a bare reviewed date, a review without who.
        assert_eq!(line_of(&ok.replace("https://", "http://")), Some(3));
        assert_eq!(
            line_of(&ok.replace(
                "https://www.mhlw.go.jp/kokoro/support/3_09_03family.html",
                "javascript:alert(1)"
            )),
            Some(3)
        );
        assert_eq!(line_of(&ok.replace("2026-12-07", "\"昨日\"")), Some(3));
        assert_eq!(line_of(&fm("reviewed = 2025-04-01")), Some(3));
        assert_eq!(
            line_of(&fm("review = { date = 2025-04-01, by = \" \" }")),
            Some(3)
        );
    }
}
