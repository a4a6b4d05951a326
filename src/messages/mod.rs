//! Every sentence tsunagi says to a person — errors, warnings, hints, notes, the build summary,
//! the progress line and the `--help` texts — comes from one catalogue per language:
//! `src/messages/en.toml` and `src/messages/ja.toml`, embedded in the binary.
//!
//! A catalogue is a TOML table of entries grouped by kind (`error`, `warning`, `note`, `part`,
//! `ui`, `cli`); each entry has a `message` and, for diagnostics, a `hint` (what to do).
//! Placeholders are written `{$name}` and filled from the macro's arguments; every other
//! brace is literal, so hints can show ruby (`{漢字|かんじ}`) and shortcodes (`{{ … }}`) as
//! they are typed.
//!
//! Code never writes user-facing English itself: [`msg!`](crate::msg) gives a [`Message`] (text
//! and hint of one entry), [`t!`](crate::t) the text of an entry, [`hint!`](crate::hint) its
//! hint. The constructors of diagnostics take these types, not strings, and
//! `tests/messages.rs` checks that every id used in the code exists in both catalogues with the
//! same placeholders, that every entry is used, and that no English sentence is left in the
//! code outside them.
//!
//! Why a plain table and not Fluent or rust-i18n: Japanese has no plural or gender forms and
//! the English texts are phrased to need none, so the whole job is "look up, fill in"; a TOML
//! table does that with the `toml` crate the project already has, stays readable for a
//! translator, and is checked by an ordinary test.
//!
//! The language is chosen once, before anything is said: `--lang ja|en`, else `TSUNAGI_LANG`,
//! else the system locale (`LC_ALL`, `LC_MESSAGES`, `LANG` on Unix; the user's locale on
//! Windows and macOS), Japanese when it starts with `ja`, English otherwise.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

/// The languages tsunagi speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// English.
    En,
    /// 日本語.
    Ja,
}

impl Lang {
    /// Every language, in catalogue order.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ja];

    /// `ja`, `ja_JP.UTF-8`, `ja-JP` → Japanese; `en`, `C`, `en_US.UTF-8` → English; anything
    /// else → `None`.
    pub fn from_code(code: &str) -> Option<Lang> {
        let code = code.trim().to_ascii_lowercase();
        if code.starts_with("ja") {
            Some(Lang::Ja)
        } else if code.starts_with("en") || code == "c" || code == "posix" || code.starts_with("c.")
        {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The short code (`en`, `ja`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }

    /// The catalogue source of this language.
    pub fn catalogue_source(self) -> &'static str {
        match self {
            Lang::En => include_str!("en.toml"),
            Lang::Ja => include_str!("ja.toml"),
        }
    }
}

/// The language from the command line's `--lang` (when given), `TSUNAGI_LANG`, then the
/// system locale; English when none of them is Japanese or English.
pub fn detect(cli: Option<&str>) -> Lang {
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    if let Some(l) = cli.and_then(Lang::from_code) {
        return l;
    }
    if let Some(l) = env("TSUNAGI_LANG").as_deref().and_then(Lang::from_code) {
        return l;
    }
    // POSIX order: the first of these that is set decides, even when it is not Japanese.
    for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Some(v) = env(name) {
            return Lang::from_code(&v).unwrap_or(Lang::En);
        }
    }
    sys_locale::get_locale()
        .as_deref()
        .and_then(Lang::from_code)
        .unwrap_or(Lang::En)
}

static LANG: AtomicU8 = AtomicU8::new(0);

/// Sets the language of every message from now on (the binary does it first thing).
pub fn set_lang(lang: Lang) {
    LANG.store(lang as u8, Ordering::Relaxed);
}

/// The language messages are written in.
pub fn lang() -> Lang {
    match LANG.load(Ordering::Relaxed) {
        1 => Lang::Ja,
        _ => Lang::En,
    }
}

/// One entry of a catalogue.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// What is wrong (or what is said).
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
}

/// A catalogue: id (`error.front-matter-missing`) → entry.
pub type Catalogue = HashMap<String, Entry>;

/// Reads a catalogue's TOML: top-level tables are kinds, their tables are entries.
pub fn parse_catalogue(source: &str) -> Result<Catalogue, String> {
    let kinds: HashMap<String, HashMap<String, Entry>> =
        toml::from_str(source).map_err(|e| e.to_string())?;
    Ok(kinds
        .into_iter()
        .flat_map(|(kind, entries)| {
            entries
                .into_iter()
                .map(move |(id, entry)| (format!("{kind}.{id}"), entry))
        })
        .collect())
}

/// The catalogue of `lang`, parsed once. A catalogue that does not parse (a bug the tests
/// catch) is empty, so that messages fall back to English, then to their ids.
pub fn catalogue(lang: Lang) -> &'static Catalogue {
    static CATALOGUES: [OnceLock<Catalogue>; 2] = [OnceLock::new(), OnceLock::new()];
    CATALOGUES[lang as usize]
        .get_or_init(|| parse_catalogue(lang.catalogue_source()).unwrap_or_default())
}

/// A sentence from the catalogue, in the current language, placeholders filled. Only the
/// macros of this module make one, so a `Text` is never untranslated English from the code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text(String);

impl Text {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The text, owned.
    pub fn into_string(self) -> String {
        self.0
    }

