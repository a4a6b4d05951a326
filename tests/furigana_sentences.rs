//! The furigana of sentences like the ones tsunagi's users write — municipal notices, school
//! handouts, mental-health pages — through the real `tsunagi ruby`: `tests/furigana/municipal.tsv`
//! holds 331 sentences written for this project (none from the shared gold set), each with the
//! reading of every kanji word checked by hand, in the format of the shared scorer
//! (`surface<TAB>{漢字|よみ}…`), so `scripts/bench-furigana` scores it too.
//!
//! A sentence tsunagi still reads wrongly is listed in [`KNOWN_WRONG`] with the reason; the test
//! fails when another sentence goes wrong and also when a listed one comes right, so that the
//! list stays the truth.

mod common;

use std::io::Write;
use std::process::Stdio;

/// Lines (1-based) tsunagi reads wrongly today, and why (none at the moment).
const KNOWN_WRONG: &[(usize, &str)] = &[];

#[test]
fn municipal_and_school_sentences_read_as_checked_by_hand() {
    let path = common::repo().join("tests/furigana/municipal.tsv");
    let text = std::fs::read_to_string(&path).expect("the sentence file");
    let (surfaces, wanted): (Vec<&str>, Vec<&str>) = text
        .lines()
        .map(|l| l.split_once('\t').expect("surface<TAB>annotated"))
        .unzip();
    let mut child = common::tsunagi()
        .args(["ruby", "--all", "--format", "markup"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("tsunagi runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all((surfaces.join("\n") + "\n").as_bytes())
        .expect("write the sentences");
    let out = child.wait_with_output().expect("tsunagi ends");
    assert!(out.status.success());
    let got = String::from_utf8(out.stdout).expect("UTF-8");
    let got: Vec<&str> = got.lines().collect();
    assert_eq!(got.len(), wanted.len(), "one line out per line in");
    let mut wrong = Vec::new();
    for (n, (g, w)) in got.iter().zip(&wanted).enumerate() {
        if g != w {
            wrong.push(n + 1);
            eprintln!("line {}:\n  want {w}\n  got  {g}", n + 1);
        }
    }
    let known: Vec<usize> = KNOWN_WRONG.iter().map(|(n, _)| *n).collect();
    assert_eq!(
        wrong, known,
        "sentences read differently from the hand-checked file (see above); a fix that rights a \
         known one removes it from KNOWN_WRONG"
    );
}
