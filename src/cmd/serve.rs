//! `tsunagi serve`: builds every municipality into memory (never touching `site/`), serves the
//! sites on loopback, watches the project and rebuilds on every change, and tells open pages to
//! reload (Server-Sent Events). A failed rebuild keeps the last good site served and shows its
//! errors over the page and in the terminal; the next good build clears them.
//!
//! A change inside one municipality's folder rebuilds that municipality only; any other change
//! rebuilds them all.

use std::collections::BTreeMap;
use std::io::Write;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use notify::Watcher;
use tsunagi::data::holidays::Date;
use tsunagi::error::{Diagnostic, Error, Location, Result};
use tsunagi::serve::{self, Resolved};
use tsunagi::{analyze, load, msg, render, t};

use super::build::{build_date, check_only};
use crate::cli::ServeArgs;

/// What is served: the last good build, and the errors of the last build when it failed.
#[derive(Default)]
struct Site {
    files: BTreeMap<String, Vec<u8>>,
    errors: Option<String>,
}

/// The site and the open pages waiting for news.
#[derive(Default)]
struct Shared {
    site: RwLock<Site>,
    listeners: Mutex<Vec<Sender<&'static str>>>,
}

impl Shared {
    /// Tells every open page `event` (`reload` or `build-error`); forgets closed ones.
    fn broadcast(&self, event: &'static str) {
        if let Ok(mut list) = self.listeners.lock() {
            list.retain(|l| l.send(event).is_ok());
        }
    }
}

