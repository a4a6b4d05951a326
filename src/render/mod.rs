//! Stage 3, render: turns the analysed site into files, one site per municipality. In: an
//! [`AnalyzedSite`]. Out: [`Output`], a sorted map from output path to bytes. Fills the holes
//! the analyze stage left (internal links resolved against this town's pages, shortcodes
//! rendered with this town's data), applies the theme's templates, and adds `sitemap.xml`,
//! `robots.txt`, `404.html`, topic listings, the site map, the search page and the search
//! index. Never touches the file system.
//!
//! In-site links are relative (`../../stress/`), so every site works under any base URL,
//! including a sub-path, and from a local folder; `404.html`, which is served at any path,
//! uses the base URL's path instead. Absolute URLs (canonical, sitemap) use the base URL.

mod body;
mod exports;
mod generated;
mod print;
mod printables;
mod ruby;
pub mod shortcodes;
pub mod view;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rayon::prelude::*;

use crate::analyze::{AnalyzedSite, Page, Town};
use crate::cache;
use crate::content::{self, SECTION_FILE};
use crate::data::holidays::Date;
use crate::error::{Diagnostics, Error, Location, Result, collect_all};
use crate::furigana::{self, Annotator, Level};
use crate::messages::Text;
use crate::search::{self, SEARCH_PATH};
use crate::theme::{self, error_chain};
use crate::{msg, t};
use body::{Body, render_body, toc};
pub use generated::{ACCESSIBILITY_PATH, EVENTS_PATH, SITEMAP_PATH};
use generated::{
    render_404, render_accessibility, render_events, render_portal, render_search, render_site_map,
    render_topics, sitemap,
};
pub use printables::PRINT_PATH;
use view::{HelpLineView, LinkView, PageView, SiteView, TopicView};

/// URL paths the generated pages own: no content page may be at or below them.
const RESERVED: &[&str] = &[
    EVENTS_PATH,
    ACCESSIBILITY_PATH,
    "topics/",
    SEARCH_PATH,
    SITEMAP_PATH,
    PRINT_PATH,
];

/// What a reserved path is for, in words.
fn reserved_for(prefix: &str) -> Text {
    match prefix {
        EVENTS_PATH => t!("part.reserved-events"),
        ACCESSIBILITY_PATH => t!("part.reserved-accessibility"),
        SEARCH_PATH => t!("part.reserved-search"),
        SITEMAP_PATH => t!("part.reserved-sitemap"),
        PRINT_PATH => t!("part.reserved-print"),
        _ => t!("part.reserved-topics"),
    }
}

/// What to render and how to report progress.
pub struct Options<'a> {
    /// Municipality slugs to build (each one a municipality of the site); empty means all.
    pub only: &'a [String],
    /// Called once per page rendered (for a progress bar).
    pub on_page: &'a (dyn Fn() + Sync),
    /// The build date (Japan time); decides which holidays the sites carry. Fix it with
    /// `--today` for reproducible output.
    pub today: Date,
    /// When given, only these pages (content keys) of each town, and nothing else: no listings,
    /// generated pages, exports, copied files or portal. For `serve`, after a change that no
    /// other page sees (see [`crate::analyze::SeenFromOtherPages`]).
    pub pages: Option<&'a BTreeSet<String>>,
    /// When given, each municipality's files are handed to it as soon as that municipality is
    /// rendered (and not kept in [`Output::files`]), so that memory does not grow with the
    /// number of municipalities.
    pub sink: Option<&'a Sink<'a>>,
    /// When given, files whose key is that of the previous build are taken from it, and the
    /// dictionary's analyses are shared with it (see [`cache`]).
    pub reuse: Option<&'a cache::Reuse>,
}

/// Where streamed files go: (path from the output folder, bytes).
pub type Sink<'s> = dyn Fn(&str, &[u8]) -> Result<()> + Sync + 's;

/// The rendered files.
#[derive(Debug, Default)]
pub struct Output {
    /// Output path (relative to the output folder, `/`-separated) → bytes.
    pub files: BTreeMap<String, Vec<u8>>,
    /// Slugs of the municipalities rendered.
    pub towns: Vec<String>,
    /// HTML pages rendered.
    pub pages: usize,
    /// Files handed to [`Options::sink`] instead of kept in `files`.
    pub streamed: usize,
    /// Processor time spent on content pages, summed over the threads (for `--timings`).
    pub cpu: Cpu,
    /// The key and hash of every file rendered or taken over, by output path (with
    /// [`Options::reuse`]; the copied files and the list of towns have none).
    pub entries: BTreeMap<String, cache::Entry>,
    /// HTML pages taken from the previous build instead of rendered.
    pub reused: usize,
}

