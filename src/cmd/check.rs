//! `tsunagi check`: load → analyze → render in memory (what the build finds) and every rule of
//! [`tsunagi::check`] (what a reviewer finds), printed for people or as JSON. Nothing is
//! written. Exit 0 when there is nothing to fix (no errors; with `--deny warnings`, no
//! warnings), 1 when there is, 2 for a wrong command line or `tsunagi.toml`.

use std::path::Path;

use tsunagi::check::{self, Finding, Level};
use tsunagi::config::CONFIG_FILE;
use tsunagi::error::{Diagnostic, Error, Folded, Result, Severity, did_you_mean};
use tsunagi::{analyze, load, msg, render, t};

use super::build::{build_date, check_only};
use crate::cli::{CheckArgs, CheckFormat, Deny};

/// Runs the review; `Ok(true)` when it found something to fix.
pub fn run(args: &CheckArgs) -> Result<bool> {
    if let Some(id) = &args.explain {
        return explain(id).map(|()| false);
    }
    let today = build_date(args.today.as_deref())?;
    let findings = review(args, today)?;
    let count = |s: Severity| {
        findings
            .iter()
            .filter(|f| f.diagnostic.severity == s)
            .count()
    };
    let (errors, warnings, notes) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Note),
    );
    match args.format {
        CheckFormat::Human => {
            // Long runs of one kind of warning in one file are counted, not listed (the JSON
            // keeps every finding).
            let diagnostics: Vec<Diagnostic> =
                findings.iter().map(|f| f.diagnostic.clone()).collect();
            for f in tsunagi::error::fold_repeated(&diagnostics) {
                match f {
                    Folded::One(i) => println!("{}", human(&findings[i])),
                    Folded::More { count, rule, file } => {
                        println!("{}", tsunagi::error::more_of_a_kind(count, rule, &file));
                    }
                }
            }
            if findings.is_empty() {
                eprintln!("{}", t!("ui.check-clean"));
            } else {
                eprintln!(
                    "{}",
                    t!(
                        "ui.check-summary",
                        errors = errors,
                        warnings = warnings,
                        notes = notes
                    )
                );
            }
        }
        CheckFormat::Json => {
            let list: Vec<serde_json::Value> = findings.iter().map(json).collect();
            println!(
                "{}",
                serde_json::to_string_pretty(&list).unwrap_or_default()
            );
        }
    }
    Ok(errors > 0 || (args.deny == Some(Deny::Warnings) && warnings > 0))
}

/// Everything the build and the rules find, sorted by file and line.
fn review(args: &CheckArgs, today: tsunagi::data::holidays::Date) -> Result<Vec<Finding>> {
    // A mistake in tsunagi.toml is a configuration error (exit 2): nothing can be reviewed.
    let project = load::load(&args.root).map_err(configuration)?;
    check_only(&args.only, &project)?;
    let sources = check::sources_of(&project);
    let site = match analyze::analyze(project) {
        Ok(site) => site,
        // Pages that cannot be read stop the review here: report them.
        Err(e) => return Ok(from_error(e)),
    };
    let levels = check::levels(&site).map_err(configuration)?;
    let mut found: Vec<Finding> = site
        .warnings(today)
        .into_iter()
        .filter_map(|d| check::relevel(d, &levels))
        .map(finding)
        .collect();
    // Rendered for what rendering finds (links, images, shortcodes); the files are not kept.
    let rendered = render::render(
        &site,
        &render::Options {
            only: &args.only,
            on_page: &|| {},
            today,
            pages: None,
            sink: Some(&|_, _| Ok(())),
            reuse: None,
        },
    );
    if let Err(e) = rendered {
        found.extend(
            from_error(e)
                .into_iter()
                .filter_map(|f| check::relevel(f.diagnostic, &levels))
                .map(finding),
        );
    }
    found.extend(check::run(
        &site,
        &sources,
        &check::Options {
            only: &args.only,
            today,
            production: args.production,
            least: Level::Note,
        },
    )?);
    found.sort_by(|a, b| {
        (
            &a.diagnostic.location,
            a.diagnostic.severity,
            a.diagnostic.rule,
        )
            .cmp(&(
                &b.diagnostic.location,
                b.diagnostic.severity,
                b.diagnostic.rule,
            ))
    });
    found.dedup();
    Ok(found)
}

/// An error of `tsunagi.toml` as a configuration error (exit 2); others as they are.
fn configuration(e: Error) -> Error {
    match e {
        Error::Input(d) if d.location.path.as_deref() == Some(Path::new(CONFIG_FILE)) => {
            Error::Usage(d)
        }
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
    let municipality = d.location.path.as_deref().and_then(load::municipality_of);
    Finding {
        diagnostic: d,
        municipality,
    }
}

/// `file:line:column: severity[rule]: message`, and the hint on the next line.
fn human(f: &Finding) -> String {
    let d = &f.diagnostic;
    let severity = match d.severity {
        Severity::Error => t!("ui.check-error"),
        Severity::Warning => t!("ui.check-warning"),
        Severity::Note => t!("ui.check-note"),
    };
    let rule = if d.rule.is_empty() {
        String::new()
    } else {
        format!("[{}]", d.rule)
    };
    let mut line = format!("{}: {severity}{rule}: {}", d.location, d.message);
    if let Some(town) = &f.municipality {
        line.push_str(&format!(" ({town})"));
    }
    if let Some(h) = &d.hint {
        line.push_str(&format!("\n  {} {h}", t!("ui.label-hint")));
    }
    line
}

fn json(f: &Finding) -> serde_json::Value {
    let d = &f.diagnostic;
    serde_json::json!({
        "file": d.location.path.as_ref().map(|p| p.to_string_lossy().replace('\\', "/")),
        "line": d.location.line,
        "column": d.location.column,
        "severity": match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        },
        "rule": d.rule,
        "message": d.message,
        "hint": d.hint,
        "municipality": f.municipality,
    })
}

/// `--explain RULE`: the rule, its family and level, and what it looks for; without RULE, the
/// list of rules.
fn explain(id: &str) -> Result<()> {
    if id.is_empty() {
        for rule in check::rules() {
            println!("{}", check::describe(rule, rule.level));
        }
        return Ok(());
    }
    let Some(rule) = check::rule(id) else {
        return Err(Error::usage(msg!(
            "error.check-rule-unknown",
            rule = id,
            suggest = did_you_mean(id, check::rules().map(|r| r.id))
        )));
    };
    println!(
        "{}\n\n{}",
        check::describe(rule, rule.level),
        (rule.explain)()
    );
    Ok(())
}
