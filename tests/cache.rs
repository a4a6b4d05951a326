//! The build cache (`.site.tsunagi-cache/` beside the output folder), through the real binary:
//! whatever was taken over from the previous build, the site is byte for byte the site a build
//! without the cache makes, and every kind of change (content, data, templates, lexicons, the
//! date, the tool itself, the output edited by hand) renders again what it affects.

mod common;

use std::path::Path;

use common::{append, example_copy, run, snapshot, tsunagi, write};

/// `tsunagi build` of `root` on 2026-11-28 unless `extra` gives another `--today`; (exit code,
/// stderr).
fn build(root: &Path, extra: &[&str]) -> (Option<i32>, String) {
    let mut cmd = tsunagi();
    cmd.arg("build").arg("--root").arg(root).args(extra);
    if !extra.contains(&"--today") {
        cmd.args(["--today", "2026-11-28"]);
    }
    let (o, err) = run(&mut cmd);
    (o.status.code(), err)
}

/// Builds with the cache; returns (pages taken over, HTML pages) from `--timings`.
fn cached_build(root: &Path, extra: &[&str]) -> (usize, usize) {
    let mut args = vec!["--timings"];
    args.extend_from_slice(extra);
    let (code, err) = build(root, &args);
    assert_eq!(code, Some(0), "{err}");
    let line = err
        .lines()
        .find_map(|l| l.strip_prefix("cache: "))
        .unwrap_or_else(|| panic!("no cache line in: {err}"));
    // "R of P pages taken from the previous build; …"
    let numbers: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    (numbers[0], numbers[1])
}

