//! No Japanese words in the frame's code: every label a resident reads comes from the theme's
//! `labels/<code>.toml`, so that the frame follows the page's language (issue 35). The test reads
//! the Rust sources (each up to its first `#[cfg(test)]`), the default theme's templates and its
//! scripts, and lists every string literal or template text with kana or kanji that is not on the
//! allow-list below, as `file:line`.

use std::path::{Path, PathBuf};

/// Whole files whose Japanese is not the frame's: what they hold is language itself, data or the
/// messages of the command line, each for the reason given.
const ALLOWED_FILES: &[(&str, &str)] = &[
    (
        "src/furigana/",
        "the furigana analyser's tables of readings and grammar",
    ),
    ("src/check/", "the check rules' word lists and patterns"),
    ("src/kana.rs", "the kana converter's tables"),
    (
        "src/data/opendata.rs",
        "the open-data layouts' column names (自治体標準オープンデータセット) and their parsing",
    ),
    (
        "src/data/holidays.rs",
        "the names of Japan's public holidays, as law gives them",
    ),
    (
        "src/config.rs",
        "the default names of topics, part of the configuration (tsunagi.toml [topics])",
    ),
    (
        "src/cmd/",
        "the starter project `tsunagi new` writes, and command-line output",
    ),
];

/// Single texts in otherwise checked files: (file, text the literal contains, why).
const ALLOWED_TEXTS: &[(&str, &str, &str)] = &[
    (
        "src/language.rs",
        "日本語",
        "a language's name in itself, the switcher's default for a language tsunagi knows (data, like a help line's name; `label` in tsunagi.toml replaces it)",
    ),
    (
        "src/language.rs",
        "やさしいにほんご",
        "a language's name in itself, the switcher's default for a language tsunagi knows (data, like a help line's name; `label` in tsunagi.toml replaces it)",
    ),
    (
        "src/render/generated.rs",
        "無料",
        "data parsing: an event whose fee is written 無料 is free (schema.org isAccessibleForFree)",
    ),
    (
        "src/render/exports.rs",
        "地方公共団体",
        "the open-data JSON's field names (自治体標準オープンデータセット)",
    ),
    (
        "src/data/windows.rs",
        "相談",
        "schema.org contactType of the JSON-LD (data, in the data's language)",
    ),
    (
        "src/data/events.rs",
        "申込み",
        "the iCalendar file is data, written in Japanese like the open data",
    ),
    (
        "src/render/ruby.rs",
        "・",
        "the furigana review of `tsunagi serve` joins a word's other readings for the editor",
    ),
    (
        "themes/default/static/js/search.js",
        "をぁぃぅぇぉ",
        "the search's kana folding table",
    ),
];

/// A closed list's row (`Variant = "key", "label";`) names the value as data and messages write it;
/// views take the name from the labels (`label_in`).
fn is_closed_list_row(line: &str) -> bool {
    let t = line.trim();
    t.ends_with("\";") && t.contains(" = \"") && t.contains("\", \"")
}

fn japanese(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

fn root() -> PathBuf {
    std::env::var_os("TSUNAGI_LABELS_SCAN_ROOT")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from)
}

fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == ext))
        .map(walkdir::DirEntry::into_path)
        .collect();
    out.sort();
    out
}

/// The string literals of C-like source (Rust when `rust`, else JavaScript) with the line each
/// starts on; comments are skipped, and so are JavaScript regular expressions (code, not words).
fn literals(text: &str, rust: bool) -> Vec<(usize, String)> {
    let chars: Vec<char> = text.chars().collect();
    let (mut out, mut i, mut line) = (Vec::new(), 0, 1);
    let mut previous = ' ';
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '\n' {
            line += 1;
        }
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if c == '/' && next == Some('*') {
            i += 2;
            while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                line += usize::from(chars[i] == '\n');
                i += 1;
            }
            i += 2;
            continue;
        }
        if !rust && c == '/' && "(,=:[!&|?{};".contains(previous) {
            let mut class = false;
            i += 1;
            while i < chars.len() && (class || chars[i] != '/') && chars[i] != '\n' {
                match chars[i] {
                    '\\' => i += 1,
                    '[' => class = true,
                    ']' => class = false,
                    _ => {}
                }
                i += 1;
            }
            i += 1;
            previous = '/';
            continue;
        }
        let lifetime = rust && c == '\'' && next != Some('\\') && chars.get(i + 2) != Some(&'\'');
        let raw = rust && c == 'r' && next == Some('#') && chars.get(i + 2) == Some(&'"');
        if raw {
            let start = line;
            let mut s = String::new();
            i += 3;
            while i + 1 < chars.len() && !(chars[i] == '"' && chars[i + 1] == '#') {
                line += usize::from(chars[i] == '\n');
                s.push(chars[i]);
                i += 1;
            }
            out.push((start, s));
            i += 2;
            continue;
        }
        if (c == '"' || c == '\'' || (!rust && c == '`')) && !lifetime {
            let (start, mut s) = (line, String::new());
            i += 1;
            while i < chars.len() && chars[i] != c {
                if chars[i] == '\\' {
                    i += 1;
                }
                if let Some(&ch) = chars.get(i) {
                    line += usize::from(ch == '\n');
                    s.push(ch);
                }
                i += 1;
            }
            out.push((start, s));
            previous = c;
            i += 1;
            continue;
        }
        if !c.is_whitespace() {
            previous = c;
        }
        i += 1;
    }
    out
}

