//! `tsunagi serve`'s site in memory: what a request path maps to, with which content type, and
//! the live-reload script added to HTML pages (only here, never in `build`'s output).
//!
//! The files are the renderer's [`Output`](crate::render::Output) map, so a request can only ever
//! name a built file: there is no file system to escape from, and a path with `..`, a backslash or
//! a NUL after percent-decoding is refused outright.

use std::collections::BTreeMap;

/// The live-reload endpoints (under `/__tsunagi/`, which no content path can take: content folders
/// are municipality slugs and section names). `RELOAD_JS` below names them too.
pub const EVENTS_URL: &str = "/__tsunagi/events";
/// The build status (`{"title", "errors"}`), read by the overlay.
pub const STATUS_URL: &str = "/__tsunagi/status";
/// The live-reload script.
pub const SCRIPT_URL: &str = "/__tsunagi/reload.js";

/// What a request path is answered with.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// A built file, by key.
    File(String),
    /// A folder asked without its slash: go to `location`.
    Redirect(String),
    /// Nothing there: the town's own 404 page when the path is inside a town.
    NotFound(Option<String>),
    /// A path that tries to leave the site or is not a path at all.
    Refused,
}

/// Maps a request target (`/tokorozawa/stress/?x`) to a file of `files`.
pub fn resolve(files: &BTreeMap<String, Vec<u8>>, target: &str) -> Resolved {
    let path = target.split(['?', '#']).next().unwrap_or_default();
    let Some(decoded) = percent_decode(path) else {
        return Resolved::Refused;
    };
    if !decoded.starts_with('/')
        || decoded.contains(['\\', '\0'])
        || decoded.split('/').any(|s| s == ".." || s == ".")
    {
        return Resolved::Refused;
    }
    let key = decoded.trim_start_matches('/');
    let key = if key.is_empty() || key.ends_with('/') {
        format!("{key}index.html")
    } else {
        key.to_string()
    };
    if files.contains_key(&key) {
        return Resolved::File(key);
    }
    if files.contains_key(&format!("{key}/index.html")) {
        return Resolved::Redirect(format!("{path}/"));
    }
    let town = key.split('/').next().unwrap_or_default();
    let not_found = format!("{town}/404.html");
    Resolved::NotFound(files.contains_key(&not_found).then_some(not_found))
}

