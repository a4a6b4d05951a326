//! Hostile input (issue 10): no crash, no injection, no lost site. Each test feeds the real binary
//! a class of hostile input and checks that it is refused with the file and line, or made
//! harmless, and that nothing else is affected.

mod common;

use std::path::Path;

use common::*;

#[test]
fn script_urls_in_window_event_and_contact_data_are_refused() {
    let urls = [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example/",
        "https:\\\\evil.example/",
        "https://a.example/\\u0000",
    ];
    for url in urls {
        for (entry, field) in [
            ("\n[[windows]]\nid = \"w\"\nname = \"窓口\"\n", "url"),
            ("\n[[windows]]\nid = \"w\"\nname = \"窓口\"\n", "form_url"),
            (
                "\n[[events]]\nid = \"e\"\ntitle = \"研修\"\nkind = \"lecture\"\nstart = \"2027-02-13T13:30\"\nend = \"2027-02-13T16:00\"\n",
                "url",
            ),
            ("\n[contact]\nname = \"保健センター\"\n", "form_url"),
        ] {
            let (_d, root) = starter();
            append(&root, TOWN, &format!("{entry}{field} = \"{url}\"\n"));
            let err = build_fails(&root);
            assert!(
                err.contains(&format!("error: {TOWN}:")),
                "{url} in {field}: {err}"
            );
        }
    }
}

#[test]
fn script_urls_in_an_imported_spreadsheet_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("w.csv");
    std::fs::write(&file, "ID,名称,URL\r\nw,窓口,javascript:alert(1)\r\n").unwrap();
    let (o, err) = run(tsunagi().arg("import-windows").arg(&file));
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains(
            "w.csv:2: window `w`, field `url`: `javascript:alert(1)` is a `javascript:` address"
        ),
        "{err}"
    );
    assert!(o.stdout.is_empty());
}

#[test]
fn base_url_is_parsed_not_checked_by_prefix() {
    for bad in [
        "https://kokoro.example.jp/{slug}/\\nDisallow: /",
        "https://host//evil.example/{slug}/",
        "https://kokoro.example.jp/{slug}/?x=1",
        "https://kokoro.example.jp/{slug}/\\\"><script>",
    ] {
        let (_d, root) = starter();
        let config = std::fs::read_to_string(root.join("tsunagi.toml"))
            .unwrap()
            .replace("https://kokoro.example.jp/{slug}/", bad);
        write(&root, "tsunagi.toml", &config);
        let err = build_fails(&root);
        assert!(err.contains("error: tsunagi.toml:"), "{bad}: {err}");
    }
    let (_d, root) = starter();
    let town = std::fs::read_to_string(root.join(TOWN)).unwrap().replacen(
        "code =",
        "base_url = \"https://www.city.example.lg.jp//evil.example/\"\ncode =",
        1,
    );
    write(&root, TOWN, &town);
    let err = build_fails(&root);
    assert!(err.contains("empty path segment"), "{err}");
}

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
fn no_calendar_value_can_add_a_property_and_ids_stay_file_names() {
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
    for id in ["a\\r\\nb", "../x", "a:b", "a*b", "con?", "a<b>", "a|b"] {
        let (_d, root) = starter();
        append(
            &root,
            TOWN,
            &format!(
                "\n[[events]]\nid = \"{id}\"\ntitle = \"研修\"\nkind = \"lecture\"\nstart = \"2027-02-13T13:30\"\nend = \"2027-02-13T16:00\"\n"
            ),
        );
        let err = build_fails(&root);
        assert!(err.contains("field `id`"), "{id}: {err}");
    }
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
fn configured_paths_cannot_leave_the_project_or_echo_other_files() {
    let (dir, root) = starter();
    // A theme folder outside the project, reached with `..`.
    write(
        dir.path(),
        "outside/templates/page.html",
        "OUTSIDE {{ page.title }}",
    );
    let config = std::fs::read_to_string(root.join("tsunagi.toml")).unwrap();
    write(
        &root,
        "tsunagi.toml",
        &config.replace("theme = \"default\"", "theme = \"../../outside\""),
    );
    let err = build_fails(&root);
    assert!(
        err.contains("error: tsunagi.toml: `theme` names") && err.contains("outside the project"),
        "{err}"
    );
    write(&root, "tsunagi.toml", &config);
    // A lexicon that is the process environment, an absolute path, `..`, or a link out.
    std::fs::write(dir.path().join("secret.csv"), "TOP_SECRET_TOKEN=abc123\n").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path().join("secret.csv"), root.join("link.csv")).unwrap();
    for lexicon in [
        "/proc/self/environ",
        "../secret.csv",
        "link.csv",
        "content/../../secret.csv",
    ] {
        // The starter's tsunagi.toml ends in its [furigana] table.
        write(
            &root,
            "tsunagi.toml",
            &format!("{config}lexicon = \"{lexicon}\"\n"),
        );
        let (o, err) = run(tsunagi()
            .env("TOP_SECRET_TOKEN", "abc123")
            .arg("build")
            .arg("--root")
            .arg(&root));
        assert_eq!(o.status.code(), Some(1), "{lexicon}: {err}");
        assert!(err.contains("outside the project"), "{lexicon}: {err}");
        assert!(
            !err.contains("abc123") && !err.contains("TOP_SECRET"),
            "{lexicon}: {err}"
        );
    }
    // A lexicon inside the project that is not a lexicon: the line is named, not printed.
    write(&root, "notes.txt", "TOP_SECRET_TOKEN=abc123\n");
    write(
        &root,
        "tsunagi.toml",
        &format!("{config}lexicon = \"notes.txt\"\n"),
    );
    let err = build_fails(&root);
    assert!(
        err.contains("notes.txt:1:1: this line is not `surface,reading`"),
        "{err}"
    );
    assert!(!err.contains("abc123"), "{err}");
}

