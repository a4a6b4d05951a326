//! Stage 3, render: turns the analysed site into files, one site per municipality. In: an
//! [`AnalyzedSite`]. Out: [`Output`], a sorted map from output path to bytes. Fills the holes
//! the analyze stage left (internal links resolved against this town's pages, shortcodes
//! rendered with this town's data), applies the theme's templates, and adds `sitemap.xml`,
//! `robots.txt`, `404.html` and topic listings. Never touches the file system.
//!
//! In-site links are relative (`../../stress/`), so every site works under any base URL,
//! including a sub-path, and from a local folder; `404.html`, which is served at any path,
//! uses the base URL's path instead. Absolute URLs (canonical, sitemap) use the base URL.

pub mod shortcodes;
pub mod view;

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::analyze::{AnalyzedSite, Page, Town};
use crate::content::{self, SECTION_FILE};
use crate::data::holidays::Date;
use crate::error::{Error, Location, Result};
use crate::furigana::{self, Annotator, Level};
use crate::markdown::Segment;
use crate::markdown::inline_syntax::escape;
use crate::theme::{self, error_chain};
use view::{LinkView, PageView, SiteView, TopicView};

/// What to render and how to report progress.
pub struct Options<'a> {
    /// Municipality slugs to build; empty means all.
    pub only: &'a [String],
    /// Called once per page rendered (for a progress bar).
    pub on_page: &'a (dyn Fn() + Sync),
    /// The build date (Japan time); decides which holidays the sites carry. Fix it with
    /// `--today` for reproducible output.
    pub today: Date,
}

/// The rendered files.
#[derive(Debug, Default)]
pub struct Output {
    /// Output path (relative to the output folder, `/`-separated) → bytes.
    pub files: BTreeMap<String, Vec<u8>>,
    /// Slugs of the municipalities rendered.
    pub towns: Vec<String>,
    /// HTML pages rendered.
    pub pages: usize,
}

/// Renders the sites.
pub fn render(site: &AnalyzedSite, opts: &Options<'_>) -> Result<Output> {
    let tera = theme::compile(&site.theme)?;
    for slug in opts.only {
        if !site.towns.iter().any(|t| &t.municipality.slug == slug) {
            let known: Vec<_> = site
                .towns
                .iter()
                .map(|t| t.municipality.slug.as_str())
                .collect();
            return Err(Error::input(
                Location::default(),
                format!("--only {slug}: no such municipality"),
            )
            .with_hint(format!("known municipalities: {}", known.join(", "))));
        }
    }
    let towns: Vec<&Town> = site
        .towns
        .iter()
        .filter(|t| opts.only.is_empty() || opts.only.contains(&t.municipality.slug))
        .collect();
    // Loading the dictionary takes a moment: start it now, in the background, if any page may
    // need furigana.
    if needs_furigana(site) {
        std::thread::spawn(furigana::dictionary::preload);
    }
    // One cache for the whole build: a text shared by every town is analysed once.
    let cache = Arc::new(furigana::AnalysisCache::default());
    let results: Vec<Result<Output>> = towns
        .par_iter()
        .map(|t| render_town(site, &tera, t, opts, &cache))
        .collect();
    let mut out = Output::default();
    for r in results {
        let part = r?;
        out.files.extend(part.files);
        out.towns.extend(part.towns);
        out.pages += part.pages;
    }
    let portal = render_portal(site, &tera)?;
    out.files.insert("index.html".into(), minify(&portal));
    out.pages += 1;
    Ok(out)
}

/// Whether any setting of the site asks for automatic furigana.
fn needs_furigana(site: &AnalyzedSite) -> bool {
    let page_wants = |p: &Page| {
        p.front.furigana.is_some_and(|l| l != Level::None)
            || p.front.audience.as_deref() == Some("school")
    };
    site.config.furigana != Level::None
        || site
            .towns
            .iter()
            .any(|t| t.municipality.furigana.is_some_and(|l| l != Level::None))
        || site.shared.values().any(page_wants)
        || site.towns.iter().any(|t| t.local.values().any(page_wants))
}

