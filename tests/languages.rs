//! Language variants (`[languages]`): a file beside a page (`sleep.en.md`) is that page in
//! another language, published under the language's folder, with its own `lang`, `hreflang`
//! alternates and a language switcher whose every link leads to a page of the site. Mistakes
//! about languages are reported at their file and line.

mod common;

use std::path::{Path, PathBuf};

use common::*;

const LANGUAGES: &str = "\n[languages.easy]\nlabel = \"やさしいにほんご\"\n[languages.en]\nlabel = \"English\"\ntitle = \"Mental health guide\"\n";

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn page(title: &str, body: &str) -> String {
    format!("+++\ntitle = \"{title}\"\ndescription = \"{title}.\"\n+++\n{body}\n")
}

/// A `tsunagi new` project with English and やさしい日本語 declared, and variants of the home
/// page and of `stress/sleep.md` (in English also of the help page).
fn project() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p");
    let (o, err) = run(tsunagi().arg("new").arg(&root));
    assert!(o.status.success(), "{err}");
    let config = std::fs::read_to_string(root.join("tsunagi.toml")).unwrap();
    std::fs::write(root.join("tsunagi.toml"), format!("{config}{LANGUAGES}")).unwrap();
    write(
        &root,
        "content/_index.en.md",
        &page("Mental health guide", "Pages in English."),
    );
    write(
        &root,
        "content/_index.easy.md",
        &page("こころの 健康", "やさしい 日本語の ページです。"),
    );
    write(
        &root,
        "content/stress/sleep.en.md",
        &page(
            "When you cannot sleep",
            "See [the Japanese page on stress](../stress/) and [home](@/_index.en.md).",
        ),
    );
    write(
        &root,
        "content/stress/sleep.easy.md",
        &page(
            "ねむれない とき",
            "夜 ねむれない ときは 相談して ください。",
        ),
    );
    write(
        &root,
        "content/consult/_index.en.md",
        &page("Where to get help", "{{ help_guide() }}"),
    );
    (dir, root)
}

