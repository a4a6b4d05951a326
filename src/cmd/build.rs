//! `tsunagi build`: runs [`tsunagi::site::build`] with a progress bar, then prints its
//! warnings, its timings when asked, and a summary.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use tsunagi::error::{Diagnostic, Folded, Result};
use tsunagi::site::build::{self, Built, Progress};
use tsunagi::site::{Settings, build_date};
use tsunagi::t;

/// Options of `tsunagi build`.
pub(crate) struct BuildOptions {
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

/// Builds the sites.
pub(crate) fn run(opts: &BuildOptions) -> Result<()> {
    let mut settings = Settings::new(&opts.root, build_date(opts.today.as_deref())?);
    settings.only = opts.only.clone();
    settings.file_links = opts.for_files;
    let bar = Bar {
        bar: progress_bar(opts.quiet),
        started: Instant::now(),
        shown: AtomicBool::new(false),
        quiet: opts.quiet,
    };
    let built = build::build(
        &build::Options {
            settings,
            out: opts.out.clone(),
            cache: opts.cache,
        },
        &bar,
    );
    bar.bar.finish_and_clear();
    let built = built?;
    if opts.timings {
        print_timings(&built);
    }
    // Warnings are printed once the site is built (errors come first, alone), and even with
    // --quiet: they are problems, not progress.
    print_warnings(&built.warnings);
    if !opts.quiet {
        let seconds = format!("{:.2}", built.timings.total.as_secs_f64());
        let summary = t!(
            "ui.build-summary",
            towns = built.towns,
            sources = built.sources,
            pages = built.pages,
            files = built.files,
            seconds = seconds,
            out = built.out_dir.display()
        );
        eprintln!("{summary}");
    }
    Ok(())
}

/// The progress bar, shown only when the build is long enough to need one.
struct Bar {
    bar: ProgressBar,
    started: Instant,
    shown: AtomicBool,
    quiet: bool,
}

impl Progress for Bar {
    fn start(&self, pages: u64) {
        self.bar.set_length(pages);
    }

    fn page(&self) {
        self.bar.inc(1);
        if !self.shown.load(Ordering::Relaxed)
            && self.started.elapsed() > Duration::from_millis(800)
        {
            self.shown.store(true, Ordering::Relaxed);
            if !self.quiet && std::io::stderr().is_terminal() {
                self.bar.set_draw_target(ProgressDrawTarget::stderr());
            }
        }
    }
}

/// `--timings`: the wall time of each stage, the processor time of rendering, and the cache's
/// share.
fn print_timings(built: &Built) {
    let s = |d: Duration| format!("{:.3}", d.as_secs_f64());
    let t = &built.timings;
    eprintln!(
        "{}",
        t!(
            "ui.timings",
            load = s(t.load),
            analyze = s(t.analyze),
            review = s(t.review),
            render = s(t.render),
            write = s(t.write),
            total = s(t.total)
        )
    );
    eprintln!(
        "{}",
        t!(
            "ui.timings-render",
            pages = s(built.cpu.pages),
            minify = s(built.cpu.minify)
        )
    );
    if let Some(texts) = built.texts_analysed {
        eprintln!(
            "{}",
            t!(
                "ui.timings-cache",
                reused = built.reused,
                pages = built.pages,
                texts = texts
            )
        );
    }
}

/// Every warning (long runs of one kind in one file counted, not listed), and their number.
pub(crate) fn print_warnings(warnings: &[Diagnostic]) {
    let label = t!("ui.label-warning");
    for w in tsunagi::error::fold_repeated(warnings) {
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
}

fn progress_bar(quiet: bool) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::hidden());
    let template = t!("ui.progress");
    if !quiet && let Ok(style) = ProgressStyle::with_template(template.as_str()) {
        bar.set_style(style);
    }
    bar
}
