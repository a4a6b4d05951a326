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
    /// Page key → the section it is listed in (none for a language's home page).
    pub(super) parents: BTreeMap<&'a str, &'a str>,
    /// The municipality in each language it has words for (`[languages.<code>]`).
    pub(super) localized: BTreeMap<&'a str, crate::municipality::Municipality>,
    /// Files copied into this town's site (content and `static/` assets, theme files), by path
    /// from the site root: what relative links and images may point at.
    pub(super) assets: BTreeMap<&'a str, &'a [u8]>,
    /// Automatic furigana with this town's lexicon.
    pub(super) annotator: Annotator,
    /// The build date.
    pub(super) today: Date,
    /// The frame's labels in the content's own language (`ja`): those of the pages tsunagi
    /// generates (topics, events, the policy, the site map, search, print); a content page's
    /// are [`TownCtx::labels_of`] its key.
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

/// The context of `town` (its pages in every language), after refusing what would make two
/// pages one address, a page at a generated page's address, a missing help page or a page whose
/// section is missing.
pub(super) fn town_ctx<'a>(
    site: &'a AnalyzedSite,
    templates: &'a Templates<'a>,
    town: &'a Town,
    annotator: Annotator,
    today: Date,
) -> Result<TownCtx<'a>> {
    let main = &site.config.language;
    let labels = site.theme.labels_of(main, main);
    let pages = town.pages(&site.shared);
    let paths = page_paths(&pages, &site.config.languages)?;
    check_reserved(&pages, &paths)?;
    check_help_page(site, town, &pages)?;
    let Tree {
        children,
        topics,
        parents,
    } = tree(site, town, &pages)?;
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
    let localized = site
        .config
        .languages
        .variants()
        .iter()
        .filter_map(|l| {
            let m = town.municipality.in_language(&l.code)?;
            Some((l.code.as_str(), m))
        })
        .collect();
    Ok(TownCtx {
        site,
        templates,
        town,
        localized,
        pages,
        assets,
        paths,
        children,
        topics,
        parents,
        annotator,
        today,
        labels,
    })
}

/// Each page's path from the site root; two pages (or a page and another's leaflet) at one
/// address are an error.
fn page_paths<'a>(
    pages: &BTreeMap<&'a str, &'a Page>,
    languages: &crate::language::Languages,
) -> Result<BTreeMap<&'a str, String>> {
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
        if wants_leaflet(pages, languages, key) {
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

/// Section key → its pages and subsections, topic → its pages (in the content's own language),
/// each sorted, and page → the
/// section it is listed in. A page whose section has no `_index.md` is an error, except in a
/// variant language: a page there is listed in its nearest section that has the variant, at
/// the least the language's home page (a variant needs no copy of every section).
pub(super) struct Tree<'a> {
    pub(super) children: BTreeMap<&'a str, (Vec<&'a str>, Vec<&'a str>)>,
    pub(super) topics: BTreeMap<&'a str, Vec<&'a str>>,
    pub(super) parents: BTreeMap<&'a str, &'a str>,
}

/// The town's sections and topics (see [`Tree`]).
fn tree<'a>(
    site: &AnalyzedSite,
    town: &Town,
    pages: &BTreeMap<&'a str, &'a Page>,
) -> Result<Tree<'a>> {
    let mut t = Tree {
        children: BTreeMap::new(),
        topics: BTreeMap::new(),
        parents: BTreeMap::new(),
    };
    let languages = &site.config.languages;
    for (key, page) in pages {
        if let Some(parent) = languages.parent_section(key) {
            let parent_key = listed_in(site, town, pages, page, parent)?;
            t.parents.insert(key, parent_key);
            let entry = t.children.entry(parent_key).or_default();
            if page.is_section() {
                entry.1.push(key);
            } else {
                entry.0.push(key);
            }
        }
        // The topic pages are in the content's own language, and list its pages only.
        if page.language != languages.main().code {
            continue;
        }
        for topic in &page.front.topics {
            t.topics.entry(topic.as_str()).or_default().push(key);
        }
    }
    for (list_pages, list_sections) in t.children.values_mut() {
        list_pages.sort_by_key(|k| sort_key(pages[k]));
        list_sections.sort_by_key(|k| sort_key(pages[k]));
    }
    for list in t.topics.values_mut() {
        list.sort_by_key(|k| sort_key(pages[k]));
    }
    Ok(t)
}

