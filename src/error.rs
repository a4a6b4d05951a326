//! Errors as values: every problem a user can cause is a [`Diagnostic`] that names the file,
//! the line and column when known, what is wrong, and what to do about it.
//!
//! Library modules return [`Error`]; only `main` prints it and picks the exit code.

use std::fmt;
use std::path::{Path, PathBuf};

/// The crate-wide result type.
pub type Result<T> = std::result::Result<T, Error>;

/// Where in a file something is. Lines and columns count from 1.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
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

/// A problem in the user's input, with enough context to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where the problem is.
    pub location: Location,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)?;
        if let Some(h) = &self.hint {
            write!(f, "\n  hint: {h}")?;
        }
        Ok(())
    }
}

/// Everything that can stop a command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The user's input is wrong (content, config, templates, data).
    #[error("{0}")]
    Input(Box<Diagnostic>),
    /// The file system refused something.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or directory involved.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
}

impl Error {
    /// A user error at `location`.
    pub fn input(location: Location, message: impl Into<String>) -> Self {
        Error::Input(Box::new(Diagnostic {
            location,
            message: message.into(),
            hint: None,
        }))
    }

    /// Adds (or replaces) the hint of a user error; other errors are returned unchanged.
    pub fn with_hint(self, hint: impl Into<String>) -> Self {
        match self {
            Error::Input(mut d) => {
                d.hint = Some(hint.into());
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

    /// The diagnostic, when this is a user error.
    pub fn diagnostic(&self) -> Option<&Diagnostic> {
        match self {
            Error::Input(d) => Some(d),
            Error::Io { .. } => None,
        }
    }
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
        let t = "一行目\n二行目の**x";
        assert_eq!(line_col(t, 0), (1, 1));
        let off = t.find("**").unwrap();
        assert_eq!(line_col(t, off), (2, 5));
    }

    #[test]
    fn diagnostic_display_has_location_and_hint() {
        let e = Error::input(
            Location::at("content/a.md", 3, Some(7)),
            "unknown key `titel`",
        )
        .with_hint("did you mean `title`?");
        assert_eq!(
            e.to_string(),
            "content/a.md:3:7: unknown key `titel`\n  hint: did you mean `title`?"
        );
    }
}
