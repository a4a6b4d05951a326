//! `tsunagi check`: runs [`tsunagi::site::review`] (what the build finds and what every rule of
//! [`tsunagi::check`] finds) and prints it for people or as JSON. Nothing is written. Exit 0 when
//! there is nothing to fix (no errors; with `--deny warnings`, no warnings), 1 when there is, 2
//! for a wrong command line or `tsunagi.toml`.

use tsunagi::check::{self, Finding};
use tsunagi::error::{Diagnostic, Error, Folded, Result, Severity, did_you_mean};
use tsunagi::site::{Settings, build_date, review::review};
use tsunagi::{msg, t};

use crate::cli::{CheckArgs, CheckFormat, Deny};

/// Runs the review; `Ok(true)` when it found something to fix.
pub(crate) fn run(args: &CheckArgs) -> Result<bool> {
    if let Some(id) = &args.explain {
        return explain(id).map(|()| false);
    }
    let mut settings = Settings::new(&args.root, build_date(args.today.as_deref())?);
    settings.only = args.only.clone();
    let findings = review(&settings, args.production)?;
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
