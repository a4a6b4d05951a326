//! The reviewer: rules that read the content the way a careful editor would — accessibility,
//! plain Japanese for the page's readers, safe messaging about suicide, data, links and
//! publishing — and report findings through the same [`Diagnostic`]s as the build.
//!
//! Each rule is a small [`Rule`] value: a stable id, a family, a default level, an explanation
//! (`tsunagi check --explain RULE`) and the function that looks. A family is a module with its
//! rules and their tests. [`run`] reads every page once ([`page::PageText`]), runs each rule
//! that is not switched off, moves findings to the level `tsunagi.toml` asks for, and drops
//! those a `<!-- tsunagi:allow RULE -->` comment exempts.

mod accessibility;
mod data;
mod easy;
mod easy_words;
mod links;
pub mod page;
mod publishing;
mod readability;
mod rule;
mod safe_messaging;

use std::collections::BTreeMap;
use std::path::Path;

use crate::analyze::{AnalyzedSite, Page, Town};
use crate::data::holidays::Date;
use crate::error::{Diagnostic, Error, Location, Result, Severity, did_you_mean};
use crate::msg;
pub use crate::words::Words;
use page::PageText;
use rule::line_start;
pub use rule::{Family, Finding, Findings, Level, PageCtx, Rule, Run, TownCtx};

/// Every rule, by family.
pub fn rules() -> impl Iterator<Item = &'static Rule> {
    accessibility::RULES
        .iter()
        .chain(readability::RULES)
        .chain(easy::RULES)
        .chain(easy_words::RULES)
        .chain(safe_messaging::RULES)
        .chain(data::RULES)
        .chain(links::RULES)
        .chain(publishing::RULES)
}

/// The rule `id`, if there is one.
pub fn rule(id: &str) -> Option<&'static Rule> {
    rules().find(|r| r.id == id)
}

/// What to check and how.
pub struct Options<'a> {
    /// Municipality slugs; empty for all.
    pub only: &'a [String],
    /// The build date.
    pub today: Date,
    /// Treat example data as a mistake.
    pub production: bool,
    /// The lowest level reported: [`Level::Error`] for `build`, [`Level::Note`] for `check`.
    pub least: Level,
}

/// The level of each rule: its own, or what `[check.rules]` in `tsunagi.toml` says (an
/// unknown rule or level there is a configuration error).
pub fn levels(site: &AnalyzedSite) -> Result<BTreeMap<&'static str, Level>> {
    let mut levels: BTreeMap<&'static str, Level> = rules().map(|r| (r.id, r.level)).collect();
    for (id, value) in &site.config.check.rules {
        let at = Location::file(crate::config::CONFIG_FILE);
        let Some(rule) = rule(id) else {
            return Err(Error::input(
                at,
                msg!(
                    "error.check-rule-unknown",
                    rule = id,
                    suggest = did_you_mean(id, rules().map(|r| r.id))
                ),
            ));
        };
        let Some(level) = Level::parse(value) else {
            return Err(Error::input(
                at,
                msg!("error.check-level", rule = id, value = value),
            ));
        };
        if matches!(rule.run, Run::Build) && rule.level == Level::Error && level != Level::Error {
            return Err(Error::input(at, msg!("error.check-rule-fixed", rule = id)));
        }
        levels.insert(rule.id, level);
    }
    Ok(levels)
}

/// Runs every rule at or above `opts.least` over the site (the shared pages, and each
/// municipality in `opts.only`).
pub fn run(site: &AnalyzedSite, opts: &Options<'_>) -> Result<Vec<Finding>> {
    let levels = levels(site)?;
    let towns: Vec<&Town> = site
        .towns
        .iter()
        .filter(|t| opts.only.is_empty() || opts.only.contains(&t.municipality.slug))
        .collect();
    let read = Read::of(site, &towns);
    let mut out = Vec::new();
    for rule in rules() {
        let level = levels[rule.id];
        if level == Level::Off || level < opts.least {
            continue;
        }
        let (on_page, on_town) = match rule.run {
            Run::Page(p) => (Some(p), None),
            Run::Town(t) => (None, Some(t)),
            Run::Both(p, t) => (Some(p), Some(t)),
            Run::Build => (None, None),
        };
        if let Some(look) = on_page {
            run_on_pages(rule, level, look, &read, site, opts, &mut out);
        }
        if let Some(look) = on_town {
            for town in &towns {
                let cx = TownCtx {
                    town,
                    site,
                    texts: &read.texts,
                    today: opts.today,
                    production: opts.production,
                };
                let mut findings = Findings {
                    rule,
                    level,
                    body: None,
                    municipality: Some(town.municipality.slug.clone()),
                    out: &mut out,
                    page_path: Default::default(),
                };
                look(&cx, &mut findings);
            }
        }
    }
    out.sort_by(|a, b| {
        (&a.diagnostic.location, a.diagnostic.rule, &a.municipality).cmp(&(
            &b.diagnostic.location,
            b.diagnostic.rule,
            &b.municipality,
        ))
    });
    out.dedup();
    Ok(out)
}

