//! A bounded property test (issue 10): front matter, Markdown with shortcodes and ruby, the CSV
//! import and automatic furigana, fed generated input built from the pieces that have broken
//! generators before (delimiters, braces, placeholders, NUL, raw HTML, deep nesting) mixed with
//! arbitrary text. The property: every input gives a value or an error, never a panic. It runs
//! in the ordinary test command, for a fixed number of cases per target (see `CASES`).

use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence};

use tsunagi::content;
use tsunagi::data::opendata;
use tsunagi::furigana::{Annotator, Level, Lexicon, Piece};
use tsunagi::markdown;

/// Cases per target: about 9,000 executions in all, a few seconds in a debug build.
const CASES: u32 = 3000;

fn config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::Off)),
        ..Config::default()
    }
}

/// Pieces of Markdown that tsunagi treats specially, and text around them.
fn markdown_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "**", "*", "_", "~~", "~", "{漢字|かんじ}", "{東京|とう|きょう}", "{{ windows() }}",
            "{{ national_lines(topic=\"suicide\") }}", "{{ x(a=\"b\", n=3) }}", "{{", "}}", "{", "}",
            "|", "\\", "[a](@/stress/sleep.md#x)", "[b](sleep.md)", "[c](/consult/)", "![d](z.png)",
            "![e](https://cdn.example/x.png)", "<span data-furigana=\"off\">", "</span>", "<div>",
            "</div>", "<ruby>", "<rt>", "</ruby>", "<script>", "<a href=\"javascript:x\">", "`",
            "```\n", "\n", "\n\n", "> ", "- ", "1. ", "| a | b |\n|:-:|--:|\n| 1 | 2 |\n", "# ",
            "## 見出し {#id}\n", "[^1]", "[^1]: 注\n", "\u{0}", "\u{E000}", "\u{E001}", "&amp;", "<",
            ">", "相談", "日本語の", "「強調」", "、", "。", "👨‍👩‍👧", "e\u{301}", "\r\n", "\t",
        ]).prop_map(String::from),
        1 => "\\PC{0,12}",
    ]
}

fn markdown_text() -> impl Strategy<Value = String> {
    prop::collection::vec(markdown_piece(), 0..60).prop_map(|v| v.concat())
}

fn front_matter() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        prop::sample::select(vec![
            "title = \"題\"",
            "title = ",
            "titel = \"x\"",
            "date = 2026-02-30",
            "date = \"2026-02-30\"",
            "date = 2026-04-01",
            "draft = true",
            "weight = -3",
            "slug = \"../x\"",
            "slug = \"a b\"",
            "template = \"../../etc/passwd\"",
            "audience = \"school\"",
            "furigana = \"grade-9\"",
            "topics = [\"stress\", \"beer\"]",
            "toc = true",
            "[x]",
            "\"\"\"",
            "+++",
            "---",
        ])
        .prop_map(String::from),
        "\\PC{0,20}",
    ];
    (
        prop::collection::vec(line, 0..8),
        markdown_text(),
        any::<bool>(),
    )
        .prop_map(|(lines, body, open)| {
            let head = if open { "+++\n" } else { "---\n" };
            format!("{head}{}\n+++\n{body}", lines.join("\n"))
        })
}

fn csv_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "",
            "k1",
            "ｋ１",
            "窓口",
            "月～金",
            "月,水,祝",
            "平日",
            "8:30",
            "８：３０",
            "25:00",
            "17:15",
            "祝日・年末年始を除く",
            "0570-064-556",
            "12-34",
            "2027/02/30",
            "2027年2月10日",
            "=1+1",
            "'=1+1",
            "javascript:alert(1)",
            "https://example.jp/",
            "\"",
            "a\"b",
            ",",
            "\r",
            "\n",
            "-",
            "ゲートキーパー養成研修",
            "40人",
        ])
        .prop_map(String::from),
        "\\PC{0,10}",
    ]
}

fn csv_text(headers: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::collection::vec(csv_cell(), headers.len()), 0..5).prop_map(
        move |rows| {
            let mut w = csv::WriterBuilder::new()
                .flexible(true)
                .from_writer(Vec::new());
            w.write_record(headers).unwrap();
            for row in rows {
                w.write_record(&row).unwrap();
            }
            String::from_utf8(w.into_inner().unwrap()).unwrap()
        },
    )
}

const WINDOW_HEADERS: &[&str] = &[
    "ID",
    "名称",
    "名称_カナ",
    "電話番号",
    "利用可能曜日",
    "開始時間",
    "終了時間",
    "利用可能日時特記事項",
    "URL",
    "団体名",
    "料金（基本）",
    "tsunagi_verified",
];
const EVENT_HEADERS: &[&str] = &[
    "ID",
    "イベント名",
    "開始日",
    "終了日",
    "開始時間",
    "終了時間",
    "定員",
    "参加申込終了日",
    "参加申込終了時間",
    "URL",
    "tsunagi_kind",
];

