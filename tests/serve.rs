//! `tsunagi serve` as a writer uses it: the real binary on a copy of the example, on a free port;
//! pages fetched over HTTP, a page edited and the new text and a reload event seen, a file broken
//! and the error shown while the last good page is still served, and paths that try to leave the
//! site refused.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use common::*;

/// A running `tsunagi serve`, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
    /// What it has written to the terminal so far.
    log: Arc<Mutex<String>>,
}

impl Server {
    /// Waits until the terminal shows a line containing `text` after the first `skip` bytes;
    /// returns the position after that line.
    fn wait_for(&self, text: &str, skip: usize) -> usize {
        let mut found = None;
        let seen = eventually(Duration::from_secs(30), || {
            let log = self.log.lock().unwrap();
            found = log[skip..]
                .find(text)
                .map(|i| skip + i + log[skip + i..].find('\n').unwrap_or(0));
            found.is_some()
        });
        assert!(seen, "no {text:?} in {}", self.log.lock().unwrap());
        found.unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(root: &std::path::Path, extra: &[&str]) -> Server {
    let mut child = tsunagi()
        .args(["serve", "--port", "0", "--today", "2026-11-28", "--root"])
        .arg(root)
        .args(extra)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = mpsc::channel();
    let log = Arc::new(Mutex::new(String::new()));
    let writer = Arc::clone(&log);
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Ok(mut log) = writer.lock() {
                log.push_str(&line);
                log.push('\n');
            }
            if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
                let port: String = rest.chars().take_while(char::is_ascii_digit).collect();
                let _ = tx.send(port.parse::<u16>().unwrap());
            }
        }
    });
    let port = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("serve prints its address");
    Server { child, port, log }
}

/// GET `path` as sent (no normalisation): status and body.
fn get(port: u16, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text[9..12].parse().unwrap();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    (status, format!("{head}\n\n{body}"))
}

/// Polls `f` until it holds or `limit` passes.
fn eventually(limit: Duration, mut f: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if f() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

/// Subscribes to the event stream; events arrive on the receiver.
fn events(port: u16) -> mpsc::Receiver<String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        s,
        "GET /__tsunagi/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .unwrap();
    let (tx, rx) = mpsc::channel();
    let (ready_tx, ready_rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(s).lines().map_while(Result::ok) {
            if line.starts_with(": connected") {
                let _ = ready_tx.send(());
            }
            if let Some(e) = line.strip_prefix("event: ")
                && tx.send(e.to_string()).is_err()
            {
                return;
            }
        }
    });
    ready_rx
        .recv_timeout(Duration::from_secs(10))
        .expect("the event stream opens");
    rx
}

