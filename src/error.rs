//! Errors as values: every problem a user can cause is a [`Diagnostic`] that names the file,
//! the line and column when known, what is wrong, and what to do about it.
//!
//! Library modules return [`Error`]; only `main` prints it and picks the exit code. A stage that
//! can go on after a problem (every page, every municipality) gathers its problems in a
//! [`Diagnostics`] collector, so that one build reports every mistake at once, sorted by file and
//! line; warnings go through the same collector.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::messages::{Message, Text};
use crate::t;

/// The crate-wide result type.
pub type Result<T> = std::result::Result<T, Error>;

/// Where in a file something is. Lines and columns count from 1. Locations sort by file, then
/// line, then column.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// The file, as the user would type it (relative to the project root where possible).
    pub path: Option<PathBuf>,
    /// 1-based line.
    pub line: Option<usize>,
    /// 1-based column, counted in characters.
    pub column: Option<usize>,
}

impl Location {
    /// A whole file.
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Location {
            path: Some(path.into()),
            line: None,
            column: None,
        }
    }

    /// A line (and optional column) in a file.
    pub fn at(path: impl Into<PathBuf>, line: usize, column: Option<usize>) -> Self {
        Location {
            path: Some(path.into()),
            line: Some(line),
            column,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(p) => write!(f, "{}", p.display())?,
            None => write!(f, "<input>")?,
        }
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        Ok(())
    }
}

/// How bad a problem is: an error stops the build, a warning is reported and the build goes on,
/// a note asks a person to look (`tsunagi check` only; nothing to fix unless they decide so).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The output would be wrong: nothing is written.
    #[default]
    Error,
    /// Worth fixing, but the site is still correct.
    Warning,
    /// Worth a look: possibly right as it is.
    Note,
}

/// A problem in the user's input, with enough context to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where the problem is.
    pub location: Location,
    /// Error or warning.
    pub severity: Severity,
    /// A short stable name of the rule that found it (`broken-link`, `placeholder-data`…), empty
    /// when the problem has no rule of its own (a syntax error).
    pub rule: &'static str,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A warning at `location` found by `rule`.
    pub fn warning(location: Location, rule: &'static str, message: Message) -> Self {
        Diagnostic {
            location,
            severity: Severity::Warning,
            rule,
            message: message.text.into_string(),
            hint: message.hint.map(Text::into_string),
        }
    }

    /// The order problems are listed in: by file, line and column, errors before warnings.
    fn sort_key(&self) -> (&Location, Severity) {
        (&self.location, self.severity)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A problem with no place in a file (a command-line option) is shown without one.
        if self.location != Location::default() {
            write!(f, "{}: ", self.location)?;
        }
        write!(f, "{}", self.message)?;
        if let Some(h) = &self.hint {
            write!(f, "\n  {} {h}", t!("ui.label-hint"))?;
        }
        Ok(())
    }
}

/// The most errors one build lists; the rest are counted.
pub const MAX_LISTED: usize = 50;

/// Everything that can stop a command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The user's input is wrong (content, config, templates, data).
    #[error("{0}")]
    Input(Box<Diagnostic>),
    /// Several problems in the user's input, sorted by file and line.
    #[error("{}", list(.0))]
    Many(Vec<Diagnostic>),
    /// The command line is wrong (exit code 2).
    #[error("{0}")]
    Usage(Box<Diagnostic>),
    /// The file system refused something.
    #[error("{}", t!("part.io-error", path = path.display(), why = source))]
    Io {
        /// The file or directory involved.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
}

impl Error {
    /// A user error at `location`.
    pub fn input(location: Location, message: Message) -> Self {
        Error::Input(Box::new(Diagnostic {
            location,
            severity: Severity::Error,
            rule: "",
            message: message.text.into_string(),
            hint: message.hint.map(Text::into_string),
        }))
    }

    /// A mistake on the command line (the option is named in `message`).
    pub fn usage(message: Message) -> Self {
        Error::Usage(Box::new(Diagnostic {
            location: Location::default(),
            severity: Severity::Error,
            rule: "",
            message: message.text.into_string(),
            hint: message.hint.map(Text::into_string),
        }))
    }