/// The site `root` builds without any cache, into a folder of its own.
fn cold(root: &Path, extra: &[&str]) -> std::collections::BTreeMap<String, Vec<u8>> {
    let out = root.join("cold");
    let mut args = vec!["--no-cache", "--out", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let (code, err) = build(root, &args);
    assert_eq!(code, Some(0), "{err}");
    let files = snapshot(&out);
    std::fs::remove_dir_all(&out).unwrap();
    files
}

/// Asserts that the site in `root/site` is what a build without the cache makes.
fn assert_as_cold(root: &Path, extra: &[&str], what: &str) {
    let site = snapshot(&root.join("site"));
    let fresh = cold(root, extra);
    let differ: Vec<&String> = fresh
        .keys()
        .chain(site.keys())
        .filter(|k| site.get(*k) != fresh.get(*k))
        .collect();
    assert!(differ.is_empty(), "after {what}, files differ: {differ:?}");
}

/// Pages of one municipality's site (HTML files under `slug/`).
fn pages_of(root: &Path, slug: &str) -> usize {
    snapshot(&root.join("site").join(slug))
        .keys()
        .filter(|k| k.ends_with(".html"))
        .count()
}

#[test]
fn every_kind_of_change_renders_what_it_affects_and_gives_the_bytes_of_a_cold_build() {
    let dir = example_copy();
    let root = dir.path();
    // Hanno reads 窓口 from its own lexicon, to be changed later.
    write(
        root,
        "content/municipalities/hanno/readings.csv",
        "窓口,まどぐち\n",
    );
    let town = "content/municipalities/hanno/municipality.toml";
    let toml = std::fs::read_to_string(root.join(town)).unwrap();
    write(
        root,
        town,
        &toml.replacen("code = ", "lexicon = \"readings.csv\"\ncode = ", 1),
    );

    let (reused, pages) = cached_build(root, &[]);
    assert_eq!(reused, 0, "nothing to take over at first");
    assert!(pages > 100, "{pages}");
    let hanno = pages_of(root, "hanno");

    let (reused, again) = cached_build(root, &[]);
    assert_eq!((reused, again), (pages, pages), "nothing changed");
    assert_as_cold(root, &[], "a build with nothing changed");

    // A shared page's body: that page in each of the 5 towns.
    append(root, "content/stress/coping.md", "\n追記した段落です。\n");
    let (reused, _) = cached_build(root, &[]);
    assert_eq!(reused, pages - 5, "one shared page's body");
    assert_as_cold(root, &[], "a shared page's body");
    assert!(
        std::fs::read_to_string(root.join("site/hanno/stress/coping/index.html"))
            .unwrap()
            .contains("追記した段落です。")
    );

    // A shared page's title shows in navigation and listings of every town: all again.
    let page = std::fs::read_to_string(root.join("content/stress/coping.md")).unwrap();
    let title = page.lines().find(|l| l.starts_with("title")).unwrap();
    write(
        root,
        "content/stress/coping.md",
        &page.replacen(title, "title = \"ストレスへの対処（改）\"", 1),
    );
    let (reused, _) = cached_build(root, &[]);
    assert_eq!(reused, 0, "a title other pages show");
    assert_as_cold(root, &[], "a shared page's title");

    // A municipality's data: that town's pages and the list of towns.
    let toml = std::fs::read_to_string(root.join(town)).unwrap();
    write(
        root,
        town,
        &toml.replacen("応じる窓口の例です。", "応じる窓口の例です（更新）。", 1),
    );
    let (reused, _) = cached_build(root, &[]);
    assert_eq!(reused, pages - hanno - 1, "one town's data");
    assert_as_cold(root, &[], "a town's data");

    // A municipality's lexicon: the new reading is on its pupils' pages (at their grade only 窓
    // gets a reading, so the entry changes 窓's: そう, not まど).
    write(
        root,
        "content/municipalities/hanno/readings.csv",
        "窓口,そうこう\n",
    );
    let (reused, _) = cached_build(root, &[]);
    assert_eq!(reused, pages - hanno - 1, "one town's lexicon");
    assert_as_cold(root, &[], "a town's lexicon");
    assert!(
        std::fs::read_to_string(root.join("site/hanno/school/sos/index.html"))
            .unwrap()
            .contains("<ruby>窓<rp>(</rp><rt>そう</rt>")
    );

    // A template: everything.
    append(
        root,
        "themes/default/templates/base.html",
        "\n{# a comment changes the template, not its output #}\n",
    );
    let (reused, _) = cached_build(root, &[]);
    assert_eq!(reused, 0, "a template");
    assert_as_cold(root, &[], "a template");

    // Another date (holidays, what is open): everything.
    let (reused, _) = cached_build(root, &["--today", "2026-12-31"]);
    assert_eq!(reused, 0, "another date");
    assert_as_cold(root, &["--today", "2026-12-31"], "another date");
    cached_build(root, &[]);

    // A file of the output changed by hand is written again, the others taken over.
    let edited = root.join("site/iruma/stress/index.html");
    std::fs::write(&edited, b"<p>edited by hand</p>").unwrap();
    let (reused, _) = cached_build(root, &[]);
    assert_eq!(reused, pages - 1, "an output file edited by hand");
    assert_as_cold(root, &[], "an output file edited by hand");

    // Another tsunagi (another version or build of the tool): nothing is taken over.
    let manifest = root.join(".site.tsunagi-cache/manifest.json");
    let text = std::fs::read_to_string(&manifest).unwrap();
    let tool = text
        .split("\"tool\":\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    std::fs::write(&manifest, text.replace(tool, "tsunagi 0.0.1 older")).unwrap();
    let (reused, _) = cached_build(root, &[]);
    assert_eq!(reused, 0, "a cache from another tsunagi");
    assert_as_cold(root, &[], "a cache from another tsunagi");

    // A cache that is not JSON at all is ignored, not an error.
    std::fs::write(&manifest, b"\x00garbage").unwrap();
    let (reused, _) = cached_build(root, &[]);
    assert_eq!(reused, 0, "a garbled cache");
    assert_as_cold(root, &[], "a garbled cache");
}

#[test]
fn a_change_of_template_needs_no_dictionary_analysis_again() {
    let dir = example_copy();
    let root = dir.path();
    build(root, &[]);
    append(
        root,
        "themes/default/templates/base.html",
        "\n{# changed #}\n",
    );
    let (code, err) = build(root, &["--timings"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("; 0 texts newly analysed for furigana"),
        "every text was analysed before: {err}"
    );
    // A new sentence on a pupils' page is analysed, and only it.
    append(
        root,
        "content/school/sos.md",
        "\n新しい一文を足しました。\n",
    );
    let (code, err) = build(root, &["--timings"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("; 1 texts newly analysed"), "{err}");
    assert_as_cold(root, &[], "a new sentence on a pupils' page");
}

#[test]
fn a_build_that_fails_while_streaming_leaves_the_site_and_its_cache_as_they_were() {
    let dir = example_copy();
    let root = dir.path();
    let (code, err) = build(root, &[]);
    assert_eq!(code, Some(0), "{err}");
    let site = snapshot(&root.join("site"));
    let cache = snapshot(&root.join(".site.tsunagi-cache"));
    // Every town renders, then one fails at its end (a file in its folder would replace the
    // 404 page tsunagi writes): the others have been written to the staging folder by then.
    append(
        root,
        "content/stress/coping.md",
        "\n失敗するビルドの前の追記。\n",
    );
    write(
        root,
        "content/municipalities/tokorozawa/404.html",
        "<p>x</p>",
    );
    let (code, err) = build(root, &[]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("404.html"), "{err}");
    assert_eq!(snapshot(&root.join("site")), site, "the site is untouched");
    assert_eq!(
        snapshot(&root.join(".site.tsunagi-cache")),
        cache,
        "the cache is untouched"
    );
    let leftovers: Vec<_> = std::fs::read_dir(root)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.contains("tsunagi-new") || n.contains("tsunagi-old"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // Fixed, the next build takes over what it can and is right.
    std::fs::remove_file(root.join("content/municipalities/tokorozawa/404.html")).unwrap();
    let (reused, pages) = cached_build(root, &[]);
    assert_eq!(reused, pages - 5);
    assert_as_cold(root, &[], "the fix");
}

#[test]
fn only_some_towns_keep_the_cache_of_the_others() {
    let dir = example_copy();
    let root = dir.path();
    let (_, pages) = cached_build(root, &[]);
    append(root, "content/stress/coping.md", "\n追記。\n");
    let (reused, built) = cached_build(root, &["--only", "hanno"]);
    assert_eq!(reused, built - 1, "hanno's copy of the page");
    // The other towns were carried over as they were (the page is old there): the next full
    // build renders the page in those four towns only.
    let (reused, _) = cached_build(root, &[]);
    assert_eq!(reused, pages - 4);
    assert_as_cold(root, &[], "--only, then everything");
}
