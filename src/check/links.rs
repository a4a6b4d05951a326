//! Links and the files they point at: broken internal links and missing images (found by the
//! build, per municipality), addresses written as plain text, `http://` links to sites known to
//! serve HTTPS, and hosts that may pass for others (IDN homographs), in pages and in data.

use super::rule::{Family, Findings, Level, PageCtx, Rule, Run, TownCtx};
use crate::data::web::deceptive_host;
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
    Rule {
        id: "confusable-host",
        family: Family::Links,
        level: Level::Warning,
        explain: || t!("explain.confusable-host"),
        run: Run::Both(confusable_host_in_text, confusable_host_in_data),
    },
];

/// What to say of `url` when its host may pass for another.
fn confusable(url: &str) -> Option<crate::messages::Message> {
    let host = deceptive_host(url)?;
    Some(msg!(
        "warning.check-confusable-host",
        url = url,
        shown = host.shown,
        punycode = host.punycode
    ))
}

fn confusable_host_in_text(cx: &PageCtx<'_>, out: &mut Findings<'_>) {
    if cx.production {
        out.raise_to_error();
    }
    for link in &cx.text.links {
        if let Some(message) = confusable(&link.dest) {
            out.at(link.at, message);
        }
    }
}

fn confusable_host_in_data(cx: &TownCtx<'_>, out: &mut Findings<'_>) {
    if cx.production {
        out.raise_to_error();
    }
    let m = &cx.town.municipality;
    let mut fields: Vec<(String, &str)> = Vec::new();
    for (i, w) in m.windows.iter().enumerate() {
        for (name, value) in [
            ("url", &w.url),
            ("form_url", &w.form_url),
            ("source", &w.source),
        ] {
            fields.push((format!("windows[{i}].{name}"), value));
        }
    }
    for (i, e) in m.events.iter().enumerate() {
        fields.push((format!("events[{i}].url"), &e.url));
    }
    if let Some(c) = &m.contact {
        fields.push(("contact.form_url".to_string(), &c.form_url));
    }
    fields.push(("base_url".to_string(), &m.base_url));
    for (field, url) in fields {
        if let Some(message) = confusable(url) {
            out.file(m.location(&field), message);
        }
    }
}

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
                    .take_while(char::is_ascii_graphic)
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
