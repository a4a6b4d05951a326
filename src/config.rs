//! `tsunagi.toml`: site-wide settings, read in two steps. `RawConfig` is exactly what the
//! user wrote (unknown keys are errors); [`Config`] is validated and ready to use.
//! Nothing after loading reads command-line flags or raw TOML again.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Location, Result};
use crate::msg;
use crate::toml_input;

/// The file name of the project configuration.
pub const CONFIG_FILE: &str = "tsunagi.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    #[serde(default)]
    description: String,
    base_url: String,
    #[serde(default = "default_language")]
    language: String,
    #[serde(default)]
    languages: BTreeMap<String, crate::language::RawLanguage>,
    #[serde(default = "default_theme")]
    theme: String,
    #[serde(default)]
    furigana: RawFurigana,
    #[serde(default)]
    topics: BTreeMap<String, String>,
    help_page: Option<String>,
    #[serde(default)]
    accessibility: AccessibilityPolicy,
    #[serde(default)]
    data: RawData,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    markdown: RawMarkdown,
    #[serde(default)]
    check: CheckConfig,
    #[serde(default)]
    output: RawOutput,
    #[serde(default)]
    search: SearchConfig,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawOutput {
    minify: Option<bool>,
    file_links: Option<bool>,
}

/// `[search]`: the site search every municipality's site gets.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchConfig {
    /// Give every site a search page, a search box and an index (default true).
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Put every kanji word's reading in the index, so that a query in kana finds it (default
    /// true): the dictionary then reads every page, not only those with furigana.
    #[serde(default = "yes")]
    pub readings: bool,
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig {
            enabled: true,
            readings: true,
        }
    }
}

fn yes() -> bool {
    true
}

/// `[check]`: how `tsunagi check` (and `build`, for error-level rules) reviews the content.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckConfig {
    /// Rule id → `off`, `warning` or `error` (checked against the rules by `check`).
    #[serde(default)]
    pub rules: BTreeMap<String, String>,
    /// A TOML file of words added to the rules' built-in lists (relative to the root).
    pub words: Option<String>,
    /// Pages on these topics give medical or legal facts and need a `reviewed` date.
    pub reviewed_topics: Option<Vec<String>>,
    /// A `reviewed` date older than this many months is reported (default 24).
    pub reviewed_max_age_months: Option<u32>,
    /// Readability limits per audience (`general`, `school`, `family`, `professional`).
    #[serde(default)]
    pub audience: BTreeMap<String, ReadabilityLimits>,
    /// The やさしい日本語 rules' limits and word list (`[check.easy_japanese]`).
    #[serde(default)]
    pub easy_japanese: EasyJapaneseLimits,
}

/// Limits of the やさしい日本語 rules; a missing value keeps the rule's default.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EasyJapaneseLimits {
    /// The longest sentence, in 拍 (morae).
    pub max_mora: Option<usize>,
    /// The most kanji in one sentence.
    pub max_kanji: Option<usize>,
    /// The most clauses (predicates joined by 〜が、〜ので、〜て、…) in one sentence.
    pub max_clauses: Option<usize>,
    /// Katakana words allowed besides the built-in list.
    #[serde(default)]
    pub loanwords: Vec<String>,
}