#[test]
fn deep_nesting_is_an_error_with_its_line_not_a_crash() {
    let bodies = [
        format!("{} 引用", ">".repeat(3000)),
        // 1,000 levels: about 1 MB, under the page size limit (tests/hostile_31.rs).
        (0..1000)
            .map(|i| format!("{}- a\n", "  ".repeat(i)))
            .collect(),
        format!("{}a{}", "<div>".repeat(3000), "</div>".repeat(3000)),
        format!("前 {}a{}", "<span>".repeat(3000), "</span>".repeat(3000)),
        format!("{}a{}", "*".repeat(3000), "*".repeat(3000)),
        format!(
            "{}a{}",
            "[".repeat(3000),
            "](https://example.jp/)".repeat(3000)
        ),
    ];
    for body in &bodies {
        let (_d, root) = starter();
        write(
            &root,
            "content/stress/deep.md",
            &format!("+++\ntitle = \"深い\"\n+++\n\n{body}\n"),
        );
        let (o, err) = run(tsunagi().arg("build").arg("--root").arg(&root));
        let code = o.status.code();
        assert!(
            code == Some(1) || code == Some(0),
            "no abort: {code:?} {err}"
        );
        if code == Some(1) {
            assert!(err.contains("error: content/stress/deep.md:"), "{err}");
            assert!(err.contains("nested more than 100 levels"), "{err}");
        }
    }
}