#[test]
fn edits_are_served_at_once_errors_shown_and_the_last_good_site_kept() {
    let dir = example_copy();
    let root = dir.path();
    let server = start(root, &[]);
    let port = server.port;

    let (status, home) = get(port, "/");
    assert_eq!(status, 200, "{home}");
    let (status, page) = get(port, "/tokorozawa/stress/");
    assert_eq!(status, 200);
    assert!(page.contains("text/html; charset=utf-8"), "{page}");
    assert!(
        page.contains("/__tsunagi/reload.js"),
        "the reload script is added"
    );
    let (status, ics) = get(port, "/tokorozawa/events/calendar.ics");
    assert_eq!(status, 200);
    assert!(ics.contains("text/calendar; charset=utf-8"), "{ics}");
    let (status, csv) = get(port, "/tokorozawa/data/windows.csv");
    assert!(
        status == 200 && csv.contains("text/csv; charset=utf-8"),
        "{csv}"
    );
    let (status, moved) = get(port, "/tokorozawa/stress");
    assert!(
        status == 301 && moved.contains("Location: /tokorozawa/stress/"),
        "{moved}"
    );
    let (status, missing) = get(port, "/tokorozawa/nothing-here/");
    assert_eq!(status, 404);
    assert!(missing.contains("<html"), "the town's 404 page: {missing}");

    // Nothing outside the built site, however the path is written.
    for evil in [
        "/../tsunagi.toml",
        "/%2e%2e/tsunagi.toml",
        "/tokorozawa/..%2f..%2ftsunagi.toml",
        "/tokorozawa/%2E%2E/%2E%2E/content/_index.md",
        "/..%5c..%5ctsunagi.toml",
        "/%00",
    ] {
        let (status, body) = get(port, evil);
        assert!(status == 400 || status == 404, "{evil}: {status}");
        assert!(!body.contains("base_url"), "{evil} served a project file");
    }

    // An edit: a reload event, then the new text.
    let rx = events(port);
    let sleep = root.join("content/stress/sleep.md");
    let text = std::fs::read_to_string(&sleep).unwrap();
    std::fs::write(&sleep, format!("{text}\n編集した一文です。\n")).unwrap();
    let event = rx.recv_timeout(Duration::from_secs(30));
    assert_eq!(event.as_deref(), Ok("reload"));
    let (_, page) = get(port, "/tokorozawa/stress/sleep/");
    assert!(page.contains("編集した一文です。"), "the edit is served");

    // A broken link: an error event, the error with its place, and the last good page.
    std::fs::write(&sleep, format!("{text}\n[どこにもない](@/nowhere.md)\n")).unwrap();
    let event = rx.recv_timeout(Duration::from_secs(30));
    assert_eq!(event.as_deref(), Ok("build-error"));
    let (_, status) = get(port, "/__tsunagi/status");
    assert!(status.contains("content/stress/sleep.md:"), "{status}");
    assert!(status.contains("@/nowhere.md"), "{status}");
    let (code, page) = get(port, "/tokorozawa/stress/sleep/");
    assert!(
        code == 200 && page.contains("編集した一文です。"),
        "the last good page"
    );

    // Fixed: recovered without a restart.
    std::fs::write(&sleep, &text).unwrap();
    assert_eq!(
        rx.recv_timeout(Duration::from_secs(30)).as_deref(),
        Ok("reload")
    );
    assert!(eventually(Duration::from_secs(5), || {
        get(port, "/__tsunagi/status").1.contains("\"errors\":null")
    }));
    let (_, page) = get(port, "/tokorozawa/stress/sleep/");
    assert!(!page.contains("編集した一文です。"));
    drop(server);

    // The build's own output folder was never touched.
    assert!(!root.join("site").exists(), "serve writes nothing to site/");
}

#[test]
fn drafts_are_shown_only_when_asked_and_marked() {
    let dir = example_copy();
    std::fs::write(
        dir.path().join("content/stress/kakikake.md"),
        "+++\ntitle = \"書きかけのページ\"\ndraft = true\n+++\nまだ書いています。\n",
    )
    .unwrap();
    let server = start(dir.path(), &["--drafts"]);
    let (status, page) = get(server.port, "/tokorozawa/stress/kakikake/");
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("まだ書いています。"), "{page}");
    assert!(
        page.contains("class=draft-note") || page.contains("class=\"draft-note\""),
        "marked: {page}"
    );
    drop(server);
    let server = start(dir.path(), &[]);
    let (status, _) = get(server.port, "/tokorozawa/stress/kakikake/");
    assert_eq!(status, 404, "no draft without --drafts");
}

#[test]
fn build_output_never_carries_the_reload_script() {
    let dir = example_copy();
    let out = dir.path().join("out");
    build_ok(dir.path(), &out);
    for (path, bytes) in snapshot(&out) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("__tsunagi"),
            "{path}"
        );
    }
}