/// Processor time of the render stage, summed over the threads.
#[derive(Debug, Default, Clone, Copy)]
pub struct Cpu {
    /// Filling the body (links, shortcodes, furigana) and applying the templates.
    pub pages: std::time::Duration,
    /// Minifying their HTML.
    pub minify: std::time::Duration,
}

/// Renders the sites.
pub fn render(site: &AnalyzedSite, opts: &Options<'_>) -> Result<Output> {
    // One cache for the whole build: a text shared by every town is analysed once. It may hold
    // analyses of earlier builds.
    let cache = opts.reuse.map_or_else(
        || Arc::new(furigana::AnalysisCache::default()),
        |r| Arc::clone(&r.analyses),
    );
    // Loading the dictionary takes a moment: start it now, in the background, if any page may
    // need furigana and no earlier build left its analyses (then the first text not among
    // them loads it).
    if needs_furigana(site) && cache.is_empty() {
        std::thread::spawn(furigana::preload);
    }
    let towns: Vec<&Town> = site
        .towns
        .iter()
        .filter(|t| opts.only.is_empty() || opts.only.contains(&t.municipality.slug))
        .collect();
    let templates = Templates::new(&site.theme);
    // Compiled now, so that a mistake in them stops the build at once with one message; a build
    // that takes every file over from the previous one (made with the same templates) does not
    // need them.
    if opts
        .reuse
        .is_none_or(|r| !all_taken_over(site, &towns, opts, r))
    {
        templates.get()?;
    }
    let results: Vec<Result<Output>> = towns
        .par_iter()
        .map(|t| render_town(site, &templates, t, opts, &cache).and_then(|o| stream(o, opts.sink)))
        .collect();
    let mut out = Output::default();
    for part in collect_all(results)? {
        out.files.extend(part.files);
        out.towns.extend(part.towns);
        out.pages += part.pages;
        out.streamed += part.streamed;
        out.cpu.pages += part.cpu.pages;
        out.cpu.minify += part.cpu.minify;
        out.entries.extend(part.entries);
        out.reused += part.reused;
    }
    if opts.pages.is_some() {
        return Ok(out);
    }
    let portal_key = opts.reuse.map(|r| (r, r.keys.portal()));
    let (portal, entry) = match portal_key.and_then(|(r, k)| r.previous.file(PORTAL, k)) {
        Some((bytes, entry)) => {
            out.reused += 1;
            (bytes, Some(entry))
        }
        None => {
            let bytes = finish_html(&render_portal(site, templates.get()?)?, site.config.minify);
            let entry = portal_key.map(|(_, k)| cache::Entry::new(k, &bytes));
            (bytes, entry)
        }
    };
    if let Some(entry) = entry {
        out.entries.insert(PORTAL.into(), entry);
    }
    out.files.insert(PORTAL.into(), portal);
    out.pages += 1;
    stream(out, opts.sink)
}

/// The file of the content page at `path` (from the site root) of the town `slug`, from the
/// output folder.
fn page_file(slug: &str, path: &str) -> String {
    format!("{slug}/{path}index.html")
}

/// The list of municipalities, at the top of the output folder.
const PORTAL: &str = "index.html";

/// The theme's templates, compiled the first time they are needed.
struct Templates<'a> {
    theme: &'a theme::Theme,
    compiled: std::sync::OnceLock<tera::Tera>,
    compiling: std::sync::Mutex<()>,
}

impl<'a> Templates<'a> {
    fn new(theme: &'a theme::Theme) -> Self {
        Templates {
            theme,
            compiled: std::sync::OnceLock::new(),
            compiling: std::sync::Mutex::new(()),
        }
    }

