//! Printables (`print/`, `<page>/leaflet/`), through the real binary on the example: which each
//! town gets, that every QR code on every page and printable reads back (rqrr, an independent
//! decoder) as an address of that town's site where a file stands, and the front matter that
//! asks for leaflets. How they print (paper size, page count, overflow) is tested in a browser
//! (tests/browser/print.test.mjs).

mod common;

use std::path::Path;

use common::{build, build_fails, example_copy, qr_codes, read, snapshot, write};

const TOWNS: [&str; 5] = ["hanno", "hidaka", "iruma", "sayama", "tokorozawa"];

/// The base URL of a town of the example: the first address of its `sitemap.xml` (the home page).
fn base_url(site: &Path, town: &str) -> String {
    let sitemap = read(site, &format!("{town}/sitemap.xml"));
    sitemap
        .split("<loc>")
        .nth(1)
        .and_then(|s| s.split("</loc>").next())
        .expect("the sitemap lists the home page")
        .to_string()
}

#[test]
fn every_qr_code_reads_back_as_an_address_of_its_town() {
    let project = example_copy();
    let (code, err) = build(project.path(), &[]);
    assert_eq!(code, Some(0), "{err}");
    let site = project.path().join("site");
    let mut read_back = 0;
    let mut problems = Vec::new();
    for town in TOWNS {
        let base = base_url(&site, town);
        for (path, bytes) in snapshot(&site.join(town)) {
            if !path.ends_with(".html") {
                continue;
            }
            let html = String::from_utf8(bytes).unwrap();
            for (label, content) in qr_codes(&html) {
                let url = match content {
                    Ok(url) => url,
                    Err(why) => {
                        problems.push(format!("{town}/{path}: {label} does not read: {why}"));
                        continue;
                    }
                };
                let Some(rest) = url.strip_prefix(&base) else {
                    problems.push(format!("{town}/{path}: {label} leads off the town: {url}"));
                    continue;
                };
                let file = if rest.is_empty() || rest.ends_with('/') {
                    format!("{rest}index.html")
                } else {
                    rest.to_string()
                };
                if !site.join(town).join(&file).is_file() {
                    problems.push(format!(
                        "{town}/{path}: {label} leads to {url}: no such file"
                    ));
                }
                // A page's own code leads to that page; a leaflet's to the page it prints.
                if label == "このページのQRコード" {
                    let own = path
                        .trim_end_matches("index.html")
                        .trim_end_matches("leaflet/");
                    if rest != own {
                        problems.push(format!("{town}/{path}: its code leads to {url}"));
                    }
                }
                read_back += 1;
            }
        }
    }
    assert_eq!(problems, Vec::<String>::new());
    assert!(read_back > 150, "{read_back} codes read");
}

#[test]
fn each_town_lists_its_printables_and_has_them() {
    let project = example_copy();
    let (code, err) = build(project.path(), &[]);
    assert_eq!(code, Some(0), "{err}");
    let site = project.path().join("site");
    for town in TOWNS {
        let list = read(&site, &format!("{town}/print/index.html"));
        for printable in ["print/cards/", "print/help/"] {
            assert!(site.join(town).join(printable).join("index.html").is_file());
        }
        assert!(
            list.contains("cards/") && list.contains("help/"),
            "{town}: {list}"
        );
        // Leaflets for the pages that ask for one (the two self-checks), and no other.
        for page in ["stress/check/", "school/check/"] {
            assert!(
                site.join(town)
                    .join(page)
                    .join("leaflet/index.html")
                    .is_file()
            );
            assert!(
                list.contains(&format!("../{page}leaflet/")),
                "{town}: {page}"
            );
        }
        assert!(!site.join(town).join("stress/leaflet").exists());
        assert!(!site.join(town).join("stress/sleep/leaflet").exists());
        // A poster for each upcoming event, none for a past one (the build date is 2026-11-28).
        let events = read(&site, &format!("{town}/data/events.json"));
        let value: serde_json::Value = serde_json::from_str(&events).unwrap();
        for e in value.as_array().into_iter().flatten() {
            let id = e["id"].as_str().unwrap();
            let start = e["start"].as_str().unwrap_or_default();
            let poster = site
                .join(town)
                .join(format!("print/events/{id}/index.html"));
            assert_eq!(
                poster.is_file(),
                start >= "2026-11-28",
                "{town}: {id} ({start})"
            );
            if start >= "2026-11-28" {
                assert!(list.contains(&format!("events/{id}/")), "{town}: {id}");
            }
        }
    }
    // Every page's footer leads to the list.
    let page = read(&site, "hanno/stress/signs/index.html");
    assert!(page.contains("../../print/"), "{page}");
}

#[test]
fn a_section_asks_for_leaflets_for_its_pages_and_a_page_may_say_otherwise() {
    let project = example_copy();
    let root = project.path();
    let section = "content/addiction/_index.md";
    write(
        root,
        section,
        &read(root, section).replacen("+++\n", "+++\nprint = [\"leaflet\"]\n", 1),
    );
    let drugs = "content/addiction/drugs.md";
    write(
        root,
        drugs,
        &read(root, drugs).replacen("+++\n", "+++\nprint = []\n", 1),
    );
    let (code, err) = build(root, &["--only", "iruma"]);
    assert_eq!(code, Some(0), "{err}");
    let site = root.join("site/iruma");
    for page in ["addiction/", "addiction/alcohol/", "addiction/gambling/"] {
        assert!(
            site.join(page).join("leaflet/index.html").is_file(),
            "{page}"
        );
    }
    assert!(!site.join("addiction/drugs/leaflet").exists());
    let leaflet = read(&site, "addiction/alcohol/leaflet/index.html");
    assert!(leaflet.contains("アルコール"), "the page's own text");
    assert!(leaflet.contains("現在の情報です"), "the date printed");
    // No live 受付中 badge: its scripts are not loaded (and print hides `.open-now`).
    assert!(!leaflet.contains("open-now.js"), "no live badge on paper");
}

#[test]
fn an_unknown_layout_and_a_page_in_a_leaflets_place_are_refused() {
    let project = example_copy();
    let root = project.path();
    let page = "content/stress/coping.md";
    write(
        root,
        page,
        &read(root, page).replacen("+++\n", "+++\nprint = [\"poster\"]\n", 1),
    );
    let err = build_fails(root);
    assert!(err.contains("content/stress/coping.md:2"), "{err}");
    assert!(err.contains("poster") && err.contains("leaflet"), "{err}");

    let project = example_copy();
    let root = project.path();
    let section = "content/stress/_index.md";
    write(
        root,
        section,
        &read(root, section).replacen("+++\n", "+++\nprint = [\"leaflet\"]\n", 1),
    );
    write(
        root,
        "content/stress/leaflet.md",
        "+++\ntitle = \"ちらし\"\nprint = []\n+++\n\n本文。\n",
    );
    let err = build_fails(root);
    assert!(err.contains("stress/leaflet/"), "{err}");
}
