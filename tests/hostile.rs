//! Hostile input (issue 10): no crash, no injection, no lost site. Each test feeds the real binary
//! a class of hostile input and checks that it is refused with the file and line, or made
//! harmless, and that nothing else is affected. Hostile input whose whole answer is a message is
//! a case in `tests/cases/hostile/` (tests/cases.rs); these tests read what a build writes.

mod common;

use std::path::Path;

use common::*;

/// Builds `root` with a fixed date and panics on failure.
fn build_ok_at(root: &Path) {
    let (o, err) = run(tsunagi()
        .arg("build")
        .arg("--root")
        .arg(root)
        .args(["--today", "2026-11-28"]));
    assert!(o.status.success(), "{err}");
}

/// The text between `<script type=application/ld+json>` and `</script>`, for every such script.
fn json_ld_scripts(html: &str) -> Vec<&str> {
    html.split("application/ld+json")
        .skip(1)
        .map(|rest| {
            // The rest of the tag (`>` or `">`, as minified or as rendered), then the script.
            let rest = &rest[rest.find('>').unwrap() + 1..];
            &rest[..rest.find("</script>").unwrap()]
        })
        .collect()
}

#[test]
fn markup_in_data_cannot_end_or_escape_a_json_ld_script() {
    let (_d, root) = starter();
    let hostile = "窓口<!--<script>alert(1)</script>&\u{2028}";
    append(
        &root,
        TOWN,
        &format!(
            "\n[[windows]]\nid = \"w\"\nname = \"{hostile}\"\nhours = {{ always_open = true }}\n\n[[events]]\nid = \"e\"\ntitle = \"{hostile}\"\nkind = \"lecture\"\nstart = \"2027-02-13T13:30\"\nend = \"2027-02-13T16:00\"\n"
        ),
    );
    write(
        &root,
        "content/stress/w.md",
        "+++\ntitle = \"窓口\"\n+++\n\n{{ windows() }}\n",
    );
    build_ok_at(&root);
    for page in ["example/stress/w/index.html", "example/events/index.html"] {
        let html = read(&root.join("site"), page);
        let scripts = json_ld_scripts(&html);
        assert!(!scripts.is_empty(), "{page}");
        for s in scripts {
            assert!(!s.contains(['<', '>', '&', '\u{2028}']), "{page}: {s}");
            let value: serde_json::Value = serde_json::from_str(s).unwrap();
            assert!(
                value.to_string().contains("<!--<script>"),
                "the value is kept: {value}"
            );
        }
    }
}

#[test]
fn no_calendar_value_can_add_a_property() {
    let (_d, root) = starter();
    append(
        &root,
        TOWN,
        "\n[[events]]\nid = \"e\"\ntitle = \"研修\\r\\nATTENDEE:mailto:x@evil.example\\rORGANIZER:mailto:y@evil.example\"\ndescription = \"説明\\nLOCATION:evil\"\nkind = \"lecture\"\nstart = \"2027-02-13T13:30\"\nend = \"2027-02-13T16:00\"\n",
    );
    build_ok_at(&root);
    let ics = std::fs::read(root.join("site/example/events/e.ics")).unwrap();
    let cal = ical::IcalParser::new(std::io::BufReader::new(&ics[..]))
        .next()
        .unwrap()
        .unwrap();
    let names: Vec<&str> = cal.events[0]
        .properties
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    for injected in ["ATTENDEE", "ORGANIZER", "LOCATION"] {
        assert!(!names.contains(&injected), "{injected} in {names:?}");
    }
    // Ids that are no file names: tests/cases/hostile/event_ids_that_are_not_file_names_are_refused.
}

#[test]
fn formulas_in_published_csv_are_neutralised() {
    let (_d, root) = starter();
    append(
        &root,
        TOWN,
        "\n[[windows]]\nid = \"w\"\nname = \"=HYPERLINK(\\\"https://evil.example\\\",\\\"詳しく\\\")\"\nnote = \"+1+1\"\nexample = true\n\n[[events]]\nid = \"e\"\ntitle = \"@SUM(A1)\"\nkind = \"lecture\"\nstart = \"2027-02-13T13:30\"\nend = \"2027-02-13T16:00\"\nexample = true\n",
    );
    build_ok_at(&root);
    for file in ["example/data/windows.csv", "example/data/events.csv"] {
        let csv = read(&root.join("site"), file);
        let mut reader =
            ::csv::ReaderBuilder::new().from_reader(csv.trim_start_matches('\u{FEFF}').as_bytes());
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{file}: {cell}"
                );
            }
        }
        assert!(
            csv.contains("'=HYPERLINK") || csv.contains("'@SUM"),
            "{file}"
        );
    }
}