/// The section `page` is listed in, starting from its own section `parent`: that section, or
/// for a page in a variant language the nearest one above it that the town has in that
/// language. A missing section (a missing home page of the language) is an error.
fn listed_in<'a>(
    site: &AnalyzedSite,
    town: &Town,
    pages: &BTreeMap<&'a str, &'a Page>,
    page: &Page,
    parent: String,
) -> Result<&'a str> {
    let languages = &site.config.languages;
    let language = languages.of_key(&page.key);
    let mut section = Some(parent.clone());
    while let Some(s) = section {
        if let Some((k, _)) = pages.get_key_value(s.as_str()) {
            return Ok(k);
        }
        if language.code == languages.main().code {
            break;
        }
        section = languages.parent_section(&s);
    }
    let slug = &town.municipality.slug;
    let why = if language.code == languages.main().code {
        msg!(
            "error.section-missing",
            file = SECTION_FILE,
            section = parent,
            slug = slug
        )
    } else {
        msg!(
            "error.language-home-missing",
            language = language.label,
            code = language.code,
            slug = slug
        )
    };
    Err(Error::input(Location::file(&page.path), why))
}

impl<'a> TownCtx<'a> {
    /// The frame's labels for the page or path `key`, in its language.
    pub(super) fn labels_of(&self, key: &str) -> &'a Labels {
        let code = &self.site.config.languages.of_key(key).code;
        self.site.theme.labels_of(code, &self.site.config.language)
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
        let languages = &self.site.config.languages;
        self.children
            .get(languages.home_of(languages.of_key(current)).as_str())
            .map_or_else(Vec::new, |(_, sections)| {
                sections
                    .iter()
                    .map(|k| self.link(k, root, current))
                    .collect()
            })
    }

    /// The help page in the language of the page at `current` (else in the content's own), at
    /// the town's own windows when the page has them (`help_guide`).
    pub(super) fn help_url(&self, root: &str, current: &str) -> Option<String> {
        let languages = &self.site.config.languages;
        let help = self.site.config.help_page.as_str();
        let variant = languages.key_in(help, languages.of_key(current));
        let key = if self.pages.contains_key(variant.as_str()) {
            variant.as_str()
        } else {
            help
        };
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

    /// The municipality as the page (or path) `key` shows it, in its language.
    pub(super) fn municipality_of(&self, key: &str) -> &crate::municipality::Municipality {
        let code = &self.site.config.languages.of_key(key).code;
        self.localized
            .get(code.as_str())
            .unwrap_or(&self.town.municipality)
    }

    /// What every page at `current` (a path from the site root) sees, in its language: the
    /// national lines in that language's order, those that answer in it first.
    pub(super) fn base_context(&self, root: &str, current: &str) -> tera::Context {
        let lang = self.site.config.languages.of_key(current).code.as_str();
        use crate::data::help_lines::HelpLines;
        let mut c = tera::Context::new();
        c.insert("has_ruby", &(self.town_level() != Level::None));
        c.insert("has_badges", &false);
        let labels = self.labels_of(current);
        c.insert("labels", labels.tree());
        let config = &self.site.config;
        c.insert(
            "site",
            &SiteView::in_language(config, config.languages.of_key(current)),
        );
        c.insert("lang", lang);
        c.insert("language", &self.language_of(current));
        c.insert("alternates", &Vec::<()>::new());
        c.insert("municipality", self.municipality_of(current));
        c.insert("root", root);
        let languages = &self.site.config.languages;
        let home = languages.home_of(languages.of_key(current));
        c.insert(
            "home_url",
            &format!(
                "{root}{}",
                self.paths.get(home.as_str()).map_or("", String::as_str)
            ),
        );
        c.insert("nav", &self.nav(root, current));
        c.insert("help_url", &self.help_url(root, current));
        let lines = &self.site.help_lines;
        let phones = lines.lines.iter().filter(|l| l.is_phone()).collect();
        let phones = HelpLines::in_language(phones, lang);
        c.insert("national_lines", &HelpLineView::all(&phones, labels));
        c.insert(
            "help_lines",
            &HelpLineView::all(&lines.help_box_in(None, lang), labels),
        );
        c.insert(
            "chat_lines",
            &HelpLineView::all(&lines.chats_in(None, lang), labels),
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