fn read(site: &Path, rel: &str) -> String {
    std::fs::read_to_string(site.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The `href`s of the language switcher of a page, or none when it has none.
fn switcher_links(html: &str) -> Vec<String> {
    let Some(start) = html.find("class=language-switcher>") else {
        return Vec::new();
    };
    let nav = &html[start..start + html[start..].find("</nav>").unwrap()];
    nav.split("href=")
        .skip(1)
        .map(|s| s.split([' ', '>']).next().unwrap().to_string())
        .collect()
}

#[test]
fn each_variant_is_a_page_of_its_language_with_alternates_and_a_switcher() {
    let (_dir, root) = project();
    let out = root.join("site");
    build_ok(&root, &out);
    let town = out.join("example");
    let en = read(&town, "en/stress/sleep/index.html");
    let easy = read(&town, "easy/stress/sleep/index.html");
    let ja = read(&town, "stress/sleep/index.html");
    assert!(en.starts_with("<!doctype html><html lang=en>"), "{en}");
    assert!(easy.starts_with("<!doctype html><html lang=ja>"), "{easy}");
    // やさしい日本語 has furigana on every kanji unless it says otherwise.
    assert!(easy.contains("<ruby>"), "{easy}");
    // Search engines are told of the Japanese and the English page; やさしい日本語 would be a
    // second `ja`, so only the switcher offers it.
    for html in [&ja, &en, &easy] {
        assert!(
            html.contains("hreflang=ja rel=alternate")
                && html.contains("hreflang=en rel=alternate"),
            "{html}"
        );
        assert_eq!(html.matches("rel=alternate").count(), 2, "{html}");
    }
    // The switcher offers the three, each in its own language, the current one not a link.
    for (html, dir) in [(&ja, "stress/sleep/"), (&en, "en/stress/sleep/")] {
        let links = switcher_links(html);
        assert_eq!(links.len(), 2, "{html}");
        for link in links {
            let target = town.join(dir).join(&link).join("index.html");
            assert!(target.is_file(), "{link} from {dir} leads nowhere");
        }
        assert!(html.contains("lang=en>English</"), "{html}");
        assert!(html.contains("lang=ja>やさしいにほんご</"), "{html}");
        assert!(html.contains("aria-current=page"), "{html}");
    }
    // A page without variants has no switcher; the language's home lists its pages.
    let stress = read(&town, "stress/index.html");
    assert!(switcher_links(&stress).is_empty());
    assert!(!stress.contains("rel=alternate"), "{stress}");
    let home = read(&town, "en/index.html");
    assert!(home.contains("href=../en/stress/sleep/>"), "{home}");
    assert!(home.contains("href=../en/consult/>"), "{home}");
    // Its own title, from `[languages.en]`.
    assert!(
        home.contains("<title>Mental health guide | 〇〇市</title>"),
        "{home}"
    );
    // Links: a relative link to a page the language lacks leads to the Japanese page; the
    // help box leads to the help page in the page's language.
    assert!(en.contains("<a href=\"../../../stress/\""), "{en}");
    assert!(en.contains("<a href=\"../../../en/\""), "{en}");
    let help_box = |html: &str| {
        let start = html.find("class=help-now__more>").unwrap();
        html[start..start + 200].to_string()
    };
    assert!(help_box(&en).contains("href=../../../en/consult/"), "{en}");
    assert!(help_box(&easy).contains("href=../../../consult/"), "{easy}");
    // Japanese listings do not count the variants.
    let topics = read(&town, "topics/stress/index.html");
    assert!(!topics.contains("When you cannot sleep"), "{topics}");
    let ja_sitemap = read(&town, "sitemap.xml");
    assert!(
        ja_sitemap.contains("<xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://kokoro.example.jp/example/en/stress/sleep/\"/>"),
        "{ja_sitemap}"
    );
}

#[test]
fn a_town_gives_its_name_and_windows_in_a_language() {
    let (_dir, root) = project();
    let town = root.join("content/municipalities/example/municipality.toml");
    let text = std::fs::read_to_string(&town).unwrap();
    let id = text
        .lines()
        .find_map(|l| l.strip_prefix("id = \""))
        .map(|l| l.trim_end_matches('"').to_string())
        .expect("the starter has a window");
    std::fs::write(
        &town,
        format!("{text}\n[languages.en]\nname = \"Example City\"\n[languages.en.windows.{id}]\nname = \"Our own window\"\n"),
    )
    .unwrap();
    let out = root.join("site");
    build_ok(&root, &out);
    let en = read(&out, "example/en/consult/index.html");
    assert!(en.contains("| Example City</title>"), "{en}");
    assert!(en.contains("Our own window"), "{en}");
    let ja = read(&out, "example/consult/index.html");
    assert!(!ja.contains("Example City") && !ja.contains("Our own window"));
    // A language the site does not have, or a window the town does not have: at their line.
    let lines = text.lines().count();
    std::fs::write(
        &town,
        format!(
            "{text}\n[languages.fr]\nname = \"x\"\n[languages.en.windows.nowhere]\nname = \"x\"\n"
        ),
    )
    .unwrap();
    fails(
        &root,
        &format!("municipality.toml:{}", lines + 3),
        "`fr` is not one of the site's languages",
    );
    let (_, err) = run(tsunagi().arg("build").arg("--root").arg(&root));
    assert!(err.contains("there is no window `nowhere`"), "{err}");
}

#[test]
fn a_town_replaces_a_variant_in_its_own_language_only() {
    let (_dir, root) = project();
    write(
        &root,
        "content/municipalities/example/stress/sleep.en.md",
        &page("Sleep, in our town", "Our town's own page."),
    );
    let out = root.join("site");
    build_ok(&root, &out);
    let en = read(&out, "example/en/stress/sleep/index.html");
    assert!(en.contains("Sleep, in our town"), "{en}");
    let ja = read(&out, "example/stress/sleep/index.html");
    assert!(!ja.contains("Sleep, in our town"));
}

/// Builds `root`, which must fail with `expect` at `location`, in English and in Japanese.
fn fails(root: &Path, location: &str, expect: &str) {
    let (o, err) = run(tsunagi().arg("build").arg("--root").arg(root));
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains(location), "`{location}` in: {err}");
    assert!(err.contains(expect), "`{expect}` in: {err}");
    assert!(err.contains("hint: "), "{err}");
    let (o, ja) = run(tsunagi()
        .env("TSUNAGI_LANG", "ja")
        .arg("build")
        .arg("--root")
        .arg(root));
    assert_eq!(o.status.code(), Some(1), "{ja}");
    assert!(ja.contains(location) && ja.contains("対処: "), "{ja}");
}

#[test]
fn a_variant_without_its_language_home_is_refused_at_its_file() {
    let (_dir, root) = project();
    std::fs::remove_file(root.join("content/_index.en.md")).unwrap();
    // Every page of the language is refused; the first, by file name, is reported.
    fails(
        &root,
        "content/consult/_index.en.md",
        "`example` has no home page in that language",
    );
}

#[test]
fn a_folder_named_after_a_language_is_refused() {
    let (_dir, root) = project();
    write(&root, "content/en/page.md", &page("Page", "Text."));
    fails(&root, "content/en/page.md", "the folder `en/`");
}

#[test]
fn a_language_code_that_cannot_be_a_folder_is_refused_at_its_line() {
    let (_dir, root) = project();
    let config = std::fs::read_to_string(root.join("tsunagi.toml")).unwrap();
    let lines = config.lines().count();
    std::fs::write(
        root.join("tsunagi.toml"),
        format!("{config}[languages.\"E N\"]\nlabel = \"x\"\n"),
    )
    .unwrap();
    fails(
        &root,
        &format!("tsunagi.toml:{}", lines + 1),
        "cannot be a language code",
    );
}
