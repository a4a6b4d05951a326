//! The example project that ships in this repository, built by the real binary.

mod common;

use common::*;

const TOWNS: [&str; 5] = ["tokorozawa", "hanno", "sayama", "iruma", "hidaka"];

fn built() -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    build_ok(&repo(), &out.path().join("site"));
    out
}

#[test]
fn every_town_gets_a_site_and_the_portal_lists_them() {
    let out = built();
    let site = out.path().join("site");
    let portal = read(&site, "index.html");
    for town in TOWNS {
        for f in [
            "index.html",
            "404.html",
            "sitemap.xml",
            "robots.txt",
            "css/site.css",
            "consult/index.html",
        ] {
            assert!(site.join(town).join(f).is_file(), "{town}/{f}");
        }
        assert!(
            portal.contains(&format!("href={town}/")),
            "portal links {town}"
        );
    }
    assert!(
        read(&site, "sayama/robots.txt")
            .contains("Sitemap: https://www.example.jp/sayama/kokoro/sitemap.xml")
    );
    let sitemap = read(&site, "hanno/sitemap.xml");
    assert!(sitemap.contains(
        "<loc>https://kokoro.example.jp/hanno/addiction/alcohol/</loc><lastmod>2025-04-01</lastmod>"
    ));
}

#[test]
fn shortcodes_print_each_towns_own_name_and_windows() {
    let out = built();
    let site = out.path().join("site");
    let home_t = read(&site, "tokorozawa/index.html");
    let home_h = read(&site, "hanno/index.html");
    assert!(home_t.contains("所沢市の「こころの健康ガイド」です"));
    assert!(home_h.contains("飯能市の「こころの健康ガイド」です"));
    assert!(!home_h.contains("所沢市"));
    // The addiction page lists the addiction windows and not the others.
    let addiction = read(&site, "iruma/addiction/index.html");
    assert!(addiction.contains("依存症・こころの相談（例）"));
    assert!(!addiction.contains("ゲートキーパー養成研修の問い合わせ（例）"));
    // National lines are tel: links with the exact numbers.
    let consult = read_minified(&site, "hidaka/consult/index.html");
    for (tel, shown) in [
        ("0570064556", "0570-064-556"),
        ("0120279338", "0120-279-338"),
        ("0120078310", "0120-0-78310"),
    ] {
        assert!(
            consult.contains(&format!("href=tel:{tel}>{shown}</a>")),
            "{shown}"
        );
    }
}

#[test]
fn a_local_page_replaces_the_shared_one_only_in_its_town() {
    let out = built();
    let site = out.path().join("site");
    let t = read(&site, "tokorozawa/gatekeeper/training/index.html");
    let h = read(&site, "hanno/gatekeeper/training/index.html");
    assert!(t.contains("<h1>ゲートキーパー養成研修（所沢市）</h1>"));
    assert!(h.contains("<h1>ゲートキーパー養成研修</h1>"));
    // Section listings and navigation use the town's own page.
    assert!(
        read(&site, "tokorozawa/gatekeeper/index.html")
            .contains("ゲートキーパー養成研修（所沢市）")
    );
    // Local-only pages exist in their town.
    assert!(site.join("hanno/about/index.html").is_file());
}

#[test]
fn internal_links_resolve_per_page_depth_and_404_uses_the_base_path() {
    let out = built();
    let site = out.path().join("site");
    let listening = read_minified(&site, "hanno/gatekeeper/listening/index.html");
    assert!(
        listening.contains("href=../../gatekeeper/#4つの役割"),
        "anchor link"
    );
    let home = read(&site, "hanno/index.html");
    assert!(home.contains("href=./consult/"), "link from the home page");
    let notfound = read(&site, "sayama/404.html");
    assert!(notfound.contains("href=/sayama/kokoro/css/site.css"));
    assert!(notfound.contains("href=/sayama/kokoro/>"));
    let canonical = read(&site, "sayama/stress/signs/index.html");
    assert!(
        canonical.contains("href=https://www.example.jp/sayama/kokoro/stress/signs/ rel=canonical")
    );
}

#[test]
fn markdown_extensions_reach_the_output() {
    let out = built();
    let site = out.path().join("site");
    let home = read(&site, "iruma/index.html");
    assert!(
        home.contains("<strong>「つらい」と感じたら、それは相談してよいサインです。</strong>"),
        "CJK emphasis"
    );
    let sos = read_minified(&site, "iruma/school/sos/index.html");
    assert!(
        sos.contains("<ruby>眠<rp>(</rp><rt>ねむ</rt><rp>)</rp></ruby>れない"),
        "explicit ruby"
    );
    let signs = read_minified(&site, "iruma/stress/signs/index.html");
    assert!(signs.contains("<table>"), "tables");
    assert!(
        signs.contains("<h2 id=自分で気づけるサイン>"),
        "Japanese heading ids"
    );
}