#[test]
#[cfg(unix)]
fn lexicon_that_links_out_of_the_project_is_refused_and_not_echoed() {
    // A theme or lexicon named outside the project, and a lexicon that is no lexicon, are cases
    // in tests/cases/hostile/ (theme_outside_*, lexicon_*); a symbolic link is made here.
    let (dir, root) = starter();
    std::fs::write(dir.path().join("secret.csv"), "TOP_SECRET_TOKEN=abc123\n").unwrap();
    std::os::unix::fs::symlink(dir.path().join("secret.csv"), root.join("link.csv")).unwrap();
    // The starter's tsunagi.toml ends in its [furigana] table.
    append(&root, "tsunagi.toml", "lexicon = \"link.csv\"\n");
    let (o, err) = run(tsunagi()
        .env("TOP_SECRET_TOKEN", "abc123")
        .arg("build")
        .arg("--root")
        .arg(&root));
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.starts_with("error: tsunagi.toml: `lexicon` names `")
            && err.contains("/link.csv`, which is outside the project folder\n"),
        "{err}"
    );
    assert!(
        !err.contains("abc123") && !err.contains("TOP_SECRET"),
        "{err}"
    );
}

#[test]
fn deep_nesting_is_an_error_with_its_line_or_builds_what_commonmark_says() {
    let nested = |line: usize, column: usize| {
        format!(
            "error: content/stress/deep.md:{line}:{column}: the text here is nested more than 100 levels deep"
        )
    };
    // (what, body, the error it must give, or None: it must build)
    let bodies: [(&str, String, Option<String>); 6] = [
        (
            "block quotes",
            format!("{} 引用", ">".repeat(3000)),
            Some(nested(5, 101)),
        ),
        // 1,000 levels: about 1 MB, under the page size limit (tests/hostile_31.rs).
        (
            "list items",
            (0..1000)
                .map(|i| format!("{}- a\n", "  ".repeat(i)))
                .collect(),
            Some(nested(55, 101)),
        ),
        (
            "HTML blocks",
            format!("{}a{}", "<div>".repeat(3000), "</div>".repeat(3000)),
            Some(nested(5, 1)),
        ),
        (
            "inline HTML",
            format!("前 {}a{}", "<span>".repeat(3000), "</span>".repeat(3000)),
            Some(nested(5, 597)),
        ),
        // 3,000 `*` each side are emphasis inside emphasis, 1,500 levels deep.
        (
            "emphasis",
            format!("{}a{}", "*".repeat(3000), "*".repeat(3000)),
            Some(nested(5, 199)),
        ),
        // A link cannot hold a link: only the innermost `[a](…)` is one, the rest is text.
        (
            "links",
            format!(
                "{}a{}",
                "[".repeat(3000),
                "](https://example.jp/)".repeat(3000)
            ),
            None,
        ),
    ];
    for (what, body, error) in &bodies {
        let (_d, root) = starter();
        write(
            &root,
            "content/stress/deep.md",
            &format!("+++\ntitle = \"深い\"\n+++\n\n{body}\n"),
        );
        let (code, err) = build(&root, &[]);
        match error {
            Some(error) => {
                assert_eq!(code, Some(1), "{what}: {err}");
                assert!(err.starts_with(&format!("{error} (")), "{what}: {err}");
                assert!(!root.join("site").exists(), "{what}");
            }
            None => {
                assert_eq!(code, Some(0), "{what}: {err}");
                let html = read_minified(&root.join("site"), "example/stress/deep/index.html");
                let expected = format!(
                    "<p>{}<a href=https://example.jp/>a</a>{}</p>",
                    "[".repeat(2999),
                    "](https://example.jp/)".repeat(2999)
                );
                assert!(html.contains(&expected), "{what}");
                assert_eq!(
                    html.matches("href=https://example.jp/").count(),
                    1,
                    "{what}"
                );
            }
        }
    }
}

