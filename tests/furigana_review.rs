//! Reviewing automatic furigana as a teacher does: `tsunagi ruby --review` lists the readings
//! that may be wrong, and `tsunagi check` notes them on pages with furigana (the example's
//! pupils' pages) until a person confirms them, inline or in the lexicon.

mod common;

use std::path::Path;

use common::*;

/// `tsunagi ruby ARGS` with `input` on stdin: stdout.
fn ruby(args: &[&str], input: &str) -> String {
    let out = with_stdin(&[&["ruby"], args].concat(), input.as_bytes());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// (line:column, word, reading, other readings) of each listed reading.
fn listed(review: &str) -> Vec<(String, String, String, String)> {
    review
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 5, "five columns: {l}");
            (f[0].into(), f[1].into(), f[2].into(), f[3].into())
        })
        .collect()
}

#[test]
fn review_lists_each_uncertain_reading_with_its_place_and_the_alternatives() {
    let text = "おうちの方に話してみよう。\n相談窓口に電話する。\n休んだ方がいい。{方|かた}と書いた読みはそのまま。\n";
    let review = ruby(&["--review", "--lang", "ja"], text);
    assert!(
        review.starts_with("行:列\t語\t読み\tほかの読み\t理由\n"),
        "{review}"
    );
    let got = listed(&review);
    assert_eq!(
        got,
        [
            ("1:5".into(), "方".into(), "かた".into(), "ほう".into()),
            ("3:4".into(), "方".into(), "ほう".into(), "かた".into()),
        ],
        "{review}"
    );
    // The text itself is not written.
    assert!(!review.contains("{相談窓口"), "{review}");
    // At a grade, only the words that get ruby are listed (方 is learned in grade 2).
    assert_eq!(listed(&ruby(&["--review", "--grade", "2"], text)), []);
}

#[test]
fn a_lexicon_entry_confirms_a_reading_for_review() {
    let dir = tempfile::tempdir().unwrap();
    let lexicon = dir.path().join("readings.csv");
    std::fs::write(&lexicon, "おうちの方,おうちのかた\n").unwrap();
    let text = "おうちの方に話してみよう。\n";
    assert_eq!(listed(&ruby(&["--review"], text)).len(), 1);
    let lex = lexicon.to_str().unwrap();
    assert_eq!(listed(&ruby(&["--review", "--lexicon", lex], text)), []);
}

/// The `furigana-uncertain` notes of `tsunagi check` on `root`: (file, line, message).
fn notes(root: &Path) -> Vec<(String, u64, String)> {
    let (o, err) = run(tsunagi().arg("check").arg("--root").arg(root).args([
        "--today",
        "2026-11-28",
        "--format",
        "json",
        "--deny",
        "warnings",
    ]));
    // Notes never fail a check, even with --deny warnings.
    assert_eq!(o.status.code(), Some(0), "{err}");
    let list: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    list.as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "furigana-uncertain")
        .map(|f| {
            assert_eq!(f["severity"], "note");
            (
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn check_notes_uncertain_readings_on_pupils_pages_until_they_are_confirmed() {
    let dir = example_copy();
    let root = dir.path();
    // The example's pages as they ship: every reading their pupils see is certain.
    assert_eq!(notes(root), []);
    // A teacher adds a sentence: 辛い (辛 is not taught in primary school, so it gets ruby at
    // grade 3) may be つらい or からい, and the analyser cannot be sure which.
    let page = "content/school/friends.md";
    append(
        root,
        page,
        "\n辛いときは、ひとりでがまんしないで話してみよう。\n",
    );
    let line = std::fs::read_to_string(root.join(page))
        .unwrap()
        .lines()
        .count() as u64;
    let found = notes(root);
    assert_eq!(found.len(), 1, "{found:?}");
    let (file, at, message) = &found[0];
    assert!(file.ends_with(page) && *at == line, "{found:?}");
    for part in ["辛い", "つらい", "からい"] {
        assert!(message.contains(part), "{part}: {message}");
    }

    // Confirmed in the project's lexicon: the note goes.
    let mut config = std::fs::read_to_string(root.join("tsunagi.toml")).unwrap();
    config = config.replace("[furigana]\n", "[furigana]\nlexicon = \"readings.csv\"\n");
    write(root, "tsunagi.toml", &config);
    write(root, "readings.csv", "辛い,つらい\n");
    assert_eq!(notes(root), []);

    // Or written on the page: the note goes too.
    write(root, "readings.csv", "");
    let text = std::fs::read_to_string(root.join(page)).unwrap();
    write(root, page, &text.replace("辛いときは", "{辛|つら}いときは"));
    assert_eq!(notes(root), []);
}
