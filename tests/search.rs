//! The site search index (`search/index.js`) each municipality's site gets, through the real
//! binary on the example project: only that town's pages, as that town shows them, with the
//! readings of their kanji words; the search page, the header's search box and the site map;
//! and `[search]` switching readings or the whole search off. How queries rank is tested in a
//! browser (tests/browser/search.test.mjs), over the same index.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{build, build_fails, example_copy, read, read_minified, write};

/// The records of a town's index: (path, title, whole text as written, readings marked).
fn index_of(site: &Path, town: &str) -> Vec<(String, String, String)> {
    let script = read(site, &format!("{town}/search/index.js"));
    let json = script
        .strip_prefix("self.tsunagiSearchIndex=")
        .and_then(|s| s.strip_suffix(";\n"))
        .unwrap_or_else(|| panic!("not an index script: {}", &script[..80.min(script.len())]));
    let value: serde_json::Value = serde_json::from_str(json).expect("the index is JSON");
    assert_eq!(value["v"], 1);
    value["pages"]
        .as_array()
        .expect("pages")
        .iter()
        .map(|p| {
            let mut all = vec![p[1].as_str().unwrap(), p[2].as_str().unwrap()];
            for s in p[3].as_array().unwrap() {
                all.push(s[1].as_str().unwrap());
                all.push(s[2].as_str().unwrap());
            }
            (
                p[0].as_str().unwrap().to_string(),
                p[1].as_str().unwrap().to_string(),
                all.join("\n"),
            )
        })
        .collect()
}

/// The text as a reader sees it: marks and readings removed.
fn shown(marked: &str) -> String {
    let mut out = String::new();
    let mut in_reading = false;
    for c in marked.chars() {
        match c {
            '\u{E000}' => {}
            '\u{E001}' => in_reading = true,
            '\u{E002}' => in_reading = false,
            c if !in_reading => out.push(c),
            _ => {}
        }
    }
    out
}

/// Paths (from the site root) of the pages made from Markdown: every HTML page but those
/// tsunagi generates.
fn content_pages(site: &Path, town: &str) -> BTreeSet<String> {
    // Topic listings are searched too (a reader who types 自殺予防 finds the topic).
    let generated = ["events/", "accessibility/", "search/", "sitemap/", "print/"];
    walkdir::WalkDir::new(site.join(town))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name() == "index.html")
        .map(|e| {
            let rel = e.path().strip_prefix(site.join(town)).unwrap();
            rel.parent().unwrap().to_string_lossy().replace('\\', "/")
        })
        .map(|p| if p.is_empty() { p } else { format!("{p}/") })
        .filter(|p| !generated.iter().any(|g| p.starts_with(g)) && !p.ends_with("/leaflet/"))
        .collect()
}

#[test]
fn each_town_indexes_exactly_its_own_pages_with_readings() {
    let project = example_copy();
    let (code, err) = build(project.path(), &[]);
    assert_eq!(code, Some(0), "{err}");
    let site = project.path().join("site");
    let towns = ["hanno", "hidaka", "iruma", "sayama", "tokorozawa"];
    for town in towns {
        let index = index_of(&site, town);
        let paths: BTreeSet<String> = index.iter().map(|(p, _, _)| p.clone()).collect();
        // The search page is Japanese, and finds the Japanese pages: not their versions in
        // やさしい日本語 or English (en/, easy/), which would otherwise come first.
        let japanese: BTreeSet<String> = content_pages(&site, town)
            .into_iter()
            .filter(|p| !p.starts_with("en/") && !p.starts_with("easy/"))
            .collect();
        assert_eq!(paths, japanese, "{town}");
        assert!(paths.len() >= 15, "{town}: {} pages", paths.len());
    }
    let sayama = index_of(&site, "sayama");
    let tokorozawa = index_of(&site, "tokorozawa");
    // Each town's local version of a page, and its own name, not another town's.
    let training = |index: &[(String, String, String)]| {
        index
            .iter()
            .find(|(p, _, _)| p == "gatekeeper/training/")
            .map(|(_, title, _)| shown(title))
            .unwrap()
    };
    assert_eq!(training(&tokorozawa), "ゲートキーパー養成研修（所沢市）");
    assert_eq!(training(&sayama), "ゲートキーパー養成研修");
    let all = |index: &[(String, String, String)]| {
        index
            .iter()
            .map(|(_, _, text)| shown(text))
            .collect::<String>()
    };
    assert!(all(&sayama).contains("狭山市"));
    assert!(
        !all(&sayama).contains("所沢市"),
        "sayama's index names 所沢市"
    );
    assert!(
        !all(&tokorozawa).contains("狭山市の"),
        "tokorozawa's names 狭山市"
    );
    // Readings in context: the town's name from its lexicon or the dictionary, 依存症 in a title.
    let addiction = sayama.iter().find(|(p, _, _)| p == "addiction/").unwrap();
    assert_eq!(addiction.1, "\u{E000}依存症\u{E001}いぞんしょう\u{E002}");
    assert!(
        sayama
            .iter()
            .any(|(_, _, t)| t.contains("\u{E000}狭山市\u{E001}さやまし\u{E002}")),
        "狭山市 is read さやまし"
    );
    // The search page, the box on every page, the site map.
    let search = read_minified(&site, "sayama/search/index.html");
    for part in [
        "id=search-form",
        "role=search",
        "for=search-q",
        "id=search-q name=q type=search",
        "role=status",
        "src=index.js",
        "src=../js/search.js",
        // Without JavaScript: the site map.
        "href=../sitemap/>",
    ] {
        assert!(search.contains(part), "{part} in {search}");
    }
    assert!(
        !search.contains("site-search-q"),
        "the search page has one search box"
    );
    let page = read_minified(&site, "sayama/stress/sleep/index.html");
    assert!(page.contains("action=../../search/"), "{page}");
    assert!(page.contains("for=site-search-q"), "{page}");
    let map = read(&site, "sayama/sitemap/index.html");
    for path in content_pages(&site, "sayama")
        .into_iter()
        .filter(|p| !p.starts_with("topics/"))
    {
        let href = format!("href=\"../{path}\"");
        let bare = format!("href=../{path}>");
        assert!(
            map.contains(&href) || map.contains(&bare),
            "the site map lists {path}"
        );
    }
}

