//! Addresses that end up in links and files: web URLs, e-mail addresses and base URLs. They come
//! from data that other offices and spreadsheets supply, so they are checked strictly (the `url`
//! crate parses them): only `http`/`https` for web pages — never `javascript:`, `data:` or
//! `vbscript:` — and nothing that could change the meaning of the page or file around them
//! (control characters, spaces, backslashes, protocol-relative `//host`).

use crate::messages::Text;
use crate::t;

/// Characters never accepted in an address: they break out of attributes, lines or the URL.
fn forbidden(s: &str) -> Option<char> {
    s.chars()
        .find(|c| c.is_control() || c.is_whitespace() || matches!(c, '\\' | '"' | '<' | '>' | '`'))
}

/// Checks a web page address (`https://…`); returns it as written, or says what is wrong.
pub fn web_url(s: &str) -> Result<&str, Text> {
    web_url_shown(s, s)
}

/// [`web_url`], naming the address as `shown` in messages.
fn web_url_shown<'s>(s: &'s str, shown: &str) -> Result<&'s str, Text> {
    if let Some(c) = forbidden(s) {
        let value = shown.escape_debug();
        return Err(t!(
            "part.url-forbidden-char",
            value = value,
            char = format!("{c:?}")
        ));
    }
    if s.starts_with("//") {
        return Err(t!("part.url-no-scheme", value = shown));
    }
    let url = url::Url::parse(s).map_err(|e| t!("part.url-invalid", value = shown, why = e))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(t!("part.url-scheme", value = shown, scheme = url.scheme()));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(t!("part.url-no-host", value = shown));
    }
    Ok(s)
}

/// Schemes a link or an image on a page may use; `@/` and relative paths have none.
pub const LINK_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// The scheme a browser would read in a link destination, lower case (`javascript` for
/// ` JavaScript:alert(1)`): read the way a browser reads it and more — percent-decoded, every
/// control, format (zero-width) and white-space character taken out wherever it stands — so that
/// no spelling of a scheme slips past the check. `None` for a destination with no scheme (a
/// relative path, `#anchor`, `@/page.md`).
pub fn scheme_of(dest: &str) -> Option<String> {
    let decoded = percent_decode(dest);
    let cleaned: String = decoded
        .chars()
        .filter(|c| !(c.is_control() || c.is_whitespace() || is_format(*c)))
        .collect();
    let end = cleaned.find([':', '/', '?', '#'])?;
    let scheme = &cleaned[..end];
    (cleaned[end..].starts_with(':')
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)))
    .then(|| scheme.to_ascii_lowercase())
}

/// Checks a link or image destination written on a page: `http(s)`, `mailto:`, `tel:`, `@/` and
/// relative paths pass; any other scheme (`javascript:`, `data:`, `vbscript:`, `file:`…) is
/// refused, however it is spelt (see [`scheme_of`]).
pub fn link_destination(dest: &str) -> Result<(), Text> {
    match scheme_of(dest) {
        Some(scheme) if !LINK_SCHEMES.contains(&scheme.as_str()) => Err(t!(
            "part.link-scheme",
            value = dest.escape_debug(),
            scheme = scheme,
            list = LINK_SCHEMES.join(", ")
        )),
        _ => Ok(()),
    }
}

/// A host that may pass for another (an IDN homograph, Unicode TR 39): its address as the
/// browser's address bar may show it, and the punycode form a reader can compare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeceptiveHost {
    /// The host as Unicode (`аpple.com`).
    pub shown: String,
    /// The host as it is sent (`xn--pple-43d.com`).
    pub punycode: String,
}

/// The host of the web address `url` when it may pass for another: a label that mixes scripts
/// (a Cyrillic а among Latin letters), or a label of another script that looks like a Latin one
/// (its UTS 39 skeleton is ASCII: `аррӏе`, all Cyrillic). A Japanese label (kanji with kana) or
/// an ASCII one is not; neither is an address that does not parse.
pub fn deceptive_host(url: &str) -> Option<DeceptiveHost> {
    use unicode_security::MixedScript;
    let parsed = url::Url::parse(url.trim()).ok()?;
    let punycode = parsed.host_str()?.to_string();
    if !punycode.split('.').any(|l| l.starts_with("xn--")) {
        return None;
    }
    let (shown, _) = idna::domain_to_unicode(&punycode);
    let deceptive = shown.split('.').any(|label| {
        !label.is_ascii()
            && (!label.is_single_script()
                || unicode_security::skeleton(label).all(|c| c.is_ascii()))
    });
    deceptive.then_some(DeceptiveHost { shown, punycode })
}