/// Runs the page rule `rule` (its function `look`) on every page read that it applies to.
fn run_on_pages(
    rule: &'static Rule,
    level: Level,
    look: fn(&PageCtx<'_>, &mut Findings<'_>),
    read: &Read<'_>,
    site: &AnalyzedSite,
    opts: &Options<'_>,
    out: &mut Vec<Finding>,
) {
    for (page, town) in &read.pages {
        if reads_japanese(rule) && !in_japanese(site, page) {
            continue;
        }
        let path = page.path.as_path();
        let (Some((body, first)), Some(text)) = (read.bodies.get(path), read.texts.get(path))
        else {
            continue;
        };
        let cx = PageCtx {
            page,
            text,
            site,
            words: &site.words,
            today: opts.today,
            production: opts.production,
        };
        let mut findings = Findings {
            rule,
            level,
            body: Some((*body, *first, text)),
            municipality: town.map(str::to_string),
            out,
            page_path: page.path.clone(),
        };
        look(&cx, &mut findings);
    }
}

/// Whether `rule` measures Japanese text (sentences, kanji, readings, paragraph length in
/// characters): its limits mean nothing for a page in English.
fn reads_japanese(rule: &Rule) -> bool {
    rule.family == Family::Readability || rule.id == "long-paragraph"
}

/// Whether `page` is written in Japanese (its language's tag is `ja`, as for やさしい日本語).
fn in_japanese(site: &AnalyzedSite, page: &Page) -> bool {
    let tag = &site.config.languages.of_key(&page.key).html_lang;
    tag == "ja" || tag.starts_with("ja-")
}

/// Every page the rules look at, once (the shared ones, and the towns' own), with its body and
/// what the rules read of it.
struct Read<'a> {
    /// Each page, with the municipality of a town's own page.
    pages: Vec<(&'a Page, Option<&'a str>)>,
    /// Each page's body and the line of the file it starts on, by file.
    bodies: BTreeMap<&'a Path, (&'a str, usize)>,
    /// Each page's body read for the rules, by file.
    texts: BTreeMap<&'a Path, PageText>,
}

impl<'a> Read<'a> {
    fn of(site: &'a AnalyzedSite, towns: &[&'a Town]) -> Self {
        let mut pages: Vec<(&Page, Option<&str>)> =
            site.shared.values().map(|p| (p, None)).collect();
        for t in towns {
            pages.extend(
                t.local
                    .values()
                    .map(|p| (p, Some(t.municipality.slug.as_str()))),
            );
        }
        let bodies: BTreeMap<&Path, (&str, usize)> = pages
            .iter()
            .map(|(p, _)| {
                let start = line_start(&p.source, p.body_first_line);
                (p.path.as_path(), (&p.source[start..], p.body_first_line))
            })
            .collect();
        let texts = bodies
            .iter()
            .map(|(path, (body, _))| (*path, PageText::read(body)))
            .collect();
        Read {
            pages,
            bodies,
            texts,
        }
    }
}

/// What `build` (and `serve`) reports of the review: `Err` with every error — the rules at
/// level error, and the build's own warnings that `tsunagi.toml` raises to errors — else the
/// build's warnings at the levels `tsunagi.toml` gives them (switched-off ones left out).
pub fn for_build(site: &AnalyzedSite, today: Date, only: &[String]) -> Result<Vec<Diagnostic>> {
    let levels = levels(site)?;
    let (mut errors, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) = site
        .warnings(today)
        .into_iter()
        .filter_map(|d| relevel(d, &levels))
        .partition(|d| d.severity == Severity::Error);
    errors.extend(
        run(
            site,
            &Options {
                only,
                today,
                production: false,
                least: Level::Error,
            },
        )?
        .into_iter()
        .map(|f| f.diagnostic)
        .filter(|d| d.severity == Severity::Error),
    );
    match errors.len() {
        0 => Ok(warnings),
        1 => Err(Error::Input(Box::new(errors.remove(0)))),
        _ => {
            errors.sort_by(|a, b| a.location.cmp(&b.location));
            Err(Error::Many(errors))
        }
    }
}