/// Serves until interrupted.
pub fn run(opts: &ServeArgs) -> Result<()> {
    let today = build_date(opts.today.as_deref())?;
    let shared = Arc::new(Shared::default());
    rebuild(opts, today, &shared, &opts.only);
    let server = tiny_http::Server::http((opts.bind, opts.port)).map_err(|e| {
        Error::usage(msg!(
            "error.serve-bind",
            address = opts.bind,
            port = opts.port,
            why = e
        ))
    })?;
    let port = server.server_addr().to_ip().map_or(opts.port, |a| a.port());
    let host = match opts.bind {
        IpAddr::V6(a) => format!("[{a}]"),
        IpAddr::V4(a) => a.to_string(),
    };
    let base = format!("http://{host}:{port}/");
    if !opts.bind.is_loopback() {
        let warning = Diagnostic::warning(
            Location::default(),
            "serve-not-loopback",
            msg!("warning.serve-not-loopback", address = opts.bind),
        );
        eprintln!("{} {warning}", t!("ui.label-warning"));
    }
    eprintln!("{}", t!("ui.serve-listening", url = base));
    let towns: Vec<String> = shared
        .site
        .read()
        .map(|s| {
            s.files
                .keys()
                .filter_map(|k| k.strip_suffix("/index.html"))
                .filter(|k| !k.contains('/'))
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    for town in towns {
        eprintln!("  {base}{town}/");
    }
    eprintln!("{}", t!("ui.serve-stop"));

    let (tx, rx) = channel();
    let mut watcher = notify::recommended_watcher(tx).map_err(|e| {
        Error::input(
            Location::file(&opts.root),
            msg!("error.serve-watch", why = e),
        )
    })?;
    watcher
        .watch(&opts.root, notify::RecursiveMode::Recursive)
        .map_err(|e| {
            Error::input(
                Location::file(&opts.root),
                msg!("error.serve-watch", why = e),
            )
        })?;
    let watched = Arc::clone(&shared);
    // The watcher reports absolute paths.
    let root = opts
        .root
        .canonicalize()
        .unwrap_or_else(|_| opts.root.clone());
    let only = opts.only.clone();
    let rebuild_opts = opts.clone();
    std::thread::spawn(move || {
        while let Some(paths) = next_changes(&rx, &root) {
            let towns = match one_town(&root, &paths) {
                Some(slug) if only.is_empty() || only.contains(&slug) => vec![slug],
                _ => only.clone(),
            };
            rebuild(&rebuild_opts, today, &watched, &towns);
        }
    });

    for request in server.incoming_requests() {
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || respond(request, &shared));
    }
    Ok(())
}

/// Waits for a change to the sources, then gathers what else changes in the next moment (an
/// editor saves in several steps): the changed paths, or `None` when the watcher has stopped.
/// Reading files (a build reads them all) is not a change.
fn next_changes(rx: &Receiver<notify::Result<notify::Event>>, root: &Path) -> Option<Vec<PathBuf>> {
    let relevant = |event: notify::Result<notify::Event>| -> Vec<PathBuf> {
        match event {
            Ok(e) if !matches!(e.kind, notify::EventKind::Access(_)) => {
                e.paths.into_iter().filter(|p| is_source(root, p)).collect()
            }
            _ => Vec::new(),
        }
    };
    let mut paths = Vec::new();
    while paths.is_empty() {
        paths = relevant(rx.recv().ok()?);
    }
    let quiet = Duration::from_millis(100);
    while let Ok(event) = rx.recv_timeout(quiet) {
        paths.extend(relevant(event));
    }
    Some(paths)
}

/// Whether a changed path is part of the project's sources (not an editor's backup or lock
/// file, not version control, not a build output).
fn is_source(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let name = rel
        .file_name()
        .map_or(String::new(), |n| n.to_string_lossy().into_owned());
    let first = rel.components().next().map_or(String::new(), |c| {
        c.as_os_str().to_string_lossy().into_owned()
    });
    !(name.ends_with('~')
        || name.starts_with(".#")
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
        || first.starts_with('.')
        || matches!(first.as_str(), "site" | "target" | "node_modules"))
}

/// The municipality whose folder holds every changed path, when there is one.
fn one_town(root: &Path, paths: &[PathBuf]) -> Option<String> {
    let towns_dir = root.join("content").join("municipalities");
    // A path below `municipalities/<slug>/`, not the folder `<slug>` itself.
    let mut slugs = paths.iter().map(|p| {
        let mut parts = p.strip_prefix(&towns_dir).ok()?.components();
        let slug = parts.next()?;
        parts.next()?;
        Some(slug.as_os_str().to_string_lossy().into_owned())
    });
    let first = slugs.next()??;
    slugs
        .all(|s| s.as_deref() == Some(first.as_str()))
        .then_some(first)
}

/// Builds `towns` (all when empty) into memory and replaces what is served, or keeps the last
/// good site and records the errors; tells the open pages either way.
fn rebuild(opts: &ServeArgs, today: Date, shared: &Shared, towns: &[String]) {
    let started = Instant::now();
    // After a failed build, a change in one town may be the fix of a shared mistake, and the
    // other towns may never have been built: build what was asked at the start.
    let broken = shared
        .site
        .read()
        .map_or(true, |s| s.files.is_empty() || s.errors.is_some());
    let towns = if broken { &opts.only[..] } else { towns };
    match build(&opts.root, towns, today, opts.drafts) {
        Ok((output, warnings)) => {
            if let Ok(mut site) = shared.site.write() {
                if towns.is_empty() || site.files.is_empty() {
                    site.files = output.files;
                } else {
                    // Only these towns were built: keep the others (and the list of towns).
                    site.files
                        .retain(|k, _| !towns.iter().any(|t| k.starts_with(&format!("{t}/"))));
                    site.files
                        .extend(output.files.into_iter().filter(|(k, _)| k.contains('/')));
                }
                site.errors = None;
            }
            let label = t!("ui.label-warning");
            for w in &warnings {
                eprintln!("{label} {w}");
            }
            let seconds = format!("{:.2}", started.elapsed().as_secs_f64());
            let built = if towns.is_empty() {
                t!("ui.serve-built-all", seconds = seconds)
            } else {
                t!(
                    "ui.serve-built-towns",
                    towns = towns.join(", "),
                    seconds = seconds
                )
            };
            eprintln!("{built}");
            shared.broadcast("reload");
        }
        Err(e) => {
            let text = format!("{} {e}", t!("ui.label-error"));
            eprintln!("{text}");
            eprintln!("{}", t!("ui.serve-kept"));
            if let Ok(mut site) = shared.site.write() {
                site.errors = Some(text);
            }
            shared.broadcast("build-error");
        }
    }
}

/// load → analyze → render, in memory.
fn build(
    root: &Path,
    only: &[String],
    today: Date,
    drafts: bool,
) -> Result<(render::Output, Vec<Diagnostic>)> {
    let project = load::load(root)?;
    check_only(only, &project)?;
    let site = analyze::analyze_with(project, drafts)?;
    let warnings = site.warnings(today);
    let output = render::render(
        &site,
        &render::Options {
            only,
            on_page: &|| {},
            today,
        },
    )?;
    Ok((output, warnings))
}

/// Answers one request: a built file (HTML with the reload script), the reload script, the
/// event stream, the build status, a redirect, a 404 or a refusal.
fn respond(request: tiny_http::Request, shared: &Shared) {
    let header = |name: &str, value: &str| {
        tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
    };
    let no_store = header("Cache-Control", "no-store");
    let url = request.url().to_string();
    let reply = |status: u16, kind: &str, body: Vec<u8>| {
        let mut r = tiny_http::Response::from_data(body).with_status_code(status);
        for h in [header("Content-Type", kind), no_store.clone()]
            .into_iter()
            .flatten()
        {
            r.add_header(h);
        }
        r
    };
    let response = match url.split('?').next().unwrap_or_default() {
        serve::EVENTS_URL => return stream_events(request, shared),
        serve::SCRIPT_URL => reply(
            200,
            "text/javascript; charset=utf-8",
            serve::RELOAD_JS.as_bytes().to_vec(),
        ),
        serve::STATUS_URL => {
            let errors = shared.site.read().ok().and_then(|s| s.errors.clone());
            let status = serde_json::json!({
                "title": t!("ui.serve-overlay-title").into_string(),
                "errors": errors,
            });
            reply(200, "application/json", status.to_string().into_bytes())
        }
        _ => {
            let Ok(site) = shared.site.read() else { return };
            let page = |key: &str| {
                let body = &site.files[key];
                if key.ends_with(".html") {
                    serve::with_reload(body)
                } else {
                    body.clone()
                }
            };
            match serve::resolve(&site.files, &url) {
                Resolved::File(key) => reply(200, serve::content_type(&key), page(&key)),
                Resolved::Redirect(to) => {
                    let mut r = reply(301, "text/plain; charset=utf-8", Vec::new());
                    if let Some(h) = header("Location", &to) {
                        r.add_header(h);
                    }
                    r
                }
                Resolved::NotFound(Some(key)) => reply(404, "text/html; charset=utf-8", page(&key)),
                Resolved::NotFound(None) => reply(
                    404,
                    "text/plain; charset=utf-8",
                    t!("ui.serve-not-found").into_string().into_bytes(),
                ),
                Resolved::Refused => reply(
                    400,
                    "text/plain; charset=utf-8",
                    t!("ui.serve-refused").into_string().into_bytes(),
                ),
            }
        }
    };
    let _ = request.respond(response);
}

/// Keeps the connection open and writes each event as it comes (flushed at once: the events are
/// small, and a buffered stream would hold them back), with a comment now and then so that a
/// closed page is noticed.
fn stream_events(request: tiny_http::Request, shared: &Shared) {
    let (tx, rx): (Sender<&'static str>, Receiver<&'static str>) = channel();
    if let Ok(mut list) = shared.listeners.lock() {
        list.push(tx);
    }
    let mut out = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n: connected\n\n";
    if out
        .write_all(head.as_bytes())
        .and_then(|()| out.flush())
        .is_err()
    {
        return;
    }
    loop {
        let chunk = match rx.recv_timeout(Duration::from_secs(15)) {
            Ok(event) => format!("event: {event}\ndata: {event}\n\n"),
            Err(RecvTimeoutError::Timeout) => ": still here\n\n".to_string(),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if out
            .write_all(chunk.as_bytes())
            .and_then(|()| out.flush())
            .is_err()
        {
            return;
        }
    }
}
