//! Every kind of user error is reported with file, line (when known) and a hint, exits 1,
//! never panics, and leaves the previous good site exactly as it was. Command-line mistakes,
//! `--out` mistakes and data warnings, whose whole answer is a message, are cases in
//! `tests/cases/` (tests/cases.rs).

mod common;

use std::path::Path;

use common::*;

/// A fresh `tsunagi new` project, built once.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p");
    let (o, err) = run(tsunagi().arg("new").arg(&root));
    assert!(o.status.success(), "{err}");
    build_ok(&root, &root.join("site"));
    dir
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Applies `mutate`, builds, and checks the error and that `site/` did not change.
fn assert_fails(mutate: impl FnOnce(&Path), expect_location: &str, expect_message: &str) {
    let dir = project();
    let root = dir.path().join("p");
    let before = snapshot(&root.join("site"));
    mutate(&root);
    let (o, err) = run(tsunagi().arg("build").arg("--root").arg(&root));
    assert_eq!(o.status.code(), Some(1), "exit code; stderr: {err}");
    assert!(err.starts_with("error: "), "{err}");
    assert!(
        err.contains(expect_location),
        "expected location `{expect_location}` in: {err}"
    );
    assert!(
        err.contains(expect_message),
        "expected `{expect_message}` in: {err}"
    );
    assert!(err.contains("hint: "), "a hint: {err}");
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "{err}"
    );
    assert_eq!(
        snapshot(&root.join("site")),
        before,
        "the previous site must stay as it was"
    );
    // The same mistake under a Japanese locale: the same places, said in Japanese.
    let (o, ja) = run(tsunagi()
        .env("LANG", "ja_JP.UTF-8")
        .arg("build")
        .arg("--root")
        .arg(&root));
    assert_eq!(o.status.code(), Some(1), "exit code; stderr: {ja}");
    assert_japanese_like(&err, &ja);
    assert!(ja.contains(expect_location), "{expect_location} in: {ja}");
}

/// `ja` says what `en` says, in Japanese: as many errors, each at the same file:line:col, each
/// message and hint with Japanese words, and no English label left.
fn assert_japanese_like(en: &str, ja: &str) {
    let located = |text: &str, label: &str| -> Vec<String> {
        text.lines()
            .filter_map(|l| l.strip_prefix(label))
            .map(|l| l.split(": ").next().unwrap_or_default().to_string())
            .collect()
    };
    assert_eq!(
        located(en, "error: "),
        located(ja, "エラー: "),
        "the same places, in the same order:\n{en}\n---\n{ja}"
    );
    assert!(!ja.contains("error:") && !ja.contains("hint:"), "{ja}");
    let japanese = |s: &str| s.chars().any(|c| matches!(c, '\u{3041}'..='\u{30FF}'));
    for line in ja.lines() {
        if let Some(rest) = line
            .strip_prefix("エラー: ")
            .or_else(|| line.trim_start().strip_prefix("対処: "))
        {
            assert!(japanese(rest), "not Japanese: {line}\nin: {ja}");
        }
    }
    assert_eq!(
        en.matches("hint: ").count(),
        ja.matches("対処: ").count(),
        "{ja}"
    );
}

#[test]
fn new_project_builds_and_has_the_expected_pages() {
    let dir = project();
    let site = dir.path().join("p/site");
    for f in [
        "index.html",
        "example/index.html",
        "example/stress/sleep/index.html",
        "example/about/index.html",
    ] {
        assert!(site.join(f).is_file(), "{f}");
    }
    assert!(read(&site, "example/index.html").contains("〇〇市の「こころの健康」のページです。"));
    // `new` refuses a folder that is not empty.
    let (o, err) = run(tsunagi().arg("new").arg(dir.path().join("p")));
    assert_eq!(o.status.code(), Some(1));
    assert!(err.contains("not empty"), "{err}");
}

#[test]
fn bad_toml_in_config() {
    assert_fails(
        |r| write(r, "tsunagi.toml", "title = \"x\"\nbase_url = \n"),
        "tsunagi.toml:2:",
        "",
    );
}

#[test]
fn unknown_front_matter_key() {
    assert_fails(
        |r| {
            write(
                r,
                "content/stress/sleep.md",
                "+++\ntitle = \"a\"\ntitel = \"b\"\n+++\n本文\n",
            );
        },
        "content/stress/sleep.md:3:1",
        "titel",
    );
}

#[test]
fn template_error_in_a_project_override() {
    assert_fails(
        |r| {
            write(
                r,
                "themes/default/templates/page.html",
                "{% extends \"base.html\" %}\n{% block main %}{{ page.title }\n{% endblock main %}\n",
            );
        },
        "themes/default/templates/page.html:2:31",
        "template syntax error",
    );
}

