//! A page body for one town: the analysed Markdown's holes filled (internal links resolved
//! and checked against this town's pages, shortcodes rendered with its data), automatic ruby
//! applied, and the table of contents with this town's shortcode text.

use crate::analyze::Page;
use crate::content::SECTION_FILE;
use crate::error::{Diagnostics, Error, Location, Result};
use crate::furigana::Level;
use crate::markdown::inline_syntax::escape;
use crate::markdown::{Image, InternalLink, LinkKind, Segment, ShortcodeCall};
use crate::messages::Message;
use crate::msg;

use super::paths::{ACCESSIBILITY_PATH, EVENTS_PATH, SITEMAP_PATH};
use super::shortcodes;
use super::town::TownCtx;
use super::view::TocEntry;
use crate::search::SEARCH_PATH;

/// A page body for this town: its HTML, whether it shows ruby, and the plain text each shortcode
/// produced (for the table of contents).
pub(super) struct Body {
    pub(super) html: String,
    pub(super) has_ruby: bool,
    pub(super) shortcode_text: Vec<String>,
}

pub(super) fn render_body(
    ctx: &TownCtx<'_>,
    page: &Page,
    root: &str,
    level: Level,
) -> Result<Body> {
    let doc = &page.doc;
    let mut shortcode_text = vec![String::new(); doc.shortcodes.len()];
    let mut has_ruby = doc
        .segments
        .iter()
        .any(|s| matches!(s, Segment::Html(h) if h.contains("<ruby>")));
    // Every link and shortcode of the page is checked, so that all its mistakes show at once.
    let mut diags = Diagnostics::new();
    let mut out = String::new();
    let mut questionnaires: Vec<&str> = Vec::new();
    for seg in &doc.segments {
        match seg {
            Segment::Html(h) => out.push_str(h),
            Segment::Text(n) => {
                let (html, ruby) = ctx.ruby_html(&doc.texts[*n], level);
                has_ruby |= ruby;
                out.push_str(&html);
            }
            Segment::Link(n) => {
                if let Some(url) = diags.take(link_url(ctx, page, &doc.links[*n], root)) {
                    out.push_str(&escape(&url));
                }
            }
            Segment::Image(n) => {
                if let Some(img) = diags.take(image_html(ctx, page, &doc.images[*n], root)) {
                    out.push_str(&img);
                }
            }
            Segment::Shortcode(n) => {
                let call = &doc.shortcodes[*n];
                if call.name == shortcodes::QUESTIONNAIRE
                    && let Some(id) = call.args.get("id").and_then(|v| v.as_str())
                {
                    // Its form's ids are the questionnaire's: twice on a page, they would clash.
                    if questionnaires.contains(&id) {
                        diags.record(Error::input(
                            body_location(page, call.line, call.column),
                            msg!("error.questionnaire-twice", id = id),
                        ));
                        continue;
                    }
                    questionnaires.push(id);
                }
                if let Some(html) = diags.take(shortcode_html(ctx, page, call, root)) {
                    shortcode_text[*n] = strip_tags(&html);
                    let (html, ruby) = ctx.ruby_in_html(&html, level);
                    has_ruby |= ruby;
                    out.push_str(&html);
                }
            }
        }
    }
    diags.finish(Body {
        html: out,
        has_ruby,
        shortcode_text,
    })
}

/// Where `page` is in its file at (`line`, `column`) of its body.
fn body_location(page: &Page, line: usize, column: usize) -> Location {
    Location::at(&page.path, line + page.body_first_line - 1, Some(column))
}

/// What a link of a page points at in this town's site.
enum Target<'a> {
    /// A page (its key), whose headings an anchor must name.
    Page(&'a str),
    /// A file or a generated page, by path from the site root.
    File(String),
}

/// What `path` (from the content root, as [`join_relative`] gives it) is in this town's site: a
/// page by its file (`stress/sleep.md`), its folder (`stress/`) or its URL path
/// (`stress/sleep/`), a file copied into the site (`stress/leaflet.pdf`), or a page or file
/// tsunagi generates (`events/`, `data/windows.csv`).
fn target<'a>(ctx: &TownCtx<'a>, path: &str) -> Option<Target<'a>> {
    // From a page in a variant language, a relative link to a page or file the language does
    // not have leads to the content's own.
    let languages = &ctx.site.config.languages;
    let main = languages.main_key(path);
    in_town(ctx, path).or_else(|| (main != path).then(|| in_town(ctx, main)).flatten())
}

