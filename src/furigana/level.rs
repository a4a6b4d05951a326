//! Furigana settings. Which kanji get ruby is a setting at site, municipality, section and page
//! level (the nearest wins). Automatic readings are issue #3; this module holds the setting.

use std::fmt;

/// Which words get automatic ruby.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// No automatic ruby.
    None,
    /// Ruby on every word with a kanji.
    All,
    /// Ruby on each kanji not taught up to and including this school grade (1–6): only those,
    /// when the word's reading splits cleanly over its kanji (思い{込|こ}み at grade 3), else on
    /// the whole word (熟字訓: {昨日|きのう}).
    Grade(u8),
    /// Ruby on every word with a kanji not taught up to this grade, over the whole word
    /// ({思|おも}い{込|こ}み at grade 3): `grade-3-words`.
    GradeWords(u8),
    /// Ruby only on kanji outside the 常用漢字.
    Joyo,
}

impl Level {
    /// Parses `none`, `all`, `grade-1` … `grade-6` or `joyo`.
    pub fn parse(s: &str) -> Option<Level> {
        match s {
            "none" => Some(Level::None),
            "all" => Some(Level::All),
            "joyo" => Some(Level::Joyo),
            _ => {
                let rest = s.strip_prefix("grade-")?;
                let (n, words) = match rest.strip_suffix("-words") {
                    Some(n) => (n, true),
                    None => (rest, false),
                };
                let n: u8 = n.parse().ok()?;
                let level = if words {
                    Level::GradeWords(n)
                } else {
                    Level::Grade(n)
                };
                (1..=6).contains(&n).then_some(level)
            }
        }
    }

    /// The values accepted by [`Level::parse`], for hints.
    pub const ACCEPTED: &'static str =
        "none, all, grade-1 … grade-6, grade-1-words … grade-6-words, joyo";

    /// Parses a `furigana` setting written at `at` (in tsunagi.toml, a municipality or a page),
    /// or says which values are accepted.
    pub fn parse_setting(s: &str, at: crate::error::Location) -> crate::error::Result<Level> {
        Level::parse(s).ok_or_else(|| {
            crate::error::Error::input(
                at,
                crate::msg!(
                    "error.furigana-setting-unknown",
                    value = s,
                    list = Level::ACCEPTED
                ),
            )
        })
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Level::None => write!(f, "none"),
            Level::All => write!(f, "all"),
            Level::Grade(n) => write!(f, "grade-{n}"),
            Level::GradeWords(n) => write!(f, "grade-{n}-words"),
            Level::Joyo => write!(f, "joyo"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_accepted_value_and_rejects_others() {
        for s in ["none", "all", "joyo", "grade-1", "grade-6", "grade-3-words"] {
            assert_eq!(Level::parse(s).unwrap().to_string(), s);
        }
        for s in [
            "grade-0",
            "grade-7",
            "grade-",
            "Grade-1",
            "",
            "grade-7-words",
            "grade--words",
            "grade-3-word",
        ] {
            assert_eq!(Level::parse(s), None, "{s}");
        }
    }
}
