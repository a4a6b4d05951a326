//! Helpers for tests that run the real `tsunagi` binary on real projects.
#![allow(dead_code, reason = "each test file uses a different subset")]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root (the example project).
pub(crate) fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A `tsunagi` command with a scrubbed environment.
pub(crate) fn tsunagi() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_tsunagi"));
    c.env_clear();
    c.env("PATH", std::env::var_os("PATH").unwrap_or_default());
    c
}

/// Runs and returns the output, with stderr as a string.
pub(crate) fn run(cmd: &mut Command) -> (Output, String) {
    let out = cmd.output().expect("the tsunagi binary runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out, stderr)
}

/// Builds `root` into `out`; panics with stderr on failure.
pub(crate) fn build_ok(root: &Path, out: &Path) {
    let (o, err) = run(tsunagi()
        .arg("build")
        .arg("--root")
        .arg(root)
        .arg("--out")
        .arg(out));
    assert!(o.status.success(), "build failed: {err}");
}

/// Copies the example project (config, content, themes) into a fresh temporary folder.
pub(crate) fn example_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(repo().join("tsunagi.toml"), dir.path().join("tsunagi.toml")).unwrap();
    for sub in ["content", "themes"] {
        copy_dir(&repo().join(sub), &dir.path().join(sub));
    }
    dir
}

pub(crate) fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// Every file below `dir`, relative path → bytes.
pub(crate) fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// A file of a built site as text.
pub(crate) fn read(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// A page of a built site as the minifier writes a whole page (attributes unquoted, no space
/// between blocks): tsunagi leaves a page's body as rendered, and minifying the page again gives
/// exactly these bytes. For tests about what a page says, not how its bytes are laid out.
pub(crate) fn read_minified(dir: &Path, rel: &str) -> String {
    minified(&read(dir, rel))
}

/// `html` minified whole (see [`read_minified`]).
pub(crate) fn minified(html: &str) -> String {
    String::from_utf8(tsunagi::render::finish_html(html, true)).unwrap()
}

/// The starter project's municipality file.
pub(crate) const TOWN: &str = "content/municipalities/example/municipality.toml";

/// A fresh `tsunagi new` project in a temporary folder; the project is `dir/p`.
pub(crate) fn starter() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p");
    let (o, err) = run(tsunagi().arg("new").arg(&root));
    assert!(o.status.success(), "{err}");
    (dir, root)
}

/// Writes `text` to `rel` below `root`, creating folders.
pub(crate) fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Adds `text` at the end of `rel` below `root`.
pub(crate) fn append(root: &Path, rel: &str, text: &str) {
    let old = std::fs::read_to_string(root.join(rel)).unwrap();
    write(root, rel, &format!("{old}{text}"));
}

/// `tsunagi build` of `root` with a fixed date; (exit code, stderr).
pub(crate) fn build(root: &Path, extra: &[&str]) -> (Option<i32>, String) {
    let (o, err) = run(tsunagi()
        .arg("build")
        .arg("--root")
        .arg(root)
        .args(["--today", "2026-11-28"])
        .args(extra));
    (o.status.code(), err)
}

/// Builds `root` and expects a refusal: exit 1, a hint, no panic, and nothing written.
pub(crate) fn build_fails(root: &Path) -> String {
    let (code, err) = build(root, &[]);
    assert_eq!(code, Some(1), "the build must fail: {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.contains("hint: "), "{err}");
    assert!(
        !root.join("site").exists(),
        "a failed build writes nothing: {err}"
    );
    err
}

/// `tsunagi` with `args`, `input` on stdin (written from another thread, so a large input
/// cannot deadlock against the output).
pub(crate) fn with_stdin(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = tsunagi()
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the tsunagi binary runs");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    out
}

/// What the QR codes tsunagi draws in `html` say (each `<svg>` named …QRコード: its second path
/// is horizontal strokes, `M x y.5 h len` then `m gap 0 h len`), read by an independent decoder
/// (rqrr) from a bitmap of four pixels a module, as a camera would see it: `(aria-label,
/// content)` each, or an error for a code that does not read.
pub(crate) fn qr_codes(html: &str) -> Vec<(String, Result<String, String>)> {
    let tags: Vec<_> = tsunagi::html::tags(html).collect();
    let mut out = Vec::new();
    for (i, tag) in tags.iter().enumerate() {
        let label = match tag.attr("aria-label") {
            Some(l) if tag.name == "svg" && !tag.closing && l.contains("QRコード") => l,
            _ => continue,
        };
        let size = tag
            .attr("viewBox")
            .and_then(|v| v.split(' ').nth(2))
            .and_then(|n| n.parse().ok());
        let strokes = tags[i + 1..]
            .iter()
            .filter(|t| t.name == "path")
            .nth(1)
            .and_then(|t| t.attr("d"));
        let content = match (size, strokes) {
            (Some(n), Some(d)) => read_qr(n, d),
            _ => Err("not a QR code drawing".to_string()),
        };
        out.push((label.to_string(), content));
    }
    out
}

fn read_qr(n: usize, d: &str) -> Result<String, String> {
    let mut grid = vec![vec![false; n]; n];
    let (mut x, mut y) = (0usize, 0usize);
    let mut rest = d;
    while let Some(command) = rest.chars().next() {
        let end = rest[1..]
            .find(['M', 'm', 'h'])
            .map_or(rest.len(), |i| i + 1);
        let args: Vec<f64> = rest[1..end]
            .split(' ')
            .map(|a| a.parse().map_err(|_| format!("bad number {a}")))
            .collect::<Result<_, _>>()?;
        match command {
            'M' => (x, y) = (args[0] as usize, args[1] as usize),
            'm' => x += args[0] as usize,
            _ => {
                for module in grid[y].iter_mut().skip(x).take(args[0] as usize) {
                    *module = true;
                }
                x += args[0] as usize;
            }
        }
        rest = &rest[end..];
    }
    let scale = 4;
    let mut image = rqrr::PreparedImage::prepare_from_bitmap(n * scale, n * scale, |x, y| {
        grid[y / scale][x / scale]
    });
    let grids = image.detect_grids();
    if grids.len() != 1 {
        return Err(format!("{} codes found", grids.len()));
    }
    grids[0]
        .decode()
        .map(|(_, content)| content)
        .map_err(|e| e.to_string())
}