    /// Adds (or replaces) the hint of a user error; other errors are returned unchanged.
    pub fn with_hint(self, hint: Text) -> Self {
        match self {
            Error::Input(mut d) => {
                d.hint = Some(hint.into_string());
                Error::Input(d)
            }
            other => other,
        }
    }

    /// Names the rule of a user error; other errors are returned unchanged.
    pub fn with_rule(self, rule: &'static str) -> Self {
        match self {
            Error::Input(mut d) => {
                d.rule = rule;
                Error::Input(d)
            }
            other => other,
        }
    }

    /// An I/O error on `path`.
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// The diagnostic, when this is a user error (the first one, when there are several).
    pub fn diagnostic(&self) -> Option<&Diagnostic> {
        match self {
            Error::Input(d) | Error::Usage(d) => Some(d),
            Error::Many(list) => list.first(),
            Error::Io { .. } => None,
        }
    }
}

/// Prints a sorted list of problems, at most [`MAX_LISTED`], then how many there were.
fn list(items: &[Diagnostic]) -> String {
    let mut out = String::new();
    for (i, d) in items.iter().take(MAX_LISTED).enumerate() {
        if i > 0 {
            out.push_str(&format!("\n{} ", t!("ui.label-error")));
        }
        out.push_str(&d.to_string());
    }
    if items.len() > MAX_LISTED {
        let more = items.len() - MAX_LISTED;
        out.push_str(&format!("\n{}", t!("ui.errors-not-listed", count = more)));
    }
    let count = items.len();
    out.push_str(&format!("\n{}", t!("ui.errors-summary", count = count)));
    out
}

/// `n` with a comma every three digits, as counts and sizes are written in messages (9,997).
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// How many warnings of one kind in one file are listed before the rest are counted.
pub const REPEATS_LISTED: usize = 3;

/// A warning to print, or the count of the further warnings of one kind in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Folded {
    /// The warning at this index of the list, in full.
    One(usize),
    /// `count` more warnings of `rule` in `file` (the same problem at other places).
    More {
        /// How many were not listed.
        count: usize,
        /// Their rule.
        rule: &'static str,
        /// Their file.
        file: String,
    },
}

/// The line that stands for the warnings a [`Folded::More`] did not list: how many, of which rule,
/// in which file.
pub fn more_of_a_kind(count: usize, rule: &str, file: &str) -> crate::messages::Text {
    crate::t!(
        "ui.warnings-more",
        count = thousands(count as u64),
        rule = rule,
        file = file
    )
}

/// `list` (in its order) with long runs of one kind folded: once [`REPEATS_LISTED`] warnings of
/// one rule with one hint in one file have been listed, the others become one line that counts
/// them, after the last listed one. A municipality of ten thousand windows without a `verified`
/// date says so in four lines, not ten thousand.
pub fn fold_repeated(list: &[Diagnostic]) -> Vec<Folded> {
    use std::collections::HashMap;
    type Kind<'d> = (Option<&'d Path>, &'static str, Option<&'d str>);
    fn kind(d: &Diagnostic) -> Kind<'_> {
        (d.location.path.as_deref(), d.rule, d.hint.as_deref())
    }
    // Errors are always listed: each one must be fixed.
    let folds = |d: &Diagnostic| !d.rule.is_empty() && d.severity != Severity::Error;
    let mut seen: HashMap<Kind<'_>, usize> = HashMap::new();
    for d in list.iter().filter(|d| folds(d)) {
        *seen.entry(kind(d)).or_default() += 1;
    }
    let mut listed: HashMap<Kind<'_>, usize> = HashMap::new();
    let mut out = Vec::new();
    for (i, d) in list.iter().enumerate() {
        if !folds(d) {
            out.push(Folded::One(i));
            continue;
        }
        let k = kind(d);
        let n = listed.entry(k).or_default();
        *n += 1;
        if *n <= REPEATS_LISTED {
            out.push(Folded::One(i));
            if *n == REPEATS_LISTED && seen[&k] > REPEATS_LISTED {
                out.push(Folded::More {
                    count: seen[&k] - REPEATS_LISTED,
                    rule: d.rule,
                    file: d
                        .location
                        .path
                        .as_deref()
                        .map(|p| p.display().to_string())
                        .unwrap_or_default(),
                });
            }
        }
    }
    out
}

