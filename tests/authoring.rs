//! Nothing wrong builds silently (issue 9): the everyday mistakes of a health-center clerk or a
//! teacher either build a correct site or stop the build with the file, the line and what to
//! do. Every test runs the real binary on a `tsunagi new` project (or the example), and is named
//! after what it guards. The mistakes whose whole answer is a message are cases in
//! `tests/cases/authoring/` (tests/cases.rs); these tests read what a build writes.

mod common;

use common::*;

#[test]
fn block_shortcode_alone_in_its_paragraph_is_a_block_between_paragraphs() {
    // Inside a sentence it is refused: tests/cases/authoring/block_shortcode_inside_a_sentence.
    let (_d, root) = starter();
    write(
        &root,
        "content/stress/call.md",
        "+++\ntitle = \"電話\"\n+++\n\n困ったときは、次の窓口に電話してください。\n\n{{ national_lines(topic=\"suicide\") }}\n",
    );
    let (code, err) = build(&root, &[]);
    assert_eq!(code, Some(0), "{err}");
    let html = read(&root.join("site"), "example/stress/call/index.html");
    assert!(!html.contains("<p>困ったときは、<"), "{html}");
}

#[test]
fn calendar_uids_differ_between_towns_and_stay_stable() {
    let site = tempfile::tempdir().unwrap();
    let (o, err) = run(tsunagi()
        .arg("build")
        .arg("--root")
        .arg(repo())
        .arg("--out")
        .arg(site.path())
        .args(["--today", "2026-11-28", "--quiet"]));
    assert!(o.status.success(), "{err}");
    let uids = |slug: &str| -> Vec<String> {
        read(site.path(), &format!("{slug}/events/calendar.ics"))
            .lines()
            .filter_map(|l| l.strip_prefix("UID:").map(str::to_string))
            .collect()
    };
    let (hanno, sayama) = (uids("hanno"), uids("sayama"));
    assert!(!hanno.is_empty());
    for uid in &hanno {
        assert!(!sayama.contains(uid), "{uid} is in two towns' calendars");
    }
    assert!(
        hanno.contains(&"gatekeeper-2027-02@hanno.kokoro.example.jp".to_string()),
        "{hanno:?}"
    );
}

