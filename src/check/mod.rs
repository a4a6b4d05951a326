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
mod links;
pub mod page;
mod publishing;
mod readability;
mod safe_messaging;
mod words;

use std::collections::BTreeMap;
use std::path::Path;

use crate::analyze::{AnalyzedSite, Page, Town};
use crate::data::holidays::Date;
use crate::error::{Diagnostic, Error, Location, Result, Severity, did_you_mean};
use crate::messages::{Message, Text};
use crate::msg;
use page::PageText;
pub use words::Words;

/// How a rule's findings are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Not run.
    Off,
    /// Reported by `tsunagi check` for a person to look at; never fails anything.
    Note,
    /// Reported; the build goes on.
    Warning,
    /// Reported; the build stops.
    Error,
}

impl Level {
    fn parse(s: &str) -> Option<Level> {
        match s {
            "off" => Some(Level::Off),
            "note" => Some(Level::Note),
            "warning" => Some(Level::Warning),
            "error" => Some(Level::Error),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Level::Off => "off",
            Level::Note => "note",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

/// What a rule is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// Content a screen reader, a magnifier or a colour-blind reader can use.
    Accessibility,
    /// Text its readers can read.
    Readability,
    /// Writing about suicide after the WHO and Japanese media guidelines.
    SafeMessaging,
    /// Phone numbers, windows and events.
    Data,
    /// Links and the files they point at.
    Links,
    /// What to finish before publishing.
    Publishing,
}

impl Family {
    /// The family's name in the reports.
    pub fn name(self) -> &'static str {
        match self {
            Family::Accessibility => "accessibility",
            Family::Readability => "readability",
            Family::SafeMessaging => "safe-messaging",
            Family::Data => "data",
            Family::Links => "links",
            Family::Publishing => "publishing",
        }
    }
}

/// Where a rule looks.
pub enum Run {
    /// At each page (shared pages once, each municipality's own pages once).
    Page(fn(&PageCtx<'_>, &mut Findings<'_>)),
    /// At each municipality (its data, its set of pages).
    Town(fn(&TownCtx<'_>, &mut Findings<'_>)),
    /// At each page, and at each municipality's data.
    Both(
        fn(&PageCtx<'_>, &mut Findings<'_>),
        fn(&TownCtx<'_>, &mut Findings<'_>),
    ),
    /// Found by the build itself (loading, analysing, rendering): listed here to be explained
    /// and re-levelled; errors that would make the output wrong cannot be switched off.
    Build,
}

/// One rule.
pub struct Rule {
    /// Stable id, used in reports, in `tsunagi.toml` and in exemption comments.
    pub id: &'static str,
    /// What it is about.
    pub family: Family,
    /// Its level unless `tsunagi.toml` says otherwise.
    pub level: Level,
    /// What it looks for, why, and how to fix it (for `--explain`).
    pub explain: fn() -> Text,
    /// Where it looks.
    pub run: Run,
}

/// Every rule, by family.
pub fn rules() -> impl Iterator<Item = &'static Rule> {
    accessibility::RULES
        .iter()
        .chain(readability::RULES)
        .chain(safe_messaging::RULES)
        .chain(data::RULES)
        .chain(links::RULES)
        .chain(publishing::RULES)
}

/// The rule `id`, if there is one.
pub fn rule(id: &str) -> Option<&'static Rule> {
    rules().find(|r| r.id == id)
}

/// A finding, with the municipality it concerns (none for shared content).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// What, where, how bad.
    pub diagnostic: Diagnostic,
    /// The municipality, for a finding in its own files or its site.
    pub municipality: Option<String>,
}

/// What a page rule sees.
pub struct PageCtx<'a> {
    /// The analysed page (front matter, shortcodes, links).
    pub page: &'a Page,
    /// Its body, read for the rules.
    pub text: &'a PageText,
    /// The site.
    pub site: &'a AnalyzedSite,
    /// The word lists.
    pub words: &'a Words,
    /// The build date.
    pub today: Date,
    /// `--production`: some warnings are mistakes.
    pub production: bool,
}

