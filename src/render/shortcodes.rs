//! Shortcodes: tera templates under `templates/shortcodes/<name>.html`, called from Markdown as
//! `{{ name(arg="value") }}` and rendered for each municipality. A template declares the
//! arguments it takes on its first line: `{# args: topic, title #}`. Unknown shortcodes and
//! unknown arguments are errors with the file and line of the call.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::data::Window;
use crate::data::national::{LINES, NationalLine};
use crate::markdown::ShortcodeCall;
use crate::municipality::Municipality;
use crate::theme::{Theme, error_chain};

/// Topics that the umbrella topic `addiction` includes.
pub const ADDICTION_TOPICS: &[&str] = &["addiction", "alcohol", "gambling", "gaming", "drugs"];

/// What a shortcode can see besides its arguments.
pub struct Env<'a> {
    /// The municipality being built.
    pub municipality: &'a Municipality,
    /// Relative prefix from the current page to the site root.
    pub root: &'a str,
    /// Known topics: slug → label.
    pub topics: &'a BTreeMap<String, String>,
    /// URL of the help page relative to the current page, when the site has one.
    pub help_url: Option<&'a str>,
}

#[derive(Serialize)]
struct Ctx<'a> {
    municipality: &'a Municipality,
    args: &'a BTreeMap<String, serde_json::Value>,
    root: &'a str,
    help_url: Option<&'a str>,
    /// The municipality's windows, filtered by `topic` when given.
    windows: Vec<&'a Window>,
    /// National lines, filtered by `topic` when given.
    national_lines: Vec<&'a NationalLine>,
    /// Label of the `topic` argument.
    topic_label: Option<&'a str>,
}

/// A shortcode failure: what is wrong and what to do.
pub struct Failure {
    /// The message.
    pub message: String,
    /// The hint.
    pub hint: String,
}

/// The arguments a shortcode template declares on its first line.
pub fn declared_args(template: &str) -> Vec<String> {
    let first = template.lines().next().unwrap_or_default().trim();
    first
        .strip_prefix("{#")
        .and_then(|s| s.strip_suffix("#}"))
        .and_then(|s| s.trim().strip_prefix("args:"))
        .map(|list| {
            list.split(',')
                .map(|a| a.trim().to_string())
                .filter(|a| !a.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

fn matches_topic(topics: &[impl AsRef<str>], topic: Option<&str>) -> bool {
    match topic {
        None => true,
        Some("addiction") => topics
            .iter()
            .any(|t| ADDICTION_TOPICS.contains(&t.as_ref())),
        Some(t) => topics.iter().any(|x| x.as_ref() == t),
    }
}

/// Renders one call.
pub fn render(
    tera: &tera::Tera,
    theme: &Theme,
    call: &ShortcodeCall,
    env: &Env<'_>,
) -> Result<String, Failure> {
    let name = format!("shortcodes/{}.html", call.name);
    let Some(src) = theme.templates.get(&name) else {
        let known: Vec<_> = theme
            .templates
            .keys()
            .filter_map(|k| k.strip_prefix("shortcodes/")?.strip_suffix(".html"))
            .collect();
        return Err(Failure {
            message: format!("unknown shortcode `{}`", call.name),
            hint: format!("known shortcodes: {}", known.join(", ")),
        });
    };
    let declared = declared_args(&src.text);
    for arg in call.args.keys() {
        if !declared.contains(arg) {
            return Err(Failure {
                message: format!("shortcode `{}` has no argument `{arg}`", call.name),
                hint: if declared.is_empty() {
                    format!("`{}` takes no arguments", call.name)
                } else {
                    format!("`{}` takes: {}", call.name, declared.join(", "))
                },
            });
        }
    }
    let topic = match call.args.get("topic") {
        None => None,
        Some(serde_json::Value::String(t)) if env.topics.contains_key(t) => Some(t.as_str()),
        Some(other) => {
            return Err(Failure {
                message: format!("shortcode `{}`: unknown topic {other}", call.name),
                hint: format!(
                    "use one of: {}",
                    env.topics.keys().cloned().collect::<Vec<_>>().join(", ")
                ),
            });
        }
    };
    let ctx = Ctx {
        municipality: env.municipality,
        args: &call.args,
        root: env.root,
        help_url: env.help_url,
        windows: env
            .municipality
            .windows
            .iter()
            .filter(|w| matches_topic(&w.topics, topic))
            .collect(),
        national_lines: LINES
            .iter()
            .filter(|l| matches_topic(l.topics, topic))
            .collect(),
        topic_label: topic.and_then(|t| env.topics.get(t)).map(String::as_str),
    };
    let context = tera::Context::from_serialize(&ctx).map_err(|e| Failure {
        message: error_chain(&e),
        hint: "this is a bug in tsunagi; please report it".into(),
    })?;
    let html = tera.render(&name, &context).map_err(|e| Failure {
        message: format!("shortcode `{}` failed: {}", call.name, error_chain(&e)),
        hint: format!("check the template {}", src.origin.display()),
    })?;
    let html = html.trim().to_string();
    Ok(html)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_declared_arguments() {
        assert_eq!(
            declared_args("{# args: topic, title #}\n<p>"),
            ["topic", "title"]
        );
        assert!(declared_args("<p>{{ municipality.name }}</p>").is_empty());
    }

    #[test]
    fn addiction_includes_its_kinds() {
        assert!(matches_topic(&["gambling"], Some("addiction")));
        assert!(!matches_topic(&["stress"], Some("addiction")));
        assert!(matches_topic(&["stress"], None));
        assert!(matches_topic(&["stress"], Some("stress")));
    }
}