/// Readability limits for one audience; a missing value keeps the default.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReadabilityLimits {
    /// The longest sentence, in characters.
    pub longest_sentence: Option<usize>,
    /// The average sentence of a page, in characters.
    pub average_sentence: Option<usize>,
    /// The share of kanji among the letters of a page (0 to 1).
    pub kanji_ratio: Option<f64>,
    /// The longest paragraph, in characters.
    pub paragraph: Option<usize>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawMarkdown {
    #[serde(default)]
    unsafe_html: bool,
    max_page_bytes: Option<u64>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawData {
    verified_max_age_months: Option<u32>,
    help_lines_max_age_months: Option<u32>,
}

/// What the generated ウェブアクセシビリティ方針 page says (`[accessibility]` in tsunagi.toml).
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct AccessibilityPolicy {
    /// Target conformance level of JIS X 8341-3:2016: `A`, `AA` or `AAA`.
    #[serde(default = "default_target")]
    pub target: String,
    /// Date the policy was set (`YYYY-MM-DD`, a TOML date or a string), shown on the page.
    #[serde(default, deserialize_with = "crate::toml_input::de_opt_date")]
    pub policy_date: Option<String>,
    /// Who to contact about accessibility problems, in words, when a municipality has no
    /// `[contact]`; defaults to the municipality's health center.
    pub contact: Option<String>,
    /// Where the publisher's own test results are published (an http(s) URL), if they are.
    pub test_results_url: Option<String>,
    /// When the publisher last tested the site (`YYYY-MM-DD`), if they have.
    #[serde(default, deserialize_with = "crate::toml_input::de_opt_date")]
    pub test_date: Option<String>,
    /// Parts of the site outside the target, each in a sentence (例外事項), e.g. PDF files
    /// published by others.
    #[serde(default)]
    pub exceptions: Vec<String>,
}

impl Default for AccessibilityPolicy {
    fn default() -> Self {
        AccessibilityPolicy {
            target: default_target(),
            policy_date: None,
            contact: None,
            test_results_url: None,
            test_date: None,
            exceptions: Vec::new(),
        }
    }
}

fn default_target() -> String {
    "AA".to_string()
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawFurigana {
    default: Option<String>,
    school_grade: Option<u8>,
    lexicon: Option<String>,
}

fn default_language() -> String {
    "ja".to_string()
}

fn default_theme() -> String {
    "default".to_string()
}

/// The validated site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// Site title, e.g. 「こころの健康」.
    pub title: String,
    /// One-sentence description used in `<meta name="description">` when a page has none.
    pub description: String,
    /// Base URL pattern; `{slug}` is replaced by the municipality's slug. Always ends in `/`.
    pub base_url: String,
    /// The line of `base_url` in `tsunagi.toml` (for messages about it).
    pub base_url_line: usize,
    /// BCP 47 language of the content (`ja`).
    pub language: String,
    /// The content's language and its variants (`[languages]`).
    pub languages: crate::language::Languages,
    /// Theme name: a folder under `themes/`, or the embedded `default`.
    pub theme: String,
    /// Site-wide furigana setting.
    pub furigana: crate::furigana::Level,
    /// A reading lexicon file of the project (relative to the root), if any.
    pub lexicon: Option<String>,
    /// Grade used for pages with `audience = "school"` unless they say otherwise.
    pub school_grade: u8,
    /// Known topics: slug → Japanese label. Built-in topics plus the project's own.
    pub topics: BTreeMap<String, String>,
    /// Content key of the page the 「今すぐ相談したい方へ」 box on every page leads to.
    pub help_page: String,
    /// The accessibility policy every site publishes.
    pub accessibility: AccessibilityPolicy,
    /// A window whose `verified` date is older than this many months gets a warning.
    pub verified_max_age_months: u32,
    /// A national help line whose `checked` date is older than this many months gets a
    /// warning.
    pub help_lines_max_age_months: u32,
    /// Files under `content/` and `static/` never published (shell-style patterns), besides
    /// the backups editors leave.
    pub ignore: Vec<String>,
    /// Publish raw HTML in Markdown as written, unsanitised (`[markdown] unsafe_html = true`).
    pub unsafe_html: bool,
    /// The largest Markdown page a build reads, in bytes (`[markdown] max_page_bytes`): a larger
    /// one is refused before it is read.
    pub max_page_bytes: u64,
    /// How content is reviewed (`[check]`).
    pub check: CheckConfig,
    /// Minify the HTML pages (`[output] minify`, default true).
    pub minify: bool,
    /// Links that work from the file system (`[output] file_links`, or `build --for-files`):
    /// every link to a folder ends in `index.html`, so that a site opened by double-click, from
    /// a shared folder or a USB stick, follows its links without a web server.
    pub file_links: bool,
    /// The site search (`[search]`).
    pub search: SearchConfig,
    /// Mark the automatic readings a person should confirm (`tsunagi serve --review`; never
    /// set from `tsunagi.toml`, never in `build`'s output).
    pub review_furigana: bool,
}

/// The largest Markdown page a build reads unless `[markdown] max_page_bytes` says otherwise: 2 MB,
/// a hundred times the longest page of the example, and a page a build handles in about two
/// seconds and 70 MB (README: On paper and performance).
pub const DEFAULT_MAX_PAGE_BYTES: u64 = 2_000_000;

/// Topics every project knows; a project adds its own under `[topics]`.
pub const BUILTIN_TOPICS: &[(&str, &str)] = &[
    ("stress", "ストレス"),
    ("depression", "うつ"),
    ("suicide", "自殺予防"),
    ("alcohol", "アルコール"),
    ("gambling", "ギャンブル"),
    ("gaming", "ゲーム"),
    ("drugs", "薬物"),
    ("addiction", "依存症"),
    ("hikikomori", "ひきこもり"),
    ("dementia", "認知症"),
    ("child-rearing", "子育て"),
    ("family", "家族"),
    ("sleep", "睡眠"),
    ("gatekeeper", "ゲートキーパー"),
    ("school", "学校"),
    ("grief", "大切な人を亡くした方"),
    ("mental-illness", "こころの病気"),
    ("support", "受診と支援制度"),
    ("development", "発達障害"),
    ("perinatal", "妊娠・出産・子育て"),
];

/// Topic slugs must be safe URL path segments.
pub fn is_valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        && !s.starts_with('-')
}

