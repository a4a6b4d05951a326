//! Ground-floor helpers for writing HTML safely.

/// JSON made safe to stand inside `<script type="application/ld+json">…</script>`: every `<`,
/// `>` and `&` is written as a JSON escape, so no `</script>` or `<!--` (which would put the
/// browser's parser into its "script data escaped" states and swallow the rest of the page) can
/// appear, and U+2028/U+2029 are escaped for old JavaScript parsers. The JSON value is unchanged.
pub fn json_in_script(value: &serde_json::Value) -> String {
    let mut out = String::new();
    for c in value.to_string().chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// HTML text with its character references decoded: those tera, pulldown-cmark and the
/// sanitiser write (`&lt;`, `&gt;`, `&quot;`, `&#x27;`, `&#x2F;`, `&amp;`, `&nbsp;`) and every
/// numeric one (`&#12354;`, `&#x3042;`). Any other `&…;` stays as written.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map(|i| i + 1)
            .filter(|&i| rest[i..].starts_with(';'));
        let decoded = end.and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "amp" => '&',
                "nbsp" => '\u{a0}',
                _ => {
                    let number = name.strip_prefix('#')?;
                    let code = match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => number.parse().ok()?,
                    };
                    char::from_u32(code).filter(|c| *c != '\0')?
                }
            };
            Some((c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Block-level elements: none may stand inside a `<p>`, a heading or a table cell, and each ends
/// a run of text.
pub const BLOCK_ELEMENTS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "details",
    "dialog",
    "div",
    "dl",
    "dd",
    "dt",
    "fieldset",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
];

/// A start or end tag found in a piece of HTML, as read by [`tags`].
#[derive(Debug, PartialEq, Eq)]
pub struct Tag<'a> {
    /// The element name as written (`div`, `SCRIPT`, `my-widget`).
    pub name: &'a str,
    /// `</name>`.
    pub closing: bool,
    /// `<name … />`.
    pub self_closing: bool,
    /// What stands between the name and `>` (the attributes).
    pub attributes: &'a str,
    /// Where the tag stands in the HTML read: from its `<` to just after its `>` (or the end).
    pub span: std::ops::Range<usize>,
}

impl<'a> Tag<'a> {
    /// The value of attribute `name` (`name="v"`, `name='v'` or `name=v`), as written (entities
    /// not decoded); `Some("")` for a bare `name`; `None` when the tag does not have it.
    pub fn attr(&self, name: &str) -> Option<&'a str> {
        let mut rest = self.attributes;
        loop {
            rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
            if rest.is_empty() {
                return None;
            }
            let end = rest
                .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '/')
                .unwrap_or(rest.len());
            let (key, after) = rest.split_at(end);
            let after = after.trim_start();
            let (value, next) = match after.strip_prefix('=') {
                Some(v) => {
                    let v = v.trim_start();
                    match v.chars().next() {
                        Some(q @ ('"' | '\'')) => {
                            let close = v[1..].find(q).map_or(v.len(), |i| i + 1);
                            (&v[1..close], v.get(close + 1..).unwrap_or(""))
                        }
                        _ => {
                            let e = v.find(|c: char| c.is_ascii_whitespace()).unwrap_or(v.len());
                            (&v[..e], &v[e..])
                        }
                    }
                }
                None => ("", after),
            };
            if key.eq_ignore_ascii_case(name) {
                return Some(value);
            }
            rest = next;
        }
    }
}

/// Whether a start tag in `html` switches automatic furigana off for its element
/// (`data-furigana="off"`, quoted either way or not at all).
pub fn furigana_off(html: &str) -> bool {
    tags(html).any(|t| !t.closing && t.attr("data-furigana") == Some("off"))
}