    /// The compiled templates (compiled once, by the first thread that asks).
    fn get(&self) -> Result<&tera::Tera> {
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

/// Whether the previous build wrote every file this one renders with the same key (their
/// bytes are checked when they are taken).
fn all_taken_over(
    site: &AnalyzedSite,
    towns: &[&Town],
    opts: &Options<'_>,
    reuse: &cache::Reuse,
) -> bool {
    opts.pages.is_none()
        && reuse.previous.has(PORTAL, reuse.keys.portal())
        && towns.iter().all(|town| {
            let slug = &town.municipality.slug;
            reuse.previous.has_any(slug, reuse.keys.town(town))
                && town.pages(&site.shared).iter().all(|(key, page)| {
                    let path = content::url_path(key, page.front.slug.as_deref());
                    reuse
                        .previous
                        .has(&page_file(slug, &path), reuse.keys.page(town, page))
                })
        })
}

/// `out` with its files handed to `sink`, when there is one.
fn stream(mut out: Output, sink: Option<&Sink<'_>>) -> Result<Output> {
    if let Some(sink) = sink {
        for (path, bytes) in std::mem::take(&mut out.files) {
            sink(&path, &bytes)?;
            out.streamed += 1;
        }
    }
    Ok(out)
}

/// Whether any setting of the site asks for automatic furigana.
fn needs_furigana(site: &AnalyzedSite) -> bool {
    // A page's own setting wins over its audience: a pupils' page with `furigana = "none"`
    // needs no dictionary.
    let page_wants = |p: &Page| match p.front.furigana {
        Some(level) => level != Level::None,
        None => p.front.audience == Some(crate::data::audience::PageAudience::School),
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
    templates: &'a Templates<'a>,
    town: &'a Town,
    pages: BTreeMap<&'a str, &'a Page>,
    /// Key → path from the site root (`stress/coping/`).
    paths: BTreeMap<&'a str, String>,
    /// Section key → child page keys and child section keys, sorted.
    children: BTreeMap<&'a str, (Vec<&'a str>, Vec<&'a str>)>,
    /// Topic slug → page keys, for topics used in this town.
    topics: BTreeMap<&'a str, Vec<&'a str>>,
    /// Files copied into this town's site (content and `static/` assets, theme files), by path
    /// from the site root: what relative links and images may point at.
    assets: BTreeMap<&'a str, &'a [u8]>,
    /// Automatic furigana with this town's lexicon.
    annotator: Annotator,
    /// The build date.
    today: Date,
}

fn render_town(
    site: &AnalyzedSite,
    templates: &Templates<'_>,
    town: &Town,
    opts: &Options<'_>,
    cache: &Arc<furigana::AnalysisCache>,
) -> Result<Output> {
    let annotator = Annotator::with_cache(town.lexicon.clone(), Arc::clone(cache));
    let ctx = town_ctx(site, templates, town, annotator, opts.today)?;
    let slug = &town.municipality.slug;
    let rendered: Vec<Result<Vec<Rendered>>> = ctx
        .pages
        .par_iter()
        .filter(|(key, _)| opts.pages.is_none_or(|only| only.contains(**key)))
        .map(|(key, page)| {
            // The page's leaflet shows what the page shows: it has the page's key.
            let cache_key = opts.reuse.map(|r| (r, r.keys.page(town, page)));
            let mut files = vec![one_file(
                &page_file(slug, &ctx.paths[key]),
                cache_key,
                opts.sink,
                || render_page(&ctx, key, page),
                site.config.minify,
            )?];
            (opts.on_page)();
            if printables::wants_leaflet(&ctx.pages, key) {
                let path = format!(
                    "{slug}/{}index.html",
                    printables::leaflet_path(&ctx.paths[key])
                );
                files.push(one_file(
                    &path,
                    cache_key,
                    opts.sink,
                    || {
                        let level = ctx.furigana_level(key, page);
                        let path = printables::leaflet_path(&ctx.paths[key]);
                        let body = render_body(&ctx, page, &root_of(&path), level)?;
                        printables::render_leaflet(&ctx, key, page, &body.html, level)
                    },
                    site.config.minify,
                )?);
            }
            Ok(files)
        })
        .collect();
    let mut out = Output {
        towns: vec![slug.clone()],
        ..Default::default()
    };
    // Paths of the pages handed to the sink already (no copied file may take their place).
    let mut streamed = BTreeSet::new();
    // Every page is rendered even when one fails, so that a build reports all its mistakes.
    for page in collect_all(rendered)?.into_iter().flatten() {
        if let Some(entry) = page.entry {
            out.entries.insert(page.path.clone(), entry);
        }
        if page.streamed {
            out.streamed += 1;
            streamed.insert(page.path);
        } else {
            out.files.insert(page.path, page.bytes);
        }
        out.pages += 1;
        out.reused += usize::from(page.reused);
        out.cpu.pages += page.cpu.pages;
        out.cpu.minify += page.cpu.minify;
    }
    // The search index shows every page's body: it has a key of its own, over all of them, and
    // is made again when any page changed (even when only that page is rendered, for `serve`).
    if site.config.search.enabled {
        let path = format!("{slug}/{}", search::INDEX_FILE);
        let key = opts.reuse.map(|r| (r, r.keys.search(town, &ctx.pages)));
        let (bytes, entry) = match key.and_then(|(reuse, k)| reuse.previous.file(&path, k)) {
            Some((bytes, entry)) => (bytes, Some(entry)),
            None => {
                let bytes = search_index(&ctx)?.into_bytes();
                let entry = key.map(|(_, k)| cache::Entry::new(k, &bytes));
                (bytes, entry)
            }
        };
        if let Some(entry) = entry {
            out.entries.insert(path.clone(), entry);
        }
        out.files.insert(path, bytes);
    }
    if opts.pages.is_some() {
        return Ok(out);
    }
    // The generated files depend on the town and on what its pages show of themselves: the
    // town's key.
    let town_key = opts.reuse.map(|r| (r, r.keys.town(town)));
    let taken_over = town_key.and_then(|(reuse, k)| reuse.previous.all_with(slug, k));
    let generated: Vec<(String, Vec<u8>, Option<cache::Entry>)> = match taken_over {
        Some(files) => {
            out.reused += files
                .iter()
                .filter(|(p, _, _)| p.ends_with(".html"))
                .count();
            files
                .into_iter()
                .map(|(path, bytes, entry)| (path, bytes, Some(entry)))
                .collect()
        }
        None => generated_files(&ctx, opts.today)?
            .into_iter()
            .map(|(path, bytes)| {
                let entry = town_key.map(|(_, k)| cache::Entry::new(k, &bytes));
                (path, bytes, entry)
            })
            .collect(),
    };
    for (path, bytes, entry) in generated {
        if path.ends_with(".html") {
            out.pages += 1;
        }
        if let Some(entry) = entry {
            out.entries.insert(path.clone(), entry);
        }
        out.files.insert(path, bytes);
    }
    // Files copied as they are may not take the place of a page or file tsunagi generates (a
    // `stress/signs/index.html` beside the Markdown, a `data/windows.csv` in static/).
    let mut clashes = Diagnostics::new();
    let copied = site
        .theme
        .static_files
        .iter()
        .map(|(key, bytes)| (key.as_str(), std::path::Path::new("themes"), bytes))
        .chain(
            site.assets
                .iter()
                .chain(&town.assets)
                .map(|a| (a.key.as_str(), a.path.as_path(), &a.bytes)),
        );
    let mut copies = BTreeMap::new();
    for (key, from, bytes) in copied {
        let path = format!("{slug}/{key}");
        if out.files.contains_key(&path) || streamed.contains(&path) {
            clashes.record(
                Error::input(
                    Location::file(from),
                    msg!("error.asset-replaces-generated", key = key, slug = slug),
                )
                .with_rule("asset-replaces-generated"),
            );
        }
        // A municipality's file replaces a shared one and a shared one the theme's.
        copies.insert(path, bytes.clone());
    }
    clashes.finish(())?;
    out.files.extend(copies);
    Ok(out)
}

/// The file at `path` (from the output folder) made by `render`: taken over from the previous
/// build when it wrote that path with `key`, else rendered, finished and (with a sink) handed on
/// at once, so that a town of ten thousand pages is never all in memory.
fn one_file(
    path: &str,
    key: Option<(&cache::Reuse, cache::Key)>,
    sink: Option<&Sink<'_>>,
    render: impl FnOnce() -> Result<String>,
    minify: bool,
) -> Result<Rendered> {
    let taken = key.and_then(|(reuse, k)| reuse.previous.file(path, k));
    let reused = taken.is_some();
    let (bytes, cpu, taken_entry) = match taken {
        Some((bytes, entry)) => (bytes, Cpu::default(), Some(entry)),
        None => {
            let started = std::time::Instant::now();
            let html = render()?;
            let rendered = started.elapsed();
            let bytes = finish_html(&html, minify);
            let cpu = Cpu {
                pages: rendered,
                minify: started.elapsed() - rendered,
            };
            (bytes, cpu, None)
        }
    };
    let entry = taken_entry.or_else(|| key.map(|(_, k)| cache::Entry::new(k, &bytes)));
    let streamed = match sink {
        Some(sink) => {
            sink(path, &bytes)?;
            true
        }
        None => false,
    };
    Ok(Rendered {
        entry,
        streamed,
        bytes: if streamed { Vec::new() } else { bytes },
        path: path.to_string(),
        cpu,
        reused,
    })
}

/// A file of a town rendered page by page (a content page, a leaflet), rendered or taken over.
struct Rendered {
    path: String,
    bytes: Vec<u8>,
    cpu: Cpu,
    entry: Option<cache::Entry>,
    reused: bool,
    /// Handed to the sink already (`bytes` is empty).
    streamed: bool,
}

/// The search index of a town (see [`search`]): every page as this town shows it, with the
/// readings of its kanji words when `[search] readings` is on.
fn search_index(ctx: &TownCtx<'_>) -> Result<String> {
    let annotator = ctx.site.config.search.readings.then_some(&ctx.annotator);
    let records: Vec<Result<search::Record>> = ctx
        .pages
        .par_iter()
        .map(|(key, page)| {
            let path = &ctx.paths[key];
            let body = render_body(ctx, page, &root_of(path), Level::None)?;
            Ok(search::record(
                path,
                &page.front.title,
                page.front.description.as_deref().unwrap_or(""),
                &body.html,
                annotator,
            ))
        })
        .collect();
    let mut records = collect_all(records)?;
    records.extend(topic_records(ctx, annotator));
    records.sort_by(|a, b| a.path.cmp(&b.path));
    let help = ctx
        .paths
        .get(ctx.site.config.help_page.as_str())
        .cloned()
        .unwrap_or_default();
    let guidance = search::Guidance::new(&ctx.site.words.crisis_terms(), &help);
    Ok(search::index_script(&records, &guidance))
}

/// The topic listings as the search index holds them: the list of topics, and each topic with
/// the titles and descriptions of its pages (a reader who types 自殺予防 finds that topic).
fn topic_records(ctx: &TownCtx<'_>, annotator: Option<&Annotator>) -> Vec<search::Record> {
    let escape = crate::markdown::inline_syntax::escape;
    let label = |slug: &str| {
        ctx.site
            .config
            .topics
            .get(slug)
            .map_or(slug, String::as_str)
            .to_string()
    };
    let mut records = Vec::new();
    let all: String = ctx
        .topics
        .keys()
        .map(|slug| format!("<p>{}</p>", escape(&label(slug))))
        .collect();
    records.push(search::record(
        "topics/",
        "トピック一覧",
        "テーマごとのページの一覧です。",
        &all,
        annotator,
    ));
    for (slug, keys) in &ctx.topics {
        let name = label(slug);
        let body: String = keys
            .iter()
            .map(|k| {
                let link = ctx.link(k, "", "");
                format!(
                    "<p>{}：{}</p>",
                    escape(&link.title),
                    escape(&link.description)
                )
            })
            .collect();
        records.push(search::record(
            &format!("topics/{slug}/"),
            &format!("トピック：{name}"),
            &format!("「{name}」についてのページの一覧です。"),
            &body,
            annotator,
        ));
    }
    records
}

/// The files a town's site gets besides its content pages and search index: topic listings,
/// 404, accessibility statement, site map, search page, events (pages and calendars),
/// `sitemap.xml` and data exports; paths from the output folder.
fn generated_files(ctx: &TownCtx<'_>, today: Date) -> Result<Vec<(String, Vec<u8>)>> {
    let slug = &ctx.town.municipality.slug;
    let minify = ctx.site.config.minify;
    let mut files = Vec::new();
    for (path, html) in render_topics(ctx)? {
        files.push((format!("{slug}/{path}"), finish_html(&html, minify)));
    }
    files.push((
        format!("{slug}/404.html"),
        finish_html(&render_404(ctx)?, minify),
    ));
    files.push((
        format!("{slug}/{ACCESSIBILITY_PATH}index.html"),
        finish_html(&render_accessibility(ctx)?, minify),
    ));
    files.push((
        format!("{slug}/{SITEMAP_PATH}index.html"),
        finish_html(&render_site_map(ctx)?, minify),
    ));
    if ctx.site.config.search.enabled {
        files.push((
            format!("{slug}/{SEARCH_PATH}index.html"),
            finish_html(&render_search(ctx)?, minify),
        ));
    }
    for (path, html) in printables::render_printables(ctx, today)? {
        files.push((format!("{slug}/{path}"), finish_html(&html, minify)));
    }
    for (path, bytes) in render_events(ctx, today)? {
        files.push((format!("{slug}/{path}"), bytes));
    }
    files.push((format!("{slug}/sitemap.xml"), sitemap(ctx).into_bytes()));
    for (path, bytes) in exports::files(&ctx.town.municipality, today)? {
        files.push((format!("{slug}/{path}"), bytes));
    }
    Ok(files)
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
    templates: &'a Templates<'a>,
    town: &'a Town,
    annotator: Annotator,
    today: Date,
) -> Result<TownCtx<'a>> {
    let pages = town.pages(&site.shared);
    let mut paths = BTreeMap::new();
    let mut owners: BTreeMap<String, &str> = BTreeMap::new();
    for (key, page) in &pages {
        let path = content::url_path(key, page.front.slug.as_deref());
        if let Some(other) = owners.insert(path.clone(), key) {
            return Err(Error::input(
                Location::file(&page.path),
                msg!("error.url-clash", other = other, path = path),
            ));
        }
        if printables::wants_leaflet(&pages, key) {
            let leaflet = printables::leaflet_path(&path);
            if let Some(other) = owners.insert(leaflet.clone(), key) {
                return Err(Error::input(
                    Location::file(&page.path),
                    msg!("error.url-clash", other = other, path = leaflet),
                ));
            }
        }
        paths.insert(*key, path);
    }
    // Pages tsunagi generates own these URLs and everything below them.
    let mut reserved = Diagnostics::new();
    for (key, path) in &paths {
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
    reserved.finish(())?;
    let help = site.config.help_page.as_str();
    if !pages.contains_key(help) {
        // The help box on every page must never lose its link.
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
        return Err(Error::input(location, why).with_rule("missing-help-page"));
    }
    let mut children: BTreeMap<&str, (Vec<&str>, Vec<&str>)> = BTreeMap::new();
    let mut topics: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (key, page) in &pages {
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
    })
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

    /// The help page, at the town's own windows when the page has them (`help_guide`).
    fn help_url(&self, root: &str) -> Option<String> {
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
        c.insert("has_ruby", &(self.town_level() != Level::None));
        c.insert("has_badges", &false);
        c.insert("site", &SiteView::of(&self.site.config));
        c.insert("municipality", &self.town.municipality);
        c.insert("root", root);
        c.insert("nav", &self.nav(root, current));
        c.insert("help_url", &self.help_url(root));
        let lines = &self.site.help_lines;
        let phones: Vec<&crate::data::help_lines::HelpLine> =
            lines.lines.iter().filter(|l| l.is_phone()).collect();
        c.insert("national_lines", &HelpLineView::all(&phones));
        c.insert("help_lines", &HelpLineView::all(&lines.help_box(None)));
        c.insert("chat_lines", &HelpLineView::all(&lines.chats(None)));
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
    fn render_template(
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

fn render_page(ctx: &TownCtx<'_>, key: &str, page: &Page) -> Result<String> {
    let path = &ctx.paths[key];
    let root = root_of(path);
    let level = ctx.furigana_level(key, page);
    let Body {
        html: body,
        has_ruby: body_ruby,
        shortcode_text,
    } = render_body(ctx, page, &root, level)?;
    let (title_html, _) = ctx.ruby_html(&page.front.title, level);
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
        draft: page.front.draft,
        title: &page.front.title,
        description: page
            .front
            .description
            .clone()
            .unwrap_or_else(|| truncate(&page.doc.summary, 120)),
        content: ruby::done(&body),
        title_html: ruby::done(&title_html),
        // Readings anywhere on the page (the theme's words get them too), or written by hand.
        has_ruby: level != Level::None || body_ruby,
        furigana: level.to_string(),
        toc: if page.front.toc {
            toc(page, &shortcode_text)
        } else {
            Vec::new()
        },
        date: page.front.date,
        updated: page.front.updated,
        review: page.front.review.as_ref(),
        unreviewed: page.front.review.is_none() && !page.front.topics.is_empty(),
        sources: &page.front.sources,
        jsonld: view::page_jsonld(
            &page.front.title,
            &format!("{}{path}", ctx.town.municipality.base_url),
            &page.front.sources,
        ),
        audience: page
            .front
            .audience
            .map(crate::data::audience::PageAudience::key),
        topics: ctx.topic_views(&page.front.topics, &root),
        path: path.clone(),
        qr_svg: qr_svg(
            &format!("{}{path}", ctx.town.municipality.base_url),
            "このページのQRコード",
        ),
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
    // The help box offers the lines for the page's readers (pupils: children's lines first).
    let audience = page
        .front
        .audience
        .map(crate::data::audience::PageAudience::key);
    context.insert(
        "help_lines",
        &HelpLineView::all(&ctx.site.help_lines.help_box(audience)),
    );
    context.insert(
        "chat_lines",
        &HelpLineView::all(&ctx.site.help_lines.chats(audience)),
    );
    // The 受付中 badge's scripts load only where a window or line carries opening hours.
    context.insert("has_badges", &body.contains(" data-hours="));
    context.insert("page", &view);
    context.insert("has_ruby", &view.has_ruby);
    ctx.render_template(template, &context, &page.path, level, path)
}

/// A QR code of `url` as a small inline `<svg>` named `label` (one stroked path, a run of dark
/// modules per command, a four-module quiet zone), for paper to lead back to the site; empty if
/// the URL is too long for a QR code. `tests/print.rs` reads every code of the example back.
fn qr_svg(url: &str, label: &str) -> String {
    // fast_qr: the same standard code (level M, the mask with the lowest penalty) at a sixth of
    // the time of the qrcode crate, whose mask scoring was a third of a build's processor time.
    let Ok(code) = fast_qr::QRBuilder::new(url).ecl(fast_qr::ECL::M).build() else {
        return String::new();
    };
    let width = code.size;
    let dark = |x: usize, y: usize| code[y][x].value();
    // Each row is one subpath of horizontal strokes: `M x y.5 h len`, then `m gap 0 h len`.
    let mut path = String::new();
    for y in 0..width {
        let mut x = 0;
        let mut pen: Option<usize> = None;
        while x < width {
            if !dark(x, y) {
                x += 1;
                continue;
            }
            let start = x;
            while x < width && dark(x, y) {
                x += 1;
            }
            match pen {
                None => path.push_str(&format!("M{} {}.5", start + 4, y + 4)),
                Some(end) => path.push_str(&format!("m{} 0", start - end)),
            }
            path.push_str(&format!("h{}", x - start));
            pen = Some(x);
        }
    }
    let n = width + 8;
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {n} {n}\" role=\"img\" aria-label=\"{label}\"><path fill=\"#fff\" d=\"M0 0h{n}v{n}H0z\"/><path stroke=\"#000\" d=\"{path}\"/></svg>",
        label = crate::markdown::inline_syntax::escape(label)
    )
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(max).collect::<String>())
    }
}

/// Marks HTML that tsunagi rendered itself (a page's body and title, with their ruby), compact
/// already: [`finish_html`] does not pass it through the minifier, which spent most of a
/// furigana build's time on ruby markup it could not shorten (3.4 µs a `<ruby>`, 4 % of the
/// bytes saved), and removes the marks.
pub(super) const AS_IS_START: &str = "<!--tsunagi:as-is-->";
pub(super) const AS_IS_END: &str = "<!--/tsunagi:as-is-->";

/// The bytes of a finished HTML page: minified when `minify` is set (`[output] minify`, on by
/// default), keeping it valid (closing tags, `<html>`/`<head>` and the doctype stay), except the
/// parts marked `AS_IS_START`…`AS_IS_END`, which are compact already. A NUL from any source
/// (a TOML `\u0000` escape) becomes U+FFFD, as HTML parsers would read it.
pub fn finish_html(html: &str, minify: bool) -> Vec<u8> {
    let cleaned;
    let html = if html.contains('\0') {
        cleaned = html.replace('\0', "\u{FFFD}");
        cleaned.as_str()
    } else {
        html
    };
    let cfg = minify_html::Cfg {
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        minify_css: true,
        minify_js: false,
        ..minify_html::Cfg::new()
    };
    // The marked parts are set aside, each replaced by a hole (a number between two
    // private-use characters, which the minifier keeps as text), and put back afterwards.
    let mut kept: Vec<&str> = Vec::new();
    let mut with_holes = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(AS_IS_START) {
        let inside = &rest[start + AS_IS_START.len()..];
        let Some(end) = inside.find(AS_IS_END) else {
            break;
        };
        with_holes.push_str(&rest[..start]);
        with_holes.push_str(&format!("{HOLE_START}{}{HOLE_END}", kept.len()));
        kept.push(&inside[..end]);
        rest = &inside[end + AS_IS_END.len()..];
    }
    with_holes.push_str(rest);
    let filled = |text: &str| -> Option<Vec<u8>> {
        let mut out = Vec::with_capacity(text.len() + kept.iter().map(|k| k.len()).sum::<usize>());
        let mut pieces = text.split(HOLE_START);
        out.extend_from_slice(pieces.next()?.as_bytes());
        for (i, piece) in pieces.enumerate() {
            let (number, after) = piece.split_once(HOLE_END)?;
            if number.parse::<usize>().ok()? != i {
                return None;
            }
            out.extend_from_slice(kept.get(i)?.as_bytes());
            out.extend_from_slice(after.as_bytes());
        }
        (text.matches(HOLE_START).count() == kept.len()).then_some(out)
    };
    if !minify {
        return filled(&with_holes).unwrap_or_else(|| html.as_bytes().to_vec());
    }
    let minified = minify_html::minify(with_holes.as_bytes(), &cfg);
    // A page whose own text held such characters is minified whole, as before.
    String::from_utf8(minified)
        .ok()
        .and_then(|m| filled(&m))
        .unwrap_or_else(|| {
            let plain = html.replace(AS_IS_START, "").replace(AS_IS_END, "");
            minify_html::minify(plain.as_bytes(), &cfg)
        })
}

/// The ends of a hole in a page being minified (see [`finish_html`]).
const HOLE_START: char = '\u{F8F0}';
const HOLE_END: char = '\u{F8F1}';

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dictionary_is_wanted_only_where_a_page_gets_furigana() {
        let wants = |front: &str| {
            let page = format!("+++\ntitle = \"p\"\n{front}\n+++\n本文。\n");
            let dir = crate::check::testing::project(&[("content/topic/page.md", &page)]);
            let site = crate::analyze::analyze(crate::load::load(dir.path()).unwrap()).unwrap();
            needs_furigana(&site)
        };
        assert!(!wants(""));
        assert!(wants("audience = \"school\""));
        assert!(wants("furigana = \"all\""));
        assert!(!wants("audience = \"school\"\nfurigana = \"none\""));
    }

    #[test]
    fn relative_roots() {
        assert_eq!(root_of(""), "./");
        assert_eq!(root_of("stress/"), "../");
        assert_eq!(root_of("stress/coping/"), "../../");
    }

    /// The modules an SVG made by [`qr_svg`] draws dark: its second path, read back
    /// (`M x y.5` starts a row, `m dx 0` moves along it, `h n` draws n modules).
    #[test]
    fn qr_codes_are_one_small_svg() {
        let svg = qr_svg(
            "https://kokoro.example.jp/hanno/stress/",
            "このページのQRコード",
        );
        assert!(
            svg.starts_with("<svg xmlns=") && svg.ends_with("</svg>"),
            "{svg}"
        );
        assert!(svg.len() < 3000, "{} bytes", svg.len());
        assert_eq!(svg.matches("<path").count(), 2);
    }

    /// The whole page minified, marks and all removed: what a page was before parts of it were
    /// left as they are.
    fn minified_whole(html: &str) -> Vec<u8> {
        finish_html(&html.replace(AS_IS_START, "").replace(AS_IS_END, ""), true)
    }

    #[test]
    fn marked_parts_are_left_as_they_are_and_the_page_minifies_to_the_same() {
        let body = "<p>本文の<ruby>漢字<rp>(</rp><rt>かんじ</rt><rp>)</rp></ruby>です。</p>\n<h2 id=\"a\">見出し</h2>\n";
        let page = format!(
            "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<title>t</title>\n</head>\n<body>\n  <main>\n    <h1>{AS_IS_START}題{AS_IS_END}</h1>\n    <div class=\"content\">{AS_IS_START}{body}{AS_IS_END}</div>\n  </main>\n</body>\n</html>\n"
        );
        let out = String::from_utf8(finish_html(&page, true)).unwrap();
        assert!(out.contains(body), "the body as rendered: {out}");
        assert!(out.contains("<h1>題</h1>"), "{out}");
        assert!(
            !out.contains("tsunagi:") && !out.contains('\u{F8F0}'),
            "{out}"
        );
        assert!(
            out.contains("<main><h1>"),
            "the theme's part is minified: {out}"
        );
        // Minifying the result gives what minifying the whole page gives: nothing was lost.
        assert_eq!(finish_html(&out, true), minified_whole(&page), "{out}");
        // Not minified: the marks go, nothing else changes.
        assert_eq!(
            String::from_utf8(finish_html(&page, false)).unwrap(),
            page.replace(AS_IS_START, "").replace(AS_IS_END, "")
        );
    }

    #[test]
    fn a_page_whose_text_holds_the_hole_characters_is_minified_whole() {
        let page = format!(
            "<!DOCTYPE html><html><head><title>t</title></head><body><p>\u{F8F0}0\u{F8F1}</p>  <div>{AS_IS_START}<p>x</p>{AS_IS_END}</div></body></html>"
        );
        assert_eq!(finish_html(&page, true), minified_whole(&page));
    }

    #[test]
    fn minified_html_keeps_structure() {
        let out = String::from_utf8(finish_html("<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<title>t</title>\n</head>\n<body>\n<p>a</p>\n</body>\n</html>\n", true)).unwrap();
        assert!(
            out.to_lowercase()
                .starts_with("<!doctype html><html lang=ja><head>"),
            "{out}"
        );
        assert!(out.contains("<p>a</p>"), "{out}");
    }
}
