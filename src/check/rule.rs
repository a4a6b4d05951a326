//! What a rule is and what it sees: its [`Rule`] value (id, family, level, explanation, where it
//! looks), the page or municipality it is shown ([`PageCtx`], [`TownCtx`]) and where its findings
//! go ([`Findings`]). Every family module builds on this file; the list of rules is in `mod.rs`.

use std::collections::BTreeMap;
use std::path::Path;

use crate::analyze::{AnalyzedSite, Page, Town};
use crate::data::holidays::Date;
use crate::error::{Diagnostic, Location, Severity};
use crate::messages::{Message, Text};
use crate::words::Words;

use super::page::PageText;

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
    pub(super) fn parse(s: &str) -> Option<Level> {
        match s {
            "off" => Some(Level::Off),
            "note" => Some(Level::Note),
            "warning" => Some(Level::Warning),
            "error" => Some(Level::Error),
            _ => None,
        }
    }

    pub(super) fn name(self) -> &'static str {
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
    /// やさしい日本語 (easy Japanese) pages written as its guidelines ask.
    EasyJapanese,
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
            Family::EasyJapanese => "easy-japanese",
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
    /// The build date.
    pub today: Date,
    /// `--production`: example data is a mistake.
    pub production: bool,
}

impl TownCtx<'_> {
    /// Where byte `offset` of `page`'s body is in its file.
    pub fn body_location(&self, page: &Page, offset: usize) -> Location {
        let start = line_start(&page.source, page.body_first_line);
        let (line, column) = crate::error::line_col(&page.source, start + offset);
        Location::at(&page.path, line, Some(column))
    }

    /// Where the front matter of `page` sets `key`.
    pub fn front_location(&self, page: &Page, key: &str) -> Location {
        let line = page
            .source
            .lines()
            .take(page.body_first_line)
            .position(|l| {
                l.trim_start()
                    .strip_prefix(key)
                    .is_some_and(|r| r.trim_start().starts_with('='))
            });
        match line {
            Some(n) => Location::at(&page.path, n + 1, None),
            None => Location::file(&page.path),
        }
    }
}

/// Where findings of one rule go.
pub struct Findings<'a> {
    pub(super) rule: &'static Rule,
    pub(super) level: Level,
    /// The page's body and where it starts in its file, for page rules.
    pub(super) body: Option<(&'a str, usize, &'a PageText)>,
    pub(super) municipality: Option<String>,
    pub(super) out: &'a mut Vec<Finding>,
    /// The page's file, for page rules.
    pub(super) page_path: std::path::PathBuf,
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

/// Byte offset of the start of 1-based `line` of `text`.
pub(super) fn line_start(text: &str, line: usize) -> usize {
    if line <= 1 {
        return 0;
    }
    text.match_indices('\n')
        .nth(line - 2)
        .map_or(text.len(), |(i, _)| i + 1)
}
