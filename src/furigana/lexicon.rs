//! Reading lexicons that win over the dictionary: a project's and a municipality's own words
//! (place names, window and venue names…), written as `surface,reading` CSV lines or as a TOML
//! table `"surface" = "reading"`. A municipality's name and kana join its lexicon automatically.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::{Error, Location, Result};
use crate::messages::Text;
use crate::{msg, t};

use super::kanji::is_kanji;

/// Surface → reading (hiragana).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lexicon {
    entries: BTreeMap<String, String>,
    longest: usize,
}

impl Lexicon {
    /// An empty lexicon.
    pub fn new() -> Lexicon {
        Lexicon::default()
    }

    /// Adds (or replaces) a word. Words without kanji are ignored (they never get ruby).
    pub fn insert(&mut self, surface: &str, reading: &str) {
        let surface = surface.trim();
        if surface.chars().any(is_kanji) && !reading.trim().is_empty() {
            self.longest = self.longest.max(surface.chars().count());
            self.entries
                .insert(surface.to_string(), reading.trim().to_string());
        }
    }

    /// Adds every word of `other`; `other` wins on conflicts.
    pub fn extend(&mut self, other: &Lexicon) {
        for (s, r) in &other.entries {
            self.insert(s, r);
        }
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the lexicon is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The longest word starting at the beginning of `text`: (byte length, reading).
    pub fn longest_prefix<'a>(&'a self, text: &str) -> Option<(usize, &'a str)> {
        let ends: Vec<usize> = text
            .char_indices()
            .map(|(i, c)| i + c.len_utf8())
            .take(self.longest)
            .collect();
        ends.iter()
            .rev()
            .find_map(|&end| self.entries.get(&text[..end]).map(|r| (end, r.as_str())))
    }

    /// Parses a lexicon file: `.toml` as a table, anything else as `surface,reading` lines
    /// (`#` starts a comment). Readings must be hiragana (katakana is converted).
    pub fn parse(text: &str, path: &Path) -> Result<Lexicon> {
        let mut lex = Lexicon::new();
        if path.extension().is_some_and(|e| e == "toml") {
            let table: BTreeMap<String, String> = crate::toml_input::parse(text, path, 1)?;
            for (s, r) in table {
                let reading = check_reading(&r).map_err(|why| {
                    Error::input(
                        Location::file(path),
                        msg!("error.lexicon-reading", surface = s, why = why),
                    )
                })?;
                lex.insert(&s, &reading);
            }
            return Ok(lex);
        }
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let at = || Location::at(path, n + 1, Some(1));
            let Some((surface, reading)) = line.split_once(',') else {
                // Say which line, not what it holds: a file that is not a lexicon at all must not
                // have its contents printed into a build log.
                return Err(Error::input(at(), msg!("error.lexicon-line")));
            };
            let reading = reading.split(',').next().unwrap_or_default();
            let reading = check_reading(reading).map_err(|why| {
                Error::input(
                    at(),
                    msg!("error.lexicon-reading", surface = surface, why = why),
                )
            })?;
            lex.insert(surface, &reading);
        }
        Ok(lex)
    }
}

/// Validates a reading and converts katakana to hiragana.
pub fn check_reading(r: &str) -> std::result::Result<String, Text> {
    let h = crate::kana::katakana_to_hiragana(r.trim());
    if h.is_empty() {
        return Err(t!("part.reading-empty"));
    }
    if h.chars().all(crate::kana::is_reading_char) {
        Ok(h)
    } else {
        Err(t!("part.reading-not-kana", value = r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_match_wins() {
        let mut l = Lexicon::new();
        l.insert("日高", "ひだか");
        l.insert("日高市", "ひだかし");
        assert_eq!(
            l.longest_prefix("日高市役所"),
            Some(("日高市".len(), "ひだかし"))
        );
        assert_eq!(l.longest_prefix("日高川"), Some(("日高".len(), "ひだか")));
        assert_eq!(l.longest_prefix("所沢"), None);
    }

    #[test]
    fn parses_csv_and_toml_and_reports_bad_lines() {
        let l = Lexicon::parse(
            "# comment\n白石,しろいし\n狭山,サヤマ\n",
            Path::new("l.csv"),
        )
        .unwrap();
        assert_eq!(l.len(), 2);
        assert_eq!(l.longest_prefix("狭山").unwrap().1, "さやま");
        let t = Lexicon::parse("\"入間\" = \"いるま\"\n", Path::new("l.toml")).unwrap();
        assert_eq!(t.longest_prefix("入間").unwrap().1, "いるま");
        let e = Lexicon::parse("白石,しろいし\n白石 しろいし\n", Path::new("l.csv")).unwrap_err();
        assert_eq!(e.diagnostic().unwrap().location.line, Some(2));
        assert!(Lexicon::parse("白石,shiroishi\n", Path::new("l.csv")).is_err());
    }
}
