//! `build`: the whole pipeline into the output folder. Each municipality is written as soon as
//! it is rendered, into a staging folder that takes the place of the output folder only once
//! everything succeeded; what the previous build made of the same inputs is taken over.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::cache;
use crate::error::{Diagnostic, Location, Result};
use crate::msg;
use crate::render::{self, Cpu};
use crate::write;

use super::Settings;

/// Where a build goes and whether it may take over from the last one.
#[derive(Debug, Clone)]
pub struct Options {
    /// What every run is given.
    pub settings: Settings,
    /// The output folder (a relative path is taken from the root).
    pub out: PathBuf,
    /// Take over from the previous build what has not changed (see [`cache`]).
    pub cache: bool,
}

/// Told as the build goes: how many pages there are, then each page rendered.
pub trait Progress: Sync {
    /// The number of pages to render, once known.
    fn start(&self, pages: u64);
    /// One more page rendered.
    fn page(&self);
}

/// No progress to show.
pub struct Silent;

impl Progress for Silent {
    fn start(&self, _: u64) {}
    fn page(&self) {}
}

/// The wall time of each stage of a build.
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    /// Reading the project.
    pub load: Duration,
    /// Parsing every page.
    pub analyze: Duration,
    /// The review's rules, and opening the cache.
    pub review: Duration,
    /// Rendering every page (and writing it into the staging folder).
    pub render: Duration,
    /// Putting the site in place and saving the cache.
    pub write: Duration,
    /// The whole build.
    pub total: Duration,
}

/// What a build made.
#[derive(Debug)]
pub struct Built {
    /// The output folder.
    pub out_dir: PathBuf,
    /// Slugs of the municipalities built.
    pub towns: usize,
    /// Markdown pages of the project.
    pub sources: usize,
    /// Pages written.
    pub pages: usize,
    /// Files written.
    pub files: usize,
    /// Pages taken over from the last build.
    pub reused: usize,
    /// Texts the dictionary analysed (what the cache did not hold), when there was a cache.
    pub texts_analysed: Option<usize>,
    /// Everything to fix before publishing, in the order found.
    pub warnings: Vec<Diagnostic>,
    /// How long each stage took.
    pub timings: Timings,
    /// The processor time of rendering and minifying.
    pub cpu: Cpu,
}

/// The output folder of `opts`: absolute, or from the project's root.
pub fn out_dir(opts: &Options) -> PathBuf {
    if opts.out.is_absolute() {
        opts.out.clone()
    } else {
        opts.settings.root.join(&opts.out)
    }
}

/// Builds the sites of `opts` into their output folder, telling `progress` as it goes. A
/// failed build leaves the output folder as it was.
pub fn build(opts: &Options, progress: &dyn Progress) -> Result<Built> {
    let started = Instant::now();
    let out_dir = out_dir(opts);
    let settings = &opts.settings;
    let mut lap = Lap(Instant::now());
    let project = super::load(settings)?;
    let load = lap.next();
    let site = super::analyze(settings, project)?;
    let analyze = lap.next();
    // The review's error-level rules stop a build too (`tsunagi check` runs them all).
    let warnings = super::warnings(settings, &site)?;
    let reuse = opts
        .cache
        .then(|| cache::Reuse::open(&out_dir, &site, settings.today));
    let review = lap.next();
    let only = &settings.only;
    progress.start(
        site.towns
            .iter()
            .filter(|t| only.is_empty() || only.contains(&t.municipality.slug))
            .map(|t| t.pages(&site.shared).len() as u64)
            .sum(),
    );
    let staging = write::Staging::begin(&out_dir, &settings.root)?;
    let output = render_into(&site, settings, &staging, reuse.as_ref(), progress)?;
    let render = lap.next();
    // The municipalities this build did not render (with --only) keep their previous site;
    // nothing else of it stays.
    let kept: Vec<String> = site
        .towns
        .iter()
        .map(|t| t.municipality.slug.clone())
        .filter(|s| !output.towns.contains(s))
        .collect();
    let left_over = staging.finish(&kept)?;
    let cache_warning = reuse
        .as_ref()
        .and_then(|r| save_cache(r, &out_dir, &output, &kept));
    let write = lap.next();
    Ok(Built {
        towns: output.towns.len(),
        sources: site.source_page_count(),
        pages: output.pages,
        files: output.files.len() + output.streamed,
        reused: output.reused,
        texts_analysed: reuse.as_ref().map(|r| r.analyses.added()),
        warnings: warnings
            .into_iter()
            .chain(left_over)
            .chain(cache_warning)
            .collect(),
        timings: Timings {
            load,
            analyze,
            review,
            render,
            write,
            total: started.elapsed(),
        },
        cpu: output.cpu,
        out_dir,
    })
}

/// Renders the site, each file handed to the staging folder as it is made (links made to work
/// from files when the project asks).
fn render_into(
    site: &crate::analyze::AnalyzedSite,
    settings: &Settings,
    staging: &write::Staging,
    reuse: Option<&cache::Reuse>,
    progress: &dyn Progress,
) -> Result<render::Output> {
    let file_links = site.config.file_links;
    let sink = |path: &str, bytes: &[u8]| {
        if file_links && path.ends_with(".html") {
            let html = String::from_utf8_lossy(bytes);
            staging.put(path, crate::html::links_for_files(&html).as_bytes())
        } else {
            staging.put(path, bytes)
        }
    };
    render::render(
        site,
        &render::Options {
            only: &settings.only,
            on_page: &|| progress.page(),
            today: settings.today,
            pages: None,
            sink: Some(&sink),
            reuse,
        },
    )
}

/// Saves what this build made for the next one to take over; a cache that cannot be written
/// costs the next build time, not this one its site (a warning).
fn save_cache(
    reuse: &cache::Reuse,
    out_dir: &Path,
    output: &render::Output,
    kept: &[String],
) -> Option<Diagnostic> {
    let mut entries = output.entries.clone();
    entries.extend(reuse.previous.entries_of(kept));
    reuse.save(out_dir, entries).err().map(|e| {
        Diagnostic::warning(
            Location::file(cache::dir_of(out_dir)),
            "cache-not-saved",
            msg!("warning.cache-not-saved", why = e),
        )
    })
}

/// Wall time of consecutive stages.
struct Lap(Instant);

impl Lap {
    /// The time since the last lap.
    fn next(&mut self) -> Duration {
        let now = Instant::now();
        let d = now - self.0;
        self.0 = now;
        d
    }
}