/// The text of a template outside `{# … #}` comments, by line.
fn template_text(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut in_comment = false;
    for (n, line) in text.lines().enumerate() {
        let mut kept = String::new();
        let mut rest = line;
        loop {
            if in_comment {
                match rest.find("#}") {
                    Some(at) => {
                        rest = &rest[at + 2..];
                        in_comment = false;
                    }
                    None => break,
                }
            } else {
                match rest.find("{#") {
                    Some(at) => {
                        kept.push_str(&rest[..at]);
                        rest = &rest[at + 2..];
                        in_comment = true;
                    }
                    None => {
                        kept.push_str(rest);
                        break;
                    }
                }
            }
        }
        out.push((n + 1, kept));
    }
    out
}

fn allowed(rel: &str, text: &str, line_text: &str) -> bool {
    ALLOWED_FILES.iter().any(|(f, _)| rel.starts_with(f))
        || ALLOWED_TEXTS
            .iter()
            .any(|(f, t, _)| rel == *f && text.contains(t))
        || (rel.ends_with(".rs") && is_closed_list_row(line_text))
}

/// Every Japanese text of the frame in the project at `root`, as `file:line: text`.
fn findings(root: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let rel = |p: &Path| {
        p.strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/")
    };
    let mut check = |path: &Path, texts: Vec<(usize, String)>, source: &str| {
        let r = rel(path);
        let lines: Vec<&str> = source.lines().collect();
        for (line, text) in texts {
            let line_text = lines.get(line - 1).copied().unwrap_or_default();
            if text.chars().any(japanese) && !allowed(&r, &text, line_text) {
                found.push(format!("{r}:{line}: {}", text.trim()));
            }
        }
    };
    for path in files(&root.join("src"), "rs") {
        let source = std::fs::read_to_string(&path).unwrap();
        let code = source.split("#[cfg(test)]").next().unwrap_or_default();
        check(&path, literals(code, true), &source);
    }
    let theme = root.join("themes/default");
    for path in files(&theme.join("templates"), "html") {
        let source = std::fs::read_to_string(&path).unwrap();
        check(&path, template_text(&source), &source);
    }
    for path in files(&theme.join("static/js"), "js") {
        let source = std::fs::read_to_string(&path).unwrap();
        check(&path, literals(&source, false), &source);
    }
    found
}

#[test]
fn no_japanese_label_is_left_in_the_code_or_the_templates() {
    let found = findings(&root());
    assert!(
        found.is_empty(),
        "{} Japanese texts outside themes/default/labels/ (move them to labels/ja.toml, or add \
         them to the allow-list of tests/labels.rs with the reason):\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn the_scanner_sees_literals_and_template_text_but_not_comments() {
    let rust = "// 注釈\nlet a = \"相談\"; /* 注釈 */ let b = 'x';\n/// 注釈\nlet c = \"ok\";";
    let found: Vec<(usize, String)> = literals(rust, true);
    assert_eq!(found[0], (2, "相談".to_string()));
    assert!(found.iter().all(|(_, s)| !s.contains("注釈")));
    let tpl = "{# 注釈 #}<p>相談</p>\n{# 注釈\n注釈 #}{{ labels.x }}";
    let text = template_text(tpl);
    assert_eq!(text[0].1, "<p>相談</p>");
    assert_eq!(text[2].1, "{{ labels.x }}");
    assert!(is_closed_list_row(
        r#"        Anyone = "anyone", "どなたでも";"#
    ));
    let js = "var a = s.split(/[「」\"']+/u); var b = \"受付中\";";
    assert_eq!(literals(js, false), [(1, "受付中".to_string())]);
    let lifetimes = "fn f<'a>(x: &'a str) -> char { let s = \"相談\"; '（' }";
    assert_eq!(literals(lifetimes, true)[0], (1, "相談".to_string()));
}
