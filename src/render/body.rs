//! A page body for one town: the analysed Markdown's holes filled (internal links resolved
//! and checked against this town's pages, shortcodes rendered with its data), automatic ruby
//! applied, and the table of contents with this town's shortcode text.

use crate::analyze::Page;
use crate::content::SECTION_FILE;
use crate::error::{Error, Location, Result};
use crate::furigana::Level;
use crate::markdown::Segment;
use crate::markdown::inline_syntax::escape;

use super::TownCtx;
use super::shortcodes;
use super::view::TocEntry;

/// A page body for this town: its HTML, whether it shows ruby, and the plain text each shortcode
/// produced (for the table of contents).
pub(super) struct Body {
    pub(super) html: String,
    pub(super) has_ruby: bool,
    pub(super) shortcode_text: Vec<String>,
}

pub(super) fn render_body(
    ctx: &TownCtx<'_>,
    page: &Page,
    root: &str,
    level: Level,
) -> Result<Body> {
    let mut shortcode_text = vec![String::new(); page.doc.shortcodes.len()];
    let mut has_ruby = page
        .doc
        .segments
        .iter()
        .any(|s| matches!(s, Segment::Html(h) if h.contains("<ruby>")));
    let doc = &page.doc;
    let at = |line: usize, column: usize| {
        Location::at(&page.path, line + page.body_first_line - 1, Some(column))
    };
    let slug = &ctx.town.municipality.slug;
    let mut out = String::new();
    for seg in &doc.segments {
        match seg {
            Segment::Html(h) => out.push_str(h),
            Segment::Text(n) => {
                let (html, ruby) = ctx.ruby_html(&doc.texts[*n], level);
                has_ruby |= ruby;
                out.push_str(&html);
            }
            Segment::Link(n) => {
                let link = &doc.links[*n];
                let key = normalize_link_key(&link.path);
                let Some(target) = ctx.pages.get(key.as_str()) else {
                    return Err(Error::input(at(link.line, link.column), format!("broken internal link `@/{}`", link.path))
                        .with_hint(format!("no page content/{key} for municipality `{slug}`; write the path from content/, e.g. @/addiction/alcohol.md")));
                };
                let mut url = format!("{root}{}", ctx.paths[key.as_str()]);
                if let Some(anchor) = &link.anchor {
                    if !target.doc.headings.iter().any(|h| &h.id == anchor) {
                        let ids: Vec<_> =
                            target.doc.headings.iter().map(|h| h.id.as_str()).collect();
                        return Err(Error::input(
                            at(link.line, link.column),
                            format!("broken anchor `#{anchor}` in link to `@/{}`", link.path),
                        )
                        .with_hint(format!(
                            "headings of that page (municipality `{slug}`): {}",
                            ids.join(", ")
                        )));
                    }
                    url.push('#');
                    url.push_str(anchor);
                }
                out.push_str(&escape(&url));
            }
            Segment::Shortcode(n) => {
                let call = &doc.shortcodes[*n];
                let help = ctx.help_url(root);
                let env = shortcodes::Env {
                    municipality: &ctx.town.municipality,
                    root,
                    topics: &ctx.site.config.topics,
                    help_url: help.as_deref(),
                    today: ctx.today,
                };
                let html =
                    shortcodes::render(ctx.tera, &ctx.site.theme, call, &env).map_err(|f| {
                        Error::input(at(call.line, call.column), f.message).with_hint(f.hint)
                    })?;
                shortcode_text[*n] = strip_tags(&html);
                let (html, ruby) = ctx.ruby_in_html(&html, level);
                has_ruby |= ruby;
                out.push_str(&html);
            }
        }
    }
    Ok(Body {
        html: out,
        has_ruby,
        shortcode_text,
    })
}

/// Level 2 and 3 headings, their text with this town's shortcode output filled in.
pub(super) fn toc(page: &Page, shortcode_text: &[String]) -> Vec<TocEntry> {
    use crate::markdown::HeadingPart;
    page.doc
        .headings
        .iter()
        .filter(|h| (2..=3).contains(&h.level))
        .map(|h| TocEntry {
            level: h.level,
            id: h.id.clone(),
            text: h
                .parts
                .iter()
                .map(|p| match p {
                    HeadingPart::Text(t) => t.as_str(),
                    HeadingPart::Shortcode(n) => shortcode_text.get(*n).map_or("", String::as_str),
                })
                .collect::<String>()
                .trim()
                .to_string(),
        })
        .collect()
}

/// The text of an HTML fragment: tags dropped, the entities tera and tsunagi write decoded.
fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    super::decode_entities(&out)
}

/// `addiction/` and `addiction` mean the section `addiction/_index.md`; `` means the home page.
pub(super) fn normalize_link_key(path: &str) -> String {
    let p = path.trim_start_matches('/');
    if p.is_empty() {
        SECTION_FILE.to_string()
    } else if p.ends_with(".md") {
        p.to_string()
    } else {
        format!("{}/{SECTION_FILE}", p.trim_end_matches('/'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_keys_name_pages_and_sections() {
        assert_eq!(
            normalize_link_key("addiction/alcohol.md"),
            "addiction/alcohol.md"
        );
        assert_eq!(normalize_link_key("addiction/"), "addiction/_index.md");
        assert_eq!(normalize_link_key("addiction"), "addiction/_index.md");
        assert_eq!(normalize_link_key(""), "_index.md");
    }

    #[test]
    fn tags_are_stripped_and_entities_decoded() {
        assert_eq!(
            strip_tags("<a href=\"x\">飯能市 &amp; 保健所</a>"),
            "飯能市 & 保健所"
        );
    }
}