/// What `path` is in this town's site, without looking for it in another language.
fn in_town<'a>(ctx: &TownCtx<'a>, path: &str) -> Option<Target<'a>> {
    let page = |key: &str| ctx.pages.get_key_value(key).map(|(k, _)| Target::Page(k));
    if path.ends_with(".md") {
        return page(path);
    }
    if path.is_empty() || path.ends_with('/') {
        if let Some(t) = page(&format!("{path}{SECTION_FILE}")) {
            return Some(t);
        }
        if let Some((k, _)) = ctx.paths.iter().find(|(_, p)| p.as_str() == path) {
            return page(k);
        }
    } else if ctx.assets.contains_key(path) {
        return Some(Target::File(path.to_string()));
    }
    let m = &ctx.town.municipality;
    let generated = [
        ACCESSIBILITY_PATH,
        EVENTS_PATH,
        SITEMAP_PATH,
        "topics/",
        "sitemap.xml",
        "robots.txt",
    ]
    .contains(&path)
        || (path == SEARCH_PATH && ctx.site.config.search.enabled)
        || [
            "data/windows.csv",
            "data/windows.json",
            "data/events.csv",
            "data/events.json",
        ]
        .contains(&path)
        || path == format!("{EVENTS_PATH}calendar.ics")
        || m.events
            .iter()
            .any(|e| path == format!("{EVENTS_PATH}{}.ics", e.id))
        || ctx.topics.keys().any(|t| path == format!("topics/{t}/"));
    generated.then(|| Target::File(path.to_string()))
}

/// The URL of an internal link for this town, checked: the page must be one this town
/// publishes (or, for a relative link, a file of its site), and the anchor one of its headings.
fn link_url(ctx: &TownCtx<'_>, page: &Page, link: &InternalLink, root: &str) -> Result<String> {
    let broken = |message| {
        Error::input(body_location(page, link.line, link.column), message).with_rule("broken-link")
    };
    let written = match link.kind {
        LinkKind::Content => format!("@/{}", link.path),
        LinkKind::Relative => link.path.clone(),
    };
    let languages = &ctx.site.config.languages;
    let joined = match link.kind {
        LinkKind::Content => Some(normalize_link_key(&link.path)),
        LinkKind::Relative => join_relative(&page.key, &link.path),
    }
    .map(|k| languages.internal_key(&k));
    let target = joined.as_deref().and_then(|k| match link.kind {
        LinkKind::Content => ctx.pages.get_key_value(k).map(|(k, _)| Target::Page(k)),
        LinkKind::Relative => target(ctx, k),
    });
    let Some(target) = target else {
        return Err(broken(unresolved_link(ctx, page, link, &written, joined)));
    };
    let (mut url, target_page) = match target {
        Target::Page(k) => (format!("{root}{}", ctx.paths[k]), Some(ctx.pages[k])),
        Target::File(path) => (format!("{root}{path}"), None),
    };
    if let Some(anchor) = &link.anchor {
        if let Some(target) = target_page {
            check_anchor(ctx, target, anchor, &written).map_err(broken)?;
        }
        url.push('#');
        url.push_str(anchor);
    }
    Ok(url)
}

/// What to say of a link (`written`) that leads to nothing this town publishes: a page withdrawn
/// for it, a relative link above the top of the site (`joined` is `None`: a town's own page
/// stands where the shared one would), or a broken link, with the nearest page for an `@/` one.
fn unresolved_link(
    ctx: &TownCtx<'_>,
    page: &Page,
    link: &InternalLink,
    written: &str,
    joined: Option<String>,
) -> Message {
    let slug = &ctx.town.municipality.slug;
    let above_the_top = joined.is_none();
    let key = joined.unwrap_or_else(|| link.path.clone());
    match ctx.town.withdrawn.get(key.as_str()) {
        Some(draft) => msg!(
            "error.link-withdrawn",
            link = written,
            slug = slug,
            key = key,
            draft = draft.display()
        ),
        None if link.kind == LinkKind::Relative && above_the_top => {
            let fix = format!("@/{}", link.path.trim_start_matches("../"));
            msg!(
                "error.link-relative-above",
                link = written,
                page = page.key,
                fix = fix
            )
        }
        None if link.kind == LinkKind::Relative => {
            msg!(
                "error.link-relative-broken",
                link = written,
                slug = slug,
                key = key
            )
        }
        None => msg!(
            "error.link-broken",
            link = written,
            suggest = crate::error::did_you_mean(&key, ctx.pages.keys().copied()),
            slug = slug,
            key = key
        ),
    }
}

