//! Topics (困りごと): the project's list of what a window, a line or a page is about, and which
//! topics answer which (the umbrella topic `addiction` includes its kinds).

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
