//! The message catalogues (`src/messages/en.toml`, `ja.toml`) cannot drift from each other or
//! from the code: the same ids and placeholders in both languages, every id the code names
//! present with the placeholders the code fills, every entry used, every `--help` text shown,
//! and no English sentence written in the code outside the catalogue.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use common::*;
use tsunagi::messages::{Catalogue, Lang, parse_catalogue, placeholders};

fn catalogue(lang: Lang) -> Catalogue {
    parse_catalogue(lang.catalogue_source()).unwrap_or_else(|e| panic!("{lang:?}: {e}"))
}

/// The placeholders of an entry's message and hint.
fn entry_placeholders(c: &Catalogue, id: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let e = &c[id];
    let set = |s: &str| placeholders(s).into_iter().map(str::to_string).collect();
    (
        set(&e.message),
        e.hint.as_deref().map(set).unwrap_or_default(),
    )
}

#[test]
fn both_languages_have_the_same_ids_and_placeholders() {
    let en = catalogue(Lang::En);
    let ja = catalogue(Lang::Ja);
    let ids = |c: &Catalogue| c.keys().cloned().collect::<BTreeSet<_>>();
    let only_en: Vec<_> = ids(&en).difference(&ids(&ja)).cloned().collect();
    let only_ja: Vec<_> = ids(&ja).difference(&ids(&en)).cloned().collect();
    assert!(only_en.is_empty(), "missing in ja.toml: {only_en:?}");
    assert!(only_ja.is_empty(), "missing in en.toml: {only_ja:?}");
    for id in en.keys() {
        assert_eq!(
            entry_placeholders(&en, id),
            entry_placeholders(&ja, id),
            "placeholders of {id}"
        );
        assert_eq!(
            en[id].hint.is_some(),
            ja[id].hint.is_some(),
            "{id}: a hint in one language only"
        );
        // Diagnostics say what to do.
        if id.starts_with("error.") || id.starts_with("warning.") {
            assert!(en[id].hint.is_some(), "{id} has no hint");
        }
        assert!(
            !ja[id].message.trim().is_empty(),
            "{id} is empty in ja.toml"
        );
    }
}