/// Everything about one town that every page of it needs.
struct TownCtx<'a> {
    site: &'a AnalyzedSite,
    tera: &'a tera::Tera,
    town: &'a Town,
    pages: BTreeMap<&'a str, &'a Page>,
    /// Key → path from the site root (`stress/coping/`).
    paths: BTreeMap<&'a str, String>,
    /// Section key → child page keys and child section keys, sorted.
    children: BTreeMap<&'a str, (Vec<&'a str>, Vec<&'a str>)>,
    /// Topic slug → page keys, for topics used in this town.
    topics: BTreeMap<&'a str, Vec<&'a str>>,
    /// Automatic furigana with this town's lexicon.
    annotator: Annotator,
    /// The build date.
    today: Date,
}

fn render_town(
    site: &AnalyzedSite,
    tera: &tera::Tera,
    town: &Town,
    opts: &Options<'_>,
    cache: &Arc<furigana::AnalysisCache>,
) -> Result<Output> {
    let mut ctx = town_ctx(site, tera, town)?;
    ctx.annotator = Annotator::with_cache(town.lexicon.clone(), Arc::clone(cache));
    ctx.today = opts.today;
    let slug = &town.municipality.slug;
    let rendered: Vec<Result<(String, Vec<u8>)>> = ctx
        .pages
        .par_iter()
        .map(|(key, page)| {
            let html = render_page(&ctx, key, page)?;
            (opts.on_page)();
            Ok((
                format!("{slug}/{}index.html", ctx.paths[key]),
                minify(&html),
            ))
        })
        .collect();
    let mut out = Output {
        towns: vec![slug.clone()],
        ..Default::default()
    };
    for r in rendered {
        let (path, bytes) = r?;
        out.files.insert(path, bytes);
        out.pages += 1;
    }
    for (path, html) in render_topics(&ctx)? {
        out.files.insert(format!("{slug}/{path}"), minify(&html));
        out.pages += 1;
    }
    out.files
        .insert(format!("{slug}/404.html"), minify(&render_404(&ctx)?));
    out.pages += 1;
    out.files.insert(
        format!("{slug}/{ACCESSIBILITY_PATH}index.html"),
        minify(&render_accessibility(&ctx)?),
    );
    out.pages += 1;
    for (path, bytes) in render_events(&ctx, opts.today)? {
        if path.ends_with(".html") {
            out.pages += 1;
        }
        out.files.insert(format!("{slug}/{path}"), bytes);
    }
    out.files
        .insert(format!("{slug}/sitemap.xml"), sitemap(&ctx).into_bytes());
    out.files.insert(
        format!("{slug}/robots.txt"),
        format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n",
            town.municipality.base_url
        )
        .into_bytes(),
    );
    out.files.insert(
        format!("{slug}/js/holidays.js"),
        holidays_js(opts.today).into_bytes(),
    );
    let m = &town.municipality;
    let csv = crate::data::opendata::to_csv(&m.windows, &m.code, &m.name).map_err(|e| {
        Error::input(
            Location::default(),
            format!("windows of `{slug}` as CSV: {e}"),
        )
    })?;
    // A byte order mark so that spreadsheet software reads the UTF-8 correctly.
    out.files.insert(
        format!("{slug}/data/windows.csv"),
        format!("\u{FEFF}{csv}").into_bytes(),
    );
    out.files.insert(
        format!("{slug}/data/windows.json"),
        crate::data::opendata::to_json(&m.windows, &m.code, &m.name).into_bytes(),
    );
    let events_csv =
        crate::data::opendata::events_to_csv(&m.events, &m.code, &m.name).map_err(|e| {
            Error::input(
                Location::default(),
                format!("events of `{slug}` as CSV: {e}"),
            )
        })?;
    out.files.insert(
        format!("{slug}/data/events.csv"),
        format!("\u{FEFF}{events_csv}").into_bytes(),
    );
    out.files.insert(
        format!("{slug}/data/events.json"),
        serde_json::to_string_pretty(&serde_json::json!({
            "全国地方公共団体コード": m.code, "地方公共団体名": m.name, "events": m.events,
        }))
        .unwrap_or_default()
        .into_bytes(),
    );
    for (path, bytes) in &site.theme.static_files {
        out.files.insert(format!("{slug}/{path}"), bytes.clone());
    }
    for asset in site.assets.iter().chain(&town.assets) {
        out.files
            .insert(format!("{slug}/{}", asset.key), asset.bytes.clone());
    }
    Ok(out)
}

