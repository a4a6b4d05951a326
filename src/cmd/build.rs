//! `tsunagi build`: load → analyze → render → write, with a summary at the end.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use tsunagi::data::holidays::Date;
use tsunagi::error::{Diagnostic, Error, Folded, Location, Result, did_you_mean};
use tsunagi::{analyze, cache, check, load, msg, render, t, write};

/// Options of `tsunagi build`.
pub struct BuildOptions {
    /// Project root.
    pub root: PathBuf,
    /// Output folder (relative paths are taken from the root).
    pub out: PathBuf,
    /// Municipalities to build; empty for all.
    pub only: Vec<String>,
    /// No summary.
    pub quiet: bool,
    /// `--today`, as typed.
    pub today: Option<String>,
    /// Print how long each stage took.
    pub timings: bool,
    /// Take over from the previous build what has not changed (see `tsunagi::cache`).
    pub cache: bool,
    /// `--for-files`: links that work from the file system (as `[output] file_links`).
    pub for_files: bool,
}

/// Today's date in Japan (UTC+9, no daylight saving time).
fn japan_today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let epoch = Date::new(1970, 1, 1).unwrap_or(Date {
        year: 1970,
        month: 1,
        day: 1,
    });
    epoch.plus_days((secs + 9 * 3600).div_euclid(86_400))
}

/// `--today` as typed, or today in Japan.
pub fn build_date(today: Option<&str>) -> Result<Date> {
    match today {
        None => Ok(japan_today()),
        Some(t) => Date::parse_explained(t)
            .map_err(|why| Error::usage(msg!("error.today-invalid", value = t, why = why))),
    }
}

