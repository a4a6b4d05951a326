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
    let consult = read(&site, "hidaka/consult/index.html");
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
    let listening = read(&site, "hanno/gatekeeper/listening/index.html");
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
    let sos = read(&site, "iruma/school/sos/index.html");
    assert!(
        sos.contains("<ruby>眠<rp>(</rp><rt>ねむ</rt><rp>)</rp></ruby>れない"),
        "explicit ruby"
    );
    let signs = read(&site, "iruma/stress/signs/index.html");
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
