//! `tsunagi check` as a reviewer uses it: the real binary on a fixture project with one
//! deliberate mistake per rule (tests/check/fixture, expected findings in expected.json), on
//! the example (which must pass with --deny warnings), and on small changes of the example for
//! the exit codes, the output formats, levels in tsunagi.toml and exemption comments.

mod common;

use std::path::{Path, PathBuf};

use common::*;

fn fixture() -> PathBuf {
    repo().join("tests/check/fixture")
}

/// `tsunagi check` of `root` with a fixed date: (exit code, stdout, stderr).
fn check(root: &Path, extra: &[&str]) -> (Option<i32>, String, String) {
    let (out, err) = run(tsunagi()
        .arg("check")
        .arg("--root")
        .arg(root)
        .args(["--today", "2026-11-28"])
        .args(extra));
    assert!(!err.contains("panicked"), "{err}");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        err,
    )
}

/// (rule, file, line) of each finding of a JSON report.
fn summary(json: &str) -> Vec<(String, String, Option<u64>)> {
    let list: serde_json::Value =
        serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"));
    list.as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["file"].as_str().unwrap_or_default().to_string(),
                f["line"].as_u64(),
            )
        })
        .collect()
}

#[test]
fn the_fixture_gives_exactly_one_finding_of_each_rule() {
    let (code, out, err) = check(&fixture(), &["--production", "--format", "json"]);
    assert_eq!(code, Some(1), "errors were found: {err}");
    let found = summary(&out);
    let expected = summary(&std::fs::read_to_string(fixture().join("expected.json")).unwrap());
    assert_eq!(found, expected, "{out}");
    // Every field of a finding is there.
    let list: serde_json::Value = serde_json::from_str(&out).unwrap();
    for f in list.as_array().unwrap() {
        for key in [
            "file",
            "line",
            "column",
            "severity",
            "rule",
            "message",
            "municipality",
        ] {
            assert!(f.get(key).is_some(), "{key} in {f}");
        }
        assert!(
            matches!(f["severity"].as_str(), Some("error" | "warning" | "note")),
            "{f}"
        );
    }
    // One finding per rule, and every rule of `--explain` has one: a new rule needs its
    // instance in the fixture.
    let (code, listed, _) = check(&fixture(), &["--explain"]);
    assert_eq!(code, Some(0));
    let mut rules: Vec<&str> = listed
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    rules.sort_unstable();
    let mut seen: Vec<&str> = found.iter().map(|(r, _, _)| r.as_str()).collect();
    seen.sort_unstable();
    assert_eq!(seen, rules);
}