/// Gathers the problems a stage finds, so that it can go on and report them all at once.
///
/// A stage calls [`Diagnostics::take`] on each result that may fail, goes on with the next
/// item, and ends with [`Diagnostics::finish`]: every error at once, sorted by file and line.
/// An I/O error is not the user's mistake in a file and stops at once.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    io: Option<Error>,
}

impl Diagnostics {
    /// An empty collector.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a problem (an error or a warning).
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// Keeps the value of `result`, or records its error and gives `None`.
    pub fn take<T>(&mut self, result: Result<T>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.record(e);
                None
            }
        }
    }

    /// Records an error.
    pub fn record(&mut self, e: Error) {
        match e {
            Error::Input(d) | Error::Usage(d) => self.items.push(*d),
            Error::Many(list) => self.items.extend(list),
            io @ Error::Io { .. } => {
                self.io.get_or_insert(io);
            }
        }
    }

    /// Whether any error (not a warning) was recorded.
    pub fn has_errors(&self) -> bool {
        self.io.is_some() || self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// `Ok(value)` with the warnings left in the collector when no error was recorded; otherwise
    /// every error, sorted by file and line (an I/O error alone).
    pub fn finish<T>(&mut self, value: T) -> Result<T> {
        if let Some(io) = self.io.take() {
            return Err(io);
        }
        let (mut errors, warnings): (Vec<_>, Vec<_>) = std::mem::take(&mut self.items)
            .into_iter()
            .partition(|d| d.severity == Severity::Error);
        self.items = warnings;
        errors.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        errors.dedup();
        match errors.len() {
            0 => Ok(value),
            1 => Err(Error::Input(Box::new(errors.remove(0)))),
            _ => Err(Error::Many(errors)),
        }
    }

    /// The warnings gathered, sorted by file and line.
    pub fn into_warnings(self) -> Vec<Diagnostic> {
        let mut w: Vec<_> = self
            .items
            .into_iter()
            .filter(|d| d.severity == Severity::Warning)
            .collect();
        w.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        w.dedup();
        w
    }
}

/// All the values of `results`, or all their errors at once (sorted by file and line).
pub fn collect_all<T>(results: impl IntoIterator<Item = Result<T>>) -> Result<Vec<T>> {
    let mut diags = Diagnostics::new();
    let values: Vec<T> = results.into_iter().filter_map(|r| diags.take(r)).collect();
    diags.finish(values)
}

/// The candidate closest to `word`, when one is close enough to be a likely typing mistake: at
/// most a fifth of the characters differ (Damerau–Levenshtein: a missing, extra, wrong or
/// swapped character counts one), ignoring case. Paths (`stress/slep.md`) are compared by their
/// last segment, among the candidates in the same folder.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let split = |s: &'a str| s.rsplit_once('/').unwrap_or(("", s));
    let (dir, name) = word.rsplit_once('/').unwrap_or(("", word));
    candidates
        .into_iter()
        .filter(|c| split(c).0 == dir)
        .map(|c| {
            let (typed, known) = (name.to_lowercase(), split(c).1.to_lowercase());
            let mut score = strsim::normalized_damerau_levenshtein(&typed, &known);
            // The start of a longer name (`crisis-line` for `crisis-line-near`) is close too.
            if typed.chars().count() >= 4 && known.starts_with(&typed) {
                score = score.max(0.8);
            }
            // A known word with an ending added (`sleeping`, `stresses` for `sleep`, `stress`).
            if known.chars().count() >= 4 && typed.starts_with(&known) {
                score = score.max(0.8);
            }
            (score, c)
        })
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

