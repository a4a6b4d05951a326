//! Hostile input (issue 10): no crash, no injection, no lost site. Each test feeds the real binary
//! a class of hostile input and checks that it is refused with the file and line, or made
//! harmless, and that nothing else is affected.

mod common;

use std::path::{Path, PathBuf};

use common::*;

const TOWN: &str = "content/municipalities/example/municipality.toml";

fn starter() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p");
    let (o, err) = run(tsunagi().arg("new").arg(&root));
    assert!(o.status.success(), "{err}");
    (dir, root)
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn append(root: &Path, rel: &str, text: &str) {
    let old = std::fs::read_to_string(root.join(rel)).unwrap();
    write(root, rel, &format!("{old}{text}"));
}

/// Builds and expects a refusal: exit 1, no panic, nothing written.
fn build_fails(root: &Path) -> String {
    let (o, err) = run(tsunagi().arg("build").arg("--root").arg(root));
    assert_eq!(o.status.code(), Some(1), "the build must fail: {err}");
    assert!(!err.contains("panicked") && err.contains("hint: "), "{err}");
    assert!(!root.join("site").exists(), "{err}");
    err
}

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