#[test]
fn template_runtime_error_names_the_template() {
    assert_fails(
        |r| {
            write(
                r,
                "themes/default/templates/page.html",
                "{% extends \"base.html\" %}\n{% block main %}{{ page.no_such_field }}{% endblock main %}\n",
            );
        },
        "content/",
        "no_such_field",
    );
}

#[test]
fn missing_municipality_field() {
    assert_fails(
        |r| {
            let p = r.join("content/municipalities/example/municipality.toml");
            let t = std::fs::read_to_string(&p)
                .unwrap()
                .replace("health_center = \"〇〇保健所\"\n", "");
            std::fs::write(p, t).unwrap();
        },
        "content/municipalities/example/municipality.toml",
        "health_center",
    );
}

#[test]
fn invalid_utf8() {
    assert_fails(
        |r| {
            std::fs::write(
                r.join("content/stress/sleep.md"),
                b"+++\ntitle = \"a\"\n+++\n\x93\xfa\x96\x7b\n",
            )
            .unwrap();
        },
        "content/stress/sleep.md:4:1",
        "not valid UTF-8",
    );
}

#[test]
fn slug_escaping_the_output() {
    assert_fails(
        |r| {
            write(
                r,
                "content/stress/sleep.md",
                "+++\ntitle = \"a\"\nslug = \"../../../etc\"\n+++\n",
            );
        },
        "content/stress/sleep.md:3",
        "would leave its folder",
    );
}

#[test]
fn broken_internal_link_and_anchor() {
    assert_fails(
        |r| {
            write(
                r,
                "content/stress/sleep.md",
                "+++\ntitle = \"a\"\n+++\n\n一行目\n[x](@/stress/nothing.md)\n",
            );
        },
        "content/stress/sleep.md:6:1",
        "broken internal link `@/stress/nothing.md`",
    );
    assert_fails(
        |r| {
            write(
                r,
                "content/stress/sleep.md",
                "+++\ntitle = \"a\"\n+++\n[x](@/consult/_index.md#なし)\n",
            );
        },
        "content/stress/sleep.md:4:1",
        "broken anchor `#なし`",
    );
}

#[test]
fn unknown_shortcode_and_argument() {
    assert_fails(
        |r| {
            write(
                r,
                "content/stress/sleep.md",
                "+++\ntitle = \"a\"\n+++\n\n前 {{ nosuch() }}\n",
            );
        },
        "content/stress/sleep.md:5:3",
        "unknown shortcode `nosuch`",
    );
    assert_fails(
        |r| {
            write(
                r,
                "content/stress/sleep.md",
                "+++\ntitle = \"a\"\n+++\n{{ windows(topik=\"x\") }}\n",
            );
        },
        "content/stress/sleep.md:4:1",
        "has no argument `topik`",
    );
}

#[test]
fn malformed_ruby() {
    assert_fails(
        |r| {
            write(
                r,
                "content/stress/sleep.md",
                "+++\ntitle = \"a\"\n+++\n{東京|と|う|きょう}\n",
            );
        },
        "content/stress/sleep.md:4:1",
        "3 readings for 2 characters",
    );
}

#[test]
fn only_rebuilds_named_towns_and_keeps_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p");
    run(tsunagi().arg("new").arg(&root));
    common::copy_dir(
        &root.join("content/municipalities/example"),
        &root.join("content/municipalities/other"),
    );
    build_ok(&root, &root.join("site"));
    let other_before = snapshot(&root.join("site/other"));
    write(
        &root,
        "content/municipalities/example/about.md",
        "+++\ntitle = \"新しい題\"\n+++\n",
    );
    let (o, err) = run(tsunagi()
        .arg("build")
        .arg("--root")
        .arg(&root)
        .arg("--only")
        .arg("example"));
    assert!(o.status.success(), "{err}");
    assert!(read(&root.join("site"), "example/about/index.html").contains("新しい題"));
    assert_eq!(snapshot(&root.join("site/other")), other_before);
    let (o, err) = run(tsunagi()
        .arg("build")
        .arg("--root")
        .arg(&root)
        .arg("--only")
        .arg("nowhere"));
    assert_eq!(o.status.code(), Some(2), "a wrong command line (issue 9)");
    assert!(err.contains(": example, other"), "{err}");
}

