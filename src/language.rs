//! The languages a site is published in (`[languages]` in tsunagi.toml) and where their pages
//! stand.
//!
//! The content's own language (`language = "ja"`) is published at the site root. Each other
//! language is a variant: a page's variant is a file beside it, `signs.en.md` beside `signs.md`
//! (`_index.easy.md` beside `_index.md`), published under the language's code, `en/stress/signs/`.
//! Inside the pipeline a variant's key is the path it would have in a folder named after its
//! language, `en/stress/signs.md`, so sections, relative links and paths work the same in every
//! language; [`Languages::internal_key`] is the one place that maps a file to that key.
//!
//! The code `easy` is やさしい日本語: `<html lang="ja">`, furigana on every kanji unless the
//! language says otherwise, and the やさしい日本語 rules of `tsunagi check`.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::furigana::Level;
use crate::msg;

/// The code of やさしい日本語.
pub const EASY_JAPANESE: &str = "easy";

/// The file name of a section.
const SECTION_FILE: &str = "_index.md";

/// One language of the site.
#[derive(Debug, Clone, PartialEq)]
pub struct Language {
    /// The code: `ja` for the content's own language, the `[languages]` key for a variant
    /// (`easy`, `en`, `zh-hans`…). It is also the variant's folder in the site.
    pub code: String,
    /// The language's name in itself, for the language switcher (`English`, `やさしいにほんご`).
    pub label: String,
    /// The BCP 47 tag for `<html lang>` and `hreflang` (`ja` for `easy`).
    pub html_lang: String,
    /// The furigana of its pages unless a page or section says otherwise (`all` for `easy`).
    pub furigana: Option<Level>,
    /// The site's title in this language (the site's own when none).
    pub title: Option<String>,
    /// The site's description in this language (the site's own when none).
    pub description: Option<String>,
}

impl Language {
    /// Whether this is やさしい日本語.
    pub fn is_easy_japanese(&self) -> bool {
        self.code == EASY_JAPANESE
    }
}

/// `[languages.<code>]` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawLanguage {
    label: Option<String>,
    html_lang: Option<String>,
    furigana: Option<String>,
    title: Option<String>,
    description: Option<String>,
}

/// Why a `[languages]` entry is refused: the key (or `key.field`) and the message.
pub(crate) type LanguageError = (String, crate::messages::Message);

/// The site's languages: the content's own, then the variants by code.
#[derive(Debug, Clone, PartialEq)]
pub struct Languages {
    main: Language,
    variants: Vec<Language>,
}

impl Languages {
    /// Only the content's own language (`code`, e.g. `ja`).
    pub fn only(code: &str) -> Self {
        Languages {
            main: Language {
                code: code.to_string(),
                label: own_name(code),
                html_lang: code.to_string(),
                furigana: None,
                title: None,
                description: None,
            },
            variants: Vec::new(),
        }
    }

    /// The languages of `[languages]`, beside the content's own language `main`.
    pub(crate) fn from_raw(
        main: &str,
        raw: BTreeMap<String, RawLanguage>,
    ) -> Result<Self, LanguageError> {
        let mut languages = Languages::only(main);
        for (code, entry) in raw {
            if !is_code(&code) {
                return Err((code.clone(), msg!("error.language-code", code = code)));
            }
            let html_lang = match entry.html_lang {
                Some(tag) if !is_tag(&tag) => {
                    return Err((
                        format!("{code}.html_lang"),
                        msg!("error.language-tag", tag = tag),
                    ));
                }
                Some(tag) => tag,
                None if code == EASY_JAPANESE => "ja".to_string(),
                None => code.clone(),
            };
            let furigana = match entry.furigana {
                Some(text) => Some(Level::parse(&text).ok_or_else(|| {
                    (
                        format!("{code}.furigana"),
                        msg!(
                            "error.furigana-setting-unknown",
                            value = text,
                            list = Level::ACCEPTED
                        ),
                    )
                })?),
                None => (code == EASY_JAPANESE).then_some(Level::All),
            };
            if code == main {
                // The content's own language may only be given its name.
                if let Some(label) = entry.label {
                    languages.main.label = label;
                }
                continue;
            }
            let label = entry.label.unwrap_or_else(|| own_name(&code));
            languages.variants.push(Language {
                code,
                label,
                html_lang,
                furigana,
                title: entry.title,
                description: entry.description,
            });
        }
        Ok(languages)
    }