/// Moves a finding of the build (a warning of the analysis, an error of rendering) to the level
/// `tsunagi.toml` gives its rule; `None` when that rule is switched off.
pub fn relevel(mut d: Diagnostic, levels: &BTreeMap<&'static str, Level>) -> Option<Diagnostic> {
    match levels.get(d.rule) {
        Some(Level::Off) => None,
        Some(Level::Error) => {
            d.severity = Severity::Error;
            Some(d)
        }
        // `levels` refuses to lower the build's own errors.
        Some(Level::Warning) => {
            d.severity = Severity::Warning;
            Some(d)
        }
        Some(Level::Note) => {
            d.severity = Severity::Note;
            Some(d)
        }
        None => Some(d),
    }
}

/// A rule's name and level, for `--explain` and the list of rules.
pub fn describe(rule: &Rule, level: Level) -> String {
    format!("{} [{}] ({})", rule.id, rule.family.name(), level.name())
}

#[cfg(test)]
pub(crate) mod testing {
    //! Runs one rule over a page written in a test.
    use super::*;

    /// A project on disk: the smallest that builds, plus `files` (path, text).
    pub(crate) fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let base: &[(&str, &str)] = &[
            (
                "tsunagi.toml",
                "title = \"t\"\nbase_url = \"https://x.example.jp/{slug}/\"\n[languages.easy]\n",
            ),
            (
                "content/_index.md",
                "+++\ntitle = \"トップ\"\ndescription = \"d\"\n+++\n",
            ),
            (
                "content/consult/_index.md",
                "+++\ntitle = \"相談\"\ndescription = \"d\"\n+++\n{{ national_lines() }}\n",
            ),
            (
                "content/topic/_index.md",
                "+++\ntitle = \"話題\"\ndescription = \"d\"\n+++\n",
            ),
            (
                "content/municipalities/town/municipality.toml",
                "name = \"飯能市\"\nkana = \"はんのうし\"\ncode = \"112097\"\nprefecture = \"埼玉県\"\nhealth_center = \"埼玉県狭山保健所\"\n",
            ),
        ];
        for (path, text) in base.iter().chain(files) {
            let p = dir.path().join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        dir
    }

    /// The findings of `rule` on `dir`: (line, message) pairs.
    pub(crate) fn findings_in(rule: &'static Rule, dir: &Path) -> Vec<(usize, String)> {
        let project = crate::load::load(dir).unwrap();
        let site = crate::analyze::analyze_with(project, false).unwrap();
        run_one(rule, &site)
            .into_iter()
            .map(|f| {
                (
                    f.diagnostic.location.line.unwrap_or(0),
                    f.diagnostic.message,
                )
            })
            .collect()
    }

    /// The lines (in the file) of the findings of rule `id` on a page with `front` and `body`.
    pub(crate) fn lines(id: &str, front: &str, body: &str) -> Vec<usize> {
        page_findings(rule(id).unwrap(), front, body)
            .into_iter()
            .map(|(l, _)| l)
            .collect()
    }

    /// The findings of `rule` on a project whose page `content/topic/page.md` has `front`
    /// (TOML lines) and `body`: (line in the file, message) pairs.
    pub(crate) fn page_findings(
        rule: &'static Rule,
        front: &str,
        body: &str,
    ) -> Vec<(usize, String)> {
        let page = format!("+++\n{front}\n+++\n{body}");
        let dir = project(&[("content/topic/page.md", &page)]);
        findings_in(rule, dir.path())
    }

    fn run_one(rule: &'static Rule, site: &AnalyzedSite) -> Vec<Finding> {
        let today = Date::new(2026, 11, 28).unwrap();
        run(
            site,
            &Options {
                only: &[],
                today,
                production: true,
                least: Level::Warning,
            },
        )
        .unwrap()
        .into_iter()
        .filter(|f| f.diagnostic.rule == rule.id)
        .collect()
    }
}
