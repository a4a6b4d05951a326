//! The view model templates see: small serializable structs borrowed from the analysed site.
//! Templates never see the pipeline's own types, so those can change without breaking themes.

use serde::Serialize;

/// `site` in templates.
#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    /// Site title from tsunagi.toml.
    pub title: &'a str,
    /// Site description.
    pub description: &'a str,
    /// Content language, `ja`.
    pub language: &'a str,
}

impl<'a> SiteView<'a> {
    /// The view of the site configuration.
    pub fn of(cfg: &'a crate::config::Config) -> Self {
        SiteView {
            title: &cfg.title,
            description: &cfg.description,
            language: &cfg.language,
        }
    }
}

/// A link to a page in listings, navigation and breadcrumbs.
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    /// Page title.
    pub title: String,
    /// URL relative to the current page.
    pub url: String,
    /// Description, when the page has one (or the first paragraph).
    pub description: String,
    /// Whether this is the current page or one of its ancestors (navigation only).
    pub current: bool,
}

/// A topic (taxonomy term).
#[derive(Debug, Clone, Serialize)]
pub struct TopicView {
    /// Slug, e.g. `alcohol`.
    pub slug: String,
    /// Japanese label.
    pub label: String,
    /// URL of its listing page, relative to the current page.
    pub url: String,
    /// Number of pages with this topic (listing pages only).
    pub count: usize,
}

/// `page` in templates.
#[derive(Debug, Serialize)]
pub struct PageView<'a> {
    /// Title.
    pub title: &'a str,
    /// Description (front matter, or the first paragraph).
    pub description: String,
    /// Body HTML, ready to insert with `| safe`.
    pub content: String,
    /// The title as HTML with automatic furigana (for the `h1`; never for `<title>`).
    pub title_html: String,
    /// Whether the page shows any ruby (so the theme offers the ふりがな button).
    pub has_ruby: bool,
    /// The furigana setting in force (`none`, `grade-3`…).
    pub furigana: String,
    /// Headings of level 2 and 3, when the page asks for a table of contents.
    pub toc: Vec<TocEntry>,
    /// Dates, `YYYY-MM-DD`.
    pub date: Option<&'a str>,
    /// Last update.
    pub updated: Option<&'a str>,
    /// Date a professional last checked the content.
    pub reviewed: Option<&'a str>,
    /// Audience.
    pub audience: Option<&'a str>,
    /// Topics.
    pub topics: Vec<TopicView>,
    /// Path from the site root, e.g. `stress/coping/` (empty for the home page).
    pub path: String,
    /// Absolute URL.
    pub permalink: String,
    /// Whether this is a section.
    pub is_section: bool,
    /// Ancestors from the home page down to the parent.
    pub breadcrumbs: Vec<LinkView>,
    /// Previous page in the section.
    pub previous: Option<LinkView>,
    /// Next page in the section.
    pub next: Option<LinkView>,
    /// Sections only: pages, by weight then title.
    pub pages: Vec<LinkView>,
    /// Sections only: subsections, by weight then title.
    pub subsections: Vec<LinkView>,
}

/// An entry of a page's table of contents.
#[derive(Debug, Serialize)]
pub struct TocEntry {
    /// 2 or 3.
    pub level: u8,
    /// The heading's id.
    pub id: String,
    /// The heading's text as this municipality's page shows it (shortcodes filled in).
    pub text: String,
}
