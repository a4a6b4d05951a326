//! Links and the files they point at: broken internal links and missing images (found by the
//! build, per municipality), addresses written as plain text, and `http://` links to sites
//! known to serve HTTPS.

use super::{Family, Findings, Level, PageCtx, Rule, Run};
use crate::{msg, t};

pub(super) const RULES: &[Rule] = &[
    Rule {
        id: "broken-link",
        family: Family::Links,
        level: Level::Error,
        explain: || t!("explain.broken-link"),
        run: Run::Build,
    },
    Rule {
        id: "missing-image",
        family: Family::Links,
        level: Level::Error,
        explain: || t!("explain.missing-image"),
        run: Run::Build,
    },
    Rule {
        id: "url-in-text",
        family: Family::Links,
        level: Level::Warning,
        explain: || t!("explain.url-in-text"),
        run: Run::Page(url_in_text),
    },
    Rule {
        id: "insecure-link",
        family: Family::Links,
        level: Level::Warning,
        explain: || t!("explain.insecure-link"),
        run: Run::Page(insecure_link),
    },
];

fn url_in_text(cx: &PageCtx<'_>, out: &mut Findings<'_>) {
    for b in &cx.text.blocks {
        for start in ["https://", "http://", "www."] {
            for (i, _) in b.text.match_indices(start) {
                // `www.` inside an `https://www.` already found.
                if start == "www." && b.text[..i].ends_with("://") {
                    continue;
                }
                let at = b.source_offset(i);
                if cx.text.links.iter().any(|l| (l.at..l.end).contains(&at)) {
                    continue;
                }
                let url: String = b.text[i..]
                    .chars()
                    .take_while(|c| c.is_ascii_graphic())
                    .collect();
                out.at(at, msg!("warning.check-url-in-text", url = url));
            }
        }
    }
}

/// The host of an `http://` URL.
fn http_host(url: &str) -> Option<&str> {
    let rest = url.strip_prefix("http://")?;
    let host = rest.split(['/', '?', '#', ':']).next()?;
    (!host.is_empty()).then_some(host)
}

fn insecure_link(cx: &PageCtx<'_>, out: &mut Findings<'_>) {
    for link in &cx.text.links {
        let Some(host) = http_host(&link.dest) else {
            continue;
        };
        let known = cx.words.https_domains.iter().any(|d| {
            if d.starts_with('.') {
                host.ends_with(d.as_str())
            } else {
                host == d
            }
        });
        let same_page = cx
            .text
            .links
            .iter()
            .any(|l| l.dest.starts_with(&format!("https://{host}")));
        if known || same_page {
            out.at(
                link.at,
                msg!(
                    "warning.check-insecure-link",
                    url = link.dest,
                    secure = link.dest.replacen("http://", "https://", 1)
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    fn lines(id: &str, body: &str) -> Vec<usize> {
        super::super::testing::lines(id, "title = \"ページ\"\ndescription = \"d\"", body)
    }

    #[test]
    fn addresses_are_links_not_plain_text() {
        assert_eq!(
            lines(
                "url-in-text",
                "詳しくは https://www.mhlw.go.jp/ を見てください。\n"
            ),
            [5]
        );
        assert!(
            lines(
                "url-in-text",
                "詳しくは[厚生労働省のページ](https://www.mhlw.go.jp/)を見てください。\n"
            )
            .is_empty()
        );
        // Inside code, an address is an example, not a link.
        assert!(
            lines(
                "url-in-text",
                "設定は `https://x.example.jp/` のように書きます。\n"
            )
            .is_empty()
        );
    }

    #[test]
    fn government_sites_are_linked_over_https() {
        assert_eq!(
            lines("insecure-link", "[厚生労働省](http://www.mhlw.go.jp/)\n"),
            [5]
        );
        assert!(lines("insecure-link", "[厚生労働省](https://www.mhlw.go.jp/)\n").is_empty());
        // A site not known to serve HTTPS is left alone.
        assert!(lines("insecure-link", "[古いページ](http://old.example.com/)\n").is_empty());
    }
}