    /// The content's own language, published at the site root.
    pub fn main(&self) -> &Language {
        &self.main
    }

    /// The other languages, by code.
    pub fn variants(&self) -> &[Language] {
        &self.variants
    }

    /// Every language, the content's own first.
    pub fn all(&self) -> impl Iterator<Item = &Language> {
        std::iter::once(&self.main).chain(&self.variants)
    }

    /// The variant whose code is `code`.
    pub fn variant(&self, code: &str) -> Option<&Language> {
        self.variants.iter().find(|l| l.code == code)
    }

    /// The language of the page or path `key` (`en/stress/signs.md`, `en/stress/signs/`): the
    /// variant whose folder it is in, else the content's own.
    pub fn of_key(&self, key: &str) -> &Language {
        key.split_once('/')
            .and_then(|(first, _)| self.variant(first))
            .unwrap_or(&self.main)
    }

    /// The key of a file's page: a file named after a variant (`stress/signs.en.md`) stands in
    /// that language's folder (`en/stress/signs.md`); a key already there keeps its place
    /// (`en/stress/sleep.en.md`, a relative link from a variant, is `en/stress/sleep.md`).
    pub fn internal_key(&self, key: &str) -> String {
        let Some(stem) = key.strip_suffix(".md") else {
            return key.to_string();
        };
        let Some((base, code)) = stem.rsplit_once('.') else {
            return key.to_string();
        };
        if base.ends_with('/') || base.is_empty() || self.variant(code).is_none() {
            return key.to_string();
        }
        let inside = key.starts_with(&format!("{code}/"));
        if inside {
            format!("{base}.md")
        } else {
            format!("{code}/{base}.md")
        }
    }

    /// Whether `key` names a page in a folder named like a variant that is not one
    /// (`en/x.md` written as a folder): the folder is then refused, since the variant's pages
    /// stand there. Returns the code.
    pub fn folder_of_variant<'k>(&self, file_key: &'k str) -> Option<&'k str> {
        let (first, _) = file_key.split_once('/')?;
        self.variant(first).map(|_| first)
    }

    /// The section `key` belongs to, like [`crate::content::parent_section`], except that a
    /// language's home page has none: the English site is not a section of the Japanese one.
    pub fn parent_section(&self, key: &str) -> Option<String> {
        if let Some((first, rest)) = key.split_once('/')
            && rest == SECTION_FILE
            && self.variant(first).is_some()
        {
            return None;
        }
        crate::content::parent_section(key)
    }

    /// The page of `key` in the content's own language: `en/stress/signs.md` → `stress/signs.md`.
    pub fn main_key<'k>(&self, key: &'k str) -> &'k str {
        match key.split_once('/') {
            Some((first, rest)) if self.variant(first).is_some() => rest,
            _ => key,
        }
    }

    /// The key of `main_key`'s page in `language`.
    pub fn key_in(&self, main_key: &str, language: &Language) -> String {
        if language.code == self.main.code {
            main_key.to_string()
        } else {
            format!("{}/{main_key}", language.code)
        }
    }

    /// The home page's key of `language`.
    pub fn home_of(&self, language: &Language) -> String {
        self.key_in(SECTION_FILE, language)
    }
}

/// The name of a language in itself, for the languages tsunagi knows; the code otherwise.
fn own_name(code: &str) -> String {
    match code {
        "ja" => "日本語",
        EASY_JAPANESE => "やさしいにほんご",
        "en" => "English",
        _ => code,
    }
    .to_string()
}

