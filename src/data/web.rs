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