/// The host of a web or e-mail address (`https://a.example.jp/x`, `kokoro@example.jp`) when it
/// is a name kept for examples, which never reaches a real office: RFC 2606 and RFC 6761
/// (`example.com`, `.net`, `.org`, the top-level names `example`, `test`, `invalid` and
/// `localhost`) and the names JPRS keeps for examples (`example.jp` and `example.` under each
/// `.jp` second-level name: `example.lg.jp`, `example.co.jp`…), or any name under them.
pub fn example_host(address: &str) -> Option<String> {
    let address = address.trim();
    let host = match address.rsplit_once('@') {
        Some((_, domain)) if !address.contains("://") => domain.to_string(),
        _ => url::Url::parse(&address.replace("{slug}", "slug"))
            .ok()?
            .host_str()?
            .to_string(),
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let labels: Vec<&str> = host.split('.').collect();
    let under = |suffix: &[&str]| {
        labels.len() >= suffix.len() && labels[labels.len() - suffix.len()..] == *suffix
    };
    const JP_SECOND_LEVEL: &[&str] = &["ac", "ad", "co", "ed", "go", "gr", "lg", "ne", "or"];
    let reserved = matches!(
        labels.last().copied(),
        Some("example" | "test" | "invalid" | "localhost")
    ) || ["com", "net", "org", "jp"]
        .iter()
        .any(|tld| under(&["example", tld]))
        || JP_SECOND_LEVEL
            .iter()
            .any(|sld| under(&["example", sld, "jp"]));
    reserved.then_some(host)
}

/// Unicode's format characters (category Cf) that hide in text: those of
/// [`crate::invisible::is_hidden`], the soft hyphen and the interlinear annotation marks.
fn is_format(c: char) -> bool {
    crate::invisible::is_hidden(c) || matches!(c, '\u{00AD}' | '\u{FFF9}'..='\u{FFFB}')
}

/// `%XX` sequences decoded (as bytes, then read as UTF-8, lossily); a `%` not followed by two
/// hex digits stays.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Whether `s` starts like an address with a scheme (`https:`, `javascript:`…) rather than words.
pub fn has_scheme(s: &str) -> bool {
    s.trim_start().split_once(':').is_some_and(|(scheme, _)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    })
}

/// Checks an e-mail address (`kokoro@city.example.lg.jp`).
pub fn email(s: &str) -> Result<&str, Text> {
    if let Some(c) = forbidden(s) {
        let value = s.escape_debug();
        return Err(t!(
            "part.email-forbidden-char",
            value = value,
            char = format!("{c:?}")
        ));
    }
    let ok = match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.contains('@')
                && !s.contains([':', '/', '?', '#', ',', ';'])
        }
        None => false,
    };
    if ok {
        Ok(s)
    } else {
        Err(t!("part.email-invalid", value = s))
    }
}

