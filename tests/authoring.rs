//! Nothing wrong builds silently (issue 9): the everyday mistakes of a health-center clerk or a
//! teacher either build a correct site or stop the build with the file, the line and what to
//! do. Every test runs the real binary on a `tsunagi new` project (or the example), and is named
//! after what it guards.

mod common;

use common::*;

#[test]
fn block_shortcode_inside_a_sentence_is_refused_with_its_line() {
    let (_d, root) = starter();
    write(
        &root,
        "content/stress/call.md",
        "+++\ntitle = \"電話\"\n+++\n\n困ったときは、{{ national_lines(topic=\"suicide\") }}に電話してください。\n",
    );
    let err = build_fails(&root);
    assert!(err.contains("content/stress/call.md:5:8:"), "{err}");
    assert!(err.contains("cannot stand inside a sentence"), "{err}");
    assert!(err.contains("on a line of its own"), "{err}");
    // Alone in its paragraph it is a block between paragraphs, as before.
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
fn base_url_without_slug_for_several_towns_is_refused() {
    let (_d, root) = starter();
    let config = std::fs::read_to_string(root.join("tsunagi.toml"))
        .unwrap()
        .replace(
            "https://kokoro.example.jp/{slug}/",
            "https://kokoro.example.jp/",
        );
    write(&root, "tsunagi.toml", &config);
    // One town: one address, no clash.
    let (code, err) = build(&root, &[]);
    assert_eq!(code, Some(0), "{err}");
    std::fs::remove_dir_all(root.join("site")).unwrap();
    let second = std::fs::read_to_string(root.join(TOWN))
        .unwrap()
        .replace("000001", "112089");
    write(
        &root,
        "content/municipalities/second/municipality.toml",
        &second,
    );
    let err = build_fails(&root);
    assert!(
        err.contains("tsunagi.toml: base_url `https://kokoro.example.jp/` has no `{slug}`"),
        "{err}"
    );
    // Each town with its own base_url is fine.
    let own =
        |slug: &str| format!("base_url = \"https://www.city.{slug}.example.lg.jp/kokoro/\"\n");
    let first = std::fs::read_to_string(root.join(TOWN)).unwrap();
    write(
        &root,
        TOWN,
        &first.replacen("code =", &format!("{}code =", own("a")), 1),
    );
    write(
        &root,
        "content/municipalities/second/municipality.toml",
        &second.replacen("code =", &format!("{}code =", own("b")), 1),
    );
    let (code, err) = build(&root, &[]);
    assert_eq!(code, Some(0), "{err}");
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
fn nested_ruby_in_content_is_an_error_and_raw_ruby_gets_no_second_reading() {
    let (_d, root) = starter();
    write(
        &root,
        "content/stress/ruby.md",
        "+++\ntitle = \"ルビ\"\nfurigana = \"all\"\n+++\n\n一行目\n\n{{漢字|かんじ}|かんじ}を書く。\n",
    );
    let err = build_fails(&root);
    assert!(
        err.contains("content/stress/ruby.md:8:1: ruby inside ruby"),
        "{err}"
    );
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
fn local_draft_withdraws_the_shared_page_and_links_to_it_fail() {
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
    std::fs::remove_dir_all(root.join("site")).unwrap();
    write(
        &root,
        "content/stress/rest.md",
        "+++\ntitle = \"休む\"\n+++\n\n[眠り](@/stress/sleep.md)も見てください。\n",
    );
    let err = build_fails(&root);
    assert!(
        err.contains("content/stress/rest.md:5:1: broken internal link `@/stress/sleep.md`"),
        "{err}"
    );
    assert!(err.contains("withdraws it with draft = true"), "{err}");
    // The help page cannot be withdrawn: every page links to it.
    write(
        &root,
        "content/stress/rest.md",
        "+++\ntitle = \"休む\"\n+++\n",
    );
    write(
        &root,
        "content/municipalities/example/consult/_index.md",
        "+++\ntitle = \"相談\"\ndraft = true\n+++\n",
    );
    let err = build_fails(&root);
    assert!(err.contains("withdraws the help page"), "{err}");
}

#[test]
fn placeholder_starter_warns_on_every_build() {
    let (_d, root) = starter();
    for _ in 0..2 {
        let (code, err) = build(&root, &["--quiet"]);
        assert_eq!(code, Some(0), "{err}");
        assert!(
            err.contains(&format!(
                "warning: {TOWN}:2:8: `name` is still the placeholder `〇〇市`"
            )),
            "{err}"
        );
        assert!(
            err.contains("code `000001` is not the code of a municipality"),
            "{err}"
        );
    }
    let real = std::fs::read_to_string(root.join(TOWN))
        .unwrap()
        .replace("〇〇市", "所沢市")
        .replace("〇〇県", "埼玉県")
        .replace("〇〇保健所", "埼玉県狭山保健所")
        .replace("000001", "112089");
    write(&root, TOWN, &real);
    let (code, err) = build(&root, &["--quiet"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        !err.contains("placeholder") && !err.contains("000001"),
        "{err}"
    );
}

#[test]
fn every_error_of_a_build_is_reported_at_once_sorted_by_file_and_line() {
    let (_d, root) = starter();
    write(
        &root,
        "content/stress/b.md",
        "+++\ntitle = \"b\"\ntitel = \"x\"\n+++\n",
    );
    write(
        &root,
        "content/stress/a.md",
        "+++\ntitle = \"a\"\n+++\n\n[x](@/nothere.md)\n\n[y](@/stress/sleep.md#nope)\n",
    );
    append(
        &root,
        TOWN,
        "\n[[windows]]\nid = \"b\"\nname = \"b\"\ntopics = [\"beer\"]\nexample = true\n",
    );
    let err = build_fails(&root);
    let lines: Vec<&str> = err.lines().filter(|l| l.starts_with("error: ")).collect();
    let expected = [
        "error: content/municipalities/example/municipality.toml:",
        "error: content/stress/b.md:3:1: unknown field `titel`",
    ];
    assert_eq!(lines.len(), 2, "{err}");
    for (line, start) in lines.iter().zip(expected) {
        assert!(line.starts_with(start), "{line} / {err}");
    }
    assert!(err.contains("2 errors: nothing was written"), "{err}");
    // With the data and front matter fixed, both links of a.md are reported together.
    write(&root, "content/stress/b.md", "+++\ntitle = \"b\"\n+++\n");
    let fixed = std::fs::read_to_string(root.join(TOWN))
        .unwrap()
        .replace("[\"beer\"]", "[\"stress\"]");
    write(&root, TOWN, &fixed);
    let err = build_fails(&root);
    assert!(
        err.contains("content/stress/a.md:5:1: broken internal link"),
        "{err}"
    );
    assert!(
        err.contains("content/stress/a.md:7:1: broken anchor `#nope`"),
        "{err}"
    );
}

#[test]
fn window_and_event_errors_point_at_the_field_not_the_entry() {
    let (_d, root) = starter();
    append(
        &root,
        TOWN,
        "\n[[events]]\nid = \"gk\"\ntitle = \"ゲートキーパー養成研修\"\nkind = \"gatekeeper-training\"\nstart = \"2027-02-13T13:30\"\nend = \"2027-02-13T16:00\"\naccessibility = [\"braille\"]\n",
    );
    let text = std::fs::read_to_string(root.join(TOWN)).unwrap();
    let line = text
        .lines()
        .position(|l| l.starts_with("accessibility = [\"braille\"]"))
        .unwrap()
        + 1;
    let err = build_fails(&root);
    assert!(
        err.contains(&format!(
            "{TOWN}:{line}:17: event `gk`, field `accessibility`"
        )),
        "{err}"
    );
    let hours_line = text
        .lines()
        .position(|l| l.starts_with("hours = {"))
        .unwrap()
        + 1;
    write(
        &root,
        TOWN,
        &text
            .replace("[\"braille\"]", "[]")
            .replace("close = \"17:15\"", "close = \"5時\""),
    );
    let err = build_fails(&root);
    assert!(err.contains(&format!("{TOWN}:{hours_line}:")), "{err}");
    assert!(err.contains("field `hours.periods[0].close`"), "{err}");
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
fn impossible_dates_and_wrong_check_digits_say_what_is_expected() {
    let (_d, root) = starter();
    append(
        &root,
        TOWN,
        "\n[[events]]\nid = \"gk\"\ntitle = \"研修\"\nkind = \"lecture\"\nstart = \"2027-02-30T13:30\"\nend = \"2027-02-30T16:00\"\n",
    );
    let err = build_fails(&root);
    assert!(
        err.contains("2027年2月 has 28 days, so day 30 does not exist"),
        "{err}"
    );
    let text = std::fs::read_to_string(root.join(TOWN)).unwrap();
    let cut = text.find("\n[[events]]").unwrap();
    write(&root, TOWN, &text[..cut].replace("000001", "112088"));
    let err = build_fails(&root);
    assert!(
        err.contains("for 11208 it must be 9 (112089), not 8"),
        "{err}"
    );
}

#[test]
fn wrong_command_line_exits_2_with_the_known_slugs() {
    let (_d, root) = starter();
    let (code, err) = build(&root, &["--only", "exampel"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("--only exampel"), "{err}");
    assert!(err.contains("did you mean `example`?"), "{err}");
    assert!(err.contains(": example"), "{err}");
    assert!(!err.contains("<input>"), "{err}");
    let (o, err) = run(tsunagi()
        .arg("build")
        .arg("--root")
        .arg(&root)
        .args(["--today", "2027-13-01"]));
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("--today 2027-13-01") && err.contains("there is no month 13"),
        "{err}"
    );
    assert!(!err.contains("<input>"), "{err}");
}

#[test]
fn typing_mistakes_get_a_did_you_mean() {
    let cases: [(&str, &str, &str); 4] = [
        (
            "+++\ntitle = \"a\"\ntitel = \"b\"\n+++\n",
            "did you mean `title`?",
            "key",
        ),
        (
            "+++\ntitle = \"a\"\ntopics = [\"stres\"]\n+++\n",
            "did you mean `stress`?",
            "topic",
        ),
        (
            "+++\ntitle = \"a\"\n+++\n\n{{ window(topic=\"stress\") }}\n",
            "did you mean `windows`?",
            "shortcode",
        ),
        (
            "+++\ntitle = \"a\"\n+++\n\n[眠り](@/stress/slep.md)\n",
            "did you mean `stress/sleep.md`?",
            "@/ path",
        ),
    ];
    for (page, expected, what) in cases {
        let (_d, root) = starter();
        write(&root, "content/stress/x.md", page);
        let err = build_fails(&root);
        assert!(err.contains(expected), "{what}: {err}");
    }
}

#[test]
fn yaml_front_matter_says_toml_and_shows_the_converted_lines() {
    let (_d, root) = starter();
    write(
        &root,
        "content/stress/y.md",
        "---\ntitle: 眠れないとき\ndate: 2026-04-01\n---\n本文\n",
    );
    let err = build_fails(&root);
    assert!(
        err.contains("content/stress/y.md:1:1: this front matter is YAML"),
        "{err}"
    );
    assert!(
        err.contains("+++\ntitle = \"眠れないとき\"\ndate = 2026-04-01\n+++"),
        "{err}"
    );
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
fn relative_links_and_images_resolve_from_their_file_or_fail_with_the_line() {
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
    std::fs::remove_dir_all(root.join("site")).unwrap();
    let cases = [
        (
            "[眠り](sleep.md)",
            "content/kids/bad.md:5:1: broken internal link `sleep.md`",
        ),
        (
            "[相談](/consult/)",
            "content/kids/bad.md:5:1: link `/consult/` starts with `/`",
        ),
        (
            "[無い](../stress/nothere/)",
            "content/kids/bad.md:5:1: broken internal link `../stress/nothere/`",
        ),
        (
            "![図](nothere.png)",
            "content/kids/bad.md:5:1: image `nothere.png` does not exist",
        ),
        (
            "![図](https://cdn.example.com/a.png)",
            "content/kids/bad.md:5:1: image `https://cdn.example.com/a.png` is on another site",
        ),
    ];
    for (body, expected) in cases {
        write(
            &root,
            "content/kids/bad.md",
            &format!("+++\ntitle = \"x\"\n+++\n\n{body}\n"),
        );
        let err = build_fails(&root);
        assert!(err.contains(expected), "{body}: {err}");
    }
}

#[test]
fn spreadsheets_as_staff_keep_them_import_without_losing_data() {
    let dir = tempfile::tempdir().unwrap();
    let windows = "ID,名称,電話番号,利用可能曜日,開始時間,終了時間,利用可能日時特記事項,団体名,住所,方書,料金（基本）,バリアフリー情報,備考,名称_英字\r\n\
        ｋ１,アルコール依存症の家族相談,０４－２９９８－９１１１,月～金,８：３０,１７：１５,祝日・年末年始を除く,所沢市保健センター,埼玉県所沢市並木4-2,2階,無料,車いす用トイレあり,予約制,Family consultation\r\n";
    let file = dir.path().join("shisetsu.csv");
    // Excel's default CSV: Shift_JIS (CP932).
    std::fs::write(&file, encoding_rs::SHIFT_JIS.encode(windows).0).unwrap();
    let (o, err) = run(tsunagi().arg("import-windows").arg(&file));
    assert!(o.status.success(), "{err}");
    let toml = String::from_utf8(o.stdout).unwrap();
    assert!(err.contains("read as Shift_JIS (CP932)"), "{err}");
    assert!(err.contains(":1: column `名称_英字` is not read"), "{err}");
    assert!(err.contains(":2: topics guessed from the name"), "{err}");
    for expected in [
        "id = \"k1\"",
        "number = \"04-2998-9111\"",
        "open = \"08:30\"",
        "closed_on_holidays = true",
        "closed_year_end = true",
        "organisation = \"所沢市保健センター\"",
        "address = \"埼玉県所沢市並木4-2 2階\"",
        "cost = \"無料\"",
        "barrier_free = \"車いす用トイレあり\"",
        "remarks = \"予約制\"",
        "topics = [\"alcohol\", \"addiction\", \"family\"]",
    ] {
        assert!(toml.contains(expected), "{expected} in:\n{toml}");
    }
    let events = "ID,イベント名,開始日,開始時間,終了時間,場所名称,参加申込終了日,参加申込終了時間\r\n\
        gk,ゲートキーパー養成研修,2027/02/13,１３：３０,16:00,市民会館,2027/2/5,17:00\r\n";
    let file = dir.path().join("events.csv");
    std::fs::write(&file, events).unwrap();
    let (o, err) = run(tsunagi().arg("import-events").arg(&file));
    assert!(o.status.success(), "{err}");
    let toml = String::from_utf8(o.stdout).unwrap();
    assert!(
        err.contains("kind guessed from the title 「ゲートキーパー養成研修」: gatekeeper-training"),
        "{err}"
    );
    for expected in [
        "kind = \"gatekeeper-training\"",
        "start = \"2027-02-13T13:30\"",
        "apply_by = \"2027-02-05T17:00\"",
    ] {
        assert!(toml.contains(expected), "{expected} in:\n{toml}");
    }
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
fn every_mistake_of_one_municipality_file_is_reported_at_once() {
    let (_d, root) = starter();
    let text = std::fs::read_to_string(root.join(TOWN))
        .unwrap()
        .replace("000001", "112088");
    write(
        &root,
        TOWN,
        &format!(
            "{text}\n[[windows]]\nid = \"w\"\nname = \"w\"\nhours = {{ periods = [{{ days = [\"mon\"], open = \"8:30\", close = \"5時\" }}] }}\n\n[[events]]\nid = \"gk\"\ntitle = \"研修\"\nkind = \"lectur\"\nstart = \"2027-02-13T13:30\"\nend = \"2027-02-13T16:00\"\n"
        ),
    );
    let err = build_fails(&root);
    assert!(err.contains("for 11208 it must be 9"), "{err}");
    assert!(err.contains("field `hours.periods[0].close`"), "{err}");
    assert!(err.contains("field `kind`: unknown kind `lectur`"), "{err}");
    assert!(err.contains("did you mean `lecture`?"), "{err}");
    assert!(err.contains("3 errors: nothing was written"), "{err}");
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
    // A line that does not exist is named with its place and the lines there are.
    write(
        &root,
        "content/stress/call.md",
        "+++\ntitle = \"電話\"\n+++\n\n{{ crisis_line(line=\"yorisio\") }}に電話してください。\n",
    );
    std::fs::remove_dir_all(root.join("site")).unwrap();
    let err = build_fails(&root);
    assert!(err.contains("content/stress/call.md:5:1:"), "{err}");
    assert!(err.contains("unknown line \"yorisio\""), "{err}");
    assert!(err.contains("did you mean `yorisoi`"), "{err}");
}
