//! A clerk's first hour, second pass (issue 33): each mistake of the issue, made as a clerk makes
//! it, through the real binary — every mistake at once, TOML errors in the catalogue's words, a
//! key appended below the last table, the messages that left the user guessing, a sheet without
//! an `ID` column and a site that works opened from files.

mod common;

use common::*;

/// `tsunagi build` of `root` in Japanese: (exit code, stderr).
fn build_ja(root: &std::path::Path) -> (Option<i32>, String) {
    let (o, err) = run(tsunagi()
        .env("TSUNAGI_LANG", "ja")
        .arg("build")
        .arg("--root")
        .arg(root)
        .args(["--today", "2026-11-28"]));
    (o.status.code(), err)
}

#[test]
fn one_build_reports_a_towns_page_and_its_data_and_every_field_of_one_event() {
    let (_dir, root) = starter();
    // A mistake in the town's data, and a typo in the town's own page's front matter.
    append(
        &root,
        TOWN,
        "\n[[events]]\nid = \"kenshu\"\ntitle = \"研修\"\nkind = \"gatekeeper-training\"\nstart = \"2027-02-06T13:30\"\nend = \"2027-02-06T10:00\"\napply_by = \"2027-02-20\"\nvenue = { name = \"公民館\", kana = \"こうみんかん\" }\nfee = \"無料\"\nhow_to_apply = \"電話で\"\norganiser = \"保健センター\"\ndescription = \"研修です。\"\nexample = true\n",
    );
    write(
        &root,
        "content/municipalities/example/stress/sleep.md",
        "+++\ntitle = \"眠り\"\ntopcis = [\"sleep\"]\n+++\n本文。\n",
    );
    let err = build_fails(&root);
    // The end before the start and the deadline after it: both, each at its line.
    assert!(err.contains("field `end`"), "{err}");
    assert!(err.contains("field `apply_by`"), "{err}");
    // The page's typo, though the town's data has mistakes.
    assert!(
        err.contains("content/municipalities/example/stress/sleep.md:3:1")
            && err.contains("topcis"),
        "{err}"
    );
    // Each field's hint is its own, not one hint for every field of an entry.
    assert!(err.contains("end comes after start"), "{err}");
}

#[test]
fn the_common_toml_mistakes_are_told_in_japanese_with_what_to_write() {
    let cases: &[(&str, &str, &str)] = &[
        // (appended to the first window, what the message says, what the hint says)
        (
            "verified = 2026-02-30\n",
            "`2026-02-30` は、ない日付です",
            "2026-02-28",
        ),
        (
            "verified = 2026/11/01\n",
            "/ ではなく - で区切ります",
            "`2026-11-01` と、引用符",
        ),
        (
            "kana = \"まるまるし\"\n",
            "`kana` が、同じ表の中に2回書かれています",
            "どちらか一方を消して",
        ),
        (
            "note \"a\"\n",
            "`note` のあとに = がありません",
            "名前 = 値",
        ),
        (
            "cost = 無料\n",
            "`無料` は、文字として引用符（\"）で囲む必要があります",
            "\"…\" で囲みます",
        ),
    ];
    for (line, message, hint) in cases {
        let (_dir, root) = starter();
        let text = std::fs::read_to_string(root.join(TOWN)).unwrap();
        let text = text.replacen("example = true\n", &format!("example = true\n{line}"), 1);
        write(&root, TOWN, &text);
        if line.starts_with("kana") {
            // A second kana in the window (it has one already only at the top level).
            let text = text.replacen(
                "[[windows]]\nid = \"kokoro-sodan\"\n",
                "[[windows]]\nid = \"kokoro-sodan\"\nkana = \"こころ\"\n",
                1,
            );
            write(&root, TOWN, &text);
        }
        let (code, err) = build_ja(&root);
        assert_eq!(code, Some(1), "{line}: {err}");
        assert!(err.contains(message), "{line}: {err}");
        assert!(err.contains(hint), "{line}: {err}");
        assert!(!err.contains("expected"), "no parser English left: {err}");
    }
}

#[test]
fn a_key_appended_below_the_last_window_is_said_to_be_inside_it() {
    let (_dir, root) = starter();
    append(&root, TOWN, "furigana = \"grade-3\"\n");
    let text = std::fs::read_to_string(root.join(TOWN)).unwrap();
    let line = text.lines().count();
    let table_line = text
        .lines()
        .position(|l| l.starts_with("[[windows]]"))
        .unwrap()
        + 1;
    let (code, err) = build_ja(&root);
    assert_eq!(code, Some(1));
    assert!(
        err.contains(&format!(
            "`furigana` は、{table_line} 行目の [[windows]] の中に書かれています"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{line} 行目から、最初の [[…]] や [...] の行より上に移して"
        )),
        "{err}"
    );
    // A key no table and no top level knows is still an unknown key, with the list.
    let (_dir, root) = starter();
    append(&root, TOWN, "furigna = \"grade-3\"\n");
    let (_, err) = build_ja(&root);
    assert!(err.contains("`furigna` という項目は使えません"), "{err}");
}

