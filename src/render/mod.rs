//! Stage 3, render: turns the analysed site into files, one site per municipality. In: an
//! `AnalyzedSite`. Out: [`Output`], a sorted map from output path to bytes. Fills the holes
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
mod finish;
mod generated;
mod languages;
mod page;
mod paths;
mod print;
mod printables;
mod ruby;
pub mod shortcodes;
mod town;
pub mod view;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rayon::prelude::*;

use crate::analyze::{AnalyzedSite, Page, Town};
use crate::cache;
use crate::content;
use crate::data::holidays::Date;
use crate::error::{Diagnostics, Error, Location, Result, collect_all};
use crate::furigana::{self, Annotator, Level};
use crate::msg;
use crate::search::{self, SEARCH_PATH};
use body::render_body;
pub use finish::finish_html;
use generated::{
    render_404, render_accessibility, render_events, render_portal, render_search, render_site_map,
    render_topics, sitemap,
};
use page::render_page;
pub use paths::{ACCESSIBILITY_PATH, EVENTS_PATH, PRINT_PATH, SITEMAP_PATH};
use paths::{PORTAL, leaflet_path, page_file, root_of, wants_leaflet};
use town::{Templates, TownCtx, town_ctx};

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
    /// other page sees (see `crate::analyze::SeenFromOtherPages`).
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

/// One town's site: its pages (those of `opts.pages` alone when given), its search index, its
/// generated pages and files, and the files copied as they are.
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
    let rendered = render_pages(&ctx, opts);
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
    if site.config.search.enabled {
        add_search_index(&ctx, opts, &mut out)?;
    }
    if opts.pages.is_some() {
        return Ok(out);
    }
    add_generated(&ctx, opts, &mut out)?;
    add_copies(&ctx, &streamed, &mut out)?;
    Ok(out)
}

/// Every page of the town (and its leaflet), rendered in parallel, each in its own result so
/// that one failure does not hide the others.
fn render_pages(ctx: &TownCtx<'_>, opts: &Options<'_>) -> Vec<Result<Vec<Rendered>>> {
    let (site, town) = (ctx.site, ctx.town);
    let slug = &town.municipality.slug;
    ctx.pages
        .par_iter()
        .filter(|(key, _)| opts.pages.is_none_or(|only| only.contains(**key)))
        .map(|(key, page)| {
            // The page's leaflet shows what the page shows: it has the page's key.
            let cache_key = opts.reuse.map(|r| (r, r.keys.page(town, page)));
            let mut files = vec![one_file(
                &page_file(slug, &ctx.paths[key]),
                cache_key,
                opts.sink,
                || render_page(ctx, key, page),
                site.config.minify,
            )?];
            (opts.on_page)();
            if wants_leaflet(&ctx.pages, &ctx.site.config.languages, key) {
                let path = format!("{slug}/{}index.html", leaflet_path(&ctx.paths[key]));
                files.push(one_file(
                    &path,
                    cache_key,
                    opts.sink,
                    || {
                        let level = ctx.furigana_level(key, page);
                        let path = leaflet_path(&ctx.paths[key]);
                        let body = render_body(ctx, page, &root_of(&path), level)?;
                        printables::render_leaflet(ctx, key, page, &body.html, level)
                    },
                    site.config.minify,
                )?);
            }
            Ok(files)
        })
        .collect()
}

/// The search index shows every page's body: it has a key of its own, over all of them, and
/// is made again when any page changed (even when only that page is rendered, for `serve`).
fn add_search_index(ctx: &TownCtx<'_>, opts: &Options<'_>, out: &mut Output) -> Result<()> {
    let (town, slug) = (ctx.town, &ctx.town.municipality.slug);
    let path = format!("{slug}/{}", search::INDEX_FILE);
    let key = opts.reuse.map(|r| (r, r.keys.search(town, &ctx.pages)));
    let (bytes, entry) = match key.and_then(|(reuse, k)| reuse.previous.file(&path, k)) {
        Some((bytes, entry)) => (bytes, Some(entry)),
        None => {
            let bytes = search_index(ctx)?.into_bytes();
            let entry = key.map(|(_, k)| cache::Entry::new(k, &bytes));
            (bytes, entry)
        }
    };
    if let Some(entry) = entry {
        out.entries.insert(path.clone(), entry);
    }
    out.files.insert(path, bytes);
    Ok(())
}

/// The pages and files tsunagi generates for the town: they depend on the town and on what its
/// pages show of themselves (the town's key), and are taken over whole when that is unchanged.
fn add_generated(ctx: &TownCtx<'_>, opts: &Options<'_>, out: &mut Output) -> Result<()> {
    let (town, slug) = (ctx.town, &ctx.town.municipality.slug);
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
        None => generated_files(ctx, opts.today)?
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
    Ok(())
}

/// The files copied as they are (theme, shared and the town's assets; a municipality's file
/// replaces a shared one and a shared one the theme's), none of which may take the place of a
/// page or file tsunagi generates (a `stress/signs/index.html` beside the Markdown, a
/// `data/windows.csv` in static/).
fn add_copies(ctx: &TownCtx<'_>, streamed: &BTreeSet<String>, out: &mut Output) -> Result<()> {
    let (site, town, slug) = (ctx.site, ctx.town, &ctx.town.municipality.slug);
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
    Ok(())
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
    // The search page is in the content's own language, and so is what it finds: a version
    // in やさしい日本語 would otherwise come before the page it was written from.
    let main = ctx.site.config.languages.main().code.as_str();
    let records: Vec<Result<search::Record>> = ctx
        .pages
        .par_iter()
        .filter(|(_, page)| page.language == main)
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
    let labels = ctx.labels;
    records.push(search::record(
        "topics/",
        labels.text("title.topics"),
        labels.text("title.topics_description"),
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
                    "<p>{}</p>",
                    labels.fill(
                        "title.topic_entry",
                        &[
                            ("title", &escape(&link.title)),
                            ("description", &escape(&link.description)),
                        ],
                    )
                )
            })
            .collect();
        records.push(search::record(
            &format!("topics/{slug}/"),
            &labels.fill("title.topic", &[("name", &name)]),
            &labels.fill("title.topic_description", &[("name", &name)]),
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
    for (path, bytes) in exports::files(&ctx.town.municipality, today, ctx.default_labels())? {
        files.push((format!("{slug}/{path}"), bytes));
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::finish::{AS_IS_END, AS_IS_START, qr_svg};
    use super::*;

    #[test]
    fn the_dictionary_is_wanted_only_where_a_page_gets_furigana() {
        let wants = |front: &str| {
            let page = format!("+++\ntitle = \"p\"\n{front}\n+++\n本文。\n");
            let dir = crate::check::testing::project(&[("content/topic/page.md", &page)]);
            let site = crate::analyze::analyze_with(crate::load::load(dir.path()).unwrap(), false)
                .unwrap();
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