#[test]
fn two_builds_are_byte_identical() {
    let a = built();
    let b = built();
    let sa = snapshot(&a.path().join("site"));
    let sb = snapshot(&b.path().join("site"));
    assert_eq!(sa.keys().collect::<Vec<_>>(), sb.keys().collect::<Vec<_>>());
    for (k, v) in &sa {
        assert!(v == &sb[k], "{k} differs between builds");
    }
    assert!(
        sa.len() > 100,
        "the example produces a real site ({} files)",
        sa.len()
    );
}

#[test]
fn every_site_publishes_its_accessibility_policy_and_links_it_from_every_page() {
    let out = built();
    let site = out.path().join("site");
    for town in TOWNS {
        let policy = read(&site, &format!("{town}/accessibility/index.html"));
        assert!(policy.contains("JIS X 8341-3:2016"), "{town}");
        assert!(
            policy.contains("適合レベルAAに準拠することを目標とします"),
            "{town}"
        );
        assert!(
            read(&site, &format!("{town}/stress/signs/index.html"))
                .contains("href=../../accessibility/>ウェブアクセシビリティ方針</a>")
        );
    }
    assert!(
        read(&site, "hidaka/sitemap.xml")
            .contains("<loc>https://kokoro.example.jp/hidaka/accessibility/</loc>")
    );
}

/// Phone-number-like runs in `text`: 0 followed by digits and hyphens, 10–13 characters.
fn phone_numbers(text: &str) -> Vec<(usize, &str)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let start_ok =
            i == 0 || !(b[i - 1].is_ascii_digit() || b[i - 1] == b'-' || b[i - 1] == b':');
        if b[i] == b'0' && start_ok {
            let mut j = i;
            while j < b.len() && (b[j].is_ascii_digit() || b[j] == b'-') {
                j += 1;
            }
            let run = &text[i..j];
            if run.contains('-') && (10..=13).contains(&run.len()) {
                out.push((i, run));
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

#[test]
fn every_phone_number_on_every_page_is_a_tel_link() {
    let out = built();
    let site = out.path().join("site");
    let mut seen = 0;
    for (path, bytes) in snapshot(&site) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = minified(&String::from_utf8(bytes).unwrap());
        for (at, number) in phone_numbers(&html) {
            let before = &html[..at];
            let digits: String = number.chars().filter(char::is_ascii_digit).collect();
            let link = format!("href=tel:{digits}>");
            // Either the visible number of a tel: link, or the tel: URI itself.
            assert!(
                before.ends_with(&link) || before.ends_with("href=tel:"),
                "{path}: {number} is not a tel: link"
            );
            seen += 1;
        }
    }
    assert!(seen > 100, "phone numbers were found and checked ({seen})");
}

#[test]
fn windows_are_published_as_open_data_that_imports_back() {
    let out = built();
    let site = out.path().join("site");
    let csv = read(&site, "iruma/data/windows.csv");
    assert!(csv.starts_with("\u{FEFF}全国地方公共団体コード,ID,地方公共団体名,名称,名称_カナ"));
    assert!(
        csv.contains(
            "112259,kokoro-sodan,埼玉県入間市,こころの健康相談（例）,ココロノケンコウソウダン"
        ),
        "地方公共団体名 in the standard form (issue 9): {csv}"
    );
    let file = out.path().join("windows.csv");
    std::fs::write(&file, &csv).unwrap();
    let (o, err) = run(tsunagi().arg("import-windows").arg(&file));
    assert!(o.status.success(), "{err}");
    let toml = String::from_utf8(o.stdout).unwrap();
    assert_eq!(toml.matches("[[windows]]").count(), 3, "{toml}");
    assert!(toml.contains("id = \"hokenjo-izonsho\""));
    let json: serde_json::Value =
        serde_json::from_str(&read(&site, "iruma/data/windows.json")).unwrap();
    assert_eq!(json["windows"].as_array().unwrap().len(), 3);
    // JSON-LD on the help page parses as JSON with the expected types.
    let help = read_minified(&site, "iruma/consult/index.html");
    let start = help.find("application/ld+json>").unwrap() + "application/ld+json>".len();
    let end = start + help[start..].find("</script>").unwrap();
    let ld: serde_json::Value = serde_json::from_str(&help[start..end]).unwrap();
    assert_eq!(ld["@graph"][0]["@type"], "GovernmentService");
    assert_eq!(
        ld["@graph"][0]["hoursAvailable"][0]["@type"],
        "OpeningHoursSpecification"
    );
}

#[test]
fn events_split_at_the_build_date_with_icalendar_files_an_independent_parser_reads() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let (o, err) = run(tsunagi()
        .args(["build", "--today", "2026-11-25", "--root"])
        .arg(repo())
        .arg("--out")
        .arg(&site));
    assert!(o.status.success(), "{err}");
    let page = read(&site, "hanno/events/index.html");
    let upcoming = page.find("これからのイベント").unwrap();
    let past = page.find("終了したイベント").unwrap();
    let may = page.find("ゲートキーパー養成研修（入門編）").unwrap();
    let feb = page
        .find("ゲートキーパー養成研修（フォローアップ編）")
        .unwrap();
    assert!(
        upcoming < feb && feb < past && past < may,
        "May 2026 is past on 2026-11-25"
    );
    // The same input with an earlier date puts it back among the upcoming ones.
    let early = out.path().join("early");
    let (o, _) = run(tsunagi()
        .args(["build", "--today", "2026-05-01", "--root"])
        .arg(repo())
        .arg("--out")
        .arg(&early));
    assert!(o.status.success());
    assert!(!read(&early, "hanno/events/index.html").contains("終了したイベント"));
    // JSON-LD of the upcoming events.
    let start = page.find("application/ld+json>").unwrap() + "application/ld+json>".len();
    let end = start + page[start..].find("</script>").unwrap();
    let ld: serde_json::Value = serde_json::from_str(&page[start..end]).unwrap();
    assert_eq!(ld["@graph"][0]["@type"], "EducationEvent");
    assert_eq!(ld["@graph"][0]["startDate"], "2027-01-23T14:00:00+09:00");
    // The feed and each event's file parse as iCalendar.
    let feed = std::fs::read(site.join("hanno/events/calendar.ics")).unwrap();
    let cal = ical::IcalParser::new(std::io::BufReader::new(&feed[..]))
        .next()
        .unwrap()
        .unwrap();
    assert_eq!(cal.events.len(), 3);
    let first = &cal.events[0];
    let prop = |name: &str| first.properties.iter().find(|p| p.name == name).unwrap();
    assert_eq!(prop("DTSTART").value.as_deref(), Some("20260516T133000"));
    assert!(
        prop("DTSTART")
            .params
            .as_ref()
            .unwrap()
            .iter()
            .any(|(k, v)| k == "TZID" && v == &["Asia/Tokyo"])
    );
    assert_eq!(
        prop("SUMMARY").value.as_deref(),
        Some("ゲートキーパー養成研修（入門編）")
    );
    assert_eq!(cal.timezones.len(), 1);
    let one = std::fs::read(site.join("hanno/events/family-class-2027-01.ics")).unwrap();
    let cal = ical::IcalParser::new(std::io::BufReader::new(&one[..]))
        .next()
        .unwrap()
        .unwrap();
    assert_eq!(cal.events.len(), 1);
    // The gatekeeper page lists the upcoming training through the shortcode.
    assert!(
        read(&site, "hanno/gatekeeper/training/index.html")
            .contains("ゲートキーパー養成研修（フォローアップ編）")
    );
}