/// Every `.rs` file under `src/`, with its code up to its unit tests, comments blanked.
fn sources() -> Vec<(PathBuf, String)> {
    walkdir::WalkDir::new(repo().join("src"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| {
            let text = std::fs::read_to_string(e.path()).unwrap();
            let code = match text.find("#[cfg(test)]") {
                Some(i) => &text[..i],
                None => &text,
            };
            // Comments blanked, lines kept (for line numbers).
            let code: String = code
                .lines()
                .map(|l| {
                    if l.trim_start().starts_with("//") {
                        ""
                    } else {
                        l
                    }
                })
                .collect::<Vec<_>>()
                .join("\n");
            (e.path().strip_prefix(repo()).unwrap().to_path_buf(), code)
        })
        .collect()
}

/// A use of the catalogue in the code: `msg!("id", a = …, b = …)` and the names it fills.
#[derive(Debug)]
struct Use {
    file: PathBuf,
    macro_name: &'static str,
    id: String,
    args: BTreeSet<String>,
}

/// Finds `msg!(`, `t!(` and `hint!(` calls and reads their id and argument names (the
/// identifiers before a top-level `=`).
fn uses(file: &Path, code: &str) -> Vec<Use> {
    let mut out = Vec::new();
    for macro_name in ["msg", "t", "hint"] {
        let needle = format!("{macro_name}!(");
        let mut from = 0;
        while let Some(i) = code[from..].find(&needle) {
            let start = from + i;
            from = start + needle.len();
            // `hint!(` inside `with_hint!(`… is not a call of ours; neither is `assert!(`.
            let before = code[..start].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let mut parts = call_args(&code[from..]).into_iter();
            let id = parts.next().unwrap_or_default().trim();
            let Some(id) = id.strip_prefix('"').and_then(|s| s.strip_suffix('"')) else {
                continue; // the macro's own definition
            };
            let args = parts
                .filter_map(|p| {
                    let (name, _) = p.split_once('=')?;
                    Some(name.trim().to_string())
                })
                .filter(|n| !n.is_empty())
                .collect();
            out.push(Use {
                file: file.to_path_buf(),
                macro_name: match macro_name {
                    "msg" => "msg",
                    "t" => "t",
                    _ => "hint",
                },
                id: id.to_string(),
                args,
            });
        }
    }
    out
}

/// The arguments of a call whose text starts after its `(`: split at top-level commas, up to
/// the closing parenthesis (strings and nesting respected).
fn call_args(s: &str) -> Vec<&str> {
    let (mut depth, mut in_str, mut escaped, mut start) = (0usize, false, false, 0);
    let mut out = Vec::new();
    for (i, c) in s.char_indices() {
        if in_str {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_str = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_str = true,
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => {
                out.push(&s[start..i]);
                return out;
            }
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                out.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out
}

#[test]
fn every_id_the_code_names_exists_with_the_placeholders_it_fills() {
    let en = catalogue(Lang::En);
    let all: Vec<Use> = sources()
        .iter()
        .flat_map(|(f, code)| uses(f, code))
        .collect();
    assert!(all.len() > 150, "the scan finds the calls: {}", all.len());
    for u in &all {
        assert!(
            en.contains_key(&u.id),
            "{}: `{}!(\"{}\")` is not in the catalogues",
            u.file.display(),
            u.macro_name,
            u.id
        );
        let (message, hint) = entry_placeholders(&en, &u.id);
        let needed: BTreeSet<String> = match u.macro_name {
            "msg" => message.union(&hint).cloned().collect(),
            "t" => message,
            _ => hint,
        };
        assert_eq!(
            u.args,
            needed,
            "{}: `{}!(\"{}\", …)` fills {:?}, the entry has {:?}",
            u.file.display(),
            u.macro_name,
            u.id,
            u.args,
            needed
        );
    }
    // Every entry is used: by a macro, or (`cli.*`) as a help text checked below.
    let used: BTreeSet<&str> = all.iter().map(|u| u.id.as_str()).collect();
    let dead: Vec<_> = en
        .keys()
        .filter(|id| !id.starts_with("cli.") && !used.contains(id.as_str()))
        .collect();
    assert!(dead.is_empty(), "entries no code uses: {dead:?}");
}

/// The `--help` of every command, in `lang`.
fn all_help(lang: &str) -> String {
    let mut out = String::new();
    for sub in [
        None,
        Some("new"),
        Some("build"),
        Some("ruby"),
        Some("import-windows"),
        Some("import-events"),
        Some("serve"),
        Some("check"),
    ] {
        let mut cmd = tsunagi();
        cmd.env("TSUNAGI_LANG", lang);
        if let Some(s) = sub {
            cmd.arg(s);
        }
        let o = cmd.arg("--help").output().unwrap();
        assert!(o.status.success(), "{sub:?} --help");
        out.push_str(&String::from_utf8_lossy(&o.stdout));
    }
    out
}

#[test]
fn help_is_in_the_users_language_and_every_help_text_is_shown() {
    for (code, lang) in [("en", Lang::En), ("ja", Lang::Ja)] {
        let help = all_help(code);
        let c = catalogue(lang);
        // A command or option without an entry would show its id.
        assert!(!help.contains("cli."), "an id instead of a text: {help}");
        for (id, e) in &c {
            if id.starts_with("cli.") && !id.ends_with("-heading") {
                assert!(help.contains(&e.message), "{code}: {id} is never shown");
            }
        }
    }
    let ja = all_help("ja");
    for word in ["使い方:", "コマンド:", "オプション:", "引数:"] {
        assert!(ja.contains(word), "{word} in: {ja}");
    }
    for english in [
        "Usage:",
        "Options:",
        "Print help",
        "[default:",
        "possible values",
    ] {
        assert!(!ja.contains(english), "`{english}` left in: {ja}");
    }
    // `--lang` wins over the environment, and `help COMMAND` works in both languages.
    let (o, _) = run(tsunagi()
        .env("LANG", "ja_JP.UTF-8")
        .args(["--lang", "en", "help", "build"]));
    let en = String::from_utf8_lossy(&o.stdout);
    assert!(en.contains("Usage: tsunagi build"), "{en}");
    let (o, _) = run(tsunagi()
        .env("LC_ALL", "ja_JP.UTF-8")
        .args(["help", "build"]));
    let ja = String::from_utf8_lossy(&o.stdout);
    assert!(ja.contains("使い方: tsunagi build"), "{ja}");
}

#[test]
fn the_language_follows_the_locale_and_can_be_chosen() {
    // (environment, expected first word of the error)
    let cases: [(&[(&str, &str)], &str); 6] = [
        (&[], "error:"),
        (&[("LANG", "C")], "error:"),
        (&[("LANG", "ja_JP.UTF-8")], "エラー:"),
        (
            &[("LANG", "en_US.UTF-8"), ("LC_MESSAGES", "ja_JP.UTF-8")],
            "エラー:",
        ),
        (&[("LANG", "ja_JP.UTF-8"), ("LC_ALL", "C")], "error:"),
        (&[("LANG", "C"), ("TSUNAGI_LANG", "ja")], "エラー:"),
    ];
    let empty = tempfile::tempdir().unwrap();
    for (env, expected) in cases {
        let mut cmd = tsunagi();
        for (k, v) in env {
            cmd.env(k, v);
        }
        let (o, err) = run(cmd.arg("build").arg("--root").arg(empty.path()));
        assert_eq!(o.status.code(), Some(1), "{env:?}: {err}");
        assert!(err.starts_with(expected), "{env:?}: {err}");
    }
    let (_, err) = run(tsunagi()
        .env("TSUNAGI_LANG", "ja")
        .args(["--lang", "en", "build", "--root"])
        .arg(empty.path()));
    assert!(err.starts_with("error: "), "--lang wins: {err}");
    // A file the system refuses: the system's own words, framed in Japanese.
    let (o, err) = run(tsunagi()
        .env("TSUNAGI_LANG", "ja")
        .args(["import-windows", "/nonexistent/窓口.csv"]));
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.starts_with("エラー: /nonexistent/窓口.csv: ファイルやフォルダーを読み書きできません"),
        "{err}"
    );
    // A wrong command line, in Japanese, exits 2 like clap's own errors.
    for args in [
        &["build", "--frob"][..],
        &["frob"],
        &["ruby", "--format", "x"],
        &["ruby", "--grade", "2", "--all"],
    ] {
        let (o, err) = run(tsunagi().env("TSUNAGI_LANG", "ja").args(args));
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.starts_with("エラー: ") && err.contains("対処: "),
            "{args:?}: {err}"
        );
    }
}

/// Lines of code that may hold English words in a string: not sentences to a person but
/// markup, identifiers, formats and data.
fn allowed(line: &str) -> bool {
    let l = line.trim_start();
    l.starts_with("//")
        || l.starts_with("#[")
        || l.starts_with("assert")
        || l.contains("expect(\"") // a message about a bug in tsunagi, for its developers
        || l.contains("panic!(")
        || l.contains("debug_assert")
        || l.contains('<') && l.contains('>') // HTML, XML and templates
        || l.contains("json!(")
        || l.contains("BEGIN:") || l.contains("END:") // iCalendar
        // Matching a library's own words in its error (`detail`, `why`), never shown as such.
        || ["detail.", "why."].iter().any(|v| l.contains(v))
            && ["contains(", "starts_with(", "split_once("].iter().any(|m| l.contains(m))
}

/// Files whose English is not said to a person running tsunagi, and why.
const NOT_MESSAGES: &[(&str, &str)] = &[
    // The licence notices of embedded data are legal texts, kept in their own words.
    ("src/cmd/licenses.rs", "licence text"),
    // Comments and a marker written into generated files, for whoever opens them.
    (
        "src/render/exports.rs",
        "a comment at the top of holidays.js",
    ),
    (
        "src/write.rs",
        "the content of the output folder's marker file",
    ),
];

#[test]
fn no_english_sentence_is_written_outside_the_catalogue() {
    let sentence = |s: &str| {
        // Three words of lower-case letters in a row, as in "the file has".
        let words: Vec<&str> = s.split([' ', ',', ';', ':']).collect();
        words.windows(3).any(|w| {
            w.iter()
                .all(|x| x.len() >= 2 && x.chars().all(|c| c.is_ascii_lowercase() || c == '\''))
        })
    };
    let mut found = Vec::new();
    for (file, code) in sources() {
        if file.starts_with("src/messages") {
            continue;
        }
        let exempt = NOT_MESSAGES.iter().any(|(f, _)| file == Path::new(f));
        for (n, line) in code.lines().enumerate() {
            if allowed(line) {
                continue;
            }
            for literal in line.split('"').skip(1).step_by(2) {
                // An exempt file may still not print English to a person.
                if (!exempt || line.contains("eprint")) && sentence(literal) {
                    found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "English sentences outside the catalogue (use msg!/t!/hint!):\n{}",
        found.join("\n")
    );
}

/// The guide's list of messages (`docs/errors.md`) is generated from the catalogue: it
/// cannot miss one. `TSUNAGI_BLESS=1 cargo test --test messages` rewrites it.
#[test]
fn the_guides_list_of_messages_is_generated_from_the_catalogue() {
    let ja = catalogue(Lang::Ja);
    let en = catalogue(Lang::En);
    let mut ids: Vec<&String> = ja
        .keys()
        .filter(|id| id.starts_with("error.") || id.starts_with("warning."))
        .collect();
    ids.sort_by_key(|id| (id.starts_with("warning."), id.to_string()));
    let mut by_kind: BTreeMap<bool, Vec<&String>> = BTreeMap::new();
    for id in ids {
        by_kind
            .entry(id.starts_with("warning."))
            .or_default()
            .push(id);
    }
    let mut doc = String::from(GUIDE_HEAD);
    for (warning, ids) in by_kind {
        doc.push_str(if warning {
            "\n## 警告（サイトはできますが、公開する前に直すもの）\n"
        } else {
            "\n## エラー（直すまでサイトは書き出されません）\n"
        });
        for id in ids {
            let (j, e) = (&ja[id.as_str()], &en[id.as_str()]);
            let name = id.split_once('.').map_or(id.as_str(), |(_, n)| n);
            doc.push_str(&format!("\n### `{name}`\n\n"));
            doc.push_str(&format!("- 表示: {}\n", shown(&j.message)));
            if let Some(h) = &j.hint {
                doc.push_str(&format!("- 対処: {}\n", shown(h)));
            }
            doc.push_str(&format!("- English: {}\n", shown(&e.message)));
        }
    }
    // The rules, by the name `tsunagi check` (and a build's warnings) print in brackets:
    // `error[example-data]`. Their messages are listed above under the messages' own names.
    doc.push_str(
        "\n## ルール（`tsunagi check` が `エラー[…]`・`警告[…]` の [ ] の中に出す名前）\n",
    );
    let mut rules: Vec<&String> = ja.keys().filter(|id| id.starts_with("explain.")).collect();
    rules.sort();
    for id in rules {
        let name = &id["explain.".len()..];
        doc.push_str(&format!("\n### `[{name}]`\n\n"));
        doc.push_str(&format!(
            "- 見つけるもの: {}\n",
            shown(&ja[id.as_str()].message)
        ));
        doc.push_str(&format!("- English: {}\n", shown(&en[id.as_str()].message)));
    }
    let path = repo().join("docs/errors.md");
    if std::env::var_os("TSUNAGI_BLESS").is_some() {
        std::fs::write(&path, &doc).unwrap();
    }
    let written = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        written == doc,
        "docs/errors.md is not the catalogue's list; run TSUNAGI_BLESS=1 cargo test --test messages"
    );
}

/// A catalogue text as the guide shows it: placeholders as 〈name〉, in code spans kept whole.
fn shown(text: &str) -> String {
    let mut s = text.replace('\n', " ");
    for p in placeholders(text) {
        let shown = match p {
            // A "did you mean …?" when a known name is close to what was written.
            "suggest" => "〔似た名前があれば「…のまちがいではありませんか？」〕".to_string(),
            _ => format!("〈{p}〉"),
        };
        s = s.replace(&format!("{{${p}}}"), &shown);
    }
    s.replace('|', "\\|")
}

const GUIDE_HEAD: &str = "# よくあるエラーと警告

<!-- このファイルは src/messages/ja.toml と en.toml から作られます。手で直さず、
     カタログを直してから `TSUNAGI_BLESS=1 cargo test --test messages` を実行してください。 -->

tsunagi が表示するエラーと警告の一覧です。どれも

```text
エラー: content/stress/sleep.md:12:5: リンク先 `@/stres/_index.md` がありません
  対処: `stress/_index.md` のまちがいではありませんか？ …
```

のように、**ファイル名:行:列**、**何がおかしいか**、**どうすればよいか（対処）** の順に出ます。
〈 〉の部分には、その時のファイル名や値が入ります。見出しの英字（`link-broken` など）はメッセージの名前
（id）で、英語で表示したいときは `--lang en` を付けるか、環境変数 `TSUNAGI_LANG=en` を設定します。

エラーが1つでもあると、サイトは書き出されず、前回のサイトがそのまま残ります。警告は、サイトはできますが、
公開する前に直してほしいものです。
";