    /// Whether there is nothing to say (an empty suggestion).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// A text the catalogue does not hold: data shown as it is (a file name, a library's own
    /// message quoted inside a catalogue sentence). Not for sentences of tsunagi's own.
    pub fn verbatim(s: impl Into<String>) -> Text {
        Text(s.into())
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A message with its hint, from one catalogue entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The entry's id (`error.front-matter-missing`).
    pub id: &'static str,
    /// What is wrong.
    pub text: Text,
    /// What to do, when the entry says.
    pub hint: Option<Text>,
}

impl Message {
    /// A message the catalogue does not hold (for tests, and for data quoted as it is).
    pub fn verbatim(s: impl Into<String>) -> Message {
        Message {
            id: "verbatim",
            text: Text(s.into()),
            hint: None,
        }
    }

    /// Replaces the hint.
    pub fn with_hint(mut self, hint: Text) -> Self {
        self.hint = Some(hint);
        self
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.text.fmt(f)
    }
}

/// A value for a placeholder.
pub type Arg<'a> = (&'a str, &'a dyn fmt::Display);

fn lookup(id: &str) -> Option<&'static Entry> {
    catalogue(lang())
        .get(id)
        .or_else(|| catalogue(Lang::En).get(id))
}

/// Fills `{$name}` placeholders of `template` from `args`; a placeholder without a value
/// stays as written (the tests make sure there is none).
pub fn fill(template: &str, args: &[Arg<'_>]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find("{$") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else {
            out.push_str(&rest[start..]);
            return out;
        };
        let name = &after[..end];
        match args.iter().find(|(k, _)| *k == name) {
            Some((_, v)) => out.push_str(&v.to_string()),
            None => out.push_str(&rest[start..start + 2 + end + 1]),
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// The placeholders of `template`, in order of first appearance.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find("{$") {
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else { break };
        if !names.contains(&&after[..end]) {
            names.push(&after[..end]);
        }
        rest = &after[end + 1..];
    }
    names
}

/// The message of entry `id`, filled. Use [`t!`](crate::t).
pub fn text(id: &'static str, args: &[Arg<'_>]) -> Text {
    Text(lookup(id).map_or_else(|| id.to_string(), |e| fill(&e.message, args)))
}

/// The hint of entry `id`, filled. Use [`hint!`](crate::hint).
pub fn hint_text(id: &'static str, args: &[Arg<'_>]) -> Text {
    Text(
        lookup(id)
            .and_then(|e| e.hint.as_deref())
            .map_or_else(String::new, |h| fill(h, args)),
    )
}

/// Message and hint of entry `id`, filled. Use [`msg!`](crate::msg).
pub fn message(id: &'static str, args: &[Arg<'_>]) -> Message {
    let entry = lookup(id);
    Message {
        id,
        text: Text(entry.map_or_else(|| id.to_string(), |e| fill(&e.message, args))),
        hint: entry
            .and_then(|e| e.hint.as_deref())
            .map(|h| Text(fill(h, args))),
    }
}

/// `msg!("error.id", name = value, …)`: the [`Message`] (text and hint) of a catalogue entry.
#[macro_export]
macro_rules! msg {
    ($id:literal $(, $k:ident = $v:expr)* $(,)?) => {
        $crate::messages::message($id, &[$((stringify!($k), &$v as &dyn ::std::fmt::Display)),*])
    };
}

/// `t!("ui.id", name = value, …)`: the text of a catalogue entry, as a [`Text`].
#[macro_export]
macro_rules! t {
    ($id:literal $(, $k:ident = $v:expr)* $(,)?) => {
        $crate::messages::text($id, &[$((stringify!($k), &$v as &dyn ::std::fmt::Display)),*])
    };
}

/// `hint!("error.id", name = value, …)`: the hint of a catalogue entry, as a [`Text`].
#[macro_export]
macro_rules! hint {
    ($id:literal $(, $k:ident = $v:expr)* $(,)?) => {
        $crate::messages::hint_text($id, &[$((stringify!($k), &$v as &dyn ::std::fmt::Display)),*])
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_and_other_braces_kept() {
        let s = fill(
            "write {漢字|かんじ} or {{ windows() }} for `{$name}` ({$n}); {$missing}",
            &[("name", &"x"), ("n", &3)],
        );
        assert_eq!(
            s,
            "write {漢字|かんじ} or {{ windows() }} for `x` (3); {$missing}"
        );
        assert_eq!(placeholders("{$a} {$b} {$a} {x}"), ["a", "b"]);
    }

    #[test]
    fn locale_codes() {
        assert_eq!(Lang::from_code("ja_JP.UTF-8"), Some(Lang::Ja));
        assert_eq!(Lang::from_code("ja"), Some(Lang::Ja));
        assert_eq!(Lang::from_code("C"), Some(Lang::En));
        assert_eq!(Lang::from_code("C.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::from_code("en_GB"), Some(Lang::En));
        assert_eq!(Lang::from_code("fr_FR"), None);
    }

    #[test]
    fn both_catalogues_parse() {
        for lang in Lang::ALL {
            let c = parse_catalogue(lang.catalogue_source()).unwrap();
            assert!(!c.is_empty(), "{lang:?}");
        }
    }
}