proptest! {
    #![proptest_config(config(CASES))]

    #[test]
    fn front_matter_and_markdown_give_a_value_or_an_error(text in front_matter()) {
        let topics = ["stress", "alcohol"];
        if let Ok(parsed) = content::parse(&text, std::path::Path::new("content/x.md"), &topics) {
            let _ = markdown::analyze(parsed.body);
        }
        let _ = markdown::analyze(&text);
        let _ = markdown::analyze_with(&text, false);
    }

    #[test]
    fn the_csv_import_gives_a_value_or_an_error(windows in csv_text(WINDOW_HEADERS), events in csv_text(EVENT_HEADERS)) {
        if let Ok(imported) = opendata::from_csv(&windows) {
            for w in imported.items {
                let _ = w.check(&["stress"]);
            }
        }
        if let Ok(imported) = opendata::events_from_csv(&events) {
            for e in imported.items {
                let _ = e.check();
            }
        }
    }
}

proptest! {
    #![proptest_config(config(CASES / 3))]

    #[test]
    fn furigana_keeps_the_text(text in markdown_text()) {
        let annotator = Annotator::new(Lexicon::new());
        let pieces = annotator.annotate(&text, Level::All);
        let back: String = pieces
            .iter()
            .map(|p| match p {
                Piece::Text(t) => t.as_str(),
                Piece::Ruby { base, .. } => base.as_str(),
            })
            .collect();
        prop_assert_eq!(back, text);
    }
}

/// Pieces of a link destination (issue 31): schemes allowed and not, in any case, white space and
/// control characters where browsers ignore them, percent-escapes and character references of
/// their letters, invisible characters, and the rest of a URL.
fn destination() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => prop::sample::select(vec![
            "javascript", "JavaScript", "java", "script", "vbscript", "data", "file", "http", "https",
            "mailto", "tel", "ftp", "blob", "jAvAsCrIpT", ":", "://", "//", "/", "?", "#", "@/", "..",
            "%6A", "%6a", "%3A", "%3a", "%73", "%25", "%", "&#x6A;", "&#106;", "&colon;", "&#58;",
            "&amp;", " ", "\t", "\n", "\u{0}", "\u{1}", "\u{7F}", "\u{200B}", "\u{FEFF}", "\u{202E}",
            "\u{3000}", "alert(1)", "x.md", "a.png", "kokoro@example.jp", "0120279338", "example.jp",
            "<", ">", "(", ")", "\\", "\"", "'",
        ]).prop_map(String::from),
        1 => "\\PC{0,4}",
    ];
    prop::collection::vec(piece, 1..8).prop_map(|v| v.concat())
}

/// The `href` and `src` values of finished HTML, as a browser reads them (references decoded).
fn published_urls(doc: &markdown::Document) -> Vec<String> {
    let html: String = doc
        .segments
        .iter()
        .filter_map(|s| match s {
            markdown::Segment::Html(h) => Some(h.as_str()),
            _ => None,
        })
        .collect();
    tsunagi::html::tags(&html)
        .filter(|t| !t.closing)
        .flat_map(|t| [t.attr("href"), t.attr("src")])
        .flatten()
        .map(tsunagi::html::decode_entities)
        .collect()
}

proptest! {
    #![proptest_config(config(CASES))]

    /// Whatever the destination, a published link or image leads only where a page may lead:
    /// read by the `url` crate's WHATWG parser (what browsers do) against the page's address, its
    /// scheme is http, https, mailto or tel — or it is no URL at all.
    #[test]
    fn every_published_link_and_image_has_an_allowed_scheme(dest in destination()) {
        let base = url::Url::parse("https://kokoro.example.jp/tokorozawa/stress/page/").unwrap();
        for markdown in [
            format!("[a]({dest})"),
            format!("[a](<{dest}>)"),
            format!("<{dest}>"),
            format!("![a]({dest})"),
            format!("[a][r]\n\n[r]: {dest}\n"),
            format!("[a][r]\n\n[r]: <{dest}>\n"),
        ] {
            for sanitize in [true, false] {
                let Ok(doc) = markdown::analyze_with(&markdown, sanitize) else { continue };
                for url in published_urls(&doc) {
                    if let Ok(parsed) = url::Url::options().base_url(Some(&base)).parse(&url) {
                        prop_assert!(
                            ["http", "https", "mailto", "tel"].contains(&parsed.scheme()),
                            "{markdown:?} published {url:?} ({})", parsed.scheme()
                        );
                    }
                }
            }
        }
    }
}