#[test]
fn huge_pages_of_emphasis_links_and_ruby_build() {
    let (_d, root) = starter();
    let body: String = (0..20_000)
        .map(|i| {
            format!(
                "これは**強調**です。[眠り](@/stress/sleep.md) {{相談|そうだん}}{}",
                if i % 10 == 0 { "\n\n" } else { " " }
            )
        })
        .collect();
    write(
        &root,
        "content/stress/big.md",
        &format!("+++\ntitle = \"大きい\"\n+++\n\n{body}\n"),
    );
    let (o, err) = run(tsunagi()
        .arg("build")
        .arg("--root")
        .arg(&root)
        .arg("--quiet"));
    assert!(o.status.success(), "{err}");
    let html = read(&root.join("site"), "example/stress/big/index.html");
    assert_eq!(html.matches("<strong>強調</strong>").count(), 20_000);
}

#[test]
fn backups_are_not_published_and_links_are_not_followed() {
    let (dir, root) = starter();
    for backup in [
        "content/stress/sleep.md~",
        "content/stress/sleep.md.bak",
        "content/stress/.sleep.md.swp",
        "content/stress/#sleep.md#",
        "content/stress/~$memo.docx",
        "content/stress/memo.docx",
    ] {
        write(&root, backup, "下書き");
    }
    let config = std::fs::read_to_string(root.join("tsunagi.toml")).unwrap();
    write(
        &root,
        "tsunagi.toml",
        &format!("ignore = [\"*.docx\"]\n{config}"),
    );
    std::fs::write(dir.path().join("outside.md"), "+++\ntitle = \"外\"\n+++\n").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        dir.path().join("outside.md"),
        root.join("content/stress/linked.md"),
    )
    .unwrap();
    let (o, err) = run(tsunagi().arg("build").arg("--root").arg(&root));
    assert!(o.status.success(), "{err}");
    let site = snapshot(&root.join("site"));
    assert!(
        !site
            .keys()
            .any(|k| k.contains("sleep.md") || k.contains("memo") || k.contains("linked")),
        "{:?}",
        site.keys()
            .filter(|k| k.contains("stress"))
            .collect::<Vec<_>>()
    );
    #[cfg(unix)]
    assert!(
        err.contains("warning: content/stress/linked.md: this is a symbolic link"),
        "{err}"
    );
    // A copied file in the place of a generated one: tests/cases/hostile/copied_page_*, static_file_*.
}

#[test]
fn nul_characters_in_a_page_are_replaced_not_published() {
    let (_d, root) = starter();
    write(
        &root,
        "content/stress/nul.md",
        "+++\ntitle = \"題\\u0000名\"\n+++\n\n本文\u{0}です。\n",
    );
    let (o, err) = run(tsunagi().arg("build").arg("--root").arg(&root));
    assert!(o.status.success(), "{err}");
    let html = read(&root.join("site"), "example/stress/nul/index.html");
    assert!(
        !html.contains('\0') && html.contains("本文\u{FFFD}です"),
        "{html}"
    );
    // An impossible quoted date and bytes that are not UTF-8 on stdin: tests/cases/hostile/
    // impossible_quoted_date_*, invalid_utf8_on_stdin_*.
}