/// A variant's code: a folder name and part of a file name, so lowercase ASCII letters, digits
/// and `-`, starting with a letter, at most 15 characters (`en`, `zh-hans`, `easy`).
fn is_code(code: &str) -> bool {
    (2..=15).contains(&code.len())
        && code.starts_with(|c: char| c.is_ascii_lowercase())
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !code.ends_with('-')
}

/// A BCP 47 tag as `lang` and `hreflang` take it: subtags of 1 to 8 ASCII letters or digits
/// joined by `-`, the first of letters.
fn is_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    parts
        .next()
        .is_some_and(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()))
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn languages() -> Languages {
        let raw: BTreeMap<String, RawLanguage> = toml::from_str(
            "[easy]\nlabel = \"やさしいにほんご\"\n[en]\nlabel = \"English\"\n[ja]\nlabel = \"日本語\"\n",
        )
        .unwrap();
        Languages::from_raw("ja", raw).unwrap()
    }

    #[test]
    fn variants_stand_in_their_language_folder() {
        let l = languages();
        for (file, key) in [
            ("stress/signs.en.md", "en/stress/signs.md"),
            ("_index.easy.md", "easy/_index.md"),
            ("consult/_index.en.md", "en/consult/_index.md"),
            ("en/stress/sleep.en.md", "en/stress/sleep.md"),
            ("stress/signs.md", "stress/signs.md"),
            ("stress/signs.fr.md", "stress/signs.fr.md"),
            ("stress/.en.md", "stress/.en.md"),
            ("v1.2.md", "v1.2.md"),
            ("image.en.png", "image.en.png"),
        ] {
            assert_eq!(l.internal_key(file), key, "{file}");
        }
    }

    #[test]
    fn each_language_is_a_site_of_its_own() {
        let l = languages();
        assert_eq!(l.of_key("en/stress/signs.md").code, "en");
        assert_eq!(l.of_key("easy/").code, "easy");
        assert_eq!(l.of_key("stress/signs.md").code, "ja");
        assert_eq!(l.parent_section("en/_index.md"), None);
        assert_eq!(
            l.parent_section("en/stress/signs.md").as_deref(),
            Some("en/stress/_index.md")
        );
        assert_eq!(
            l.parent_section("en/stress/_index.md").as_deref(),
            Some("en/_index.md")
        );
        assert_eq!(l.main_key("en/stress/signs.md"), "stress/signs.md");
        assert_eq!(l.key_in("stress/signs.md", l.main()), "stress/signs.md");
        let en = l.variant("en").unwrap().clone();
        assert_eq!(l.key_in("stress/signs.md", &en), "en/stress/signs.md");
        assert_eq!(l.home_of(&en), "en/_index.md");
        assert_eq!(l.folder_of_variant("en/x.md"), Some("en"));
        assert_eq!(l.folder_of_variant("stress/x.md"), None);
    }

    #[test]
    fn easy_japanese_is_japanese_with_furigana_on_every_kanji() {
        let l = languages();
        let easy = l.variant("easy").unwrap();
        assert_eq!(easy.html_lang, "ja");
        assert_eq!(easy.furigana, Some(Level::All));
        assert!(easy.is_easy_japanese());
        assert_eq!(l.main().label, "日本語");
        assert_eq!(l.variants().len(), 2);
    }

    #[test]
    fn codes_and_tags_are_checked() {
        for bad in ["EN", "e", "-en", "en-", "en/x", "日本"] {
            assert!(!is_code(bad), "{bad}");
        }
        for good in ["en", "zh-hans", "easy", "pt-br"] {
            assert!(is_code(good), "{good}");
        }
        assert!(is_tag("zh-Hans"));
        assert!(!is_tag("zh_Hans"));
        let raw: BTreeMap<String, RawLanguage> =
            toml::from_str("[EN]\nlabel = \"English\"\n").unwrap();
        assert_eq!(Languages::from_raw("ja", raw).unwrap_err().0, "EN");
    }
}