fn sort_key(p: &Page) -> (bool, i64, &str, &str) {
    (
        p.front.weight.is_none(),
        p.front.weight.unwrap_or(0),
        p.front.title.as_str(),
        p.key.as_str(),
    )
}

fn town_ctx<'a>(
    site: &'a AnalyzedSite,
    tera: &'a tera::Tera,
    town: &'a Town,
) -> Result<TownCtx<'a>> {
    let pages = town.pages(&site.shared);
    let mut paths = BTreeMap::new();
    let mut owners: BTreeMap<String, &str> = BTreeMap::new();
    for (key, page) in &pages {
        let path = content::url_path(key, page.front.slug.as_deref());
        if let Some(other) = owners.insert(path.clone(), key) {
            return Err(Error::input(
                Location::file(&page.path),
                format!("this page and `{other}` both want the URL /{path}"),
            )
            .with_hint("change the slug of one of them"));
        }
        paths.insert(*key, path);
    }
    if let Some(key) = owners.get(EVENTS_PATH) {
        return Err(Error::input(
            Location::file(pages[key].path.clone()),
            "the URL /events/ is reserved for the events page",
        )
        .with_hint("rename the folder or slug"));
    }
    if let Some(key) = owners.get(ACCESSIBILITY_PATH) {
        return Err(Error::input(
            Location::file(pages[key].path.clone()),
            "the URL /accessibility/ is reserved for the accessibility policy",
        )
        .with_hint("rename the folder or slug"));
    }
    if owners.contains_key("topics/") {
        let page = pages
            .values()
            .find(|p| paths[p.key.as_str()] == "topics/")
            .map(|p| p.path.clone());
        return Err(Error::input(
            Location::file(page.unwrap_or_default()),
            "the URL /topics/ is reserved for topic listings",
        )
        .with_hint("rename the folder or slug"));
    }
    let mut children: BTreeMap<&str, (Vec<&str>, Vec<&str>)> = BTreeMap::new();
    let mut topics: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (key, page) in &pages {
        if let Some(parent) = content::parent_section(key) {
            let Some((parent_key, _)) = pages.get_key_value(parent.as_str()) else {
                return Err(Error::input(
                    Location::file(&page.path),
                    format!("the folder of this page has no {SECTION_FILE}"),
                )
                .with_hint(format!(
                    "create {} with a title (municipality {})",
                    parent, town.municipality.slug
                )));
            };
            let entry = children.entry(parent_key).or_default();
            if page.is_section() {
                entry.1.push(key)
            } else {
                entry.0.push(key)
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
    Ok(TownCtx {
        site,
        tera,
        town,
        pages,
        paths,
        children,
        topics,
        annotator: Annotator::default(),
        today: Date {
            year: 2000,
            month: 1,
            day: 1,
        },
    })
}

impl TownCtx<'_> {
    /// The furigana setting of a page: the page's own, else 'school' audience → the school
    /// grade, else its sections' (nearest first), else the municipality's, else the site's.
    fn furigana_level(&self, key: &str, page: &Page) -> Level {
        let own = |p: &Page| {
            p.front.furigana.or_else(|| {
                (p.front.audience.as_deref() == Some("school"))
                    .then_some(Level::Grade(self.site.config.school_grade))
            })
        };
        if let Some(l) = own(page) {
            return l;
        }
        let mut parent = content::parent_section(key);
        while let Some(p) = parent {
            if let Some(l) = self.pages.get(p.as_str()).and_then(|s| own(s)) {
                return l;
            }
            parent = content::parent_section(&p);
        }
        self.town
            .municipality
            .furigana
            .unwrap_or(self.site.config.furigana)
    }

    /// Automatic furigana in the text of finished HTML (a shortcode's output): text between tags
    /// only, never inside tags (attributes), `<ruby>`, `<code>`, `<script>` or `<style>`.
    fn ruby_in_html(&self, html: &str, level: Level) -> (String, bool) {
        if level == Level::None {
            return (html.to_string(), false);
        }
        let mut out = String::with_capacity(html.len() * 2);
        let mut has = false;
        let mut skip: Option<&str> = None;
        let mut rest = html;
        while !rest.is_empty() {
            let lt = rest.find('<').unwrap_or(rest.len());
            let (h, r) = self.text_node(&rest[..lt], skip.is_some(), level);
            out.push_str(&h);
            has |= r;
            if lt == rest.len() {
                break;
            }
            let end = rest[lt..].find('>').map_or(rest.len(), |e| lt + e + 1);
            let tag = &rest[lt..end];
            let name: String = tag
                .trim_start_matches(['<', '/'])
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            match skip {
                Some(open) if tag.starts_with("</") && name == open => skip = None,
                None if !tag.starts_with("</") => {
                    skip = ["ruby", "code", "pre", "script", "style"]
                        .into_iter()
                        .find(|t| *t == name);
                }
                _ => {}
            }
            out.push_str(tag);
            rest = &rest[end..];
        }
        (out, has)
    }

    /// One HTML text node (escaped) with furigana.
    fn text_node(&self, escaped: &str, skip: bool, level: Level) -> (String, bool) {
        if skip || !escaped.chars().any(furigana::kanji::is_kanji) {
            return (escaped.to_string(), false);
        }
        let text = escaped
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#x27;", "'")
            .replace("&#x2F;", "/")
            .replace("&amp;", "&");
        self.ruby_html(&text, level)
    }

    /// HTML of running text with automatic furigana at `level`; says whether ruby was added.
    fn ruby_html(&self, text: &str, level: Level) -> (String, bool) {
        if level == Level::None {
            return (escape(text), false);
        }
        let pieces = self.annotator.annotate(text, level);
        let has = pieces
            .iter()
            .any(|p| matches!(p, furigana::Piece::Ruby { .. }));
        (furigana::to_html(&pieces), has)
    }
}

/// `../` once per level of `path`, or `./` at the top.
fn root_of(path: &str) -> String {
    let depth = path.matches('/').count();
    if depth == 0 {
        "./".to_string()
    } else {
        "../".repeat(depth)
    }
}

impl<'a> TownCtx<'a> {
    fn link(&self, key: &str, root: &str, current: &str) -> LinkView {
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

    fn nav(&self, root: &str, current: &str) -> Vec<LinkView> {
        self.children
            .get(SECTION_FILE)
            .map_or_else(Vec::new, |(_, sections)| {
                sections
                    .iter()
                    .map(|k| self.link(k, root, current))
                    .collect()
            })
    }

    fn help_url(&self, root: &str) -> Option<String> {
        let key = self.site.config.help_page.as_str();
        self.paths.get(key).map(|p| format!("{root}{p}"))
    }

    fn topic_views(&self, slugs: &[String], root: &str) -> Vec<TopicView> {
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

    fn base_context(&self, root: &str, current: &str) -> tera::Context {
        let mut c = tera::Context::new();
        let cfg = &self.site.config;
        c.insert(
            "site",
            &SiteView {
                title: &cfg.title,
                description: &cfg.description,
                language: &cfg.language,
            },
        );
        c.insert("municipality", &self.town.municipality);
        c.insert("root", root);
        c.insert("nav", &self.nav(root, current));
        c.insert("help_url", &self.help_url(root));
        c.insert("national_lines", crate::data::national::LINES);
        c.insert("topics_url", &format!("{root}topics/"));
        c.insert("accessibility_url", &format!("{root}{ACCESSIBILITY_PATH}"));
        c.insert("events_url", &format!("{root}{EVENTS_PATH}"));
        c
    }

    fn render_template(
        &self,
        name: &str,
        context: &tera::Context,
        what: &std::path::Path,
    ) -> Result<String> {
        if !self.site.theme.templates.contains_key(name) {
            return Err(Error::input(
                Location::file(what),
                format!("template `{name}` does not exist"),
            )
            .with_hint("name a template of the theme, e.g. page.html"));
        }
        self.tera.render(name, context).map_err(|e| {
            let origin = self.site.theme.templates[name].origin.display().to_string();
            Error::input(
                Location::file(what),
                format!("template {origin} failed: {}", error_chain(&e)),
            )
            .with_hint("check the variables the template uses (README: template context)")
        })
    }
}

fn render_page(ctx: &TownCtx<'_>, key: &str, page: &Page) -> Result<String> {
    let path = &ctx.paths[key];
    let root = root_of(path);
    let level = ctx.furigana_level(key, page);
    let (body, body_ruby) = render_body(ctx, page, &root, level)?;
    let (title_html, title_ruby) = ctx.ruby_html(&page.front.title, level);
    let is_section = page.is_section();
    let mut breadcrumbs = Vec::new();
    let mut parent = content::parent_section(key);
    while let Some(p) = parent {
        breadcrumbs.insert(0, ctx.link(&p, &root, path));
        parent = content::parent_section(&p);
    }
    let (previous, next) =
        match content::parent_section(key).and_then(|p| ctx.children.get(p.as_str())) {
            Some((siblings, _)) if !is_section => {
                let i = siblings.iter().position(|k| *k == key);
                let prev = i
                    .and_then(|i| i.checked_sub(1))
                    .map(|j| ctx.link(siblings[j], &root, ""));
                let next = i
                    .and_then(|i| siblings.get(i + 1))
                    .map(|k| ctx.link(k, &root, ""));
                (prev, next)
            }
            _ => (None, None),
        };
    let (pages, subsections) = ctx
        .children
        .get(key)
        .map_or_else(Default::default, |(p, s)| {
            (
                p.iter().map(|k| ctx.link(k, &root, "")).collect(),
                s.iter().map(|k| ctx.link(k, &root, "")).collect(),
            )
        });
    let view = PageView {
        title: &page.front.title,
        description: page
            .front
            .description
            .clone()
            .unwrap_or_else(|| truncate(&page.doc.summary, 120)),
        content: body,
        title_html,
        has_ruby: body_ruby || title_ruby,
        furigana: level.to_string(),
        toc: if page.front.toc {
            page.doc
                .headings
                .iter()
                .filter(|h| (2..=3).contains(&h.level))
                .collect()
        } else {
            vec![]
        },
        date: page.front.date.as_deref(),
        updated: page.front.updated.as_deref(),
        reviewed: page.front.reviewed.as_deref(),
        audience: page.front.audience.as_deref(),
        topics: ctx.topic_views(&page.front.topics, &root),
        path: path.clone(),
        permalink: format!("{}{path}", ctx.town.municipality.base_url),
        is_section,
        breadcrumbs,
        previous,
        next,
        pages,
        subsections,
    };
    let template = match (&page.front.template, key == SECTION_FILE, is_section) {
        (Some(t), _, _) => t.as_str(),
        (None, true, _) => "index.html",
        (None, false, true) => "section.html",
        (None, false, false) => "page.html",
    };
    let mut context = ctx.base_context(&root, path);
    context.insert("page", &view);
    ctx.render_template(template, &context, &page.path)
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(max).collect::<String>())
    }
}

/// Fills the holes of a page body for this town.
fn render_body(ctx: &TownCtx<'_>, page: &Page, root: &str, level: Level) -> Result<(String, bool)> {
    let mut has_ruby = page
        .doc
        .segments
        .iter()
        .any(|s| matches!(s, Segment::Html(h) if h.contains("<ruby>")));
    let doc = &page.doc;
    let at = |line: usize, column: usize| {
        Location::at(&page.path, line + page.body_first_line - 1, Some(column))
    };
    let slug = &ctx.town.municipality.slug;
    let mut out = String::new();
    for seg in &doc.segments {
        match seg {
            Segment::Html(h) => out.push_str(h),
            Segment::Text(n) => {
                let (html, ruby) = ctx.ruby_html(&doc.texts[*n], level);
                has_ruby |= ruby;
                out.push_str(&html);
            }
            Segment::Link(n) => {
                let link = &doc.links[*n];
                let key = normalize_link_key(&link.path);
                let Some(target) = ctx.pages.get(key.as_str()) else {
                    return Err(Error::input(at(link.line, link.column), format!("broken internal link `@/{}`", link.path))
                        .with_hint(format!("no page content/{key} for municipality `{slug}`; write the path from content/, e.g. @/addiction/alcohol.md")));
                };
                let mut url = format!("{root}{}", ctx.paths[key.as_str()]);
                if let Some(anchor) = &link.anchor {
                    if !target.doc.headings.iter().any(|h| &h.id == anchor) {
                        let ids: Vec<_> =
                            target.doc.headings.iter().map(|h| h.id.as_str()).collect();
                        return Err(Error::input(
                            at(link.line, link.column),
                            format!("broken anchor `#{anchor}` in link to `@/{}`", link.path),
                        )
                        .with_hint(format!(
                            "headings of that page (municipality `{slug}`): {}",
                            ids.join(", ")
                        )));
                    }
                    url.push('#');
                    url.push_str(anchor);
                }
                out.push_str(&escape(&url));
            }
            Segment::Shortcode(n) => {
                let call = &doc.shortcodes[*n];
                let help = ctx.help_url(root);
                let env = shortcodes::Env {
                    municipality: &ctx.town.municipality,
                    root,
                    topics: &ctx.site.config.topics,
                    help_url: help.as_deref(),
                    today: ctx.today,
                };
                let html =
                    shortcodes::render(ctx.tera, &ctx.site.theme, call, &env).map_err(|f| {
                        Error::input(at(call.line, call.column), f.message).with_hint(f.hint)
                    })?;
                let (html, ruby) = ctx.ruby_in_html(&html, level);
                has_ruby |= ruby;
                out.push_str(&html);
            }
        }
    }
    Ok((out, has_ruby))
}

/// `addiction/` and `addiction` mean the section `addiction/_index.md`; `` means the home page.
fn normalize_link_key(path: &str) -> String {
    let p = path.trim_start_matches('/');
    if p.is_empty() {
        SECTION_FILE.to_string()
    } else if p.ends_with(".md") {
        p.to_string()
    } else {
        format!("{}/{SECTION_FILE}", p.trim_end_matches('/'))
    }
}

fn render_topics(ctx: &TownCtx<'_>) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    let all: Vec<String> = ctx.topics.keys().map(|s| s.to_string()).collect();
    let origin = std::path::Path::new("taxonomy.html");
    {
        let path = "topics/";
        let root = root_of(path);
        let mut c = ctx.base_context(&root, path);
        c.insert("terms", &ctx.topic_views(&all, &root));
        c.insert("term", &None::<TopicView>);
        c.insert("term_pages", &Vec::<LinkView>::new());
        c.insert("page_title", "トピック一覧");
        out.push((
            format!("{path}index.html"),
            ctx.render_template("taxonomy.html", &c, origin)?,
        ));
    }
    for slug in &all {
        let path = format!("topics/{slug}/");
        let root = root_of(&path);
        let mut c = ctx.base_context(&root, &path);
        let term = ctx.topic_views(std::slice::from_ref(slug), &root).remove(0);
        let pages: Vec<LinkView> = ctx.topics[slug.as_str()]
            .iter()
            .map(|k| ctx.link(k, &root, ""))
            .collect();
        c.insert("terms", &ctx.topic_views(&all, &root));
        c.insert("page_title", &format!("トピック：{}", term.label));
        c.insert("term", &term);
        c.insert("term_pages", &pages);
        out.push((
            format!("{path}index.html"),
            ctx.render_template("taxonomy.html", &c, origin)?,
        ));
    }
    Ok(out)
}

/// `js/holidays.js`: Japanese national holidays from the year before `today` to two years after,
/// for the 受付中 badge.
fn holidays_js(today: Date) -> String {
    let days: Vec<String> = (today.year - 1..=today.year + 2)
        .flat_map(crate::data::holidays::holidays)
        .map(|(d, _)| format!("\"{d}\""))
        .collect();
    format!(
        "// Generated by tsunagi build on {today}: national holidays of Japan (computed by rule).\nwindow.TSUNAGI_HOLIDAYS = [{}];\n",
        days.join(",")
    )
}

/// Where each site publishes its events.
pub const EVENTS_PATH: &str = "events/";

/// The events page (upcoming and past, split at `today`), one `.ics` file per event and a
/// calendar feed of all events.
fn render_events(ctx: &TownCtx<'_>, today: Date) -> Result<Vec<(String, Vec<u8>)>> {
    use crate::data::events;
    let m = &ctx.town.municipality;
    let host = m
        .base_url
        .split("://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or("tsunagi");
    let (past, upcoming): (Vec<&events::Event>, Vec<&events::Event>) =
        m.events.iter().partition(|e| e.is_past(today));
    let mut out = Vec::new();
    for e in &m.events {
        let cal = events::calendar(&e.title, &[e], host, today);
        out.push((format!("{EVENTS_PATH}{}.ics", e.id), cal.into_bytes()));
    }
    let feed_name = format!("{}の{}：イベント", m.name, ctx.site.config.title);
    let all: Vec<&events::Event> = m.events.iter().collect();
    out.push((
        format!("{EVENTS_PATH}calendar.ics"),
        events::calendar(&feed_name, &all, host, today).into_bytes(),
    ));
    let root = root_of(EVENTS_PATH);
    let mut c = ctx.base_context(&root, EVENTS_PATH);
    let mut past = past;
    past.reverse(); // most recent first
    c.insert("upcoming", &upcoming);
    c.insert("past", &past);
    c.insert("today", &today.to_string());
    c.insert("page_title", "イベント・講座");
    c.insert(
        "jsonld",
        &events_json_ld(&upcoming, &m.name)
            .to_string()
            .replace("</", "<\\/"),
    );
    let html = ctx.render_template("events.html", &c, std::path::Path::new("events.html"))?;
    out.push((format!("{EVENTS_PATH}index.html"), minify(&html)));
    Ok(out)
}

/// schema.org `EducationEvent` (training, lectures, classes) or `Event` for each event.
fn events_json_ld(events: &[&crate::data::events::Event], area: &str) -> serde_json::Value {
    use serde_json::json;
    let iso = |s: &str| {
        if s.contains('T') {
            format!("{s}:00+09:00")
        } else {
            s.to_string()
        }
    };
    let list: Vec<serde_json::Value> = events
        .iter()
        .map(|e| {
            let kind = if matches!(e.kind.as_str(), "gatekeeper-training" | "lecture" | "family-class") { "EducationEvent" } else { "Event" };
            let mut v = json!({
                "@type": kind,
                "name": e.title,
                "startDate": iso(&e.start),
                "endDate": iso(&e.end),
                "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
                "eventStatus": "https://schema.org/EventScheduled",
                "location": {"@type": "Place", "name": e.venue.name, "address": if e.venue.address.is_empty() { area.to_string() } else { e.venue.address.clone() }},
            });
            if !e.organiser.is_empty() {
                v["organizer"] = json!({"@type": "Organization", "name": e.organiser});
            }
            if let Some(c) = e.capacity {
                v["maximumAttendeeCapacity"] = json!(c);
            }
            if e.fee == "無料" {
                v["isAccessibleForFree"] = json!(true);
            }
            if !e.description.is_empty() {
                v["description"] = json!(e.description);
            }
            v
        })
        .collect();
    json!({"@context": "https://schema.org", "@graph": list})
}

/// Where each site publishes its accessibility policy (ウェブアクセシビリティ方針).
pub const ACCESSIBILITY_PATH: &str = "accessibility/";

fn render_accessibility(ctx: &TownCtx<'_>) -> Result<String> {
    let root = root_of(ACCESSIBILITY_PATH);
    let mut c = ctx.base_context(&root, ACCESSIBILITY_PATH);
    c.insert("policy", &ctx.site.config.accessibility);
    c.insert("page_title", "ウェブアクセシビリティ方針");
    ctx.render_template(
        "accessibility.html",
        &c,
        std::path::Path::new("accessibility.html"),
    )
}

fn render_404(ctx: &TownCtx<'_>) -> Result<String> {
    let root = ctx.town.municipality.base_path.clone();
    let c = ctx.base_context(&root, "404/");
    ctx.render_template("404.html", &c, std::path::Path::new("404.html"))
}

fn sitemap(ctx: &TownCtx<'_>) -> String {
    let base = &ctx.town.municipality.base_url;
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut entries: Vec<(&String, Option<&str>)> = ctx
        .pages
        .iter()
        .map(|(k, p)| {
            (
                &ctx.paths[k],
                p.front.updated.as_deref().or(p.front.date.as_deref()),
            )
        })
        .collect();
    let policy = ACCESSIBILITY_PATH.to_string();
    entries.push((&policy, None));
    let events = EVENTS_PATH.to_string();
    entries.push((&events, None));
    entries.sort();
    for (path, lastmod) in entries {
        s.push_str(&format!(
            "  <url><loc>{}</loc>",
            escape(&format!("{base}{path}"))
        ));
        if let Some(d) = lastmod {
            s.push_str(&format!("<lastmod>{d}</lastmod>"));
        }
        s.push_str("</url>\n");
    }
    s.push_str("</urlset>\n");
    s
}

fn render_portal(site: &AnalyzedSite, tera: &tera::Tera) -> Result<String> {
    #[derive(serde::Serialize)]
    struct Entry<'a> {
        slug: &'a str,
        name: &'a str,
        kana: &'a str,
        prefecture: &'a str,
        url: String,
        base_url: &'a str,
    }
    let entries: Vec<Entry<'_>> = site
        .towns
        .iter()
        .map(|t| Entry {
            slug: &t.municipality.slug,
            name: &t.municipality.name,
            kana: &t.municipality.kana,
            prefecture: &t.municipality.prefecture,
            url: format!("{}/", t.municipality.slug),
            base_url: &t.municipality.base_url,
        })
        .collect();
    let cfg = &site.config;
    let mut c = tera::Context::new();
    c.insert(
        "site",
        &SiteView {
            title: &cfg.title,
            description: &cfg.description,
            language: &cfg.language,
        },
    );
    c.insert("municipalities", &entries);
    c.insert("root", "./");
    tera.render("portal.html", &c).map_err(|e| {
        Error::input(
            Location::file("portal.html"),
            format!("template portal.html failed: {}", error_chain(&e)),
        )
        .with_hint("check the template")
    })
}

/// Minifies HTML while keeping it valid: closing tags, `<html>`/`<head>` and the doctype stay.
pub fn minify(html: &str) -> Vec<u8> {
    let cfg = minify_html::Cfg {
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        minify_css: true,
        minify_js: false,
        ..minify_html::Cfg::new()
    };
    minify_html::minify(html.as_bytes(), &cfg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_roots_and_link_keys() {
        assert_eq!(root_of(""), "./");
        assert_eq!(root_of("stress/"), "../");
        assert_eq!(root_of("stress/coping/"), "../../");
        assert_eq!(
            normalize_link_key("addiction/alcohol.md"),
            "addiction/alcohol.md"
        );
        assert_eq!(normalize_link_key("addiction/"), "addiction/_index.md");
        assert_eq!(normalize_link_key("addiction"), "addiction/_index.md");
        assert_eq!(normalize_link_key(""), "_index.md");
    }

    #[test]
    fn minified_html_keeps_structure() {
        let out = String::from_utf8(minify("<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<title>t</title>\n</head>\n<body>\n<p>a</p>\n</body>\n</html>\n")).unwrap();
        assert!(
            out.to_lowercase()
                .starts_with("<!doctype html><html lang=ja><head>"),
            "{out}"
        );
        assert!(out.contains("<p>a</p>"), "{out}");
    }
}