impl Config {
    /// Reads and validates `tsunagi.toml` in `root`.
    pub fn load(root: &Path) -> Result<Config> {
        let path = root.join(CONFIG_FILE);
        let text = crate::files::read_text(&path).map_err(|e| match e {
            Error::Io { .. } if !path.exists() => {
                Error::input(Location::file(&path), msg!("error.not-a-project"))
            }
            other => other,
        })?;
        Self::parse(&text, Path::new(CONFIG_FILE))
    }

    /// Parses and validates configuration text; `path` is used in messages.
    pub fn parse(text: &str, path: &Path) -> Result<Config> {
        let raw: RawConfig = toml_input::parse(text, path, 1)?;
        let at = |key: &str| {
            let line = text
                .lines()
                .position(|l| l.trim_start().starts_with(key))
                .map_or(1, |i| i + 1);
            Location::at(path, line, None)
        };
        let base_url = crate::data::web::base_url(&raw.base_url).map_err(|why| {
            Error::input(at("base_url"), msg!("error.config-base-url", why = why))
        })?;
        let base_url_line = at("base_url").line.unwrap_or(1);
        let furigana_text = raw.furigana.default.unwrap_or_else(|| "none".to_string());
        let furigana = crate::furigana::Level::parse_setting(&furigana_text, at("default"))?;
        let school_grade = raw.furigana.school_grade.unwrap_or(3);
        check_policy(&raw.accessibility, &at)?;
        if !(1..=6).contains(&school_grade) {
            return Err(Error::input(
                at("school_grade"),
                msg!("error.school-grade", value = school_grade),
            ));
        }
        let topics = topics_of(raw.topics, &at)?;
        let languages = crate::language::Languages::from_raw(&raw.language, raw.languages)
            .map_err(|(key, why)| {
                let code = key.split('.').next().unwrap_or(&key);
                let quoted = at(&format!("[languages.\"{code}\"]"));
                let table = match at(&format!("[languages.{code}]")) {
                    l if l.line == Some(1) => quoted,
                    l => l,
                };
                let line = key.split_once('.').map_or(table.clone(), |(_, field)| {
                    let from = table.line.unwrap_or(1);
                    let n = text
                        .lines()
                        .skip(from)
                        .position(|l| l.trim_start().starts_with(field))
                        .map_or(from, |i| from + i + 1);
                    Location::at(path, n, None)
                });
                Error::input(line, why)
            })?;
        Ok(Config {
            title: raw.title,
            description: raw.description,
            base_url,
            base_url_line,
            language: raw.language,
            languages,
            theme: raw.theme,
            furigana,
            lexicon: raw.furigana.lexicon,
            school_grade,
            topics,
            help_page: raw
                .help_page
                .unwrap_or_else(|| "consult/_index.md".to_string()),
            accessibility: raw.accessibility,
            verified_max_age_months: raw.data.verified_max_age_months.unwrap_or(12),
            help_lines_max_age_months: raw.data.help_lines_max_age_months.unwrap_or(12),
            ignore: raw.ignore,
            unsafe_html: raw.markdown.unsafe_html,
            max_page_bytes: raw
                .markdown
                .max_page_bytes
                .unwrap_or(DEFAULT_MAX_PAGE_BYTES),
            check: raw.check,
            minify: raw.output.minify.unwrap_or(true),
            file_links: raw.output.file_links.unwrap_or(false),
            search: raw.search,
            review_furigana: false,
        })
    }

