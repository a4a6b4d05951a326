//! What a page says of its languages: its own (`<html lang>`), and the same page in the site's
//! other languages, for the `hreflang` alternates of its head and of `sitemap.xml`, and for the
//! language switcher. Only languages the town has the page in are offered: nothing is invented.

use serde::Serialize;

use crate::language::Language;

use super::town::TownCtx;

/// A language as templates see it (`lang`).
#[derive(Debug, Serialize)]
pub(crate) struct LanguageView<'a> {
    /// The code of the language, `ja`, `easy`, `en`.
    pub(crate) code: &'a str,
    /// Its tag for `lang` and `hreflang`.
    pub(crate) html: &'a str,
    /// Its name in itself.
    pub(crate) label: &'a str,
}

impl<'a> LanguageView<'a> {
    /// The view of `language`.
    pub(crate) fn of(language: &'a Language) -> Self {
        LanguageView {
            code: &language.code,
            html: &language.html_lang,
            label: &language.label,
        }
    }
}

/// The same page in one language (`alternates`).
#[derive(Debug, Serialize)]
pub(crate) struct AlternateView<'a> {
    /// The language.
    pub(crate) lang: LanguageView<'a>,
    /// Its address, relative to the current page.
    pub(crate) url: String,
    /// Its absolute address.
    pub(crate) permalink: String,
    /// Its `hreflang`: none for a language whose tag an earlier one has (やさしい日本語 is `ja`,
    /// like the Japanese page: two pages tagged `ja` would contradict each other, so search
    /// engines are told only of the Japanese one; the switcher offers both).
    pub(crate) hreflang: Option<&'a str>,
    /// Whether this is the current page.
    pub(crate) current: bool,
}

impl TownCtx<'_> {
    /// The page `key` in every language the town has it in, the content's own first; empty
    /// when it has only one.
    pub(super) fn alternates(&self, key: &str, root: &str) -> Vec<AlternateView<'_>> {
        let languages = &self.site.config.languages;
        let main = languages.main_key(key);
        let base = &self.town.municipality.base_url;
        let mut tagged: Vec<&str> = Vec::new();
        let found: Vec<AlternateView<'_>> = languages
            .all()
            .filter_map(|l| {
                let k = languages.key_in(main, l);
                let path = self.paths.get(k.as_str())?;
                let first = !tagged.contains(&l.html_lang.as_str());
                tagged.push(&l.html_lang);
                Some(AlternateView {
                    lang: LanguageView::of(l),
                    url: format!("{root}{path}"),
                    permalink: format!("{base}{path}"),
                    current: k == key,
                    hreflang: first.then_some(l.html_lang.as_str()),
                })
            })
            .collect();
        if found.len() > 1 { found } else { Vec::new() }
    }

    /// The language of the page or path `key`.
    pub(super) fn language_of(&self, key: &str) -> LanguageView<'_> {
        LanguageView::of(self.site.config.languages.of_key(key))
    }
}