#[test]
fn a_municipality_taken_out_of_the_project_is_taken_off_the_site() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p");
    run(tsunagi().arg("new").arg(&root));
    for town in ["other", "third"] {
        common::copy_dir(
            &root.join("content/municipalities/example"),
            &root.join(format!("content/municipalities/{town}")),
        );
    }
    build_ok(&root, &root.join("site"));
    assert!(root.join("site/other/index.html").is_file());
    // Its old pages (numbers, hours) must not stay published after a full build…
    std::fs::remove_dir_all(root.join("content/municipalities/other")).unwrap();
    build_ok(&root, &root.join("site"));
    assert!(!root.join("site/other").exists(), "a full build");
    // …nor after one with --only, which keeps the other towns that are still in the project.
    build_ok(&root, &root.join("site"));
    std::fs::remove_dir_all(root.join("content/municipalities/third")).unwrap();
    let (code, err) = build(&root, &["--only", "example"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(!root.join("site/third").exists(), "a build with --only");
    assert!(root.join("site/example/index.html").is_file());
}

#[test]
fn a_project_overrides_one_template_and_keeps_the_rest() {
    let dir = project();
    let root = dir.path().join("p");
    write(
        &root,
        "themes/default/templates/partials/toc.html",
        "<p class=\"my-toc\">目次の差し替え</p>\n",
    );
    write(&root, "themes/default/static/extra.txt", "追加のファイル\n");
    build_ok(&root, &root.join("site"));
    let page = read(&root.join("site"), "example/stress/sleep/index.html");
    assert!(page.contains("目次の差し替え"), "the override is used");
    assert!(
        page.contains("今すぐ相談したい方へ"),
        "the rest of the embedded theme is kept"
    );
    assert_eq!(
        read(&root.join("site"), "example/extra.txt"),
        "追加のファイル\n"
    );
}

#[test]
fn bad_window_and_event_data_name_the_entry_and_field() {
    let m = "content/municipalities/example/municipality.toml";
    assert_fails(
        |r| {
            let p = r.join(m);
            let t = std::fs::read_to_string(&p)
                .unwrap()
                .replace("\"08:30\"", "\"8時半\"");
            std::fs::write(p, t).unwrap();
        },
        m,
        "window `kokoro-sodan`, field `hours.periods[0].open`",
    );
    assert_fails(
        |r| {
            let p = r.join(m);
            let mut t = std::fs::read_to_string(&p).unwrap();
            t.push_str("\n[[events]]\nid = \"e1\"\ntitle = \"研修\"\nkind = \"gatekeeper-training\"\nstart = \"2026-12-05T13:30\"\nend = \"2026-12-05T12:00\"\n");
            std::fs::write(p, t).unwrap();
        },
        m,
        "event `e1`, field `end`",
    );
    assert_fails(
        |r| {
            let p = r.join(m);
            let mut t = std::fs::read_to_string(&p).unwrap();
            t.push_str("\n[[windows]]\nid = \"w2\"\nname = \"相談\"\nphones = [{ number = \"12-3456\" }]\n");
            std::fs::write(p, t).unwrap();
        },
        m,
        "window `w2`, field `phones[0].number`",
    );
}

#[test]
fn windows_shortcode_filters_by_audience() {
    let dir = project();
    let root = dir.path().join("p");
    let p = root.join("content/municipalities/example/municipality.toml");
    let mut t = std::fs::read_to_string(&p).unwrap();
    t.push_str("\n[[windows]]\nid = \"kids\"\nname = \"子どもの相談\"\naudience = [\"children\"]\nverified = \"2026-10-01\"\n");
    std::fs::write(&p, t).unwrap();
    write(
        &root,
        "content/stress/sleep.md",
        "+++\ntitle = \"a\"\n+++\n{{ windows(audience=\"families\") }}\n",
    );
    build_ok(&root, &root.join("site"));
    let html = read(&root.join("site"), "example/stress/sleep/index.html");
    assert!(
        !html.contains("子どもの相談"),
        "a window for children is not listed for families"
    );
    write(
        &root,
        "content/stress/sleep.md",
        "+++\ntitle = \"a\"\n+++\n{{ windows(audience=\"children\") }}\n",
    );
    build_ok(&root, &root.join("site"));
    assert!(read(&root.join("site"), "example/stress/sleep/index.html").contains("子どもの相談"));
}

#[test]
fn table_of_contents_shows_each_towns_words() {
    let dir = project();
    let root = dir.path().join("p");
    write(
        &root,
        "content/stress/sleep.md",
        "+++\ntitle = \"a\"\ntoc = true\n+++\n## {{ municipality_name() }}の窓口\n\n本文\n",
    );
    build_ok(&root, &root.join("site"));
    let html = read(&root.join("site"), "example/stress/sleep/index.html");
    assert!(html.contains("<a href=#の窓口>〇〇市の窓口</a>"), "{html}");
}