#[test]
fn a_partial_that_includes_itself_is_an_error_not_a_crash() {
    let (_d, root) = starter();
    write(
        &root,
        "themes/default/templates/partials/footer.html",
        "<p>{% include \"partials/footer.html\" %}</p>",
    );
    let err = build_fails(&root);
    assert!(err.contains("themes/default/templates/partials/footer.html: template `partials/footer.html` includes itself"), "{err}");
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
fn backups_are_not_published_links_are_not_followed_and_generated_files_are_not_replaced() {
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
    // A copied file in the place of a generated one.
    for (file, generated) in [
        ("content/stress/sleep/index.html", "stress/sleep/index.html"),
        ("static/data/windows.csv", "data/windows.csv"),
    ] {
        let (_d, root) = starter();
        write(&root, file, "<p>偽物</p>");
        let err = build_fails(&root);
        assert!(err.contains(&format!("error: {file}: this file would replace the page or file tsunagi makes at {generated}")), "{err}");
    }
}

#[test]
fn nul_impossible_quoted_dates_and_invalid_utf8_on_stdin() {
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
    std::fs::remove_dir_all(root.join("site")).unwrap();
    write(
        &root,
        "content/stress/nul.md",
        "+++\ntitle = \"題\"\ndate = \"2026-02-30\"\n+++\n",
    );
    let err = build_fails(&root);
    assert!(
        err.contains(
            "content/stress/nul.md:3:1: `date`: `2026-02-30` is not a date: 2026年2月 has 28 days"
        ),
        "{err}"
    );
    let out = with_stdin(
        &["ruby", "--all"],
        b"\xe7\x9b\xb8\xe8\xab\x87\n\xe7\x9b\xb8\xff\n",
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("<stdin>:2:2: the input is not valid UTF-8"),
        "{err}"
    );
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
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().to_string())
            .filter(|n| n.contains("tsunagi-new") || n.contains("tsunagi-old"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
}

#[test]
fn output_folder_mistakes_are_refused_and_leftovers_recovered() {
    let (_d, root) = starter();
    // An existing file is not an output folder.
    let (o, err) = run(tsunagi()
        .arg("build")
        .arg("--root")
        .arg(&root)
        .args(["--out", "tsunagi.toml"]));
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("the output folder is an existing file"),
        "{err}"
    );
    assert!(root.join("tsunagi.toml").is_file());
    // A folder inside content/, even one that does not exist yet.
    for out in [
        "content/newsite",
        "content/../content/x/y",
        "themes/site",
        "static/site",
    ] {
        let (o, err) = run(tsunagi()
            .arg("build")
            .arg("--root")
            .arg(&root)
            .args(["--out", out]));
        assert_eq!(o.status.code(), Some(1), "{out}: {err}");
        assert!(err.contains("go inside its content"), "{out}: {err}");
    }
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

#[test]
fn smaller_holes_are_closed() {
    let (_d, root) = starter();
    // The help box's link cannot silently disappear.
    let config = std::fs::read_to_string(root.join("tsunagi.toml")).unwrap();
    write(
        &root,
        "tsunagi.toml",
        &format!("help_page = \"nothere/_index.md\"\n{config}"),
    );
    let err = build_fails(&root);
    assert!(
        err.contains("help_page `nothere/_index.md` is not a page of `example`"),
        "{err}"
    );
    write(&root, "tsunagi.toml", &config);
    // Years that are not four digits.
    for today in ["0-01-01", "0000-01-01", "99999-01-01"] {
        let (o, err) = run(tsunagi()
            .arg("build")
            .arg("--root")
            .arg(&root)
            .args(["--today", today]));
        let expected = if today == "0000-01-01" { 0 } else { 2 };
        if expected == 2 {
            assert_eq!(o.status.code(), Some(2), "{today}: {err}");
        } else {
            assert!(
                o.status.code() == Some(0) || o.status.code() == Some(2),
                "{today}: {err}"
            );
        }
    }
    // Empty names and a duplicate window id, reported where they are.
    let town = std::fs::read_to_string(root.join(TOWN))
        .unwrap()
        .replace("name = \"〇〇市\"", "name = \"\"");
    write(
        &root,
        TOWN,
        &format!("{town}\n[[windows]]\nid = \"kokoro-sodan\"\nname = \"二つ目\"\nexample = true\n"),
    );
    let err = build_fails(&root);
    assert!(
        err.contains(&format!("{TOWN}:2:8: `name` is empty")),
        "{err}"
    );
    let dup_line = std::fs::read_to_string(root.join(TOWN))
        .unwrap()
        .lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with("id = \"kokoro-sodan\""))
        .map(|(i, _)| i + 1)
        .last()
        .unwrap();
    assert!(
        err.contains(&format!(
            "{TOWN}:{dup_line}:6: window id `kokoro-sodan` is already used by windows[0]"
        )),
        "{err}"
    );
}

#[test]
fn content_pages_cannot_take_the_place_of_generated_ones() {
    let (_d, root) = starter();
    write(
        &root,
        "content/topics/_index.md",
        "+++\ntitle = \"話題\"\n+++\n",
    );
    write(
        &root,
        "content/topics/alcohol.md",
        "+++\ntitle = \"お酒\"\n+++\n",
    );
    write(
        &root,
        "content/stress/x.md",
        "+++\ntitle = \"x\"\nslug = \"y\"\n+++\n",
    );
    let err = build_fails(&root);
    assert!(err.contains("content/topics/_index.md: the URL /topics/ is inside /topics/, which is reserved for topic listings"), "{err}");
    assert!(
        err.contains("content/topics/alcohol.md: the URL /topics/alcohol/ is inside /topics/"),
        "{err}"
    );
    assert!(err.contains("2 errors"), "{err}");
}
