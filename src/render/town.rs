//! One municipality's site as every page of it sees it: its pages and their paths, sections and
//! topics, its files, its furigana, and the theme's compiled templates ([`TownCtx`]); built once
//! per town by [`town_ctx`], which also refuses what would make two pages one address.

use std::collections::BTreeMap;

use crate::analyze::{AnalyzedSite, Page, Town};
use crate::content::{self, SECTION_FILE};
use crate::data::holidays::Date;
use crate::error::{Diagnostics, Error, Location, Result};
use crate::furigana::{Annotator, Level};
use crate::labels::Labels;
use crate::msg;
use crate::search::SEARCH_PATH;
use crate::theme::{self, error_chain};

use super::paths::{
    ACCESSIBILITY_PATH, EVENTS_PATH, PRINT_PATH, RESERVED, SITEMAP_PATH, leaflet_path,
    reserved_for, wants_leaflet,
};
use super::view::{HelpLineView, LinkView, SiteView, TopicView};
use super::{print, shortcodes};

/// The theme's templates, compiled the first time they are needed.
pub(super) struct Templates<'a> {
    theme: &'a theme::Theme,
    compiled: std::sync::OnceLock<tera::Tera>,
    compiling: std::sync::Mutex<()>,
}

impl<'a> Templates<'a> {
    pub(super) fn new(theme: &'a theme::Theme) -> Self {
        Templates {
            theme,
            compiled: std::sync::OnceLock::new(),
            compiling: std::sync::Mutex::new(()),
        }
    }

    /// The compiled templates (compiled once, by the first thread that asks).
    pub(super) fn get(&self) -> Result<&tera::Tera> {
        if let Some(tera) = self.compiled.get() {
            return Ok(tera);
        }
        let _one_at_a_time = self.compiling.lock();
        if let Some(tera) = self.compiled.get() {
            return Ok(tera);
        }
        let tera = theme::compile(self.theme)?;
        Ok(self.compiled.get_or_init(|| tera))
    }
}

/// Everything about one town that every page of it needs.
pub(super) struct TownCtx<'a> {
    pub(super) site: &'a AnalyzedSite,
    pub(super) templates: &'a Templates<'a>,
    pub(super) town: &'a Town,
    pub(super) pages: BTreeMap<&'a str, &'a Page>,
    /// Key → path from the site root (`stress/coping/`).
    pub(super) paths: BTreeMap<&'a str, String>,
    /// Section key → child page keys and child section keys, sorted.
    pub(super) children: BTreeMap<&'a str, (Vec<&'a str>, Vec<&'a str>)>,
    /// Topic slug → page keys, for topics used in this town.
    pub(super) topics: BTreeMap<&'a str, Vec<&'a str>>,
    /// Files copied into this town's site (content and `static/` assets, theme files), by path
    /// from the site root: what relative links and images may point at.
    pub(super) assets: BTreeMap<&'a str, &'a [u8]>,
    /// Automatic furigana with this town's lexicon.
    pub(super) annotator: Annotator,
    /// The build date.
    pub(super) today: Date,
    /// The language the town's pages are rendered in (`ja`, `easy`, `en`).
    pub(super) lang: &'a str,
    /// The frame's labels in that language.
    pub(super) labels: &'a Labels,
}

pub(super) fn sort_key(p: &Page) -> (bool, i64, &str, &str) {
    (
        p.front.weight.is_none(),
        p.front.weight.unwrap_or(0),
        p.front.title.as_str(),
        p.key.as_str(),
    )
}

/// The context of `town` in language `lang` (the one place that chooses the language of the
/// frame: everything else reads `labels`), after refusing what would make two pages one address, a page at a
/// generated page's address, a missing help page or a page whose section is missing.
pub(super) fn town_ctx<'a>(
    site: &'a AnalyzedSite,
    templates: &'a Templates<'a>,
    town: &'a Town,
    annotator: Annotator,
    today: Date,
    lang: &'a str,
) -> Result<TownCtx<'a>> {
    let labels = site.theme.labels_of(lang, &site.config.language);
    let pages = town.pages(&site.shared);
    let paths = page_paths(&pages)?;
    check_reserved(&pages, &paths)?;
    check_help_page(site, town, &pages)?;
    let (children, topics) = tree(town, &pages)?;
    let assets = site
        .theme
        .static_files
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_slice()))
        .chain(
            site.assets
                .iter()
                .chain(&town.assets)
                .map(|a| (a.key.as_str(), a.bytes.as_slice())),
        )
        .collect();
    Ok(TownCtx {
        site,
        templates,
        town,
        pages,
        assets,
        paths,
        children,
        topics,
        annotator,
        today,
        lang,
        labels,
    })
}

