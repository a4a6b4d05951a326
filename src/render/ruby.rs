//! Automatic furigana while rendering: which setting applies to a page, and ruby in running
//! text and in the text nodes of shortcode output.

use crate::analyze::Page;
use crate::content;
use crate::furigana::{self, Level};
use crate::markdown::inline_syntax::escape;

use super::TownCtx;

impl TownCtx<'_> {
    /// The furigana setting of a page: the page's own, else 'school' audience → the school
    /// grade, else its sections' (nearest first), else the municipality's, else the site's.
    pub(super) fn furigana_level(&self, key: &str, page: &Page) -> Level {
        let own = |p: &Page| {
            p.front.furigana.or_else(|| {
                (p.front.audience.as_deref() == Some("school"))
                    .then_some(Level::Grade(self.site.config.school_grade))
            })
        };
        if let Some(l) = own(page) {
            return l;
        }
        let mut parent = content::parent_section(key);
        while let Some(p) = parent {
            if let Some(l) = self.pages.get(p.as_str()).and_then(|s| own(s)) {
                return l;
            }
            parent = content::parent_section(&p);
        }
        self.town
            .municipality
            .furigana
            .unwrap_or(self.site.config.furigana)
    }

    /// Automatic furigana in the text of finished HTML (a shortcode's output): text between tags
    /// only, never inside tags (attributes), `<ruby>`, `<code>`, `<script>` or `<style>`.
    pub(super) fn ruby_in_html(&self, html: &str, level: Level) -> (String, bool) {
        if level == Level::None {
            return (html.to_string(), false);
        }
        let mut out = String::with_capacity(html.len() * 2);
        let mut has = false;
        let mut skip: Option<&str> = None;
        let mut rest = html;
        while !rest.is_empty() {
            let lt = rest.find('<').unwrap_or(rest.len());
            let (h, r) = self.text_node(&rest[..lt], skip.is_some(), level);
            out.push_str(&h);
            has |= r;
            if lt == rest.len() {
                break;
            }
            let end = rest[lt..].find('>').map_or(rest.len(), |e| lt + e + 1);
            let tag = &rest[lt..end];
            let name: String = tag
                .trim_start_matches(['<', '/'])
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            match skip {
                Some(open) if tag.starts_with("</") && name == open => skip = None,
                None if !tag.starts_with("</") => {
                    skip = ["ruby", "code", "pre", "script", "style"]
                        .into_iter()
                        .find(|t| *t == name);
                }
                _ => {}
            }
            out.push_str(tag);
            rest = &rest[end..];
        }
        (out, has)
    }

    /// One HTML text node (escaped) with furigana.
    fn text_node(&self, escaped: &str, skip: bool, level: Level) -> (String, bool) {
        if skip || !escaped.chars().any(furigana::kanji::is_kanji) {
            return (escaped.to_string(), false);
        }
        let text = super::decode_entities(escaped);
        self.ruby_html(&text, level)
    }

    /// HTML of running text with automatic furigana at `level`; says whether ruby was added.
    pub(super) fn ruby_html(&self, text: &str, level: Level) -> (String, bool) {
        if level == Level::None {
            return (escape(text), false);
        }
        let pieces = self.annotator.annotate(text, level);
        let has = pieces
            .iter()
            .any(|p| matches!(p, furigana::Piece::Ruby { .. }));
        (furigana::to_html(&pieces), has)
    }
}
