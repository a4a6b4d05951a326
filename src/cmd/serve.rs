//! `tsunagi serve`: builds every municipality into memory (never touching `site/`), serves the
//! sites on loopback, watches the project and rebuilds on every change, and tells open pages to
//! reload (Server-Sent Events). A failed rebuild keeps the last good site served and shows its
//! errors over the page and in the terminal; the next good build clears them. What each save
//! rebuilds is [`tsunagi::site::rebuild`]'s to decide; this file is the terminal, the watcher and
//! the HTTP side.

use std::collections::BTreeSet;
use std::io::Write;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use notify::Watcher;
use tsunagi::error::{Diagnostic, Error, Location, Result};
use tsunagi::serve::{self, Resolved};
use tsunagi::site::rebuild::{Change, Rebuilder, Scope, Served, is_source};
use tsunagi::site::{Settings, build_date};
use tsunagi::{cache, msg, t};

use crate::cli::ServeArgs;

/// What is served: the last good build, and the errors of the last build when it failed.
#[derive(Default)]
struct Site {
    served: Served,
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

/// Serves until interrupted (Ctrl+C or a termination signal), then stops cleanly.
pub(crate) fn run(opts: &ServeArgs) -> Result<()> {
    let shared = Arc::new(Shared::default());
    let mut settings = Settings::new(&opts.root, build_date(opts.today.as_deref())?);
    settings.only = opts.only.clone();
    settings.drafts = opts.drafts;
    settings.review_furigana = opts.review;
    let mut builder = Builder {
        // The analyses of the last `tsunagi build` into site/, when there are some: the first
        // build needs the dictionary only for what changed since.
        rebuilder: Rebuilder::new(settings, cache::read_analyses(&opts.root.join("site"))),
        warned: BTreeSet::new(),
    };
    builder.rebuild(&shared, None);
    let listener =
        super::http::bind(std::net::SocketAddr::new(opts.bind, opts.port)).map_err(|e| {
            Error::usage(msg!(
                "error.serve-bind",
                address = opts.bind,
                port = opts.port,
                why = e
            ))
        })?;
    // On Ctrl+C (or a termination signal), say so and end normally: nothing is being written.
    let _ = ctrlc::set_handler(|| {
        eprintln!("{}", t!("ui.serve-stopped"));
        std::process::exit(0)
    });
    print_addresses(
        opts,
        listener.local_addr().map_or(opts.port, |a| a.port()),
        &shared,
    );
    // Kept alive while serving: dropping the watcher stops it.
    let _watcher = watch(opts, &shared, builder)?;
    super::http::serve(&listener, move |request| respond(request, &shared));
    Ok(())
}

/// Where the sites are served: the address of each town, and how to stop (with a warning
/// when the address is reachable from other machines).
fn print_addresses(opts: &ServeArgs, port: u16, shared: &Shared) {
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
            s.served
                .files
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
}

/// Watches the project and rebuilds on every change, in a thread of its own.
fn watch(
    opts: &ServeArgs,
    shared: &Arc<Shared>,
    mut builder: Builder,
) -> Result<notify::RecommendedWatcher> {
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
    let watched = Arc::clone(shared);
    // The watcher reports absolute paths.
    let root = opts
        .root
        .canonicalize()
        .unwrap_or_else(|_| opts.root.clone());
    std::thread::spawn(move || {
        while let Some(paths) = next_changes(&rx, &root) {
            let change = Change {
                root: root.clone(),
                paths,
            };
            builder.rebuild(&watched, Some(&change));
        }
    });

    Ok(watcher)
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

/// Builds the sites, again and again, and tells the terminal and the open pages.
struct Builder {
    rebuilder: Rebuilder,
    /// The warnings of the last good build, as printed.
    warned: BTreeSet<String>,
}

impl Builder {
    /// Builds what `change` affects (everything at the start, and after a failed build) and
    /// puts it in place of what is served, or keeps the last good site and records the errors;
    /// tells the open pages either way.
    fn rebuild(&mut self, shared: &Shared, change: Option<&Change>) {
        let started = Instant::now();
        let (broken, first, previous) = match shared.site.read() {
            Ok(s) => (
                s.served.files.is_empty() || s.errors.is_some(),
                s.served.files.is_empty(),
                s.served.previous(),
            ),
            Err(_) => (true, true, cache::Previous::none()),
        };
        let change = change.filter(|_| !broken);
        match self.rebuilder.rebuild(change, previous) {
            Ok(rebuilt) => {
                if matches!(&rebuilt.scope, Scope::Pages(keys) if keys.is_empty()) {
                    // Saved without a change: nothing to show.
                    return;
                }
                if let Ok(mut site) = shared.site.write() {
                    site.served.apply(&rebuilt.scope, rebuilt.output);
                    site.errors = None;
                }
                self.report(&rebuilt.warnings);
                let seconds = format!("{:.2}", started.elapsed().as_secs_f64());
                let built = match &rebuilt.scope {
                    Scope::All if first => t!("ui.serve-built-first", seconds = seconds),
                    Scope::All => t!("ui.serve-built-all", seconds = seconds),
                    Scope::Town(slug) => {
                        t!("ui.serve-built-towns", towns = slug, seconds = seconds)
                    }
                    Scope::Pages(keys) => t!(
                        "ui.serve-built-pages",
                        pages = keys.iter().cloned().collect::<Vec<_>>().join(", "),
                        seconds = seconds
                    ),
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

    /// Prints the warnings of a good build: in full those the last good build did not have, and
    /// a count of the others (a writer has seen them already; the same list on every save would
    /// bury what the save changed).
    fn report(&mut self, warnings: &[Diagnostic]) {
        let now: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        let label = t!("ui.label-warning");
        let mut again = 0;
        for w in &now {
            if self.warned.contains(w) {
                again += 1;
            } else {
                eprintln!("{label} {w}");
            }
        }
        if again > 0 {
            eprintln!("{}", t!("ui.serve-warnings-again", count = again));
        }
        self.warned = now.into_iter().collect();
    }
}

/// Answers one request: a built file (HTML with the reload script), the reload script, the
/// event stream, the build status, a redirect, a 404 or a refusal.
fn respond(request: super::http::Request, shared: &Shared) {
    let url = request.url.clone();
    // Every answer is whole in memory, sent with its length, and never cached.
    let reply = |status: u16, kind: &str, body: Vec<u8>| super::http::Response {
        status,
        headers: vec![
            ("Content-Type", kind.to_string()),
            ("Cache-Control", "no-store".to_string()),
        ],
        body,
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
            let files = &site.served.files;
            let page = |key: &str| {
                let body = &files[key];
                if key.ends_with(".html") {
                    serve::with_reload(body)
                } else {
                    body.clone()
                }
            };
            match serve::resolve(files, &url) {
                Resolved::File(key) => reply(200, serve::content_type(&key), page(&key)),
                Resolved::Redirect(to) => {
                    let mut r = reply(301, "text/plain; charset=utf-8", Vec::new());
                    r.headers.push(("Location", to));
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
    request.respond(response);
}

/// Keeps the connection open and writes each event as it comes (flushed at once: the events are
/// small, and a buffered stream would hold them back), with a comment now and then so that a
/// closed page is noticed.
fn stream_events(request: super::http::Request, shared: &Shared) {
    let (tx, rx): (Sender<&'static str>, Receiver<&'static str>) = channel();
    if let Ok(mut list) = shared.listeners.lock() {
        list.push(tx);
    }
    let mut out = request.into_stream();
    if super::http::event_stream_head(&mut out).is_err() {
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