/// On the real date, on purpose: once a bundled national line (`src/data/help-lines.toml`) was
/// last checked more than 12 months ago, `help-line-checked` makes this fail, and the lines must
/// be checked again against their sources.
#[test]
fn the_example_passes_with_warnings_denied() {
    let (code, out, err) = check(&repo(), &["--deny", "warnings"]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert_eq!(out, "", "no findings");
    assert!(err.contains("nothing to fix"), "{err}");
    let (code, out, _) = check(&repo(), &["--format", "json"]);
    assert_eq!((code, out.trim()), (Some(0), "[]"));
    // Its example windows, contacts and events, and its starter text that no professional has
    // checked (no `review`), are what --production is for: nothing else.
    let (code, out, _) = check(&repo(), &["--production", "--format", "json"]);
    assert_eq!(code, Some(1));
    let found = summary(&out);
    assert!(
        found
            .iter()
            .all(|(rule, _, _)| rule == "example-data" || rule == "review-missing"),
        "{out}"
    );
    // Every page on a topic is listed: none of the shipped text claims a review.
    let pages_with_topics = walkdir::WalkDir::new(repo().join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .filter(|e| {
            std::fs::read_to_string(e.path())
                .unwrap()
                .lines()
                .any(|l| l.starts_with("topics = ["))
        })
        .count();
    let unreviewed = found
        .iter()
        .filter(|(r, _, _)| r == "review-missing")
        .count();
    assert_eq!(unreviewed, pages_with_topics, "{out}");
}

#[test]
fn production_finds_example_data_left_once_the_example_mark_is_gone() {
    // A clerk deletes every `example = true` of a town but forgets the rest.
    let dir = example_copy();
    let file = dir
        .path()
        .join("content/municipalities/hanno/municipality.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    let text = text.replace("example = true\n", "");
    let text = text.replace(
        "[contact]\nname = \"埼玉県狭山保健所\"\n",
        "[contact]\nname = \"埼玉県狭山保健所\"\nemail = \"kokoro@example.jp\"\n",
    );
    std::fs::write(&file, &text).unwrap();
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() as u64 + 1;
    let (code, out, _) = check(
        dir.path(),
        &["--production", "--only", "hanno", "--format", "json"],
    );
    assert_eq!(code, Some(1));
    let found: Vec<_> = summary(&out)
        .into_iter()
        .filter(|(rule, _, _)| rule != "review-missing")
        .collect();
    let town = "content/municipalities/hanno/municipality.toml".to_string();
    let at = |rule: &str, file: &str, line: u64| (rule.to_string(), file.to_string(), Some(line));
    // The site's address, from tsunagi.toml (https://kokoro.example.jp/{slug}/).
    assert!(
        found.contains(&at("example-data", "tsunagi.toml", 5)),
        "{out}"
    );
    // The contact's address, a window named （例）, and a window nobody can reach.
    assert!(
        found.contains(&at("example-data", &town, line_of("kokoro@example.jp"))),
        "{out}"
    );
    assert!(
        found.contains(&at(
            "example-data",
            &town,
            line_of("こころの健康相談（例）")
        )),
        "{out}"
    );
    assert!(
        found.contains(&at(
            "window-unreachable",
            &town,
            line_of("こころの健康相談（例）")
        )),
        "{out}"
    );
    // Without --production, an unreachable window is a warning and the rest is not looked for.
    let (_, out, _) = check(dir.path(), &["--only", "hanno", "--format", "json"]);
    let found = summary(&out);
    assert!(
        found
            .iter()
            .any(|(rule, _, _)| rule == "window-unreachable"),
        "{out}"
    );
    assert!(
        !found.iter().any(|(rule, _, _)| rule == "example-data"),
        "{out}"
    );
}

#[test]
fn a_review_date_without_who_is_refused_and_a_review_shows_who_and_when() {
    let dir = example_copy();
    let root = dir.path();
    let page = root.join("content/stress/sleep.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(
        &page,
        text.replacen("+++\n", "+++\nreviewed = 2026-04-01\n", 1),
    )
    .unwrap();
    let (code, err) = build(root, &[]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("content/stress/sleep.md:2:1: `reviewed` says when but not who"),
        "{err}"
    );
    // With who and when, the page says so, and no longer says it has not been checked.
    std::fs::write(
        &page,
        text.replacen(
            "+++\n",
            "+++\nreview = { date = 2026-11-20, by = \"狭山保健所 保健師\" }\n",
            1,
        ),
    )
    .unwrap();
    let (code, err) = build(root, &[]);
    assert_eq!(code, Some(0), "{err}");
    let html = read(&root.join("site"), "sayama/stress/sleep/index.html");
    assert!(html.contains("最終確認："), "{html}");
    assert!(
        html.contains("2026年11月20日</time>、狭山保健所 保健師"),
        "{html}"
    );
    assert!(!html.contains("確認を受ける前の文章"));
    let other = read(&root.join("site"), "sayama/stress/coping/index.html");
    assert!(
        other.contains("確認を受ける前の文章"),
        "an unchecked page says so"
    );
}

/// A copy of the example with one warning: a link whose text is 「こちら」.
fn example_with_a_vague_link() -> tempfile::TempDir {
    let dir = example_copy();
    append(
        dir.path(),
        "content/stress/sleep.md",
        "\n相談先は[こちら](@/consult/_index.md)です。\n",
    );
    dir
}

#[test]
fn findings_read_file_line_column_severity_rule_and_message() {
    let dir = example_with_a_vague_link();
    let root = dir.path();
    let (code, out, err) = check(root, &[]);
    assert_eq!(code, Some(0), "warnings alone pass: {out}{err}");
    let first = out.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("content/stress/sleep.md:")
            && first.contains(": warning[vague-link-text]: the link text 「こちら」"),
        "{out}"
    );
    assert!(
        out.lines()
            .nth(1)
            .unwrap_or_default()
            .starts_with("  hint: "),
        "{out}"
    );
    let (code, _, _) = check(root, &["--deny", "warnings"]);
    assert_eq!(code, Some(1), "--deny warnings fails on a warning");
    // In Japanese.
    let (_, out, err) = check(root, &["--lang", "ja"]);
    assert!(
        out.contains(": 警告[vague-link-text]: リンクの文字「こちら」"),
        "{out}"
    );
    assert!(err.contains("警告 1 件"), "{err}");
}

#[test]
fn rules_are_relevelled_in_tsunagi_toml_and_lines_exempted_by_a_comment() {
    let dir = example_with_a_vague_link();
    let root = dir.path();
    append(
        root,
        "tsunagi.toml",
        "\n[check.rules]\nvague-link-text = \"off\"\n",
    );
    let (code, out, _) = check(root, &["--deny", "warnings"]);
    assert_eq!((code, out.as_str()), (Some(0), ""), "switched off");

    let config = std::fs::read_to_string(root.join("tsunagi.toml")).unwrap();
    write(
        root,
        "tsunagi.toml",
        &config.replace("\"off\"", "\"error\""),
    );
    let (code, out, _) = check(root, &[]);
    assert_eq!(code, Some(1), "raised to an error: {out}");
    assert!(out.contains("error[vague-link-text]"), "{out}");
    // An error-level rule stops the build too, and the last good site stays.
    let out_dir = root.join("site");
    std::fs::create_dir_all(&out_dir).unwrap();
    let (code, err) = build(root, &[]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("こちら"), "{err}");

    // One line exempted, with the reason.
    let page = std::fs::read_to_string(root.join("content/stress/sleep.md")).unwrap();
    write(
        root,
        "content/stress/sleep.md",
        &page.replace(
            "\n相談先は[こちら]",
            "\n<!-- tsunagi:allow vague-link-text ― 見本のために残しています -->\n相談先は[こちら]",
        ),
    );
    let (code, out, _) = check(root, &[]);
    assert_eq!((code, out.as_str()), (Some(0), ""));

    // A rule that does not exist, or a level that is not one: a configuration error.
    write(
        root,
        "tsunagi.toml",
        &config.replace("vague-link-text = \"off\"", "vague-link-txt = \"off\""),
    );
    let (code, _, err) = check(root, &[]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("vague-link-txt") && err.contains("vague-link-text"),
        "did you mean: {err}"
    );
    write(root, "tsunagi.toml", &config.replace("\"off\"", "\"loud\""));
    let (code, _, err) = check(root, &[]);
    assert_eq!(code, Some(2), "{err}");
    // A build error that would make the site wrong cannot be lowered.
    write(
        root,
        "tsunagi.toml",
        &config.replace("vague-link-text = \"off\"", "broken-link = \"warning\""),
    );
    let (code, _, err) = check(root, &[]);
    assert_eq!(code, Some(2), "{err}");
}

#[test]
fn a_page_on_suicide_without_help_stops_the_build() {
    let dir = example_copy();
    let root = dir.path();
    write(
        root,
        "content/stress/kotoba.md",
        "+++\ntitle = \"ことば\"\ndescription = \"d\"\n+++\n自殺を考えるほどつらいときがあります。\n",
    );
    let err = build_fails(root);
    assert!(
        err.contains("content/stress/kotoba.md:5:1") && err.contains("自殺"),
        "{err}"
    );
    let (code, out, _) = check(root, &[]);
    assert_eq!(code, Some(1));
    assert!(out.contains("error[suicide-help-missing]"), "{out}");
}

#[test]
fn explain_says_what_a_rule_looks_for_and_wrong_arguments_are_usage_errors() {
    let (code, out, _) = check(&repo(), &["--explain", "crisis-line-near"]);
    assert_eq!(code, Some(0));
    assert!(
        out.starts_with("crisis-line-near [safe-messaging] (warning)"),
        "{out}"
    );
    assert!(out.contains("crisis_line"), "{out}");
    let (code, out, _) = check(&repo(), &["--explain", "crisis-line-near", "--lang", "ja"]);
    assert_eq!(code, Some(0));
    assert!(out.contains("すぐそば"), "{out}");
    let (code, _, err) = check(&repo(), &["--explain", "crisis-line"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("crisis-line-near"), "did you mean: {err}");
    let (code, _, err) = check(&repo(), &["--only", "nowhere"]);
    assert_eq!(code, Some(2), "{err}");
    let (code, _, _) = check(&repo(), &["--format", "xml"]);
    assert_eq!(code, Some(2));
}

/// Every rule name a finding prints (`error[example-data]`) has its heading in the guide's list
/// (`docs/errors.md`), under the same name.
#[test]
fn every_rule_printed_has_its_heading_in_the_guide() {
    let (_, out, _) = check(&fixture(), &["--production", "--format", "json"]);
    let guide = std::fs::read_to_string(repo().join("docs/errors.md")).unwrap();
    let printed: std::collections::BTreeSet<String> =
        summary(&out).into_iter().map(|(rule, _, _)| rule).collect();
    assert!(printed.len() >= 30, "{out}");
    for rule in &printed {
        assert!(
            guide.contains(&format!("\n### `[{rule}]`\n")),
            "docs/errors.md has no heading for [{rule}]"
        );
    }
}

#[test]
fn the_readme_documents_every_rule_with_an_example() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let table: Vec<&str> = readme
        .lines()
        .skip_while(|l| !l.starts_with("## Review"))
        .skip(1)
        .take_while(|l| !l.starts_with("## "))
        .filter(|l| l.starts_with("| `"))
        .collect();
    let (_, listed, _) = check(&repo(), &["--explain"]);
    let rules: Vec<&str> = listed
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(rules.len() >= 30, "{listed}");
    for rule in &rules {
        let row = table
            .iter()
            .find(|l| l.starts_with(&format!("| `{rule}` |")))
            .unwrap_or_else(|| panic!("README has no row for `{rule}`"));
        let example = row.rsplit('|').nth(1).unwrap_or_default().trim();
        assert!(!example.is_empty(), "`{rule}` has no example: {row}");
    }
    assert_eq!(table.len(), rules.len(), "a row for each rule, no other");
}

#[test]
fn the_builds_own_warnings_follow_the_levels_too() {
    let (dir, root) = starter();
    let (code, err) = build(&root, &[]);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("has no contact"), "{err}");
    append(
        &root,
        "tsunagi.toml",
        "\n[check.rules]\nmissing-contact = \"off\"\n",
    );
    let (code, err) = build(&root, &[]);
    assert_eq!(code, Some(0), "{err}");
    assert!(!err.contains("has no contact"), "switched off: {err}");
    let config = std::fs::read_to_string(root.join("tsunagi.toml")).unwrap();
    write(
        &root,
        "tsunagi.toml",
        &config.replace("\"off\"", "\"error\""),
    );
    let (code, err) = build(&root, &[]);
    assert_eq!(code, Some(1), "raised to an error: {err}");
    assert!(err.contains("has no contact"), "{err}");
    drop(dir);
}
