//! Structured data about help: consultation windows (相談窓口) and the national lines every
//! site shows. Pure values and validation; no file I/O.

pub mod events;
pub mod help_lines;
pub mod holidays;
pub mod hours;
pub mod opendata;
pub mod phone;
pub mod web;
pub mod windows;

pub use windows::Window;

/// Checks that `topic` is one of the project's `topics`; else what to say, with the nearest one
/// and the list.
pub fn check_topic(topic: &str, topics: &[&str]) -> Result<(), crate::messages::Text> {
    if topics.contains(&topic) {
        return Ok(());
    }
    Err(crate::t!(
        "part.window-topic",
        value = topic,
        suggest = crate::error::did_you_mean(topic, topics.iter().copied()),
        list = topics.join(", ")
    ))
}

/// An unknown value of a closed list: the first of `values` that is none of `known`'s keys,
/// the nearest key (a "did you mean") and every key, for the message that names them.
pub struct Unknown<'v> {
    /// The value as written.
    pub value: &'v str,
    /// `did you mean …?`, or empty.
    pub suggest: crate::messages::Text,
    /// The keys, comma-separated.
    pub list: String,
}

impl Unknown<'_> {
    /// The message for an unknown option of a list (accessibility options).
    pub fn as_option(&self) -> crate::messages::Text {
        crate::t!(
            "part.option-unknown",
            value = self.value,
            suggest = self.suggest,
            list = self.list
        )
    }
}

/// The first of `values` that is not a key of `known` (`(key, label)` pairs: audiences, kinds,
/// accessibility options), with what a message says of it.
pub fn first_unknown<'v>(values: &'v [String], known: &[(&str, &str)]) -> Option<Unknown<'v>> {
    let value = values.iter().find(|v| !known.iter().any(|(k, _)| k == v))?;
    let keys: Vec<&str> = known.iter().map(|(k, _)| *k).collect();
    Some(Unknown {
        value,
        suggest: crate::error::did_you_mean(value, keys.iter().copied()),
        list: keys.join(", "),
    })
}

/// Topics that the umbrella topic `addiction` includes.
pub const ADDICTION_TOPICS: &[&str] = &["addiction", "alcohol", "gambling", "gaming", "drugs"];

/// Whether `topics` (a window's or a line's) answer `topic`: one of them is `topic`, or, for the
/// umbrella topic `addiction`, one of its kinds.
pub fn on_topic(topics: &[impl AsRef<str>], topic: &str) -> bool {
    if topic == "addiction" {
        topics
            .iter()
            .any(|t| ADDICTION_TOPICS.contains(&t.as_ref()))
    } else {
        topics.iter().any(|t| t.as_ref() == topic)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn addiction_includes_its_kinds() {
        assert!(super::on_topic(&["gambling"], "addiction"));
        assert!(!super::on_topic(&["stress"], "addiction"));
        assert!(super::on_topic(&["stress"], "stress"));
        assert!(!super::on_topic(&["alcohol"], "stress"));
    }
}
