//! Hostile input, second pass (issue 31): links that run code, names that lie, file names that
//! break URLs, outputs refused before anything is written, pages too large for memory, and
//! mistakes named at every line they stand on. Each test feeds the real binary the input a
//! careless author or an attacker would, and reads what the user is told.

mod common;

use std::path::Path;

use common::*;

/// A page of the starter project holding `body`.
const PAGE: &str = "content/stress/page.md";

fn page(root: &Path, body: &str) {
    write(
        root,
        PAGE,
        &format!("+++\ntitle = \"ページ\"\ndescription = \"説明\"\n+++\n{body}\n"),
    );
}

/// `tsunagi check` of `root`: (exit code, stdout, stderr).
fn check(root: &Path, extra: &[&str]) -> (Option<i32>, String, String) {
    let (o, err) = run(tsunagi()
        .arg("check")
        .arg("--root")
        .arg(root)
        .args(["--today", "2026-11-28"])
        .args(extra));
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        err,
    )
}

#[test]
fn links_and_images_that_run_code_are_refused_at_their_line_and_column() {
    // (Markdown, the scheme named): inline links, an autolink, a reference, images, and the
    // spellings a browser still reads as a script.
    let cases = [
        ("[x](javascript:alert(1))", "javascript"),
        ("<javascript:alert(2)>", "javascript"),
        ("[z](data:text/html,<script>alert(3)</script>)", "data"),
        ("[w](vbscript:msgbox(1))", "vbscript"),
        ("[v](JaVaScRiPt:alert(1))", "javascript"),
        ("[u](< javascript:alert(1)>)", "javascript"),
        ("[t](java%73cript:alert(1))", "javascript"),
        ("[s](&#x6A;avascript:alert(1))", "javascript"),
        ("[r][ref]", "javascript"),
        ("![q](javascript:alert(1))", "javascript"),
        ("![p](data:image/svg+xml;base64,PHN2Zz4=)", "data"),
        ("[o](file:///etc/passwd)", "file"),
    ];
    for (markdown, scheme) in cases {
        let (_d, root) = starter();
        page(
            &root,
            &format!("本文です。\n\n前の文 {markdown} 後の文\n\n[ref]: javascript:alert(1)"),
        );
        let err = build_fails(&root);
        // The page's line 7 (front matter: 4 lines, the body's first line is 5), at the link.
        assert!(
            err.contains(&format!("error: {PAGE}:7:5: ")),
            "{markdown}: {err}"
        );
        assert!(
            err.contains(&format!("the scheme `{scheme}:` is not allowed in a link")),
            "{markdown}: {err}"
        );
        let (code, out, err) = check(&root, &["--format", "json"]);
        assert_eq!(code, Some(1), "{markdown}: check fails too: {err}");
        let found: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert!(
            found
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["rule"] == "unsafe-link" && f["line"] == 7),
            "{markdown}: {out}"
        );
    }
    // What a page may link to builds.
    let (_d, root) = starter();
    page(
        &root,
        "[厚生労働省](https://www.mhlw.go.jp/) [メール](mailto:kokoro@city.example.lg.jp) [電話](tel:0120279338) [相談](@/consult/_index.md) [眠り](sleep.md) [上](#top)",
    );
    let (code, err) = build(&root, &[]);
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn a_shortcode_argument_that_is_a_script_address_is_refused() {
    let (_d, root) = starter();
    // A theme's own shortcode that puts an argument in a link.
    write(
        &root,
        "themes/default/templates/shortcodes/button.html",
        "{# args: url #}\n<a class=\"button\" href=\"{{ args.url }}\">開く</a>",
    );
    page(&root, "{{ button(url=\"javascript:alert(1)\") }}");
    let err = build_fails(&root);
    assert!(
        err.contains(
            "shortcode `button`, argument `url`: `javascript:alert(1)`: the scheme `javascript:`"
        ),
        "{err}"
    );
    page(&root, "{{ button(url=\"https://www.mhlw.go.jp/\") }}");
    let (code, err) = build(&root, &[]);
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn names_and_data_that_hide_or_reverse_text_are_refused_at_the_character() {
    // (file, text to add, the line and column of the character, the code point named).
    let rlo = "\u{202E}";
    let cases: Vec<(&str, String, &str, &str)> = vec![
        (
            TOWN,
            format!("\n[[windows]]\nid = \"w\"\nname = \"こころの{rlo}相談\"\n"),
            ":20:13: ",
            "U+202E RIGHT-TO-LEFT OVERRIDE",
        ),
        (
            TOWN,
            "\n[[windows]]\nid = \"w\"\nname = \"相談\"\nphones = [{ label = \"相談\u{200B}専用\", number = \"04-2998-9111\" }]\n".to_string(),
            ":21:24: ",
            "U+200B ZERO WIDTH SPACE",
        ),
        (
            "help-lines.toml",
            format!("[[lines]]\nid = \"yorisoi\"\nname = \"よりそい{rlo}ホットライン\"\n"),
            ":3:13: ",
            "U+202E RIGHT-TO-LEFT OVERRIDE",
        ),
    ];
    for (file, text, at, named) in cases {
        let (_d, root) = starter();
        if root.join(file).exists() {
            append(&root, file, &text);
        } else {
            write(&root, file, &text);
        }
        let err = build_fails(&root);
        assert!(
            err.contains(&format!("error: {file}{at}")),
            "{named} in {file}: {err}"
        );
        assert!(
            err.contains(&format!("an invisible character, {named}")),
            "{err}"
        );
    }
    // A page's title (front matter) and the site's title.
    let (_d, root) = starter();
    write(
        &root,
        PAGE,
        "+++\ntitle = \"ページ\u{2066}\"\ndescription = \"説明\"\n+++\n本文。\n",
    );
    let err = build_fails(&root);
    assert!(
        err.contains(&format!(
            "error: {PAGE}:2:13: an invisible character, U+2066 LEFT-TO-RIGHT ISOLATE"
        )),
        "{err}"
    );
    let (_d, root) = starter();
    let config = std::fs::read_to_string(root.join("tsunagi.toml")).unwrap();
    write(
        &root,
        "tsunagi.toml",
        &config.replacen("title = \"", "title = \"\u{FEFF}", 1),
    );
    let err = build_fails(&root);
    assert!(err.contains("U+FEFF ZERO WIDTH NO-BREAK SPACE"), "{err}");
    // A file that begins with a byte-order mark, as Windows editors write, is fine.
    let (_d, root) = starter();
    write(
        &root,
        TOWN,
        &format!(
            "\u{FEFF}{}",
            std::fs::read_to_string(root.join(TOWN)).unwrap()
        ),
    );
    let (code, err) = build(&root, &[]);
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn an_invisible_character_in_a_pages_text_is_a_warning_at_its_place() {
    let (_d, root) = starter();
    page(&root, "本文です。\n\nここに\u{200B}ゼロ幅の空白。");
    let (code, err) = build(&root, &[]);
    assert_eq!(code, Some(0), "the page is published: {err}");
    assert!(
        err.contains(&format!(
            "warning: {PAGE}:7:4: an invisible character in the text, U+200B ZERO WIDTH SPACE"
        )),
        "{err}"
    );
}

#[test]
fn a_host_that_passes_for_another_is_a_warning_with_its_punycode_and_an_error_for_production() {
    let (_d, root) = starter();
    // A Cyrillic а (U+0430) in a window's address, and in a link of a page.
    append(
        &root,
        TOWN,
        "\n[[windows]]\nid = \"w\"\nname = \"相談\"\nurl = \"https://\u{430}pple.com/\"\n",
    );
    page(&root, "[相談](https://xn--pple-43d.com/soudan/)");
    let (code, out, err) = check(&root, &[]);
    assert_eq!(code, Some(0), "warnings only: {out}{err}");
    for at in [format!("{TOWN}:21:7"), format!("{PAGE}:5:1")] {
        assert!(
            out.contains(&format!("{at}: warning[confusable-host]")),
            "{at}: {out}"
        );
    }
    assert!(out.contains("sent as xn--pple-43d.com"), "{out}");
    let (code, out, _) = check(&root, &["--production"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains(&format!("{PAGE}:5:1: error[confusable-host]")),
        "{out}"
    );
    // A Japanese domain is a real one.
    let (_d, root) = starter();
    page(&root, "[市のページ](https://日本語.jp/)");
    let (_, out, _) = check(&root, &[]);
    assert!(!out.contains("confusable-host"), "{out}");
}

#[test]
fn file_and_folder_names_that_break_addresses_are_refused_with_a_hint_to_rename() {
    let page_text = "+++\ntitle = \"ページ\"\ndescription = \"説明\"\n+++\n本文。\n";
    for (name, shown) in [
        ("content/stress/a\nb.md", "content/stress/a\\nb.md"),
        (
            "content/stress/<img src=x onerror=alert(1)>.md",
            "content/stress/<img src=x onerror=alert(1)>.md",
        ),
        ("content/stress/100%.md", "content/stress/100%.md"),
        ("content/stress/q?.md", "content/stress/q?.md"),
        ("content/why#/page.md", "content/why#/page.md"),
        (
            "content/stress/tab\there.png",
            "content/stress/tab\\there.png",
        ),
    ] {
        let (_d, root) = starter();
        write(&root, name, page_text);
        let err = build_fails(&root);
        assert!(
            err.contains(&format!(
                "error: {shown}: the name of this file or folder holds"
            )),
            "{name:?}: {err}"
        );
        assert!(err.contains("slug = "), "{err}");
    }
    // Japanese names and spaces are fine.
    let (_d, root) = starter();
    write(&root, "content/stress/眠り のこと.md", page_text);
    let (code, err) = build(&root, &[]);
    assert_eq!(code, Some(0), "{err}");
}

/// The names in `dir` and in every folder below it.
fn tree(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.path().display().to_string())
        .collect()
}

/// The names directly in `dir`.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|r| {
            r.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn a_refused_output_folder_creates_nothing_anywhere() {
    let (dir, root) = starter();
    let before = tree(dir.path());
    let root_before = listing(Path::new("/"));
    for out in [
        "/",
        "content/newsite",
        "content/a/b/c",
        "themes/site",
        "static/site",
        "tsunagi.toml",
        ".",
        "..",
    ] {
        let (o, err) = run(tsunagi()
            .arg("build")
            .arg("--root")
            .arg(&root)
            .args(["--out", out]));
        assert_eq!(o.status.code(), Some(1), "{out}: {err}");
        assert!(err.contains("hint: "), "{out}: {err}");
        assert_eq!(
            tree(dir.path()),
            before,
            "{out}: nothing made beside the project"
        );
        assert_eq!(
            listing(Path::new("/")),
            root_before,
            "{out}: nothing made at /"
        );
    }
}

#[test]
fn two_municipalities_with_one_code_are_named_at_the_line_of_each() {
    let (_d, root) = starter();
    let town = std::fs::read_to_string(root.join(TOWN))
        .unwrap()
        .replace("code = \"000001\"", "code = \"112089\"");
    write(&root, TOWN, &town);
    write(
        &root,
        "content/municipalities/second/municipality.toml",
        &town.replace("name = \"〇〇市\"", "name = \"△△市\""),
    );
    let err = build_fails(&root);
    assert!(
        err.contains(&format!(
            "error: content/municipalities/second/municipality.toml:5:8: `second` has the same local-government code 112089 as `example` ({TOWN}:5:8)"
        )),
        "{err}"
    );
}

#[test]
fn a_page_over_the_size_limit_is_refused_with_its_size_and_the_limit() {
    // The default limit, 2 MB: a page just over it is refused before it is read.
    let (_d, root) = starter();
    let paragraph = "ストレスは誰にでもあります。気づいて、休んで、話すことが大切です。\n\n";
    let body = paragraph.repeat(2_000_000 / paragraph.len() + 1);
    page(&root, &body);
    let size = std::fs::metadata(root.join(PAGE)).unwrap().len();
    assert!(size > 2_000_000);
    let err = build_fails(&root);
    let shown = size
        .to_string()
        .as_bytes()
        .rchunks(3)
        .rev()
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect::<Vec<_>>()
        .join(",");
    assert!(
        err.contains(&format!(
            "error: {PAGE}: this page is {shown} bytes, over the limit of 2,000,000 bytes"
        )),
        "{err}"
    );
    assert!(err.contains("max_page_bytes"), "{err}");
    // A project sets its own limit.
    let (_d, root) = starter();
    append(
        &root,
        "tsunagi.toml",
        "\n[markdown]\nmax_page_bytes = 1_000\n",
    );
    page(&root, &paragraph.repeat(5));
    let (code, err) = build(&root, &[]);
    assert_eq!(code, Some(0), "under the limit: {err}");
    page(&root, &paragraph.repeat(20));
    let (code, err) = build(&root, &[]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("over the limit of 1,000 bytes"), "{err}");
}

#[test]
fn many_warnings_of_one_kind_are_listed_three_times_then_counted() {
    let (_d, root) = starter();
    let windows: String = (0..20)
        .map(|i| format!("\n[[windows]]\nid = \"w{i}\"\nname = \"窓口{i}\"\nhours = {{ always_open = true }}\n"))
        .collect();
    append(&root, TOWN, &windows);
    let (code, err) = build(&root, &[]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        err.matches("field `verified`: has no `verified` date")
            .count(),
        3,
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "… 17 more warnings of the same kind (verified-date) in {TOWN}"
        )),
        "{err}"
    );
    // tsunagi check says the same; its JSON lists every one.
    let (_, out, _) = check(&root, &[]);
    assert_eq!(out.matches("warning[verified-date]").count(), 3, "{out}");
    assert!(out.contains("… 17 more warnings"), "{out}");
    let (_, json, _) = check(&root, &["--format", "json"]);
    assert_eq!(json.matches("\"verified-date\"").count(), 20);
}