#[test]
fn messages_say_what_to_do() {
    // One mistake says, as several do, that nothing was written.
    let (_dir, root) = starter();
    write(
        &root,
        "content/stress/x.md",
        "+++\ntitle = \"x\"\ntopic = [\"stress\"]\n+++\n本文。\n",
    );
    let err = build_fails(&root);
    assert!(err.contains("1 error: nothing was written"), "{err}");
    let (_, ja) = build_ja(&root);
    assert!(
        ja.contains("エラーが 1 件あります。何も書き出していません"),
        "{ja}"
    );

    // A topic with an ending added gets its suggestion, as a typo does.
    let (_dir, root) = starter();
    write(
        &root,
        "content/stress/x.md",
        "+++\ntitle = \"x\"\ndescription = \"d\"\ntopics = [\"sleeping\"]\n+++\n本文。\n",
    );
    let err = build_fails(&root);
    assert!(err.contains("did you mean `sleep`?"), "{err}");

    // A link to a heading of a page that has none says so, instead of an empty list.
    let (_dir, root) = starter();
    write(
        &root,
        "content/stress/plain.md",
        "+++\ntitle = \"見出しなし\"\ndescription = \"d\"\n+++\n本文だけです。\n",
    );
    write(
        &root,
        "content/stress/x.md",
        "+++\ntitle = \"x\"\ndescription = \"d\"\n+++\n[そこ](@/stress/plain.md#kufu)\n",
    );
    let err = build_fails(&root);
    assert!(err.contains("has no headings"), "{err}");
    assert!(
        !err.contains("headings are: \n") && !err.contains("headings: \n"),
        "{err}"
    );

    // `../` past the top of the site from a town's own page: where relative links start.
    let (_dir, root) = starter();
    write(
        &root,
        "content/municipalities/example/local.md",
        "+++\ntitle = \"町\"\ndescription = \"d\"\n+++\n[眠り](../stress/sleep.md)\n",
    );
    let err = build_fails(&root);
    assert!(err.contains("points above the top of the site"), "{err}");
    assert!(
        err.contains("this page stands at content/local.md"),
        "{err}"
    );
    assert!(err.contains("`@/stress/sleep.md`"), "{err}");

    // The first warning of a new project has its line.
    let (_dir, root) = starter();
    let (code, err) = build(&root, &[]);
    assert_eq!(code, Some(0), "{err}");
    let first = err.lines().find(|l| l.starts_with("warning")).unwrap();
    let place = first.split(": ").nth(1).unwrap_or_default();
    assert!(
        place
            .split(':')
            .nth(1)
            .is_some_and(|l| l.parse::<usize>().is_ok()),
        "{first}"
    );
}

#[test]
fn the_command_line_in_japanese_suggests_and_says_what_is_allowed() {
    let (o, err) = run(tsunagi().env("TSUNAGI_LANG", "ja").arg("biuld"));
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err.contains("`build` のまちがいではありませんか？"),
        "{err}"
    );
    let o = with_stdin(&["--lang", "ja", "ruby", "--grade", "9"], "漢字".as_bytes());
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2));
    assert!(err.contains("（指定できる値: 1〜6）"), "{err}");
}

#[test]
fn a_sheet_without_an_id_column_gets_ids_from_the_readings() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("windows.csv");
    std::fs::write(
        &csv,
        "名称,名称_カナ,電話番号,利用可能曜日,開始時間,終了時間\r\nこころの健康相談,ココロノケンコウソウダン,04-2998-9111,平日,09:00,17:00\r\n依存症の相談,イゾンショウノソウダン,04-2998-9112,平日,09:00,17:00\r\nこころの健康相談,ココロノケンコウソウダン,04-2998-9113,平日,09:00,17:00\r\n",
    )
    .unwrap();
    let (o, err) = run(tsunagi().arg("import-windows").arg(&csv));
    assert!(o.status.success(), "{err}");
    let toml = String::from_utf8_lossy(&o.stdout);
    assert!(toml.contains("id = \"kokoronokenkousoudan\""), "{toml}");
    assert!(toml.contains("id = \"izonshounosoudan\""), "{toml}");
    // The same reading twice: the second is numbered, so ids stay unique.
    assert!(toml.contains("id = \"kokoronokenkousoudan-2\""), "{toml}");
    assert!(err.contains("no `ID` column"), "{err}");
    // Without readings either, by the row.
    std::fs::write(
        &csv,
        "名称,電話番号,利用可能曜日,開始時間,終了時間\r\nこころの健康相談,04-2998-9111,平日,09:00,17:00\r\n",
    )
    .unwrap();
    let (o, err) = run(tsunagi().arg("import-windows").arg(&csv));
    assert!(o.status.success(), "{err}");
    assert!(String::from_utf8_lossy(&o.stdout).contains("id = \"window-1\""));
}

#[test]
fn a_build_for_files_ends_every_link_to_a_folder_in_index_html() {
    let project = example_copy();
    let (code, err) = build(project.path(), &["--only", "hanno", "--for-files"]);
    assert_eq!(code, Some(0), "{err}");
    let site = project.path().join("site");
    let home = read(&site, "hanno/index.html");
    assert!(
        home.contains("consult/index.html"),
        "links to folders lead to their page"
    );
    for page in [
        "hanno/index.html",
        "hanno/stress/sleep/index.html",
        "index.html",
    ] {
        let html = read(&site, page);
        for tag in tsunagi::html::tags(&html) {
            let Some(href) = tag.attr("href") else {
                continue;
            };
            let path = href.split(['#', '?']).next().unwrap_or_default();
            if path.is_empty() || path.contains(':') {
                continue;
            }
            assert!(!path.ends_with('/'), "{page}: {href}");
        }
    }
    // Without the flag, the short addresses stay.
    let (code, err) = build(project.path(), &["--only", "hanno"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(!read(&site, "hanno/index.html").contains("consult/index.html"));
}
