//! `review`: what `tsunagi check` reports — every problem the build would find (loading,
//! analysing, rendering) and every rule of [`check`], at the levels `tsunagi.toml` gives them,
//! sorted by file and line. Nothing is written.

use crate::check::{self, Finding, Level};
use crate::config::CONFIG_FILE;
use crate::error::{Diagnostic, Error, Result, Severity};
use crate::render;

use super::Settings;

/// Everything the build and the rules find, sorted by file and line. `production` makes
/// example data a mistake. `Err` only for what stops the review itself: a mistake in
/// `tsunagi.toml` (a configuration error) or a wrong `--only`.
pub fn review(settings: &Settings, production: bool) -> Result<Vec<Finding>> {
    let project = super::load(settings).map_err(configuration)?;
    let site = match super::analyze(settings, project) {
        Ok(site) => site,
        // Pages that cannot be read stop the review here: report them.
        Err(e) => return Ok(from_error(e)),
    };
    let levels = check::levels(&site).map_err(configuration)?;
    let relevel = |d: Diagnostic| check::relevel(d, &levels).map(finding);
    let mut found: Vec<Finding> = site
        .warnings(settings.today)
        .into_iter()
        .filter_map(relevel)
        .collect();
    // Rendered for what rendering finds (links, images, shortcodes, templates); the files are
    // not kept.
    let rendered = render::render(
        &site,
        &render::Options {
            only: &settings.only,
            on_page: &|| {},
            today: settings.today,
            pages: None,
            sink: Some(&|_, _| Ok(())),
            reuse: None,
        },
    );
    if let Err(e) = rendered {
        found.extend(
            from_error(e)
                .into_iter()
                .filter_map(|f| relevel(f.diagnostic)),
        );
    }
    found.extend(check::run(
        &site,
        &check::Options {
            only: &settings.only,
            today: settings.today,
            production,
            least: Level::Note,
        },
    )?);
    found.sort_by(|a, b| {
        let (a, b) = (&a.diagnostic, &b.diagnostic);
        (&a.location, a.severity, a.rule).cmp(&(&b.location, b.severity, b.rule))
    });
    found.dedup();
    Ok(found)
}

/// An error of `tsunagi.toml` as a configuration error (exit 2); others as they are.
fn configuration(e: Error) -> Error {
    match e {
        Error::Input(d)
            if d.location
                .path
                .as_deref()
                .is_some_and(|p| p.ends_with(CONFIG_FILE)) =>
        {
            Error::Usage(d)
        }
        other => other,
    }
}

/// The problems of a failed stage, as findings.
fn from_error(e: Error) -> Vec<Finding> {
    match e {
        Error::Input(d) | Error::Usage(d) => vec![finding(*d)],
        Error::Many(list) => list.into_iter().map(finding).collect(),
        io @ Error::Io { .. } => vec![finding(Diagnostic {
            location: Default::default(),
            severity: Severity::Error,
            rule: "",
            message: io.to_string(),
            hint: None,
        })],
    }
}

/// A finding of the build, with the municipality its file belongs to.
fn finding(d: Diagnostic) -> Finding {
    let municipality = d
        .location
        .path
        .as_deref()
        .and_then(crate::files::municipality_of);
    Finding {
        diagnostic: d,
        municipality,
    }
}
