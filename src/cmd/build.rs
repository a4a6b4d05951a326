//! `tsunagi build`: load → analyze → render → write, with a summary at the end.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use tsunagi::error::Result;
use tsunagi::{analyze, load, render, write};

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
}

/// Builds the sites.
pub fn run(opts: &BuildOptions) -> Result<()> {
    let started = Instant::now();
    let out_dir = if opts.out.is_absolute() {
        opts.out.clone()
    } else {
        opts.root.join(&opts.out)
    };
    let project = load::load(&opts.root)?;
    let site = analyze::analyze(project)?;
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
    let output = render::render(
        &site,
        &render::Options {
            only: &opts.only,
            on_page: &on_page,
        },
    )?;
    bar.finish_and_clear();
    write::write(&output, &out_dir, &opts.root)?;
    if !opts.quiet {
        eprintln!(
            "built {} municipalities ({} source pages, {} HTML pages, {} files) in {:.2} s → {}",
            output.towns.len(),
            site.source_page_count(),
            output.pages,
            output.files.len(),
            started.elapsed().as_secs_f64(),
            display(&out_dir),
        );
    }
    Ok(())
}

fn progress_bar(total: u64, quiet: bool) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden());
    if !quiet && let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} pages") {
        bar.set_style(style);
    }
    bar
}

fn display(p: &Path) -> String {
    p.display().to_string()
}