#[test]
fn minifying_can_be_switched_off_and_the_pages_stay_the_same_pages() {
    let dir = example_copy();
    let root = dir.path();
    let (minified, plain) = (root.join("a"), root.join("b"));
    build_ok(root, &minified);
    append(root, "tsunagi.toml", "\n[output]\nminify = false\n");
    build_ok(root, &plain);
    let (a, b) = (snapshot(&minified), snapshot(&plain));
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "the same files"
    );
    let page = "tokorozawa/stress/sleep/index.html";
    let (small, large) = (
        String::from_utf8_lossy(&a[page]).into_owned(),
        String::from_utf8_lossy(&b[page]).into_owned(),
    );
    assert!(large.len() > small.len(), "not minified: larger");
    assert!(large.contains("\n  <"), "indentation kept");
    for text in ["眠れないときに", "<!DOCTYPE html>", "</html>"] {
        assert!(
            large.contains(text) && small.to_uppercase().contains(&text.to_uppercase()),
            "{text}"
        );
    }
}

#[test]
fn a_build_that_fails_in_one_town_leaves_the_previous_site_and_no_half_written_one() {
    // Towns are written as soon as they are rendered: the others are already on disk when the
    // last one fails, in the staging folder, which must go.
    let dir = example_copy();
    let root = dir.path();
    let out = root.join("site");
    build_ok(root, &out);
    let before = snapshot(&out);
    write(
        root,
        "content/municipalities/tokorozawa/about.md",
        "+++\ntitle = \"所沢市について\"\ndescription = \"d\"\n+++\n[どこにもない](@/nowhere.md)\n",
    );
    let (code, err) = build(root, &["--out", out.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(snapshot(&out), before, "the previous site, byte for byte");
    let left: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .filter_map(std::result::Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("tsunagi-new") || n.contains("tsunagi-old"))
        .collect();
    assert!(left.is_empty(), "staging left behind: {left:?}");
}