/// Refuses an `anchor` of a link (`written`) that names none of the `target` page's headings,
/// listing them (or saying it has none).
fn check_anchor(
    ctx: &TownCtx<'_>,
    target: &Page,
    anchor: &str,
    written: &str,
) -> std::result::Result<(), Message> {
    if target.doc.headings.iter().any(|h| h.id == anchor) {
        return Ok(());
    }
    let slug = &ctx.town.municipality.slug;
    let ids: Vec<_> = target.doc.headings.iter().map(|h| h.id.as_str()).collect();
    if ids.is_empty() {
        return Err(msg!(
            "error.anchor-no-headings",
            anchor = anchor,
            link = written,
            slug = slug
        ));
    }
    Err(msg!(
        "error.anchor-broken",
        anchor = anchor,
        link = written,
        suggest = crate::error::did_you_mean(anchor, ids.iter().copied()),
        slug = slug,
        ids = ids.join(", ")
    ))
}

/// The `<img>` of an image of the site, with its width and height read from the file so that
/// the page does not jump while it loads.
fn image_html(ctx: &TownCtx<'_>, page: &Page, image: &Image, root: &str) -> Result<String> {
    let key = join_relative(&page.key, &image.src);
    // A variant's page stands in its language's folder; its images stay beside the original.
    let languages = &ctx.site.config.languages;
    let asset = |k: &str| {
        ctx.assets
            .get_key_value(k)
            .or_else(|| ctx.assets.get_key_value(languages.main_key(k)))
    };
    let Some((key, bytes)) = key.as_deref().and_then(asset) else {
        return Err(Error::input(
            body_location(page, image.line, image.column),
            msg!(
                "error.image-missing",
                src = image.src,
                slug = ctx.town.municipality.slug
            ),
        )
        .with_rule("missing-image"));
    };
    let mut html = format!(
        "<img src=\"{}\" alt=\"{}\"",
        escape(&format!("{root}{key}")),
        escape(&image.alt)
    );
    if let Ok(size) = imagesize::blob_size(bytes) {
        html.push_str(&format!(
            " width=\"{}\" height=\"{}\"",
            size.width, size.height
        ));
    }
    if !image.title.is_empty() {
        html.push_str(&format!(" title=\"{}\"", escape(&image.title)));
    }
    html.push('>');
    Ok(html)
}

/// `path`, written in the file with content key `key`, as a path from the content root: read
/// from that file's folder, `.` and `..` resolved, a trailing `/` kept. `None` when it climbs
/// above the content root.
fn join_relative(key: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = key.split('/').collect();
    parts.pop();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut joined = parts.join("/");
    let folder =
        path.is_empty() || path.ends_with('/') || path.ends_with("/.") || path.ends_with("..");
    if folder && !joined.is_empty() {
        joined.push('/');
    }
    Some(joined)
}

/// A shortcode's HTML for this town. A shortcode inside a sentence must not make a block.
fn shortcode_html(
    ctx: &TownCtx<'_>,
    page: &Page,
    call: &ShortcodeCall,
    root: &str,
) -> Result<String> {
    let at = body_location(page, call.line, call.column);
    let help = ctx.help_url(root, &page.key);
    let env = shortcodes::Env {
        municipality: ctx.municipality_of(&page.key),
        root,
        topics: &ctx.site.config.topics,
        help_url: help.as_deref(),
        today: ctx.today,
        audience: page
            .front
            .audience
            .map(crate::data::audience::PageAudience::key),
        questionnaires: &ctx.site.questionnaires,
        help_lines: &ctx.site.help_lines,
        lang: &page.language,
        labels: ctx.labels_of(&page.key),
    };
    let html = shortcodes::render(ctx.templates.get()?, &ctx.site.theme, call, &env)
        .map_err(|m| Error::input(at.clone(), m))?;
    if !call.block
        && let Some(tag) = first_block_tag(&html)
    {
        return Err(Error::input(
            at,
            msg!("error.shortcode-block-inline", name = call.name, tag = tag),
        )
        .with_rule("block-shortcode-inline"));
    }
    Ok(html)
}

