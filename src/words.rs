//! The word lists the rules use: built in (`words.toml`, documented there), and extended by a
//! project's own file (`[check] words` in `tsunagi.toml`), whose words are added.

use std::path::Path;

use serde::Deserialize;

use crate::error::Result;
use crate::toml_input;

/// The built-in lists.
const BUILTIN: &str = include_str!("words.toml");

/// Word lists, each for a rule (see `words.toml`).
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct Words {
    /// Words that mention suicide.
    pub suicide: Vec<String>,
    /// Words of acute distress that call for a crisis line nearby.
    pub crisis: Vec<String>,
    /// Self-harm.
    pub self_harm: Vec<String>,
    /// Suicide methods.
    pub methods: Vec<String>,
    /// Overdose.
    pub overdose: Vec<String>,
    /// Amounts of a drug.
    pub doses: Vec<String>,
    /// Locations.
    pub locations: Vec<String>,
    /// Sensational or normalising wording.
    pub sensational: Vec<String>,
    /// Suicide as success or failure.
    pub success_failure: Vec<String>,
    /// Single-cause explanations.
    pub single_cause: Vec<String>,
    /// Link texts that say nothing on their own.
    pub vague_links: Vec<String>,
    /// Colour words that carry meaning.
    pub colours: Vec<String>,
    /// Hosts (or host endings, with a leading dot) known to serve HTTPS.
    pub https_domains: Vec<String>,
}

impl Words {
    /// The built-in lists.
    pub fn builtin() -> Words {
        toml_input::parse(BUILTIN, Path::new("words.toml"), 1).unwrap_or_default()
    }

    /// The built-in lists with the words of a project's file (`text`, read from `path`) added.
    pub fn extended(text: &str, path: &Path) -> Result<Words> {
        let extra: Words = toml_input::parse(text, path, 1)?;
        let mut w = Words::builtin();
        for (list, more) in [
            (&mut w.suicide, extra.suicide),
            (&mut w.crisis, extra.crisis),
            (&mut w.self_harm, extra.self_harm),
            (&mut w.methods, extra.methods),
            (&mut w.overdose, extra.overdose),
            (&mut w.doses, extra.doses),
            (&mut w.locations, extra.locations),
            (&mut w.sensational, extra.sensational),
            (&mut w.success_failure, extra.success_failure),
            (&mut w.single_cause, extra.single_cause),
            (&mut w.vague_links, extra.vague_links),
            (&mut w.colours, extra.colours),
            (&mut w.https_domains, extra.https_domains),
        ] {
            list.extend(more);
        }
        Ok(w)
    }
}

impl Words {
    /// Every word that says a person may be in crisis (`suicide`, `crisis`, `self_harm`), once
    /// each: what site search answers with help before its results.
    pub fn crisis_terms(&self) -> Vec<&str> {
        let mut terms: Vec<&str> = Vec::new();
        for w in self
            .suicide
            .iter()
            .chain(&self.crisis)
            .chain(&self.self_harm)
        {
            if !terms.contains(&w.as_str()) {
                terms.push(w);
            }
        }
        terms
    }
}

/// The first word of `list` in `text`: its byte offset and the word. A word of ASCII letters
/// counts only where no ASCII letter is glued to it (OD, not the OD of GOOD; mg after 10 still
/// counts).
pub(crate) fn find<'w>(text: &str, list: &'w [String]) -> Option<(usize, &'w str)> {
    list.iter()
        .filter_map(|w| first_at(text, w).map(|i| (i, w.as_str())))
        .min()
}

/// Where `word` first stands in `text` as a word (see [`find`]).
fn first_at(text: &str, word: &str) -> Option<usize> {
    let letters = !word.is_empty() && word.bytes().all(|b| b.is_ascii_alphabetic());
    if !letters {
        return text.find(word);
    }
    text.match_indices(word).map(|(i, _)| i).find(|&i| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_alphabetic())
            && !after.is_some_and(|c| c.is_ascii_alphabetic())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_lists_parse_and_are_not_empty() {
        let w = Words::builtin();
        assert!(w.suicide.contains(&"自殺".to_string()));
        for list in [
            &w.crisis,
            &w.methods,
            &w.sensational,
            &w.vague_links,
            &w.colours,
        ] {
            assert!(!list.is_empty());
        }
    }

    #[test]
    fn a_word_of_ascii_letters_is_not_found_inside_a_longer_one() {
        let list = |w: &[&str]| {
            w.iter()
                .map(std::string::ToString::to_string)
                .collect::<Vec<_>>()
        };
        assert_eq!(find("GOOD な日", &list(&["OD"])), None);
        assert_eq!(find("ODしてしまう", &list(&["OD"])), Some((0, "OD")));
        assert_eq!(find("市販薬の OD。", &list(&["OD"])), Some((13, "OD")));
        assert_eq!(
            find("1回10mgを", &list(&["mg"])),
            Some((6, "mg")),
            "after a digit"
        );
        assert_eq!(find("自殺", &list(&["自殺"])), Some((0, "自殺")));
    }

    #[test]
    fn crisis_terms_join_the_three_lists_once_each() {
        let w = Words::builtin();
        let terms = w.crisis_terms();
        for t in [
            "自殺",
            "しにたい",
            "消えたい",
            "生きるのがつらい",
            "自傷",
            "OD",
        ] {
            assert!(terms.contains(&t), "{t}");
        }
        let mut sorted = terms.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), terms.len(), "no word twice");
    }

    #[test]
    fn a_project_adds_words_and_a_wrong_key_is_an_error() {
        let w = Words::extended("methods = [\"新しい語\"]\n", Path::new("w.toml")).unwrap();
        assert!(
            w.methods.contains(&"新しい語".to_string()) && w.methods.contains(&"練炭".to_string())
        );
        assert!(Words::extended("method = []\n", Path::new("w.toml")).is_err());
    }
}