/// The tags of `html`, in order: every `<` followed by a name that starts with a letter (an
/// optional `/` before it for an end tag). Comments, doctypes and a lone `<` are not tags. A
/// quick reader for checks and messages, not a parser: the sanitiser uses ammonia.
pub fn tags(html: &str) -> impl Iterator<Item = Tag<'_>> {
    html.match_indices('<').filter_map(|(i, _)| {
        let rest = &html[i + 1..];
        let (closing, rest) = match rest.strip_prefix('/') {
            Some(r) => (true, r),
            None => (false, rest),
        };
        let len = rest
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '-')
            .unwrap_or(rest.len());
        let name = &rest[..len];
        if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return None;
        }
        let attributes = rest[len..].split('>').next().unwrap_or_default();
        let after = i + 1 + usize::from(closing) + len + attributes.len();
        Some(Tag {
            name,
            closing,
            self_closing: attributes.trim_end().ends_with('/'),
            attributes,
            span: i..(after + 1).min(html.len()),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_are_decoded_once() {
        assert_eq!(
            decode_entities("&lt;b&gt; &amp;lt; &quot;x&#x27;&#x2F;&#12354;&nbsp;&copy; & &#0;"),
            "<b> &lt; \"x'/あ\u{a0}&copy; & &#0;"
        );
    }

    #[test]
    fn tags_are_read_with_their_names_and_attributes() {
        let html = "<p class=a>x</p><br/><!-- c --> 1 < 2 <my-el on=1>";
        let found: Vec<_> = tags(html)
            .map(|t| (t.name, t.closing, t.self_closing, t.attributes))
            .collect();
        let spans: Vec<_> = tags(html).map(|t| &html[t.span]).collect();
        assert_eq!(spans, ["<p class=a>", "</p>", "<br/>", "<my-el on=1>"]);
        assert_eq!(
            &"x <a href=y"[tags("x <a href=y").next().unwrap().span],
            "<a href=y"
        );
        assert_eq!(
            found,
            [
                ("p", false, false, " class=a"),
                ("p", true, false, ""),
                ("br", false, true, "/"),
                ("my-el", false, false, " on=1"),
            ]
        );
    }

    #[test]
    fn attributes_are_read_quoted_unquoted_or_bare() {
        let tag = tags("<a class=tel href=\"../a/\" title='x y' hidden data-u=1>")
            .next()
            .unwrap();
        assert_eq!(tag.attr("href"), Some("../a/"));
        assert_eq!(tag.attr("HREF"), Some("../a/"));
        assert_eq!(tag.attr("title"), Some("x y"));
        assert_eq!(tag.attr("hidden"), Some(""));
        assert_eq!(tag.attr("data-u"), Some("1"));
        assert_eq!(tag.attr("class"), Some("tel"));
        assert_eq!(tag.attr("lang"), None);
        for on in [
            "<span data-furigana=\"off\">",
            "<span data-furigana='off'>",
            "<b data-furigana=off>",
        ] {
            assert!(furigana_off(on), "{on}");
        }
        assert!(!furigana_off("<span data-furigana=\"on\">"));
        assert!(!furigana_off("<span title=\"data-furigana=off\">"));
    }

    #[test]
    fn no_markup_survives_and_the_value_is_the_same() {
        let value = serde_json::json!({"name": "<!--<script></script>&\u{2028}相談"});
        let s = json_in_script(&value);
        assert!(!s.contains(['<', '>', '&', '\u{2028}']), "{s}");
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&s).unwrap(),
            value
        );
    }
}

/// `html` with every relative link (or form action) to a folder made one to its `index.html` (`href="../consult/"`
/// → `href="../consult/index.html"`, `href="./"` → `href="./index.html"`, a `#part` kept), for a
/// site opened from the file system, where a browser shows a folder's listing, not its page.
/// Links with a scheme (`https:`, `tel:`), to a part of the page (`#…`) or to a file stay; so do
/// attributes quoted or not, as the minifier leaves them.
pub fn links_for_files(html: &str) -> String {
    // Links, and forms that lead to a page (the search box on every page).
    let links = attribute_for_files(html, "href=");
    attribute_for_files(&links, "action=")
}

/// [`links_for_files`] for one attribute (`href=`, `action=`).
fn attribute_for_files(html: &str, attribute: &str) -> String {
    let mut out = String::with_capacity(html.len() + 1024);
    let mut rest = html;
    while let Some(at) = rest.find(attribute) {
        let value_start = at + attribute.len();
        out.push_str(&rest[..value_start]);
        rest = &rest[value_start..];
        let (quote, body) = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => (Some(q), &rest[1..]),
            _ => (None, rest),
        };
        let end = match quote {
            Some(q) => body.find(q).unwrap_or(body.len()),
            None => body
                .find(|c: char| c.is_ascii_whitespace() || c == '>')
                .unwrap_or(body.len()),
        };
        let value = &body[..end];
        if let Some(q) = quote {
            out.push(q);
        }
        out.push_str(&for_files(value));
        rest = &body[end..];
    }
    out.push_str(rest);
    out
}

/// One link destination, as [`links_for_files`] writes it.
fn for_files(link: &str) -> String {
    let cut = link.find(['#', '?']).unwrap_or(link.len());
    let (path, tail) = link.split_at(cut);
    let has_scheme = path
        .split_once(':')
        .is_some_and(|(scheme, _)| !scheme.contains('/'));
    if path.is_empty() || has_scheme || path.starts_with("//") {
        return link.to_string();
    }
    if path.ends_with('/') {
        format!("{path}index.html{tail}")
    } else if path == "." || path == ".." || path.ends_with("/.") || path.ends_with("/..") {
        format!("{path}/index.html{tail}")
    } else {
        link.to_string()
    }
}

#[cfg(test)]
mod file_link_tests {
    use super::links_for_files;

    #[test]
    fn links_to_folders_lead_to_their_index_html() {
        let html = r#"<a href="../consult/">a</a><a href=./>b</a><a href='../'>c</a><a href="../stress/sleep/#kufu">d</a><a href="..">e</a>"#;
        assert_eq!(
            links_for_files(html),
            r#"<a href="../consult/index.html">a</a><a href=./index.html>b</a><a href='../index.html'>c</a><a href="../stress/sleep/index.html#kufu">d</a><a href="../index.html">e</a>"#
        );
        // Addresses with a scheme, parts of the page, files, and a second pass stay as they are.
        let kept = r##"<a href="https://www.mhlw.go.jp/kokoro/">x</a><a href="tel:0120279338">y</a><a href="#main">z</a><link href="../css/site.css"><a href="../events/calendar.ics">w</a>"##;
        assert_eq!(links_for_files(kept), kept);
        let once = links_for_files(html);
        assert_eq!(links_for_files(&once), once);
    }
}
