//! The pipeline, whole, for the commands that run it: [`build`] (load → analyze → review →
//! render → write into the output folder), [`review`] (what `tsunagi check` reports: the
//! build's own findings and every rule) and [`rebuild`] (what `tsunagi serve` does on each save:
//! the build in memory, rendering again only what the change affects). The commands in
//! `src/cmd/` parse their arguments, call one of these and print what comes back; the stages
//! themselves are the modules `load`, `analyze`, [`check`],
//! [`render`](crate::render) and `write`.

pub mod build;
pub mod rebuild;
pub mod review;

use std::path::{Path, PathBuf};

use crate::analyze::{self, AnalyzedSite};
use crate::check;
use crate::data::holidays::Date;
use crate::error::{Diagnostic, Error, Result, did_you_mean};
use crate::load::{self, Project};
use crate::msg;

/// What every run of the pipeline is given.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The project's folder.
    pub root: PathBuf,
    /// The municipalities to make (each one a municipality of the project); empty for all.
    pub only: Vec<String>,
    /// The build date (events, `verified` dates, opening hours).
    pub today: Date,
    /// Draft pages are made too, with a note (`serve --drafts`).
    pub drafts: bool,
    /// Automatic readings that may be wrong are framed (`serve --review`).
    pub review_furigana: bool,
    /// Links that work opened from files (`build --for-files`, or `[output] file_links`).
    pub file_links: bool,
}

impl Settings {
    /// The settings of a plain build of `root` on `today`.
    pub fn new(root: &Path, today: Date) -> Self {
        Settings {
            root: root.to_path_buf(),
            only: Vec::new(),
            today,
            drafts: false,
            review_furigana: false,
            file_links: false,
        }
    }
}

/// `--today` as typed, or today in Japan.
pub fn build_date(today: Option<&str>) -> Result<Date> {
    match today {
        None => Ok(japan_today()),
        Some(t) => Date::parse_explained(t)
            .map_err(|why| Error::usage(msg!("error.today-invalid", value = t, why = why))),
    }
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

/// The project read from disk, with the settings applied, after checking that every `--only`
/// names one of its municipalities.
pub fn load(settings: &Settings) -> Result<Project> {
    let mut project = load::load(&settings.root)?;
    project.config.file_links |= settings.file_links;
    check_only(&settings.only, &project)?;
    Ok(project)
}

/// The project analysed, with the settings applied.
pub fn analyze(settings: &Settings, project: Project) -> Result<AnalyzedSite> {
    let mut site = analyze::analyze_with(project, settings.drafts)?;
    site.config.review_furigana |= settings.review_furigana;
    Ok(site)
}

/// What the review finds that a build reports: `Err` with every error (the rules at level
/// error, and the build's warnings `tsunagi.toml` raises), else the warnings.
pub fn warnings(settings: &Settings, site: &AnalyzedSite) -> Result<Vec<Diagnostic>> {
    check::for_build(site, settings.today, &settings.only)
}

/// Every `--only SLUG` must name a municipality of the project: a typing mistake is a wrong
/// command line (exit 2), answered with the known slugs.
fn check_only(only: &[String], project: &Project) -> Result<()> {
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
