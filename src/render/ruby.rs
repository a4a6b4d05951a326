//! Automatic furigana while rendering: which setting applies to a page, and ruby in running
//! text and in the text nodes of shortcode output.

use crate::analyze::Page;
use crate::furigana::{self, Level};
use crate::markdown::inline_syntax::escape;

use super::finish::{AS_IS_END, AS_IS_START};
use super::town::TownCtx;

/// Marks HTML the renderer has annotated already (a page's body and its title with readings):
/// [`TownCtx::ruby_in_page`] leaves it as it is and removes the marks.
const DONE_START: &str = "<!--tsunagi:furigana-done-->";
const DONE_END: &str = "<!--/tsunagi:furigana-done-->";

/// `html` marked as annotated already.
pub(super) fn done(html: &str) -> String {
    format!("{DONE_START}{html}{DONE_END}")
}

impl TownCtx<'_> {
    /// The furigana setting of a page: the page's own, else 'school' audience → the school
    /// grade, else its sections' (nearest first), else the municipality's, else the site's.
    pub(super) fn furigana_level(&self, key: &str, page: &Page) -> Level {
        let own = |p: &Page| {
            p.front.furigana.or_else(|| {
                (p.front.audience == Some(crate::data::audience::PageAudience::School))
                    .then_some(Level::Grade(self.site.config.school_grade))
            })
        };
        if let Some(l) = own(page) {
            return l;
        }
        let languages = &self.site.config.languages;
        let mut parent = languages.parent_section(key);
        while let Some(p) = parent {
            if let Some(l) = self.pages.get(p.as_str()).and_then(|s| own(s)) {
                return l;
            }
            parent = languages.parent_section(&p);
        }
        languages
            .of_key(key)
            .furigana
            .unwrap_or_else(|| self.town_level())
    }

    /// The furigana setting of pages that are not Markdown (events, topics, the policy, 404):
    /// the municipality's, else the site's.
    pub(super) fn town_level(&self) -> Level {
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
        self.annotate_html(html, level)
    }

    /// Automatic furigana in everything a finished page shows: the theme's own words (site
    /// title, navigation, help box, breadcrumbs, footer, buttons) get readings at the page's
    /// level, as its body did. Only the `<body>` is read — never the `<head>` (the `<title>`
    /// stays plain) nor attributes — and stretches marked [`done`] (the body and title,
    /// annotated as whole sentences already) are copied as they are, their marks removed.
    pub(super) fn ruby_in_page(&self, html: &str, level: Level) -> String {
        let body = html.find("<body").unwrap_or(0);
        let (head, rest) = html.split_at(body);
        let (annotated, _) = self.annotate_html(rest, level);
        format!(
            "{}{annotated}",
            head.replace(DONE_START, "").replace(DONE_END, "")
        )
    }

    fn annotate_html(&self, html: &str, level: Level) -> (String, bool) {
        /// Elements whose text never gets readings: ruby already, code, and what is not
        /// running text.
        const SKIP: [&str; 9] = [
            "ruby", "code", "pre", "script", "style", "svg", "textarea", "select", "title",
        ];
        let mut out = String::with_capacity(html.len() * 2);
        let mut has = false;
        // The element being skipped, and how deep inside elements of its name we are.
        let mut skip: Option<(String, usize)> = None;
        let mut rest = html;
        while !rest.is_empty() {
            let lt = rest.find('<').unwrap_or(rest.len());
            let (h, r) = self.text_node(&rest[..lt], skip.is_some(), level);
            out.push_str(&h);
            has |= r;
            rest = &rest[lt..];
            if rest.is_empty() {
                break;
            }
            if let Some(marked) = rest.strip_prefix(DONE_START) {
                let end = marked.find(DONE_END).unwrap_or(marked.len());
                // Rendered by tsunagi, compact already: the minifier leaves it as it is.
                out.push_str(AS_IS_START);
                out.push_str(&marked[..end]);
                out.push_str(AS_IS_END);
                rest = marked.get(end + DONE_END.len()..).unwrap_or("");
                continue;
            }
            let end = if rest.starts_with("<!--") {
                rest.find("-->").map_or(rest.len(), |e| e + 3)
            } else {
                rest.find('>').map_or(rest.len(), |e| e + 1)
            };
            let tag = &rest[..end];
            let closing = tag.starts_with("</");
            let name = tag
                .trim_start_matches(['<', '/'])
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase();
            let self_closing = tag.ends_with("/>");
            match &mut skip {
                Some((open, depth)) if *open == name => {
                    if closing {
                        *depth -= 1;
                        if *depth == 0 {
                            skip = None;
                        }
                    } else if !self_closing {
                        *depth += 1;
                    }
                }
                None if !closing
                    && !self_closing
                    && (SKIP.contains(&name.as_str()) || crate::html::furigana_off(tag)) =>
                {
                    skip = Some((name, 1));
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
        if skip || level == Level::None || !escaped.chars().any(furigana::kanji::is_kanji) {
            return (escaped.to_string(), false);
        }
        let text = crate::html::decode_entities(escaped);
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
        if !self.site.config.review_furigana {
            return (furigana::to_html(&pieces), has);
        }
        (self.reviewed_html(text, &pieces, level), has)
    }

    /// `pieces` of `text` as HTML, each ruby of an uncertain word marked for a read-through
    /// (`tsunagi serve --review`): `data-uncertain` holds the other readings, `title` says so.
    fn reviewed_html(&self, text: &str, pieces: &[furigana::Piece], level: Level) -> String {
        let uncertain = self.annotator.uncertain(text, level);
        let mut out = String::new();
        let mut at = 0;
        for p in pieces {
            let (furigana::Piece::Text(t) | furigana::Piece::Ruby { base: t, .. }) = p;
            let html = furigana::to_html(std::slice::from_ref(p));
            let doubt = uncertain
                .iter()
                .find(|(start, w)| (*start..start + w.surface.len()).contains(&at))
                .and_then(|(_, w)| w.doubt.as_ref());
            match (p, doubt) {
                (furigana::Piece::Ruby { .. }, Some(d)) => {
                    let others = d.others.join("・");
                    let title = crate::t!("ui.review-title", others = others.as_str());
                    out.push_str(&format!(
                        "<ruby data-uncertain=\"{}\" title=\"{}\">",
                        escape(&others),
                        escape(&title.into_string())
                    ));
                    out.push_str(html.strip_prefix("<ruby>").unwrap_or(&html));
                }
                _ => out.push_str(&html),
            }
            at += t.len();
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn done_marks_a_stretch() {
        assert_eq!(
            done("<ruby>漢字</ruby>"),
            "<!--tsunagi:furigana-done--><ruby>漢字</ruby><!--/tsunagi:furigana-done-->"
        );
    }
}
