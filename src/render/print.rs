//! What a page needs on paper: a handout must lead back to the site, so every in-site link
//! carries its absolute address for the print stylesheet to write out (a relative `../../consult/`
//! means nothing on paper).

use crate::markdown::inline_syntax::escape;

/// `html` with `data-print-url` (the absolute address, without its `#anchor`) on every `<a>` of the `<body>` whose
/// `href` is in-site: relative or root-relative, not a bare `#anchor`. Links with a scheme
/// (`https:`, `tel:`, `mailto:`) already say where they lead.
pub(super) fn with_print_urls(html: &str, page_url: &url::Url) -> String {
    let body = html.find("<body").unwrap_or(html.len());
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut copied = 0;
    for tag in crate::html::tags(&html[body..]) {
        if tag.closing || !tag.name.eq_ignore_ascii_case("a") {
            continue;
        }
        let Some(mut url) = tag
            .attr("href")
            .filter(|h| in_site(h))
            .and_then(|h| page_url.join(&crate::html::decode_entities(h)).ok())
        else {
            continue;
        };
        // On paper the page is what matters; a percent-encoded heading anchor is not typed.
        url.set_fragment(None);
        // Before the tag's `>` (and its `/`, if written `<a … />`).
        let end = body + tag.span.end;
        let at = if html[..end].ends_with("/>") {
            end - 2
        } else if html[..end].ends_with('>') {
            end - 1
        } else {
            end
        };
        out.push_str(&html[copied..at]);
        out.push_str(" data-print-url=\"");
        out.push_str(&escape(url.as_str()));
        out.push('"');
        copied = at;
    }
    out.push_str(&html[copied..]);
    out
}

fn in_site(href: &str) -> bool {
    !href.is_empty() && !href.starts_with('#') && !crate::data::web::has_scheme(href)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_site_links_get_their_absolute_address() {
        let page = url::Url::parse("https://kokoro.example.jp/hanno/stress/signs/").unwrap();
        let html = "<head><a href=\"x/\"></head><body><a href=\"../../consult/#town-windows\">相談</a> <abbr title=a>b</abbr> <a class=tel href=\"tel:0120\">0120</a> <a href=\"#top\">上へ</a> <a href=\"https://a.jp/\">外</a> <a href=\"/hanno/?a=1&amp;b=2\">q</a></body>";
        let out = with_print_urls(html, &page);
        assert!(
            out.starts_with("<head><a href=\"x/\"></head>"),
            "the head is left alone"
        );
        assert!(out.contains("<a href=\"../../consult/#town-windows\" data-print-url=\"https://kokoro.example.jp/hanno/consult/\">相談</a>"), "{out}");
        assert!(
            out.contains("<a class=tel href=\"tel:0120\">"),
            "tel: links say it themselves"
        );
        assert!(
            out.contains("<a href=\"#top\">"),
            "in-page anchors are not printed"
        );
        assert!(
            out.contains("<a href=\"https://a.jp/\">"),
            "external links print their href"
        );
        assert!(
            out.contains("data-print-url=\"https://kokoro.example.jp/hanno/?a=1&amp;b=2\""),
            "{out}"
        );
        assert!(out.contains("<abbr title=a>b</abbr>"));
    }
}