/// `did you mean `x`? ` when a candidate is close to `word`, else an empty text; meant to
/// start a hint.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Text {
    closest(word, candidates).map_or_else(Text::default, |c| t!("part.did-you-mean", word = c))
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// Where each line of a text starts, for many line and column look-ups: each one is a binary
/// search plus a count within its line, not a scan from the start of the text.
#[derive(Debug)]
pub struct LineIndex<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> LineIndex<'t> {
    /// Indexes `text`.
    pub fn new(text: &'t str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, starts }
    }

    /// 1-based line and column (in characters) of byte `offset`, as [`line_col`] gives them.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        (line, self.text[start..offset].chars().count() + 1)
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let t = "一行目\n二行目の**x\n\n";
        assert_eq!(line_col(t, 0), (1, 1));
        let off = t.find("**").unwrap();
        assert_eq!(line_col(t, off), (2, 5));
        let index = LineIndex::new(t);
        for offset in 0..=t.len() + 2 {
            assert_eq!(index.line_col(offset), line_col(t, offset), "{offset}");
        }
    }

    #[test]
    fn collector_reports_every_error_sorted_and_keeps_warnings() {
        let mut d = Diagnostics::new();
        d.record(Error::input(
            Location::at("content/b.md", 2, Some(1)),
            Message::verbatim("second"),
        ));
        d.push(Diagnostic::warning(
            Location::file("content/a.md"),
            "w",
            Message::verbatim("a warning"),
        ));
        d.record(Error::input(
            Location::at("content/a.md", 9, None),
            Message::verbatim("first"),
        ));
        d.record(Error::input(
            Location::at("content/b.md", 1, None),
            Message::verbatim("b1"),
        ));
        let e = d.finish(()).unwrap_err();
        let Error::Many(list) = &e else { panic!("{e}") };
        let order: Vec<_> = list.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(order, ["first", "b1", "second"]);
        assert!(
            e.to_string()
                .ends_with("3 errors: nothing was written; fix them and try again")
        );
        assert_eq!(d.into_warnings().len(), 1);
        assert!(collect_all(vec![Ok(1), Ok(2)]).unwrap() == [1, 2]);
    }

    #[test]
    fn suggestions_for_typing_mistakes_only() {
        let keys = ["title", "description", "topics", "toc"];
        assert_eq!(closest("titel", keys), Some("title"));
        assert_eq!(closest("topic", keys), Some("topics"));
        assert_eq!(closest("zzz", keys), None);
        // A word with an ending added: topic = "sleeping".
        assert_eq!(
            closest("sleeping", ["stress", "sleep", "suicide"]),
            Some("sleep")
        );
        assert_eq!(closest("stresses", ["stress", "sleep"]), Some("stress"));
        assert_eq!(
            closest("stress/nothing.md", ["stress/_index.md", "stress/sleep.md"]),
            None
        );
        assert_eq!(
            closest("stress/slep.md", ["stress/_index.md", "stress/sleep.md"]),
            Some("stress/sleep.md")
        );
        assert_eq!(
            did_you_mean("kawagoee", ["kawagoe", "hanno"]).as_str(),
            "did you mean `kawagoe`? "
        );
        assert!(did_you_mean("xyz", ["kawagoe"]).is_empty());
    }

    #[test]
    fn diagnostic_display_has_location_and_hint() {
        let e = Error::input(
            Location::at("content/a.md", 3, Some(7)),
            Message::verbatim("unknown key `titel`"),
        )
        .with_hint(Text::verbatim("did you mean `title`?"));
        assert_eq!(
            e.to_string(),
            "content/a.md:3:7: unknown key `titel`\n  hint: did you mean `title`?"
        );
    }

    #[test]
    fn counts_are_written_with_commas() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(9_997), "9,997");
        assert_eq!(thousands(2_000_000), "2,000,000");
    }

    #[test]
    fn warnings_of_one_kind_in_one_file_are_listed_three_times_then_counted() {
        let w = |file: &str, rule: &'static str, n: usize| {
            let mut d = Diagnostic::warning(
                Location::at(file, n, None),
                rule,
                Message::verbatim(format!("w{n}")),
            );
            d.hint = Some("同じ直し方".into());
            d
        };
        let mut list: Vec<Diagnostic> = (1..=5).map(|n| w("a.toml", "verified-date", n)).collect();
        list.push(w("b.toml", "verified-date", 1));
        let mut error = w("a.toml", "verified-date", 9);
        error.severity = Severity::Error;
        list.push(error);
        let folded = fold_repeated(&list);
        assert_eq!(
            folded,
            [
                Folded::One(0),
                Folded::One(1),
                Folded::One(2),
                Folded::More {
                    count: 2,
                    rule: "verified-date",
                    file: "a.toml".into()
                },
                Folded::One(5),
                Folded::One(6),
            ]
        );
    }
}