/// Each page's path from the site root; two pages (or a page and another's leaflet) at one
/// address are an error.
fn page_paths<'a>(pages: &BTreeMap<&'a str, &'a Page>) -> Result<BTreeMap<&'a str, String>> {
    let mut paths = BTreeMap::new();
    let mut owners: BTreeMap<String, &str> = BTreeMap::new();
    for (key, page) in pages {
        let path = content::url_path(key, page.front.slug.as_deref());
        if let Some(other) = owners.insert(path.clone(), key) {
            return Err(Error::input(
                Location::file(&page.path),
                msg!("error.url-clash", other = other, path = path),
            ));
        }
        if wants_leaflet(pages, key) {
            let leaflet = leaflet_path(&path);
            if let Some(other) = owners.insert(leaflet.clone(), key) {
                return Err(Error::input(
                    Location::file(&page.path),
                    msg!("error.url-clash", other = other, path = leaflet),
                ));
            }
        }
        paths.insert(*key, path);
    }
    Ok(paths)
}

/// Pages tsunagi generates own these URLs and everything below them: every content page there
/// is an error.
fn check_reserved(pages: &BTreeMap<&str, &Page>, paths: &BTreeMap<&str, String>) -> Result<()> {
    let mut reserved = Diagnostics::new();
    for (key, path) in paths {
        if let Some(prefix) = RESERVED.iter().find(|p| path.starts_with(*p)) {
            reserved.record(Error::input(
                Location::file(&pages[key].path),
                msg!(
                    "error.url-reserved",
                    path = path,
                    prefix = prefix,
                    what = reserved_for(prefix)
                ),
            ));
        }
    }
    reserved.finish(())
}

/// The help box on every page must never lose its link: the help page must be one of the
/// town's pages.
fn check_help_page(site: &AnalyzedSite, town: &Town, pages: &BTreeMap<&str, &Page>) -> Result<()> {
    let help = site.config.help_page.as_str();
    if pages.contains_key(help) {
        return Ok(());
    }
    let slug = &town.municipality.slug;
    let (location, why) = match town.withdrawn.get(help) {
        Some(draft) => (
            Location::file(draft),
            msg!("error.help-page-withdrawn", help = help, slug = slug),
        ),
        None => (
            Location::file(crate::config::CONFIG_FILE),
            msg!("error.help-page-missing", help = help, slug = slug),
        ),
    };
    Err(Error::input(location, why).with_rule("missing-help-page"))
}

/// Section key → its pages and subsections, and topic → its pages, each sorted; a page whose
/// section has no `_index.md` is an error.
type Tree<'a> = (
    BTreeMap<&'a str, (Vec<&'a str>, Vec<&'a str>)>,
    BTreeMap<&'a str, Vec<&'a str>>,
);

/// The town's sections and topics (see [`Tree`]).
fn tree<'a>(town: &Town, pages: &BTreeMap<&'a str, &'a Page>) -> Result<Tree<'a>> {
    let mut children: BTreeMap<&str, (Vec<&str>, Vec<&str>)> = BTreeMap::new();
    let mut topics: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (key, page) in pages {
        if let Some(parent) = content::parent_section(key) {
            let Some((parent_key, _)) = pages.get_key_value(parent.as_str()) else {
                return Err(Error::input(
                    Location::file(&page.path),
                    msg!(
                        "error.section-missing",
                        file = SECTION_FILE,
                        section = parent,
                        slug = town.municipality.slug
                    ),
                ));
            };
            let entry = children.entry(parent_key).or_default();
            if page.is_section() {
                entry.1.push(key);
            } else {
                entry.0.push(key);
            }
        }
        for t in &page.front.topics {
            topics.entry(t.as_str()).or_default().push(key);
        }
    }
    for (list_pages, list_sections) in children.values_mut() {
        list_pages.sort_by_key(|k| sort_key(pages[k]));
        list_sections.sort_by_key(|k| sort_key(pages[k]));
    }
    for list in topics.values_mut() {
        list.sort_by_key(|k| sort_key(pages[k]));
    }
    Ok((children, topics))
}

impl<'a> TownCtx<'a> {
    /// `<html lang>`: the site's language for the default language (as before), else the code.
    /// (The lead's `[languages]` table will give `easy` its `html_lang = "ja"`.)
    pub(super) fn html_lang(&self) -> &str {
        if self.lang == self.site.config.language {
            &self.site.config.language
        } else if self.lang == "easy" {
            "ja"
        } else {
            self.lang
        }
    }