/// Checks a base URL (or a pattern with `{slug}`) and returns it ending in `/`: http(s), a host,
/// a path without empty segments (`//`), no query, fragment or user name.
pub fn base_url(s: &str) -> Result<String, Text> {
    let probe = s.replace("{slug}", "slug");
    let url = web_url_shown(&probe, s)?;
    let url = url::Url::parse(url).map_err(|e| t!("part.url-invalid", value = s, why = e))?;
    if url.query().is_some() || url.fragment().is_some() || !url.username().is_empty() {
        return Err(t!("part.base-url-extra", value = s));
    }
    if url.path().contains("//") {
        return Err(t!("part.base-url-empty-segment", value = s));
    }
    let mut out = s.to_string();
    if !out.ends_with('/') {
        out.push('/');
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_kept_for_examples_are_found_in_web_and_mail_addresses() {
        for example in [
            "https://kokoro.example.jp/{slug}/",
            "https://www.city.example.lg.jp/kokoro/",
            "https://example.com/",
            "http://a.b.example.org/x",
            "https://site.test/",
            "https://localhost:8080/",
            "kokoro@example.jp",
            "soudan@town.example.co.jp",
            "https://EXAMPLE.NET./",
        ] {
            assert!(example_host(example).is_some(), "{example}");
        }
        for real in [
            "https://www.city.hanno.lg.jp/",
            "https://www.mhlw.go.jp/kokoro/",
            "https://examples.jp/",
            "https://myexample.com/",
            "https://example.city.hanno.lg.jp/",
            "kokoro@city.sayama.saitama.jp",
            "not an address",
        ] {
            assert_eq!(example_host(real), None, "{real}");
        }
    }

    #[test]
    fn only_web_pages_without_tricks() {
        for ok in [
            "https://www.city.example.lg.jp/kokoro/",
            "http://example.jp/a?b=1#c",
        ] {
            assert_eq!(web_url(ok), Ok(ok));
        }
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "data:text/html,<script>",
            "vbscript:x",
            "//evil.example/",
            "https://a.example/\nSet-Cookie",
            "https:\\\\evil.example",
            "https://a.example/\" onmouseover=\"x",
            "ftp://a.example/",
            "https://",
            "相談窓口",
        ] {
            assert!(web_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_link_may_use_the_web_mail_and_phone_schemes_and_no_other() {
        for ok in [
            "https://www.mhlw.go.jp/",
            "HTTP://example.jp",
            "mailto:kokoro@city.example.lg.jp",
            "tel:0120279338",
            "@/consult/_index.md",
            "../stress/",
            "sleep.md#x",
            "#top",
            "",
            "a b/c:d",
            "zu.png",
        ] {
            assert!(link_destination(ok).is_ok(), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "\tjava\nscript:alert(1)",
            "java\u{200B}script:alert(1)",
            "%6Aavascript:alert(1)",
            "javascript%3Aalert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
            "\u{0}javascript:x",
        ] {
            assert!(link_destination(bad).is_err(), "{bad:?}");
        }
        assert_eq!(scheme_of("%6Aavascript:x").as_deref(), Some("javascript"));
        assert_eq!(scheme_of("../a:b"), None, "a colon after a slash is a path");
    }

    #[test]
    fn hosts_that_pass_for_others_are_told_from_real_ones() {
        let host = |u: &str| deceptive_host(u).map(|h| (h.shown, h.punycode));
        // A Cyrillic а among Latin letters, written or in punycode.
        let mixed = host("https://\u{430}pple.com/").unwrap();
        assert_eq!(mixed.0, "\u{430}pple.com");
        assert!(mixed.1.starts_with("xn--"), "{mixed:?}");
        assert_eq!(host(&format!("https://{}/", mixed.1)), Some(mixed.clone()));
        // All Cyrillic, but it reads apple.
        assert!(host("https://\u{430}\u{440}\u{440}\u{4CF}\u{435}.com/").is_some());
        // Real addresses: ASCII, Japanese, a Cyrillic word that looks like no Latin one.
        for ok in [
            "https://www.mhlw.go.jp/",
            "https://日本語.jp/",
            "https://ちば.jp/",
            "https://москва.рф/",
            "mailto:kokoro@example.jp",
            "not a url",
        ] {
            assert_eq!(host(ok), None, "{ok}");
        }
    }

    #[test]
    fn schemes_are_told_from_words() {
        assert!(has_scheme("javascript:alert(1)") && has_scheme("https://a.jp/"));
        assert!(!has_scheme("電話で確認（10:00）") && !has_scheme("2026-04-01 10:00"));
    }

    #[test]
    fn emails_and_base_urls() {
        assert!(email("kokoro@city.example.lg.jp").is_ok());
        for bad in [
            "kokoro",
            "a@b",
            "a@b.jp?subject=x",
            "a b@c.jp",
            "javascript:a@b.jp",
        ] {
            assert!(email(bad).is_err(), "{bad}");
        }
        assert_eq!(
            base_url("https://kokoro.example.jp/{slug}").unwrap(),
            "https://kokoro.example.jp/{slug}/"
        );
        assert_eq!(
            base_url("https://www.city.example.lg.jp/kokoro/").unwrap(),
            "https://www.city.example.lg.jp/kokoro/"
        );
        for bad in [
            "https://host//evil.example/",
            "https://kokoro.example.jp/\nDisallow: /",
            "https://kokoro.example.jp/?a=1",
            "https://user@kokoro.example.jp/",
            "kokoro.example.jp/{slug}/",
            "javascript:alert(1)//",
        ] {
            assert!(base_url(bad).is_err(), "{bad}");
        }
    }
}
