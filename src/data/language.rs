//! Language codes as the data names them: a page's language (`ja`, `easy`, `en`…), the
//! languages a help line answers in, the languages a questionnaire has texts for.

/// The language code of Japanese, the language of the content and of every help line.
pub const JAPANESE: &str = "ja";

/// The language code of やさしい日本語.
pub const EASY: &str = "easy";

/// Whether `code` is a language code the data may name: `easy`, or a language of two or three
/// lowercase letters (ISO 639) with optional subtags of one to eight letters and digits
/// (`pt-BR`, `zh-Hant`).
pub fn is_code(code: &str) -> bool {
    if code == EASY {
        return true;
    }
    let mut parts = code.split('-');
    let language = parts.next().unwrap_or_default();
    (2..=3).contains(&language.len())
        && language.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// The language of `code` without its subtags, lowercased (`pt-BR` → `pt`).
pub fn primary(code: &str) -> String {
    code.split('-').next().unwrap_or(code).to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_languages_with_optional_subtags_or_easy() {
        for good in ["en", "fil", "pt-BR", "zh-Hant", "easy", "ja"] {
            assert!(is_code(good), "{good}");
        }
        for bad in [
            "e",
            "EN",
            "engl",
            "pt-",
            "zh-Hant-toolongsubtag",
            "English",
            "",
        ] {
            assert!(!is_code(bad), "{bad}");
        }
        assert_eq!(primary("pt-BR"), "pt");
        assert_eq!(primary("en"), "en");
    }
}
