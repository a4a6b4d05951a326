//! Raw HTML in Markdown is sanitised: the page's HTML goes through `ammonia` (an HTML5 parser
//! and allow-list sanitiser) with the allow-list below, which keeps what content needs
//! (`<br>`, `<details>`, tables, `<ruby>`, `<span data-furigana="off">`, headings with ids,
//! footnotes) and drops scripts, event handlers, styles, frames, forms and any link that is not
//! http(s), mailto or tel. A project may switch it off with `[markdown] unsafe_html = true`.
//!
//! [`removed`] names what the allow-list takes out of one piece of raw HTML, so that the build
//! can say so with the file and line; the cleaning itself is ammonia's.

use std::collections::{HashMap, HashSet};

use crate::messages::Text;
use crate::t;

/// Elements content may use.
const TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
];

/// Attributes allowed on every element.
const GENERIC_ATTRIBUTES: &[&str] = &["class", "lang", "title", "dir"];

/// Attributes allowed on some elements.
const TAG_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("a", &["href", "hreflang", "id"]),
    ("img", &["alt", "src", "width", "height"]),
    ("span", &["data-furigana"]),
    ("td", &["colspan", "rowspan"]),
    ("th", &["colspan", "rowspan", "scope"]),
    ("ol", &["start", "reversed"]),
    ("time", &["datetime"]),
    ("details", &["open"]),
    ("abbr", &["title"]),
    ("h1", &["id"]),
    ("h2", &["id"]),
    ("h3", &["id"]),
    ("h4", &["id"]),
    ("h5", &["id"]),
    ("h6", &["id"]),
    ("div", &["id"]),
    ("sup", &["id"]),
    ("li", &["id"]),
];

/// URL schemes links may use; relative links (and tsunagi's own placeholders) pass.
const SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// The sanitiser with tsunagi's allow-list.
fn builder() -> ammonia::Builder<'static> {
    let mut b = ammonia::Builder::empty();
    b.tags(TAGS.iter().copied().collect())
        .generic_attributes(GENERIC_ATTRIBUTES.iter().copied().collect())
        .tag_attributes(
            TAG_ATTRIBUTES
                .iter()
                .map(|(t, a)| (*t, a.iter().copied().collect::<HashSet<_>>()))
                .collect::<HashMap<_, _>>(),
        )
        .url_schemes(SCHEMES.iter().copied().collect())
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(None)
        .strip_comments(true)
        .clean_content_tags(["script", "style"].into_iter().collect());
    b
}

/// `html` with everything outside the allow-list removed.
pub fn clean(html: &str) -> String {
    thread_local! {
        static BUILDER: ammonia::Builder<'static> = builder();
    }
    BUILDER.with(|b| b.clean(html).to_string())
}

/// What the allow-list removes from one piece of raw HTML as the author wrote it: elements,
/// attributes and links, named as the author would recognise them.
pub fn removed(raw: &str) -> Vec<Text> {
    let mut out = Vec::new();
    for tag in crate::html::tags(raw).filter(|t| !t.closing) {
        let name = tag.name.to_ascii_lowercase();
        if !TAGS.contains(&name.as_str()) {
            out.push(Text::verbatim(format!("<{name}>")));
            continue;
        }
        let allowed = |attr: &str| {
            GENERIC_ATTRIBUTES.contains(&attr)
                || TAG_ATTRIBUTES
                    .iter()
                    .any(|(t, a)| *t == name && a.contains(&attr))
        };
        for (attr, value) in attributes(tag.attributes) {
            if !allowed(&attr) {
                out.push(t!("part.removed-attribute", attr = attr, element = name));
            } else if matches!(attr.as_str(), "href" | "src")
                && let Some((scheme, _)) = value.split_once(':')
                && !scheme.contains('/')
                && !SCHEMES.contains(&scheme.trim().to_ascii_lowercase().as_str())
            {
                out.push(t!("part.removed-link", scheme = scheme.trim()));
            }
        }
    }
    out
}

/// The attributes of the inside of a start tag, roughly as a browser reads them: names in
/// lower case, values unquoted.
fn attributes(mut s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    loop {
        s = s.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        let name_len = s
            .find(|c: char| c.is_whitespace() || matches!(c, '=' | '/' | '>'))
            .unwrap_or(s.len());
        if name_len == 0 {
            return out;
        }
        let name = s[..name_len].to_ascii_lowercase();
        s = s[name_len..].trim_start();
        let mut value = String::new();
        if let Some(rest) = s.strip_prefix('=') {
            let rest = rest.trim_start();
            let (v, after) = match rest.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let inner = &rest[1..];
                    let end = inner.find(q).unwrap_or(inner.len());
                    (&inner[..end], inner.get(end + 1..).unwrap_or(""))
                }
                _ => {
                    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                    (&rest[..end], &rest[end..])
                }
            };
            value = v.to_string();
            s = after;
        }
        out.push((name, value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_content_needs_stays_and_scripts_go() {
        let keep = "<p>改行<br>も<ruby>漢字<rp>(</rp><rt>かんじ</rt><rp>)</rp></ruby>も</p><details><summary>詳しく</summary><p>本文</p></details><span data-furigana=\"off\">対象外</span><table><tr><td colspan=\"2\">表</td></tr></table>";
        let cleaned = clean(keep);
        for piece in [
            "<br>",
            "<ruby>漢字<rp>(</rp><rt>かんじ</rt>",
            "<details><summary>",
            "data-furigana=\"off\"",
            "colspan=\"2\"",
        ] {
            assert!(cleaned.contains(piece), "{piece} in {cleaned}");
        }
        let hostile = "<p onclick=\"x()\">a</p><script>alert(1)</script><a href=\"javascript:alert(1)\">b</a><img src=x onerror=alert(1)><iframe src=\"https://evil.example\"></iframe><a href=\"\u{E000}L0\u{E001}\">c</a>";
        let cleaned = clean(hostile);
        for gone in [
            "onclick",
            "<script",
            "alert(1)",
            "javascript:",
            "onerror",
            "<iframe",
        ] {
            assert!(!cleaned.contains(gone), "{gone} in {cleaned}");
        }
        assert!(cleaned.contains("href=\"\u{E000}L0\u{E001}\""), "{cleaned}");
        assert_eq!(
            removed("<p onclick=\"x()\" class=a><SCRIPT>"),
            ["the `onclick` attribute of <p>", "<script>"]
        );
        assert_eq!(
            removed("<a href=' JavaScript:alert(1)'>"),
            ["a `JavaScript:` link"]
        );
        assert!(removed("<span data-furigana=\"off\"><br/><a href=\"https://a.jp/\">").is_empty());
    }
}