/// What a municipality rule sees.
pub struct TownCtx<'a> {
    /// The municipality.
    pub town: &'a Town,
    /// The site.
    pub site: &'a AnalyzedSite,
    /// Every page read for the rules, by file.
    pub texts: &'a BTreeMap<&'a Path, PageText>,
    /// The text of every page file, by path.
    pub sources: &'a BTreeMap<std::path::PathBuf, String>,
    /// The build date.
    pub today: Date,
    /// `--production`: example data is a mistake.
    pub production: bool,
}

impl TownCtx<'_> {
    /// Where byte `offset` of `page`'s body is in its file.
    pub fn body_location(&self, page: &Page, offset: usize) -> Location {
        match self.sources.get(&page.path) {
            Some(source) => {
                let start = line_start(source, page.body_first_line);
                let (line, column) = crate::error::line_col(source, start + offset);
                Location::at(&page.path, line, Some(column))
            }
            None => Location::file(&page.path),
        }
    }

    /// Where the front matter of `page` sets `key`.
    pub fn front_location(&self, page: &Page, key: &str) -> Location {
        let line = self.sources.get(&page.path).and_then(|s| {
            s.lines().take(page.body_first_line).position(|l| {
                l.trim_start()
                    .strip_prefix(key)
                    .is_some_and(|r| r.trim_start().starts_with('='))
            })
        });
        match line {
            Some(n) => Location::at(&page.path, n + 1, None),
            None => Location::file(&page.path),
        }
    }
}

/// Where findings of one rule go.
pub struct Findings<'a> {
    rule: &'static Rule,
    level: Level,
    /// The page's body and where it starts in its file, for page rules.
    body: Option<(&'a str, usize, &'a PageText)>,
    municipality: Option<String>,
    out: &'a mut Vec<Finding>,
    /// The page's file, for page rules.
    page_path: std::path::PathBuf,
}