    /// The base URL of the municipality `slug` according to the pattern.
    pub fn base_url_for(&self, slug: &str) -> String {
        self.base_url.replace("{slug}", slug)
    }
}

/// Checks `[accessibility]`: a conformance target of A, AA or AAA, a policy date that is a day,
/// and a web address for the test results.
fn check_policy(policy: &AccessibilityPolicy, at: &dyn Fn(&str) -> Location) -> Result<()> {
    if !matches!(policy.target.as_str(), "A" | "AA" | "AAA") {
        return Err(Error::input(
            at("target"),
            msg!("error.accessibility-target", value = policy.target),
        ));
    }
    if let Some(d) = &policy.policy_date
        && let Err(why) = crate::date::Date::parse_explained(d)
    {
        return Err(Error::input(
            at("policy_date"),
            msg!("error.policy-date", why = why),
        ));
    }
    if let Some(u) = &policy.test_results_url
        && !u.starts_with("https://")
        && !u.starts_with("http://")
    {
        return Err(Error::input(
            at("test_results_url"),
            msg!("error.test-results-url", value = u),
        ));
    }
    Ok(())
}

/// The built-in topics with the project's own `[topics]` added (each a valid slug).
fn topics_of(
    own: BTreeMap<String, String>,
    at: &dyn Fn(&str) -> Location,
) -> Result<BTreeMap<String, String>> {
    let mut topics: BTreeMap<String, String> = BUILTIN_TOPICS
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    for (slug, label) in own {
        if !is_valid_slug(&slug) {
            return Err(Error::input(
                at("[topics]"),
                msg!("error.topic-slug", value = slug),
            ));
        }
        topics.insert(slug, label);
    }
    Ok(topics)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimal_config_gets_defaults() {
        let c = Config::parse(
            "title = \"t\"\nbase_url = \"https://x.jp/{slug}\"\n",
            Path::new("tsunagi.toml"),
        )
        .unwrap();
        assert_eq!(c.base_url_for("hanno"), "https://x.jp/hanno/");
        assert_eq!(c.theme, "default");
        assert_eq!(c.furigana, crate::furigana::Level::None);
        assert!(c.topics.contains_key("alcohol"));
    }

    #[test]
    fn unknown_key_is_an_error_with_line() {
        let e = Config::parse(
            "title = \"t\"\nbase_url = \"https://x.jp/\"\nthem = \"x\"\n",
            Path::new("tsunagi.toml"),
        )
        .unwrap_err();
        let d = e.diagnostic().unwrap();
        assert_eq!(d.location.line, Some(3));
        assert!(d.message.contains("them"));
    }

    #[test]
    fn accessibility_target_is_a_conformance_level() {
        let ok = Config::parse("title = \"t\"\nbase_url = \"https://x.jp/\"\n[accessibility]\ntarget = \"AA\"\npolicy_date = \"2025-04-01\"\n", Path::new("c")).unwrap();
        assert_eq!(ok.accessibility.target, "AA");
        let e = Config::parse(
            "title = \"t\"\nbase_url = \"https://x.jp/\"\n[accessibility]\ntarget = \"AAAA\"\n",
            Path::new("c"),
        )
        .unwrap_err();
        assert!(e.to_string().contains("conformance level"), "{e}");
    }

    #[test]
    fn bad_base_url_and_topic_slug_are_rejected() {
        assert!(Config::parse("title = \"t\"\nbase_url = \"x.jp\"\n", Path::new("c")).is_err());
        let e = Config::parse(
            "title = \"t\"\nbase_url = \"https://x.jp/\"\n[topics]\n\"依存\" = \"x\"\n",
            Path::new("c"),
        )
        .unwrap_err();
        assert!(e.to_string().contains("not a valid slug"));
    }
}