#[test]
fn another_address_than_loopback_is_warned_about() {
    let dir = example_copy();
    let mut child = tsunagi()
        .args(["serve", "--port", "0", "--bind", "0.0.0.0", "--root"])
        .arg(dir.path())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut seen = String::new();
    for line in BufReader::new(stderr).lines().map_while(Result::ok) {
        seen.push_str(&line);
        seen.push('\n');
        if line.contains("http://") {
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        seen.contains("warning: serving on 0.0.0.0: other machines"),
        "{seen}"
    );
}

/// Every file a fresh `build` of the project writes, as `serve` serves it now (HTML with the
/// reload script): what a partial rebuild serves must never differ from a whole build.
fn assert_serves_a_fresh_build(server: &Server, root: &std::path::Path, step: &str) {
    let out = tempfile::tempdir().unwrap();
    let (code, stderr) = build(root, &["--out", out.path().to_str().unwrap()]);
    assert_eq!(code, Some(0), "{stderr}");
    let mut compared = 0;
    for (path, bytes) in snapshot(out.path()) {
        if path.starts_with(".tsunagi") {
            continue;
        }
        let mut s = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        write!(
            s,
            "GET /{path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        let body = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .map_or(&raw[..0], |i| &raw[i + 4..]);
        let expected = if path.ends_with(".html") {
            tsunagi::serve::with_reload(&bytes)
        } else {
            bytes
        };
        assert!(
            body == expected.as_slice(),
            "after {step}: /{path} served differs from a fresh build"
        );
        compared += 1;
    }
    assert!(compared > 200, "{compared} files");
}

#[test]
fn only_what_a_change_affects_is_rebuilt_and_the_result_is_a_whole_build() {
    let dir = example_copy();
    let root = dir.path();
    // Two towns without a contact: two warnings at every build.
    for town in ["hanno", "hidaka"] {
        let file = format!("content/municipalities/{town}/municipality.toml");
        let text = std::fs::read_to_string(root.join(&file)).unwrap();
        write(
            root,
            &file,
            &text.replace(
                "[contact]\nname = \"埼玉県狭山保健所\"\nexample = true\n",
                "",
            ),
        );
    }
    let server = start(root, &[]);
    let mut at = server.wait_for("Ctrl+C", 0);
    // The first build makes the site: it is not "rebuilt".
    {
        let log = server.log.lock().unwrap();
        let before = log.split("serving the sites").next().unwrap_or_default();
        assert!(
            before.contains("\nbuilt in ") || before.starts_with("built in "),
            "{log}"
        );
        assert!(!before.contains("rebuilt"), "{log}");
    }
    let rx = events(server.port);
    let sleep = "content/stress/sleep.md";
    let original = std::fs::read_to_string(root.join(sleep)).unwrap();

    // The body of a shared page, below its first paragraph: that page, in every town.
    append(root, sleep, "\n本文の終わりに足した一文です。\n");
    assert_eq!(
        rx.recv_timeout(Duration::from_secs(30)).as_deref(),
        Ok("reload")
    );
    assert_serves_a_fresh_build(&server, root, "a body edit");
    let before = at;
    at = server.wait_for("rebuilt stress/sleep.md (in every town)", at);
    // The example's warnings were shown at the start: counted now, not repeated.
    let log = server.log.lock().unwrap()[before..at].to_string();
    assert!(
        log.contains("2 warnings as before") && !log.contains("has no contact"),
        "{log}"
    );

    // Its title shows in listings, breadcrumbs and neighbours' links: everything.
    let retitled = std::fs::read_to_string(root.join(sleep)).unwrap().replacen(
        "title = \"",
        "title = \"改題：",
        1,
    );
    write(root, sleep, &retitled);
    assert_eq!(
        rx.recv_timeout(Duration::from_secs(30)).as_deref(),
        Ok("reload")
    );
    assert_serves_a_fresh_build(&server, root, "a title edit");
    at = server.wait_for("rebuilt in", at);

    // A new heading is a new place links may point at: everything.
    append(root, sleep, "\n## 足した見出し\n\n本文。\n");
    assert_eq!(
        rx.recv_timeout(Duration::from_secs(30)).as_deref(),
        Ok("reload")
    );
    assert_serves_a_fresh_build(&server, root, "a new heading");
    at = server.wait_for("rebuilt in", at);

    // Without a description, the first paragraph of a section stands for it in listings: a
    // change to that paragraph is seen on other pages, and rebuilds everything.
    let section = "content/stress/_index.md";
    let text: String = std::fs::read_to_string(root.join(section))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with("description"))
        .map(|l| format!("{l}\n"))
        .collect();
    write(root, section, &text);
    assert_eq!(
        rx.recv_timeout(Duration::from_secs(30)).as_deref(),
        Ok("reload")
    );
    assert_serves_a_fresh_build(&server, root, "a description taken out");
    at = server.wait_for("rebuilt in", at);
    let (front, body) = text.rsplit_once("+++\n").unwrap();
    write(
        root,
        section,
        &format!("{front}+++\n最初に足した段落です。\n\n{body}"),
    );
    assert_eq!(
        rx.recv_timeout(Duration::from_secs(30)).as_deref(),
        Ok("reload")
    );
    assert_serves_a_fresh_build(&server, root, "a new first paragraph");
    at = server.wait_for("rebuilt in", at);

    // A municipality's own file: that town.
    let town = "content/municipalities/hanno/municipality.toml";
    append(root, town, "\n# 編集\n");
    assert_eq!(
        rx.recv_timeout(Duration::from_secs(30)).as_deref(),
        Ok("reload")
    );
    assert_serves_a_fresh_build(&server, root, "a town's file");
    at = server.wait_for("rebuilt hanno in", at);

    // Back as it was, body and title at once: everything.
    write(root, sleep, &original);
    assert_eq!(
        rx.recv_timeout(Duration::from_secs(30)).as_deref(),
        Ok("reload")
    );
    assert_serves_a_fresh_build(&server, root, "undoing the edits");
    server.wait_for("rebuilt in", at);
}

#[test]
fn ctrl_c_stops_the_server_cleanly() {
    let dir = example_copy();
    let mut server = start(dir.path(), &[]);
    server.wait_for("Ctrl+C", 0);
    let pid = server.child.id().to_string();
    let sent = std::process::Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .unwrap();
    assert!(sent.success());
    let mut status = None;
    assert!(
        eventually(Duration::from_secs(10), || {
            status = server.child.try_wait().unwrap();
            status.is_some()
        }),
        "still running after Ctrl+C"
    );
    assert_eq!(status.unwrap().code(), Some(0), "a clean exit");
    server.wait_for("stopped", 0);
}

#[test]
fn review_frames_the_readings_to_confirm_and_only_when_asked() {
    let dir = example_copy();
    // 辛い on a pupils' page: つらい or からい (see tests/furigana_review.rs).
    append(
        dir.path(),
        "content/school/friends.md",
        "\n辛いときは、ひとりでがまんしないで話してみよう。\n",
    );
    let server = start(dir.path(), &["--review"]);
    let (status, page) = get(server.port, "/tokorozawa/school/friends/");
    assert_eq!(status, 200, "{page}");
    let marked: Vec<&str> = page
        .match_indices("data-uncertain")
        .map(|(i, _)| &page[i..])
        .collect();
    assert_eq!(marked.len(), 1, "one reading to confirm: {page}");
    assert!(
        marked[0].starts_with("data-uncertain=からい")
            || marked[0].starts_with("data-uncertain=\"からい\""),
        "{}",
        &marked[0][..80]
    );
    // The frame is drawn by the served script (the page's style sheet knows nothing of it).
    let (_, script) = get(server.port, "/__tsunagi/reload.js");
    assert!(script.contains("ruby[data-uncertain]"), "{script}");
    drop(server);
    // Without --review, and in the build's output, nothing is marked.
    let server = start(dir.path(), &[]);
    let (_, page) = get(server.port, "/tokorozawa/school/friends/");
    assert!(
        page.contains("{辛|つら}") || page.contains("<rt>つら</rt>"),
        "still annotated: {page}"
    );
    assert!(!page.contains("data-uncertain"), "{page}");
    drop(server);
    let out = dir.path().join("out");
    build_ok(dir.path(), &out);
    for (path, bytes) in snapshot(&out) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("data-uncertain"),
            "{path}"
        );
    }
}
