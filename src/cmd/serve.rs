//! `tsunagi serve`: builds every municipality into memory (never touching `site/`), serves the
//! sites on loopback, watches the project and rebuilds on every change, and tells open pages to
//! reload (Server-Sent Events). A failed rebuild keeps the last good site served and shows its
//! errors over the page and in the terminal; the next good build clears them.
//!
//! Every change reads and analyses the whole project again (quick, and it finds every mistake);
//! what is rendered again is what the change affects: a change inside one municipality's folder
//! renders that municipality; a change to shared pages that no other page sees (their body, not
//! their title, front matter, first paragraph, headings or shortcodes) renders those pages in
//! every town; any other change renders everything.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use notify::Watcher;
use tsunagi::analyze::AnalyzedSite;
use tsunagi::analyze::SeenFromOtherPages;
use tsunagi::data::holidays::Date;
use tsunagi::error::{Diagnostic, Error, Location, Result};
use tsunagi::furigana::AnalysisCache;
use tsunagi::serve::{self, Resolved};
use tsunagi::{analyze, cache, load, msg, render, t};

use super::build::{build_date, check_only};
use crate::cli::ServeArgs;

/// What is served: the last good build, and the errors of the last build when it failed.
#[derive(Default)]
struct Site {
    files: Arc<BTreeMap<String, Vec<u8>>>,
    /// What each file was made from, for the next build to take over what it can.
    entries: BTreeMap<String, cache::Entry>,
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
pub fn run(opts: &ServeArgs) -> Result<()> {
    let shared = Arc::new(Shared::default());
    let mut builder = Builder {
        opts: opts.clone(),
        today: build_date(opts.today.as_deref())?,
        last: None,
        warned: BTreeSet::new(),
        // The analyses of the last `tsunagi build` into site/, when there are some: the first
        // build needs the dictionary only for what changed since.
        analyses: Arc::new(cache::read_analyses(&opts.root.join("site"))),
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
    let port = listener.local_addr().map_or(opts.port, |a| a.port());
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
    std::thread::spawn(move || {
        while let Some(paths) = next_changes(&rx, &root) {
            builder.rebuild(&watched, Some(&Change { root: &root, paths }));
        }
    });

    super::http::serve(&listener, move |request| respond(request, &shared));
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

/// Files changed since the last build.
struct Change<'a> {
    /// The project folder, as the watcher names it.
    root: &'a Path,
    /// The changed files (absolute).
    paths: Vec<PathBuf>,
}

impl Change<'_> {
    /// The municipality whose folder holds every changed path, when there is one.
    fn one_town(&self) -> Option<String> {
        let mut slugs = self
            .paths
            .iter()
            .map(|p| load::municipality_of(p.strip_prefix(self.root).ok()?));
        let first = slugs.next()??;
        slugs
            .all(|s| s.as_deref() == Some(first.as_str()))
            .then_some(first)
    }

    /// Whether every changed file is a shared Markdown page (under `content/`, outside the
    /// municipalities' folders): then nothing but shared pages can differ.
    fn shared_pages_only(&self) -> bool {
        let content = self.root.join(load::CONTENT_DIR);
        let towns_dir = content.join(load::MUNICIPALITIES_DIR);
        self.paths.iter().all(|p| {
            p.starts_with(&content)
                && !p.starts_with(&towns_dir)
                && p.extension().is_some_and(|e| e == "md")
        })
    }
}

/// What a rebuild makes.
enum Scope {
    /// Every town asked for (all when none was).
    All,
    /// One municipality, after a change inside its folder.
    Town(String),
    /// These shared pages in every town, after changes no other page sees.
    Pages(BTreeSet<String>),
}

/// Builds the sites, again and again; keeps the last good analysis to tell what a change
/// affects.
struct Builder {
    opts: ServeArgs,
    today: Date,
    /// The analysis of the last good build.
    last: Option<AnalyzedSite>,
    /// The warnings of the last good build, as printed.
    warned: BTreeSet<String>,
    /// The dictionary's analyses, kept from one build to the next.
    analyses: Arc<AnalysisCache>,
}

impl Builder {
    /// Builds what `change` affects (everything at the start, and after a failed build: a
    /// change in one town may be the fix of a shared mistake, and other towns may never have
    /// been built) and puts it in place of what is served, or keeps the last good site and
    /// records the errors; tells the open pages either way.
    fn rebuild(&mut self, shared: &Shared, change: Option<&Change<'_>>) {
        let started = Instant::now();
        let broken = shared
            .site
            .read()
            .map_or(true, |s| s.files.is_empty() || s.errors.is_some());
        // Nothing served yet: this build makes the site, it does not remake it.
        let first = shared.site.read().map_or(true, |s| s.files.is_empty());
        let change = change.filter(|_| !broken);
        let only = &self.opts.only;
        let town = change
            .and_then(Change::one_town)
            .filter(|slug| only.is_empty() || only.contains(slug));
        let pages_only = change.is_some_and(Change::shared_pages_only);
        let previous = shared.site.read().map_or_else(
            |_| cache::Previous::none(),
            |s| cache::Previous::in_memory(s.entries.clone(), Arc::clone(&s.files)),
        );
        match self.build(town, pages_only, previous) {
            Ok((scope, output, warnings)) => {
                if matches!(&scope, Scope::Pages(keys) if keys.is_empty()) {
                    // Saved without a change: nothing to show.
                    return;
                }
                if let Ok(mut site) = shared.site.write() {
                    let site = &mut *site;
                    match &scope {
                        Scope::All => {
                            site.files = Arc::new(output.files);
                            site.entries = output.entries;
                        }
                        Scope::Town(slug) => {
                            // Keep the other towns (and the list of towns).
                            let prefix = format!("{slug}/");
                            let files = Arc::make_mut(&mut site.files);
                            files.retain(|k, _| !k.starts_with(&prefix));
                            files.extend(output.files.into_iter().filter(|(k, _)| k.contains('/')));
                            site.entries.retain(|k, _| !k.starts_with(&prefix));
                            site.entries.extend(
                                output.entries.into_iter().filter(|(k, _)| k.contains('/')),
                            );
                        }
                        Scope::Pages(_) => {
                            Arc::make_mut(&mut site.files).extend(output.files);
                            site.entries.extend(output.entries);
                        }
                    }
                    site.errors = None;
                }
                self.report(&warnings);
                let seconds = format!("{:.2}", started.elapsed().as_secs_f64());
                let built = match &scope {
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

    /// load → analyze → render, in memory: the whole project is read and analysed (that is
    /// quick, and it finds every mistake); rendered are `town` alone when given, and when only
    /// shared pages changed (`pages_only`), those pages alone if no other page sees the change.
    fn build(
        &mut self,
        town: Option<String>,
        pages_only: bool,
        previous: cache::Previous,
    ) -> Result<(Scope, render::Output, Vec<Diagnostic>)> {
        let project = load::load(&self.opts.root)?;
        check_only(&self.opts.only, &project)?;
        let sources = tsunagi::check::sources_of(&project);
        let mut site = analyze::analyze_with(project, self.opts.drafts)?;
        site.config.review_furigana = self.opts.review;
        let warnings = tsunagi::check::for_build(&site, &sources, self.today, &self.opts.only)?;
        let scope = match (town, &self.last) {
            (Some(slug), _) => Scope::Town(slug),
            (None, Some(last)) if pages_only => {
                changed_pages(last, &site).map_or(Scope::All, Scope::Pages)
            }
            _ => Scope::All,
        };
        // Every file whose key is unchanged is taken from what is served (the same mechanism as
        // `tsunagi build`'s cache, in memory).
        let reuse = cache::Reuse {
            keys: cache::Keys::of(&site, self.today),
            previous,
            analyses: Arc::clone(&self.analyses),
        };
        let output = render::render(
            &site,
            &render::Options {
                only: match &scope {
                    Scope::Town(slug) => std::slice::from_ref(slug),
                    _ => &self.opts.only,
                },
                on_page: &|| {},
                today: self.today,
                pages: match &scope {
                    Scope::Pages(keys) => Some(keys),
                    _ => None,
                },
                sink: None,
                reuse: Some(&reuse),
            },
        )?;
        self.last = Some(site);
        Ok((scope, output, warnings))
    }
}

/// The shared pages that differ between two analyses of a project, when the differences show
/// on those pages alone: the same pages, and no change that another page sees.
fn changed_pages(before: &AnalyzedSite, after: &AnalyzedSite) -> Option<BTreeSet<String>> {
    if !before.shared.keys().eq(after.shared.keys()) {
        return None;
    }
    let mut changed = BTreeSet::new();
    for (key, new) in &after.shared {
        let old = &before.shared[key];
        if SeenFromOtherPages::of(old) != SeenFromOtherPages::of(new) {
            return None;
        }
        if format!("{old:?}") != format!("{new:?}") {
            changed.insert(key.clone());
        }
    }
    Some(changed)
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
