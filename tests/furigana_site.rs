//! Automatic furigana in built sites: where ruby goes and where it never goes, settings by
//! level, lexicons, and the reader's button.

mod common;

use std::path::Path;

use common::*;

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn new_project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let (o, err) = run(tsunagi().arg("new").arg(dir.path().join("p")));
    assert!(o.status.success(), "{err}");
    dir
}

#[test]
fn school_pages_of_the_example_get_grade_appropriate_ruby() {
    let out = tempfile::tempdir().unwrap();
    build_ok(&repo(), out.path());
    let sos = read(out.path(), "hanno/school/sos/index.html");
    // 信 is taught in grade 4: pupils of grade 3 get its reading; 話 (grade 2) gets none.
    assert!(
        sos.contains("<ruby>信<rp>(</rp><rt>しん</rt><rp>)</rp></ruby>じられる"),
        "auto ruby"
    );
    assert!(
        !sos.contains("<ruby>話"),
        "no ruby on kanji already learned"
    );
    // Shortcode output (the national lines) gets ruby too, but not its phone links; only the
    // kanji not yet learned (供, grade 6; 子 is grade 1).
    assert!(sos.contains("24時間子<ruby>供<rp>(</rp><rt>ども</rt><rp>)</rp></ruby>SOSダイヤル"));
    assert!(sos.contains("href=tel:0120078310>0120-0-78310</a>"));
    // Explicit ruby is kept as written.
    assert!(sos.contains("<ruby>深呼吸<rp>(</rp><rt>しんこきゅう</rt><rp>)</rp></ruby>"));
    assert!(
        sos.contains("id=furigana-toggle"),
        "the button is offered where ruby exists"
    );
    assert!(sos.contains("js/furigana.js"));
    // A general page of the same site (furigana none) has neither ruby nor button.
    let signs = read(out.path(), "hanno/stress/signs/index.html");
    assert!(!signs.contains("<ruby>") && !signs.contains("furigana-toggle"));
}

#[test]
fn ruby_goes_into_running_text_and_never_into_code_attributes_title_or_alt() {
    let dir = new_project();
    let root = dir.path().join("p");
    write(
        &root,
        "content/stress/sleep.md",
        "+++\ntitle = \"睡眠の相談\"\nfurigana = \"all\"\n+++\n## 憂鬱な気分\n\n本文に漢字。[相談窓口](@/consult/_index.md)\n\n| 表 |\n|---|\n| 表の中 |\n\n`相談のコード`\n\n```\n相談のブロック\n```\n\n![代替の説明](a.png)\n\n<span data-furigana=\"off\">対象外の漢字</span>\n\n{日本|にっぽん}の{方|かた}\n",
    );
    // The image must exist beside the page (issue 9: missing images fail the build).
    write(&root, "content/stress/a.png", "");
    build_ok(&root, &root.join("site"));
    let html = read_minified(&root.join("site"), "example/stress/sleep/index.html");
    assert!(
        html.contains("<title>睡眠の相談 |"),
        "no ruby in <title>: {html}"
    );
    assert!(
        html.contains("<h1><ruby>睡眠<rp>(</rp><rt>すいみん</rt>"),
        "the h1 gets ruby"
    );
    assert!(
        html.contains("<h2 id=憂鬱な気分><ruby>憂鬱"),
        "headings get ruby, ids stay plain"
    );
    assert!(
        html.contains("<ruby>本文<rp>(</rp><rt>ほんぶん</rt>"),
        "running text"
    );
    assert!(
        html.contains("<ruby>相談窓口<rp>(</rp><rt>そうだんまどぐち</rt><rp>)</rp></ruby></a>"),
        "link text"
    );
    assert!(html.contains("<td><ruby>表<rp>"), "table cells");
    assert!(
        html.contains("<code>相談のコード</code>"),
        "inline code untouched"
    );
    assert!(
        html.contains("相談のブロック\n</code>"),
        "code blocks untouched"
    );
    assert!(html.contains("alt=代替の説明"), "alt text untouched");
    assert!(
        html.contains(">対象外の漢字</span>"),
        "opt-out span untouched"
    );
    // Explicit ruby wins over the dictionary (にほん) and is not annotated again.
    assert!(html.contains(
        "<ruby>日本<rp>(</rp><rt>にっぽん</rt><rp>)</rp></ruby>の<ruby>方<rp>(</rp><rt>かた</rt>"
    ));
    assert!(
        !html.contains("<ruby><ruby>") && !html.contains("にほん"),
        "no second reading"
    );
    assert!(
        !html.contains("content=<ruby>") && !html.contains("\"<ruby>"),
        "no ruby in attributes"
    );
    // The theme's own words get readings too (issue 11, item 3): the menu, the help box, the
    // footer; the body (annotated as whole sentences) is not annotated a second time.
    let theme_text = &html[..html.find("<main").unwrap()];
    assert!(
        theme_text[theme_text.find("<nav aria-label=メインメニュー").unwrap()..]
            .contains("href=../../consult/><ruby>相談窓口<rp>(</rp><rt>そうだんまどぐち</rt>"),
        "the menu: {theme_text}"
    );
    assert!(theme_text.contains("<ruby>相談<rp>"), "the help box");
    assert!(
        html[html.find("<footer").unwrap()..].contains("<ruby>"),
        "the footer"
    );
    assert!(
        !html.contains("furigana-done") && !html.contains("tsunagi:as-is"),
        "no marks left"
    );
}