#[test]
fn a_page_edited_is_found_by_its_new_words_and_readings_can_be_switched_off() {
    let project = example_copy();
    let root = project.path();
    write(
        root,
        "content/stress/new.md",
        "+++\ntitle = \"新しいページ\"\n+++\n\n## 朝の散歩 {#walk}\n\n朝の散歩は気分転換になります。{涙|なみだ}が出る日もあります。\n",
    );
    let (code, err) = build(root, &[]);
    assert_eq!(code, Some(0), "{err}");
    let site = root.join("site");
    let index = index_of(&site, "hidaka");
    let (_, _, text) = index.iter().find(|(p, _, _)| p == "stress/new/").unwrap();
    assert!(
        text.contains("\u{E000}散歩\u{E001}さんぽ\u{E002}"),
        "{text}"
    );
    // The heading keeps its id, for a result to lead to it.
    assert!(read(&site, "hidaka/search/index.js").contains("[\"walk\",\""));
    write(
        root,
        "tsunagi.toml",
        &format!(
            "{}\n[search]\nreadings = false\n",
            read(root, "tsunagi.toml")
        ),
    );
    let (code, err) = build(root, &[]);
    assert_eq!(code, Some(0), "{err}");
    let index = index_of(&site, "hidaka");
    let (_, title, text) = index.iter().find(|(p, _, _)| p == "stress/new/").unwrap();
    assert_eq!(title, "新しいページ");
    assert!(text.contains("朝の散歩は気分転換になります。"), "{text}");
    // Readings written by hand in ruby stay: the writer gave them.
    assert!(text.contains("\u{E000}涙\u{E001}なみだ\u{E002}"), "{text}");
    assert!(!text.contains("\u{E000}散歩"), "{text}");
}

#[test]
fn search_switched_off_leaves_no_trace() {
    let project = example_copy();
    let root = project.path();
    write(
        root,
        "tsunagi.toml",
        &format!(
            "{}\n[search]\nenabled = false\n",
            read(root, "tsunagi.toml")
        ),
    );
    let (code, err) = build(root, &[]);
    assert_eq!(code, Some(0), "{err}");
    let site = root.join("site");
    assert!(!site.join("sayama/search").exists());
    let page = read(&site, "sayama/stress/sleep/index.html");
    assert!(!page.contains("search"), "no search box or link: {page}");
    assert!(site.join("sayama/sitemap/index.html").exists());
}

#[test]
fn a_page_may_not_take_the_search_pages_place_and_may_link_to_it() {
    let project = example_copy();
    let root = project.path();
    write(
        root,
        "content/stress/coping.md",
        &format!(
            "{}\n[検索](../search/)と[サイトマップ](../sitemap/)もどうぞ。\n",
            read(root, "content/stress/coping.md")
        ),
    );
    let (code, err) = build(root, &[]);
    assert_eq!(
        code,
        Some(0),
        "links to the search page and site map resolve: {err}"
    );
    let project = example_copy();
    let root = project.path();
    write(
        root,
        "content/search/_index.md",
        "+++\ntitle = \"検索\"\n+++\n",
    );
    let err = build_fails(root);
    assert!(err.contains("content/search/_index.md"), "{err}");
    assert!(err.contains("/search/"), "{err}");
}
