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

/// The first word of `list` in `text`: its byte offset and the word.
pub fn find<'w>(text: &str, list: &'w [String]) -> Option<(usize, &'w str)> {
    list.iter()
        .filter_map(|w| text.find(w.as_str()).map(|i| (i, w.as_str())))
        .min()
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
    fn a_project_adds_words_and_a_wrong_key_is_an_error() {
        let w = Words::extended("methods = [\"新しい語\"]\n", Path::new("w.toml")).unwrap();
        assert!(
            w.methods.contains(&"新しい語".to_string()) && w.methods.contains(&"練炭".to_string())
        );
        assert!(Words::extended("method = []\n", Path::new("w.toml")).is_err());
    }
}