#[test]
fn nearest_setting_wins_and_the_municipality_name_reads_from_its_data() {
    let dir = new_project();
    let root = dir.path().join("p");
    write(
        &root,
        "content/stress/_index.md",
        "+++\ntitle = \"ストレス\"\nfurigana = \"all\"\n+++\n〇〇市の漢字\n",
    );
    write(
        &root,
        "content/stress/sleep.md",
        "+++\ntitle = \"眠り\"\nfurigana = \"none\"\n+++\n漢字\n",
    );
    write(
        &root,
        "content/stress/other.md",
        "+++\ntitle = \"別\"\n+++\n漢字と日高\n",
    );
    build_ok(&root, &root.join("site"));
    let site = root.join("site");
    assert!(
        read(&site, "example/stress/index.html")
            .contains("<ruby>〇〇市<rp>(</rp><rt>まるまるし</rt>")
    );
    assert!(
        !read(&site, "example/stress/sleep/index.html").contains("<ruby>"),
        "page setting wins"
    );
    assert!(
        read(&site, "example/stress/other/index.html").contains("<ruby>漢字"),
        "section setting applies"
    );
    // A project lexicon wins over the dictionary.
    write(&root, "readings.csv", "日高,ひたか\n");
    let cfg = std::fs::read_to_string(root.join("tsunagi.toml")).unwrap();
    std::fs::write(
        root.join("tsunagi.toml"),
        cfg.replace("[furigana]\n", "[furigana]\nlexicon = \"readings.csv\"\n"),
    )
    .unwrap();
    build_ok(&root, &root.join("site"));
    assert!(
        read(&site, "example/stress/other/index.html")
            .contains("<ruby>日高<rp>(</rp><rt>ひたか</rt>")
    );
}

#[test]
fn ruby_command_round_trips_the_text() {
    let input = "相談したい方は、こちらの窓口へお問い合わせください。\n3日間で2人が来られた。\n\nコードなし ABC\n";
    let mut child = tsunagi()
        .args(["ruby", "--all"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), input.lines().count());
    assert!(
        text.starts_with("{相談|そうだん}したい{方|かた}は、"),
        "{text}"
    );
    let stripped = regex_lite_strip(&text);
    assert_eq!(
        stripped, input,
        "removing the annotations gives back the input"
    );
    let (o, _) = run(tsunagi().args(["--licenses"]));
    let notices = String::from_utf8_lossy(&o.stdout);
    assert!(notices.contains("Nara Institute of Science"));
    assert!(notices.contains("Copyright © 1991-2022 Unicode, Inc."));
}

/// `{base|reading}` → `base`.
fn regex_lite_strip(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = rest[open..].find('}').unwrap() + open;
        let inner = &rest[open + 1..close];
        out.push_str(inner.split('|').next().unwrap());
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}