/// Builds the sites.
pub fn run(opts: &BuildOptions) -> Result<()> {
    let started = Instant::now();
    let out_dir = if opts.out.is_absolute() {
        opts.out.clone()
    } else {
        opts.root.join(&opts.out)
    };
    let today = build_date(opts.today.as_deref())?;
    let mut lap = Lap::new();
    let mut project = load::load(&opts.root)?;
    project.config.file_links |= opts.for_files;
    check_only(&opts.only, &project)?;
    let sources = check::sources_of(&project);
    let load_time = lap.next();
    let site = analyze::analyze(project)?;
    let analyze_time = lap.next();
    // The review's error-level rules stop a build too (`tsunagi check` runs them all); the
    // warnings are at the levels tsunagi.toml gives them.
    let warnings = check::for_build(&site, &sources, today, &opts.only)?;
    // What the previous build made of the same inputs is taken over (checked byte for byte
    // against what it wrote), and the dictionary's analyses too.
    let reuse = opts
        .cache
        .then(|| cache::Reuse::open(&out_dir, &site, today));
    let review_time = lap.next();
    let total: usize = site
        .towns
        .iter()
        .filter(|t| opts.only.is_empty() || opts.only.contains(&t.municipality.slug))
        .map(|t| t.pages(&site.shared).len())
        .sum();
    let bar = progress_bar(total as u64, opts.quiet);
    let shown = AtomicBool::new(false);
    let on_page = || {
        bar.inc(1);
        // Show the bar only when the build is long enough to need one.
        if !shown.load(Ordering::Relaxed) && started.elapsed() > Duration::from_millis(800) {
            shown.store(true, Ordering::Relaxed);
            if !opts.quiet && std::io::stderr().is_terminal() {
                bar.set_draw_target(ProgressDrawTarget::stderr());
            }
        }
    };
    // Each municipality is written as soon as it is rendered, into a staging folder that takes
    // the place of the output folder only once everything succeeded (dropped otherwise).
    let staging = write::Staging::begin(&out_dir, &opts.root)?;
    let output = {
        let file_links = site.config.file_links;
        let sink = |path: &str, bytes: &[u8]| {
            if file_links && path.ends_with(".html") {
                let html = String::from_utf8_lossy(bytes);
                staging.put(path, tsunagi::html::links_for_files(&html).as_bytes())
            } else {
                staging.put(path, bytes)
            }
        };
        render::render(
            &site,
            &render::Options {
                only: &opts.only,
                on_page: &on_page,
                today,
                pages: None,
                sink: Some(&sink),
                reuse: reuse.as_ref(),
            },
        )?
    };
    bar.finish_and_clear();
    let render_time = lap.next();
    // The municipalities of the project that this build did not render (with --only) keep their
    // previous site; nothing else of it stays.
    let kept: Vec<String> = site
        .towns
        .iter()
        .map(|t| t.municipality.slug.clone())
        .filter(|s| !output.towns.contains(s))
        .collect();
    let left_over = staging.finish(&kept)?;
    // Only a site in place gets a cache; a cache that cannot be written costs the next build
    // time, not this one its site.
    let cache_warning = reuse.as_ref().and_then(|r| {
        let mut entries = output.entries.clone();
        entries.extend(r.previous.entries_of(&kept));
        r.save(&out_dir, entries).err().map(|e| {
            Diagnostic::warning(
                Location::file(cache::dir_of(&out_dir)),
                "cache-not-saved",
                msg!("warning.cache-not-saved", why = e),
            )
        })
    });
    let write_time = lap.next();
    if opts.timings {
        let s = |d: Duration| format!("{:.3}", d.as_secs_f64());
        eprintln!(
            "{}",
            t!(
                "ui.timings",
                load = s(load_time),
                analyze = s(analyze_time),
                review = s(review_time),
                render = s(render_time),
                write = s(write_time),
                total = s(started.elapsed())
            )
        );
        eprintln!(
            "{}",
            t!(
                "ui.timings-render",
                pages = s(output.cpu.pages),
                minify = s(output.cpu.minify)
            )
        );
        if let Some(r) = &reuse {
            eprintln!(
                "{}",
                t!(
                    "ui.timings-cache",
                    reused = output.reused,
                    pages = output.pages,
                    texts = r.analyses.added()
                )
            );
        }
    }
    // Warnings are printed once the site is built (errors come first, alone), and even with
    // --quiet: they are problems, not progress.
    let warnings: Vec<_> = warnings
        .into_iter()
        .chain(left_over)
        .chain(cache_warning)
        .collect();
    let label = t!("ui.label-warning");
    for w in tsunagi::error::fold_repeated(&warnings) {
        match w {
            Folded::One(i) => eprintln!("{label} {}", warnings[i]),
            Folded::More { count, rule, file } => {
                eprintln!("{}", tsunagi::error::more_of_a_kind(count, rule, &file));
            }
        }
    }
    if !warnings.is_empty() {
        eprintln!(
            "{}",
            t!(
                "ui.warnings-summary",
                count = tsunagi::error::thousands(warnings.len() as u64)
            )
        );
    }
    if !opts.quiet {
        let seconds = format!("{:.2}", started.elapsed().as_secs_f64());
        let summary = t!(
            "ui.build-summary",
            towns = output.towns.len(),
            sources = site.source_page_count(),
            pages = output.pages,
            files = output.files.len() + output.streamed,
            seconds = seconds,
            out = out_dir.display()
        );
        eprintln!("{summary}");
    }
    Ok(())
}

/// Wall time of consecutive stages.
struct Lap(Instant);

impl Lap {
    fn new() -> Self {
        Lap(Instant::now())
    }

    /// The time since the last lap.
    fn next(&mut self) -> Duration {
        let now = Instant::now();
        let d = now - self.0;
        self.0 = now;
        d
    }
}

/// Every `--only SLUG` must name a municipality of the project: a typing mistake is a wrong
/// command line (exit 2), answered with the known slugs.
pub fn check_only(only: &[String], project: &load::Project) -> Result<()> {
    let known: Vec<&str> = project
        .municipalities
        .iter()
        .map(|m| m.municipality.slug.as_str())
        .collect();
    match only.iter().find(|s| !known.contains(&s.as_str())) {
        None => Ok(()),
        Some(slug) => Err(Error::usage(msg!(
            "error.only-unknown",
            slug = slug,
            suggest = did_you_mean(slug, known.iter().copied()),
            list = known.join(", ")
        ))),
    }
}

fn progress_bar(total: u64, quiet: bool) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden());
    let template = t!("ui.progress");
    if !quiet && let Ok(style) = ProgressStyle::with_template(template.as_str()) {
        bar.set_style(style);
    }
    bar
}