#[test]
fn ruby_command_is_idempotent_and_keeps_existing_readings() {
    let ruby = |input: &str, format: &str| -> String {
        let out = with_stdin(&["ruby", "--all", "--format", format], input.as_bytes());
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let text = "相談窓口に電話する。\n{漢字|かんじ}と<ruby>読<rt>よ</rt></ruby>む\n";
    let once = ruby(text, "markup");
    assert_eq!(ruby(&once, "markup"), once, "a second run changes nothing");
    assert!(
        once.contains("{漢字|かんじ}と<ruby>読<rt>よ</rt></ruby>む"),
        "{once}"
    );
    assert!(!once.contains("{{"), "{once}");
    let html = ruby(text, "html");
    assert!(
        html.contains("{漢字|かんじ}と<ruby>読<rt>よ</rt></ruby>む"),
        "{html}"
    );
}

#[test]
fn raw_ruby_in_content_gets_no_second_reading() {
    // Ruby inside ruby is refused: tests/cases/authoring/ruby_inside_ruby_is_an_error_with_its_line.
    let (_d, root) = starter();
    write(
        &root,
        "content/stress/ruby.md",
        "+++\ntitle = \"ルビ\"\nfurigana = \"all\"\n+++\n\n<ruby>相談<rt>そうだん</rt></ruby>する。\n",
    );
    let (code, err) = build(&root, &[]);
    assert_eq!(code, Some(0), "{err}");
    let html = read(&root.join("site"), "example/stress/ruby/index.html");
    assert!(
        html.contains("<ruby>相談<rt>そうだん</rt></ruby>"),
        "{html}"
    );
    assert!(!html.contains("<ruby><ruby>"), "{html}");
}

#[test]
fn accessibility_policy_claims_only_what_is_true_and_names_the_contact() {
    let (_d, root) = starter();
    let (code, err) = build(&root, &[]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("has no contact for its accessibility policy"),
        "{err}"
    );
    let page = read(&root.join("site"), "example/accessibility/index.html");
    assert!(
        !page.contains("公開するたびに"),
        "no claim of tests tsunagi does not run: {page}"
    );
    assert!(
        page.contains("このサイトのページそのものを試験した結果ではありません"),
        "{page}"
    );
    assert!(page.contains(env!("CARGO_PKG_VERSION")), "{page}");
    std::fs::remove_dir_all(root.join("site")).unwrap();
    append(
        &root,
        TOWN,
        "\n[contact]\nname = \"〇〇市 保健センター\"\nemail = \"kokoro@city.example.lg.jp\"\nform_url = \"https://www.city.example.lg.jp/form/\"\n",
    );
    let (code, err) = build(&root, &[]);
    assert_eq!(code, Some(0), "{err}");
    assert!(!err.contains("has no contact"), "{err}");
    let page = read(&root.join("site"), "example/accessibility/index.html");
    assert!(page.contains("mailto:kokoro@city.example.lg.jp"), "{page}");
    assert!(
        page.contains("https://www.city.example.lg.jp/form/"),
        "{page}"
    );
    assert!(page.contains("例外とする範囲は定めていません"), "{page}");
    assert!(
        page.contains("このサイトの試験はまだ公開していません"),
        "{page}"
    );
    // Every page names its publisher and how to reach them (issue 11, item 10).
    let content = read(&root.join("site"), "example/stress/index.html");
    let footer = &content[content.find("<footer").unwrap()..];
    assert!(footer.contains("このサイトの発行元"), "{footer}");
    assert!(footer.contains("〇〇市 保健センター"), "{footer}");
    assert!(
        footer.contains("href=mailto:kokoro@city.example.lg.jp"),
        "{footer}"
    );
    // The policy's exceptions and test date, as みんなの公共サイト運用ガイドライン asks.
    std::fs::remove_dir_all(root.join("site")).unwrap();
    append(
        &root,
        "tsunagi.toml",
        "\n[accessibility]\ntest_date = 2026-10-15\nexceptions = [\"他の機関が作成したPDFファイル\"]\n",
    );
    let (code, err) = build(&root, &[]);
    assert_eq!(code, Some(0), "{err}");
    let page = read(&root.join("site"), "example/accessibility/index.html");
    assert!(
        page.contains("<li>他の機関が作成したPDFファイル</li>"),
        "{page}"
    );
    assert!(
        page.contains("<time datetime=2026-10-15>2026年10月15日</time>に実施しました"),
        "{page}"
    );
}

#[test]
fn local_draft_withdraws_the_shared_page() {
    let (_d, root) = starter();
    write(
        &root,
        "content/municipalities/example/stress/sleep.md",
        "+++\ntitle = \"眠り\"\ndraft = true\n+++\n",
    );
    let (code, err) = build(&root, &[]);
    assert_eq!(code, Some(0), "{err}");
    assert!(!root.join("site/example/stress/sleep/index.html").exists());
    assert!(!read(&root.join("site"), "example/sitemap.xml").contains("stress/sleep/"));
    // A link to it fails, and the help page cannot be withdrawn: tests/cases/authoring/
    // link_to_a_page_a_town_withdraws_fails, help_page_cannot_be_withdrawn_by_a_draft.
}

#[test]
fn toml_dates_are_accepted_wherever_a_date_is_expected() {
    let (_d, root) = starter();
    let text = std::fs::read_to_string(root.join(TOWN))
        .unwrap()
        .replace("example = true", "example = true\nverified = 2026-04-01");
    write(
        &root,
        TOWN,
        &format!(
            "{text}\n[[events]]\nid = \"gk\"\ntitle = \"研修\"\nkind = \"lecture\"\nstart = 2027-02-13T13:30\nend = 2027-02-13T16:00\napply_by = 2027-02-05\n"
        ),
    );
    append(
        &root,
        "tsunagi.toml",
        "\n[accessibility]\npolicy_date = 2026-04-01\n",
    );
    let (code, err) = build(&root, &[]);
    assert_eq!(code, Some(0), "{err}");
    let events = read(&root.join("site"), "example/events/index.html");
    assert!(
        events.contains("2027年2月13日（土） 13:30〜16:00"),
        "{events}"
    );
    assert!(read(&root.join("site"), "example/accessibility/index.html").contains("2026-04-01"));
}

#[test]
fn short_opening_times_are_written_as_hh_mm() {
    let (_d, root) = starter();
    let text = std::fs::read_to_string(root.join(TOWN))
        .unwrap()
        .replace("open = \"08:30\"", "open = \"8:30\"");
    write(&root, TOWN, &text);
    write(
        &root,
        "content/stress/w.md",
        "+++\ntitle = \"窓口\"\n+++\n\n{{ windows() }}\n",
    );
    let (code, err) = build(&root, &[]);
    assert_eq!(code, Some(0), "{err}");
    let html = read(&root.join("site"), "example/stress/w/index.html");
    assert!(html.contains("\"opens\":\"08:30\""), "{html}");
    assert!(!html.contains("\"8:30\""), "{html}");
}

/// The first bytes of a PNG file of `w` × `h` pixels: enough for its size to be read.
fn png_header(w: u32, h: u32) -> Vec<u8> {
    let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    b.extend(w.to_be_bytes());
    b.extend(h.to_be_bytes());
    b.extend([8, 6, 0, 0, 0, 0, 0, 0, 0]);
    b
}

#[test]
fn relative_links_and_images_resolve_from_their_file() {
    let (_d, root) = starter();
    std::fs::create_dir_all(root.join("content/kids")).unwrap();
    std::fs::write(root.join("content/kids/zu.png"), png_header(640, 480)).unwrap();
    std::fs::write(root.join("content/kids/leaflet.pdf"), b"%PDF-1.4\n").unwrap();
    write(
        &root,
        "content/kids/_index.md",
        "+++\ntitle = \"子ども\"\n+++\n",
    );
    write(
        &root,
        "content/kids/fig.md",
        "+++\ntitle = \"図\"\n+++\n\n![ストレスの図](zu.png)\n\n[眠り](../stress/sleep.md) [相談](../consult/) [ちらし](leaflet.pdf) [イベント](../events/)\n",
    );
    let (code, err) = build(&root, &[]);
    assert_eq!(code, Some(0), "{err}");
    let html = read(&root.join("site"), "example/kids/fig/index.html");
    let img = html
        .split("<img ")
        .nth(1)
        .and_then(|t| t.split('>').next())
        .unwrap_or_default();
    for attribute in [
        "src=../../kids/zu.png",
        "alt=ストレスの図",
        "width=640",
        "height=480",
    ] {
        assert!(
            img.split(' ').any(|a| a.replace('"', "") == attribute),
            "{attribute} in <img {img}>"
        );
    }
    for href in [
        "../../stress/sleep/",
        "../../consult/",
        "../../kids/leaflet.pdf",
        "../../events/",
    ] {
        assert!(
            html.contains(&format!("href={href}>")) || html.contains(&format!("href=\"{href}\"")),
            "{href}: {html}"
        );
    }
    // The links and images that fail: tests/cases/authoring/ (relative_link_*, image_*).
}

#[test]
fn open_data_names_the_government_with_its_prefecture() {
    let site = tempfile::tempdir().unwrap();
    let (o, err) = run(tsunagi()
        .arg("build")
        .arg("--root")
        .arg(repo())
        .arg("--out")
        .arg(site.path())
        .args(["--today", "2026-11-28", "--quiet", "--only", "tokorozawa"]));
    assert!(o.status.success(), "{err}");
    let csv = read(site.path(), "tokorozawa/data/windows.csv");
    assert!(csv.lines().nth(1).unwrap().starts_with("112089,"), "{csv}");
    assert!(
        csv.lines().nth(1).unwrap().contains(",埼玉県所沢市,"),
        "{csv}"
    );
    assert!(
        read(site.path(), "tokorozawa/data/events.json")
            .contains("\"地方公共団体名\": \"埼玉県所沢市\"")
    );
}

#[test]
fn crisis_line_names_a_number_inside_a_sentence_for_the_pages_readers() {
    let (_d, root) = starter();
    write(
        &root,
        "content/stress/call.md",
        "+++\ntitle = \"電話\"\n+++\n\n死にたいと思ったら、{{ crisis_line() }}に電話してください。\n",
    );
    write(
        &root,
        "content/stress/pupils.md",
        "+++\ntitle = \"みんなへ\"\naudience = \"school\"\n+++\n\n消えたいと思ったら、{{ crisis_line() }}か{{ crisis_line(line=\"childline\") }}に電話してね。\n",
    );
    let (code, err) = build(&root, &[]);
    assert_eq!(code, Some(0), "{err}");
    // Attributes as the minifier writes the theme's part or as the body is rendered: unquoted.
    let adult = read(&root.join("site"), "example/stress/call/index.html").replace('"', "");
    assert!(
        adult.contains("<p>死にたいと思ったら、<span class=crisis-line>よりそいホットライン（24時間・毎日）<a class=tel href=tel:0120279338>0120-279-338</a></span>に電話してください。</p>"),
        "{adult}"
    );
    let pupils = read(&root.join("site"), "example/stress/pupils/index.html").replace('"', "");
    assert!(
        pupils.contains("href=tel:0120078310>0120-0-78310</a></span>か"),
        "children's line first for pupils"
    );
    assert!(
        pupils.contains("href=tel:0120997777>0120-99-7777</a></span>に電話してね"),
        "a named line"
    );
    // A line that does not exist: tests/cases/authoring/unknown_crisis_line_names_the_lines_there_are.
}