/// `%XX` decoded, as UTF-8; `None` for a malformed escape or bytes that are not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The content type of a built file, by its extension (text is UTF-8).
pub fn content_type(key: &str) -> &'static str {
    match key.rsplit_once('.').map_or("", |(_, e)| e) {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "ics" => "text/calendar; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// The tag that loads the live-reload script.
const RELOAD_TAG: &str = "<script src=\"/__tsunagi/reload.js\" defer></script>";

/// `html` as served: the live-reload script before `</body>` (or at its end), and the page's
/// Content-Security-Policy, when it has one, opened just enough for that script to load and to
/// reach the server (`script-src` and `connect-src` allow `'self'`; a policy with
/// `connect-src 'none'` would otherwise block the event stream).
pub fn with_reload(html: &[u8]) -> Vec<u8> {
    let text = allow_reload_in_policy(&String::from_utf8_lossy(html));
    match text.rfind("</body>") {
        Some(i) => format!("{}{RELOAD_TAG}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{RELOAD_TAG}").into_bytes(),
    }
}

/// `html` with `'self'` allowed for scripts and connections in every
/// `<meta http-equiv="Content-Security-Policy">` (whatever the order and quoting of its
/// attributes, as a theme or the minifier writes them).
fn allow_reload_in_policy(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(start) = rest.find("<meta") {
        let Some(len) = rest[start..].find('>') else {
            break;
        };
        let tag = &rest[start..start + len];
        out.push_str(&rest[..start]);
        out.push_str(&policy_tag(tag).unwrap_or_else(|| tag.to_string()));
        rest = &rest[start + len..];
    }
    out.push_str(rest);
    out
}

/// A CSP `<meta>` tag (without its `>`) with the policy opened for the reload script; `None`
/// for any other tag.
fn policy_tag(tag: &str) -> Option<String> {
    if !tag.to_ascii_lowercase().contains("content-security-policy") {
        return None;
    }
    let at = tag.find("content=")? + "content=".len();
    let quote = tag[at..]
        .chars()
        .next()
        .filter(|c| *c == '"' || *c == '\'')?;
    let value_start = at + 1;
    let value_len = tag[value_start..].find(quote)?;
    let policy = &tag[value_start..value_start + value_len];
    let mut directives: Vec<String> = policy
        .split(';')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(str::to_string)
        .collect();
    for name in ["script-src", "connect-src"] {
        let found = directives.iter_mut().find(|d| {
            d.split_whitespace()
                .next()
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
        });
        match found {
            Some(d) => {
                let sources: Vec<&str> = d
                    .split_whitespace()
                    .skip(1)
                    .filter(|s| *s != "'none'")
                    .collect();
                if !sources.contains(&"'self'") {
                    *d = format!("{name} {} 'self'", sources.join(" ")).replace("  ", " ");
                }
            }
            None => directives.push(format!("{name} 'self'")),
        }
    }
    // In double quotes: `'self'` cannot go inside single ones.
    Some(format!(
        "{}\"{}\"{}",
        &tag[..at],
        directives.join("; ").replace('"', "&quot;"),
        &tag[value_start + value_len + 1..]
    ))
}

/// The live-reload script: reloads the page when a build succeeds, shows the build's errors over
/// the page (the last good version stays underneath) when it fails. Same-origin, so the pages'
/// Content-Security-Policy allows it; the overlay is styled through the DOM, not inline CSS.
pub const RELOAD_JS: &str = r##"(() => {
  const show = (status) => {
    let box = document.getElementById("tsunagi-errors");
    if (!status.errors) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("div");
      box.id = "tsunagi-errors";
      box.setAttribute("role", "alert");
      Object.assign(box.style, { position: "fixed", inset: "0", overflow: "auto", zIndex: "2147483647",
        background: "rgba(20, 20, 20, 0.94)", color: "#fff", padding: "1.5rem", font: "16px/1.6 monospace",
        whiteSpace: "pre-wrap" });
      document.body.append(box);
    }
    const title = document.createElement("strong");
    title.textContent = status.title;
    const text = document.createElement("div");
    text.textContent = status.errors;
    box.replaceChildren(title, text);
  };
  // `tsunagi serve --review`: readings that may be wrong stand out (a dashed frame).
  for (const r of document.querySelectorAll("ruby[data-uncertain]")) {
    Object.assign(r.style, { outline: "2px dashed #b3261e", outlineOffset: "2px" });
  }
  const check = () => fetch("/__tsunagi/status").then((r) => r.json()).then(show).catch(() => {});
  const events = new EventSource("/__tsunagi/events");
  events.addEventListener("reload", () => location.reload());
  events.addEventListener("build-error", check);
  check();
})();
"##;

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> BTreeMap<String, Vec<u8>> {
        [
            "index.html",
            "tokorozawa/index.html",
            "tokorozawa/404.html",
            "tokorozawa/stress/index.html",
            "tokorozawa/events/calendar.ics",
        ]
        .into_iter()
        .map(|k| (k.to_string(), Vec::new()))
        .collect()
    }

    #[test]
    fn paths_map_to_built_files_only() {
        let s = site();
        let file = |k: &str| Resolved::File(k.to_string());
        assert_eq!(resolve(&s, "/"), file("index.html"));
        assert_eq!(
            resolve(&s, "/tokorozawa/?q=1"),
            file("tokorozawa/index.html")
        );
        assert_eq!(
            resolve(&s, "/tokorozawa/stress/"),
            file("tokorozawa/stress/index.html")
        );
        assert_eq!(
            resolve(&s, "/tokorozawa/stress"),
            Resolved::Redirect("/tokorozawa/stress/".into())
        );
        assert_eq!(
            resolve(&s, "/tokorozawa/nothing/"),
            Resolved::NotFound(Some("tokorozawa/404.html".into()))
        );
        assert_eq!(resolve(&s, "/nowhere"), Resolved::NotFound(None));
        for evil in [
            "/../tsunagi.toml",
            "/tokorozawa/../../etc/passwd",
            "/%2e%2e/tsunagi.toml",
            "/tokorozawa/..%2f..%2ftsunagi.toml",
            "/tokorozawa/%2E%2E/index.html",
            "/a%5c..%5cb",
            "/%00",
            "/%zz",
            "/%ff",
            "tokorozawa/index.html",
        ] {
            assert_eq!(resolve(&s, evil), Resolved::Refused, "{evil}");
        }
    }

    #[test]
    fn calendars_and_data_are_utf8_text() {
        assert_eq!(
            content_type("a/events/x.ics"),
            "text/calendar; charset=utf-8"
        );
        assert_eq!(
            content_type("a/data/windows.csv"),
            "text/csv; charset=utf-8"
        );
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("a/b"), "application/octet-stream");
    }

    #[test]
    fn the_script_and_the_server_name_the_same_endpoints() {
        assert!(RELOAD_JS.contains(EVENTS_URL) && RELOAD_JS.contains(STATUS_URL));
        assert!(RELOAD_TAG.contains(SCRIPT_URL));
    }

    #[test]
    fn the_reload_script_goes_before_the_end_of_the_body() {
        let html = with_reload(b"<p>x</p></body></html>");
        assert!(
            String::from_utf8(html)
                .unwrap()
                .ends_with(&format!("{RELOAD_TAG}</body></html>"))
        );
        let html = with_reload(b"<p>x");
        assert!(String::from_utf8(html).unwrap().ends_with(RELOAD_TAG));
    }

    #[test]
    fn the_page_policy_lets_the_reload_script_connect() {
        let served = |html: &str| String::from_utf8(with_reload(html.as_bytes())).unwrap();
        // As the minifier writes the default theme's policy: content first, unquoted name.
        let page = served(
            "<meta content=\"default-src 'self'; script-src 'self'; connect-src 'none'; object-src 'none'\" http-equiv=Content-Security-Policy><p>x</p></body>",
        );
        assert!(
            page.starts_with("<meta content=\"default-src 'self'; script-src 'self'; connect-src 'self'; object-src 'none'\" http-equiv=Content-Security-Policy>"),
            "{page}"
        );
        // As a theme may write it: other order, single quotes, directives missing.
        let page = served(
            "<meta http-equiv=\"content-security-policy\" content='default-src https://x.example; connect-src https://x.example'>",
        );
        assert_eq!(
            page,
            format!(
                "<meta http-equiv=\"content-security-policy\" content=\"default-src https://x.example; connect-src https://x.example 'self'; script-src 'self'\">{RELOAD_TAG}"
            )
        );
        // Other tags and pages without a policy are left alone.
        let plain = "<meta charset=utf-8><meta name=viewport content=\"width=device-width\"><p>x</p></body>";
        assert_eq!(
            served(plain),
            format!(
                "<meta charset=utf-8><meta name=viewport content=\"width=device-width\"><p>x</p>{RELOAD_TAG}</body>"
            )
        );
    }
}