    /// The labels of the site's default language, for what is data rather than frame (the open
    /// data files), whatever language the pages are in.
    pub(super) fn default_labels(&self) -> &'a Labels {
        let code = &self.site.config.language;
        self.site.theme.labels_of(code, code)
    }

    pub(super) fn link(&self, key: &str, root: &str, current: &str) -> LinkView {
        let page = self.pages[key];
        let path = &self.paths[key];
        LinkView {
            title: page.front.title.clone(),
            url: format!("{root}{path}"),
            description: page
                .front
                .description
                .clone()
                .unwrap_or_else(|| page.doc.summary.clone()),
            current: !path.is_empty() && current.starts_with(path.as_str()),
        }
    }

    pub(super) fn nav(&self, root: &str, current: &str) -> Vec<LinkView> {
        self.children
            .get(SECTION_FILE)
            .map_or_else(Vec::new, |(_, sections)| {
                sections
                    .iter()
                    .map(|k| self.link(k, root, current))
                    .collect()
            })
    }

    /// The help page, at the town's own windows when the page has them (`help_guide`).
    pub(super) fn help_url(&self, root: &str) -> Option<String> {
        let key = self.site.config.help_page.as_str();
        let path = self.paths.get(key)?;
        let guide = self.pages.get(key).is_some_and(|p| {
            p.doc
                .shortcodes
                .iter()
                .any(|s| s.name == shortcodes::HELP_GUIDE)
        });
        Some(if guide {
            format!("{root}{path}#{}", shortcodes::TOWN_WINDOWS_ID)
        } else {
            format!("{root}{path}")
        })
    }

    pub(super) fn topic_views(&self, slugs: &[String], root: &str) -> Vec<TopicView> {
        slugs
            .iter()
            .map(|s| TopicView {
                slug: s.clone(),
                label: self
                    .site
                    .config
                    .topics
                    .get(s)
                    .cloned()
                    .unwrap_or_else(|| s.clone()),
                url: format!("{root}topics/{s}/"),
                count: self.topics.get(s.as_str()).map_or(0, Vec::len),
            })
            .collect()
    }

    pub(super) fn base_context(&self, root: &str, current: &str) -> tera::Context {
        let mut c = tera::Context::new();
        c.insert("has_ruby", &(self.town_level() != Level::None));
        c.insert("has_badges", &false);
        c.insert("labels", self.labels.tree());
        c.insert("lang", self.lang);
        c.insert("html_lang", &self.html_lang());
        c.insert("site", &SiteView::of(&self.site.config));
        c.insert("municipality", &self.town.municipality);
        c.insert("root", root);
        c.insert("nav", &self.nav(root, current));
        c.insert("help_url", &self.help_url(root));
        let lines = &self.site.help_lines;
        let phones: Vec<&crate::data::help_lines::HelpLine> =
            lines.lines.iter().filter(|l| l.is_phone()).collect();
        c.insert("national_lines", &HelpLineView::all(&phones, self.labels));
        c.insert(
            "help_lines",
            &HelpLineView::all(&lines.help_box(None), self.labels),
        );
        c.insert(
            "chat_lines",
            &HelpLineView::all(&lines.chats(None), self.labels),
        );
        c.insert("lines_as_of", &lines.checked_as_of().map(|d| d.to_string()));
        c.insert("topics_url", &format!("{root}topics/"));
        c.insert("accessibility_url", &format!("{root}{ACCESSIBILITY_PATH}"));
        c.insert("events_url", &format!("{root}{EVENTS_PATH}"));
        c.insert("site_map_url", &format!("{root}{SITEMAP_PATH}"));
        c.insert("print_url", &format!("{root}{PRINT_PATH}"));
        c.insert(
            "search_url",
            &self
                .site
                .config
                .search
                .enabled
                .then(|| format!("{root}{SEARCH_PATH}")),
        );
        c
    }

    /// Renders the template of the page at `path` (from the site root): gives the theme's own
    /// words readings at `level` and every in-site link its absolute address for print.
    pub(super) fn render_template(
        &self,
        name: &str,
        context: &tera::Context,
        what: &std::path::Path,
        level: Level,
        path: &str,
    ) -> Result<String> {
        if !self.site.theme.templates.contains_key(name) {
            return Err(Error::input(
                Location::file(what),
                msg!("error.template-not-found", name = name),
            ));
        }
        let html = self.templates.get()?.render(name, context).map_err(|e| {
            let origin = self.site.theme.templates[name].origin.display().to_string();
            Error::input(
                Location::file(what),
                msg!(
                    "error.template-failed",
                    template = origin,
                    why = error_chain(&e)
                ),
            )
        })?;
        let html = self.ruby_in_page(&html, level);
        Ok(
            match url::Url::parse(&self.town.municipality.base_url).and_then(|u| u.join(path)) {
                Ok(page_url) => print::with_print_urls(&html, &page_url),
                Err(_) => html,
            },
        )
    }
}