impl Findings<'_> {
    fn push(&mut self, location: Location, message: Message) {
        let mut d = Diagnostic::warning(location, self.rule.id, message);
        d.severity = match self.level {
            Level::Error => Severity::Error,
            Level::Note => Severity::Note,
            Level::Warning | Level::Off => Severity::Warning,
        };
        self.out.push(Finding {
            diagnostic: d,
            municipality: self.municipality.clone(),
        });
    }

    /// A finding at byte `offset` of the page's body (unless a comment exempts that line).
    pub fn at(&mut self, offset: usize, message: Message) {
        let Some((body, first_line, text)) = self.body else {
            return;
        };
        let (line, column) = crate::error::line_col(body, offset);
        if text.allows(self.rule.id, line) {
            return;
        }
        self.push(
            Location::at(&self.page_path, line + first_line - 1, Some(column)),
            message,
        );
    }

    /// A finding about the whole page, at its first line (unless a comment on the page exempts
    /// it from this rule).
    pub fn page(&mut self, message: Message) {
        if self
            .body
            .is_some_and(|(_, _, text)| text.allows_page(self.rule.id))
        {
            return;
        }
        self.push(Location::at(&self.page_path, 1, None), message);
    }

    /// A finding in a file of the project other than the page (a municipality's data).
    pub fn file(&mut self, location: Location, message: Message) {
        self.push(location, message);
    }

    /// Reports this rule's findings as errors from here on (`--production` makes some
    /// warnings mistakes).
    pub fn raise_to_error(&mut self) {
        if self.level != Level::Off {
            self.level = Level::Error;
        }
    }
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
/// municipality in `opts.only`). `sources` holds the text of every page file, by path.
pub fn run(
    site: &AnalyzedSite,
    sources: &BTreeMap<std::path::PathBuf, String>,
    opts: &Options<'_>,
) -> Result<Vec<Finding>> {
    let levels = levels(site)?;
    let words = &site.words;
    let towns: Vec<&Town> = site
        .towns
        .iter()
        .filter(|t| opts.only.is_empty() || opts.only.contains(&t.municipality.slug))
        .collect();
    // Every page once: shared ones, and the towns' own.
    let mut pages: Vec<(&Page, Option<&str>)> = site.shared.values().map(|p| (p, None)).collect();
    for t in &towns {
        pages.extend(
            t.local
                .values()
                .map(|p| (p, Some(t.municipality.slug.as_str()))),
        );
    }
    let bodies: BTreeMap<&Path, (&str, usize)> = pages
        .iter()
        .filter_map(|(p, _)| {
            let source = sources.get(&p.path)?;
            let start = line_start(source, p.body_first_line);
            Some((p.path.as_path(), (&source[start..], p.body_first_line)))
        })
        .collect();
    let texts: BTreeMap<&Path, PageText> = bodies
        .iter()
        .map(|(path, (body, _))| (*path, PageText::read(body)))
        .collect();
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
            for (page, town) in &pages {
                let (Some((body, first)), Some(text)) = (
                    bodies.get(page.path.as_path()),
                    texts.get(page.path.as_path()),
                ) else {
                    continue;
                };
                let mut findings = Findings {
                    rule,
                    level,
                    body: Some((body, *first, text)),
                    municipality: town.map(str::to_string),
                    out: &mut out,
                    page_path: page.path.clone(),
                };
                look(
                    &PageCtx {
                        page,
                        text,
                        site,
                        words,
                        today: opts.today,
                        production: opts.production,
                    },
                    &mut findings,
                );
            }
        }
        if let Some(look) = on_town {
            for town in &towns {
                let mut findings = Findings {
                    rule,
                    level,
                    body: None,
                    municipality: Some(town.municipality.slug.clone()),
                    out: &mut out,
                    page_path: Default::default(),
                };
                look(
                    &TownCtx {
                        town,
                        site,
                        texts: &texts,
                        sources,
                        today: opts.today,
                        production: opts.production,
                    },
                    &mut findings,
                );
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

/// What `build` (and `serve`) reports of the review: `Err` with every error — the rules at
/// level error, and the build's own warnings that `tsunagi.toml` raises to errors — else the
/// build's warnings at the levels `tsunagi.toml` gives them (switched-off ones left out).
pub fn for_build(
    site: &AnalyzedSite,
    sources: &BTreeMap<std::path::PathBuf, String>,
    today: Date,
    only: &[String],
) -> Result<Vec<Diagnostic>> {
    let levels = levels(site)?;
    let (mut errors, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) = site
        .warnings(today)
        .into_iter()
        .filter_map(|d| relevel(d, &levels))
        .partition(|d| d.severity == Severity::Error);
    errors.extend(
        run(
            site,
            sources,
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

/// Byte offset of the start of 1-based `line` of `text`.
fn line_start(text: &str, line: usize) -> usize {
    if line <= 1 {
        return 0;
    }
    text.match_indices('\n')
        .nth(line - 2)
        .map_or(text.len(), |(i, _)| i + 1)
}

/// The text of every page file of a loaded project, by path (the rules need positions, which
/// the analysis does not keep).
pub fn sources_of(project: &crate::load::Project) -> BTreeMap<std::path::PathBuf, String> {
    project
        .shared
        .iter()
        .chain(project.municipalities.iter().flat_map(|m| &m.pages))
        .map(|f| (f.path.clone(), f.text.clone()))
        .collect()
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
    pub fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let base: &[(&str, &str)] = &[
            (
                "tsunagi.toml",
                "title = \"t\"\nbase_url = \"https://x.example.jp/{slug}/\"\n",
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
    pub fn findings_in(rule: &'static Rule, dir: &Path) -> Vec<(usize, String)> {
        let project = crate::load::load(dir).unwrap();
        let sources = sources_of(&project);
        let site = crate::analyze::analyze(project).unwrap();
        run_one(rule, &site, &sources)
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
    pub fn lines(id: &str, front: &str, body: &str) -> Vec<usize> {
        page_findings(rule(id).unwrap(), front, body)
            .into_iter()
            .map(|(l, _)| l)
            .collect()
    }

    /// The findings of `rule` on a project whose page `content/topic/page.md` has `front`
    /// (TOML lines) and `body`: (line in the file, message) pairs.
    pub fn page_findings(rule: &'static Rule, front: &str, body: &str) -> Vec<(usize, String)> {
        let page = format!("+++\n{front}\n+++\n{body}");
        let dir = project(&[("content/topic/page.md", &page)]);
        findings_in(rule, dir.path())
    }

    fn run_one(
        rule: &'static Rule,
        site: &AnalyzedSite,
        sources: &BTreeMap<std::path::PathBuf, String>,
    ) -> Vec<Finding> {
        let today = Date::new(2026, 11, 28).unwrap();
        run(
            site,
            sources,
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