/// The first block-level element of an HTML fragment, if it has one: such a fragment cannot go
/// inside a `<p>` (or a heading, or a table cell) without making the page invalid.
fn first_block_tag(html: &str) -> Option<&str> {
    crate::html::tags(html)
        .filter(|t| !t.closing)
        .find_map(|t| {
            crate::html::BLOCK_ELEMENTS
                .iter()
                .find(|b| t.name.eq_ignore_ascii_case(b))
                .copied()
        })
}

/// Level 2 and 3 headings, their text with this town's shortcode output filled in.
pub(super) fn toc(page: &Page, shortcode_text: &[String]) -> Vec<TocEntry> {
    use crate::markdown::HeadingPart;
    page.doc
        .headings
        .iter()
        .filter(|h| (2..=3).contains(&h.level))
        .map(|h| TocEntry {
            level: h.level,
            id: h.id.clone(),
            text: h
                .parts
                .iter()
                .map(|p| match p {
                    HeadingPart::Text(t) => t.as_str(),
                    HeadingPart::Shortcode(n) => shortcode_text.get(*n).map_or("", String::as_str),
                })
                .collect::<String>()
                .trim()
                .to_string(),
        })
        .collect()
}

/// The text of an HTML fragment: tags dropped, the entities tera and tsunagi write decoded.
fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    crate::html::decode_entities(&out)
}

/// `addiction/` and `addiction` mean the section `addiction/_index.md`; `` means the home page.
pub(super) fn normalize_link_key(path: &str) -> String {
    let p = path.trim_start_matches('/');
    if p.is_empty() {
        SECTION_FILE.to_string()
    } else if p.ends_with(".md") {
        p.to_string()
    } else {
        format!("{}/{SECTION_FILE}", p.trim_end_matches('/'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_keys_name_pages_and_sections() {
        assert_eq!(
            normalize_link_key("addiction/alcohol.md"),
            "addiction/alcohol.md"
        );
        assert_eq!(normalize_link_key("addiction/"), "addiction/_index.md");
        assert_eq!(normalize_link_key("addiction"), "addiction/_index.md");
        assert_eq!(normalize_link_key(""), "_index.md");
    }

    #[test]
    fn relative_paths_are_read_from_the_files_folder() {
        let cases = [
            ("stress/coping.md", "sleep.md", Some("stress/sleep.md")),
            ("stress/coping.md", "./zu.png", Some("stress/zu.png")),
            ("stress/coping.md", "../consult/", Some("consult/")),
            ("stress/_index.md", "sleep/", Some("stress/sleep/")),
            ("stress/coping.md", "..", Some("")),
            ("about.md", "../../etc/passwd", None),
            ("kids/fig.md", "zu.png", Some("kids/zu.png")),
        ];
        for (key, path, expected) in cases {
            assert_eq!(
                join_relative(key, path).as_deref(),
                expected,
                "{key} + {path}"
            );
        }
    }

    #[test]
    fn block_tags_are_found_and_phrasing_is_not() {
        assert_eq!(
            first_block_tag("<section class=\"w\"><ul>"),
            Some("section")
        );
        assert_eq!(first_block_tag("所沢市"), None);
        assert_eq!(
            first_block_tag("<a href=\"x\"><strong>所沢市</strong></a><br>"),
            None
        );
        assert_eq!(first_block_tag("<p>"), Some("p"));
    }

    #[test]
    fn tags_are_stripped_and_entities_decoded() {
        assert_eq!(
            strip_tags("<a href=\"x\">飯能市 &amp; 保健所</a>"),
            "飯能市 & 保健所"
        );
    }
}