#[test]
fn concurrent_builds_into_one_folder_leave_a_complete_site() {
    let (dir, root) = starter();
    let reference = dir.path().join("reference");
    let (o, err) = run(tsunagi()
        .arg("build")
        .arg("--root")
        .arg(&root)
        .arg("--out")
        .arg(&reference)
        .args(["--today", "2026-11-28", "--quiet"]));
    assert!(o.status.success(), "{err}");
    let expected = snapshot(&reference);
    for round in 0..3 {
        let children: Vec<_> = (0..4)
            .map(|_| {
                tsunagi()
                    .arg("build")
                    .arg("--root")
                    .arg(&root)
                    .args(["--today", "2026-11-28", "--quiet"])
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        assert_eq!(
            snapshot(&root.join("site")),
            expected,
            "round {round}: the site is complete"
        );
        let leftovers: Vec<_> = std::fs::read_dir(&root)
            .unwrap()
            .filter_map(std::result::Result::ok)
            .map(|e| e.file_name().to_string_lossy().to_string())
            .filter(|n| n.contains("tsunagi-new") || n.contains("tsunagi-old"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
}

#[test]
fn a_refused_output_folder_is_not_made_and_leftovers_are_recovered() {
    let (_d, root) = starter();
    // The messages of --out mistakes are cases in tests/cases/output/; a refused folder is not made.
    let (code, err) = build(&root, &["--out", "content/newsite"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(!root.join("content/newsite").exists());
    // What a killed build left behind does not block the next one.
    for leftover in [
        ".site.tsunagi-old",
        ".site.tsunagi-new",
        ".site.tsunagi-new-12345",
    ] {
        write(&root, &format!("{leftover}/example/index.html"), "old");
    }
    let (o, err) = run(tsunagi().arg("build").arg("--root").arg(&root));
    assert!(o.status.success(), "{err}");
    for leftover in [
        ".site.tsunagi-old",
        ".site.tsunagi-new",
        ".site.tsunagi-new-12345",
    ] {
        assert!(!root.join(leftover).exists(), "{leftover}");
    }
}

#[test]
fn raw_html_is_sanitised_with_warnings_unless_the_project_opts_out() {
    let (_d, root) = starter();
    let page = "+++\ntitle = \"生のHTML\"\n+++\n\n<script>alert(1)</script>\n\n<p onclick=\"steal()\">本文</p><a href=\"javascript:alert(1)\">リンク</a><details><summary>詳しく</summary>中身</details><br>\n";
    write(&root, "content/stress/raw.md", page);
    let (o, err) = run(tsunagi().arg("build").arg("--root").arg(&root));
    assert!(o.status.success(), "{err}");
    let html = read(&root.join("site"), "example/stress/raw/index.html");
    for gone in ["alert(1)", "onclick", "javascript:", "steal()"] {
        assert!(!html.contains(gone), "{gone}: {html}");
    }
    for kept in ["<details><summary>詳しく</summary>", "<br>", "本文"] {
        assert!(html.contains(kept), "{kept}: {html}");
    }
    assert!(
        html.contains("<meta content=\"default-src 'self'; script-src 'self'; style-src 'self'"),
        "{html}"
    );
    assert!(
        err.contains("warning: content/stress/raw.md:5:1: <script> was removed"),
        "{err}"
    );
    assert!(
        err.contains(
            "warning: content/stress/raw.md:7:1: the `onclick` attribute of <p> was removed"
        ),
        "{err}"
    );
    std::fs::remove_dir_all(root.join("site")).unwrap();
    let config = std::fs::read_to_string(root.join("tsunagi.toml")).unwrap();
    write(
        &root,
        "tsunagi.toml",
        &format!("{config}\n[markdown]\nunsafe_html = true\n"),
    );
    let (o, err) = run(tsunagi()
        .arg("build")
        .arg("--root")
        .arg(&root)
        .arg("--quiet"));
    assert!(o.status.success(), "{err}");
    assert!(read(&root.join("site"), "example/stress/raw/index.html").contains("onclick"));
    assert!(
        err.contains("warning: tsunagi.toml: [markdown] unsafe_html = true"),
        "{err}"
    );
}

#[test]
fn a_very_long_line_is_annotated_in_pieces_and_comes_back_whole() {
    let sentence = "相談窓口に電話してください。家族の方も相談できます。";
    let line = sentence.repeat(20_000); // about 1.5 MB on one line
    let out = with_stdin(&["ruby", "--all"], format!("{line}\n").as_bytes());
    assert!(out.status.success());
    let annotated = String::from_utf8(out.stdout).unwrap();
    assert_eq!(annotated.lines().count(), 1);
    // Every sentence is read the same way wherever the pieces were cut.
    let first = annotated.split('。').next().unwrap();
    assert!(first.contains("{相談窓口|そうだんまどぐち}"), "{first}");
    assert_eq!(
        annotated.matches("{相談窓口|そうだんまどぐち}").count(),
        20_000
    );
    let plain: String = annotated
        .split('{')
        .map(|part| match part.split_once('}') {
            Some((ruby, rest)) => format!("{}{rest}", ruby.split('|').next().unwrap()),
            None => part.to_string(),
        })
        .collect();
    assert_eq!(plain.trim_end(), line);
}
