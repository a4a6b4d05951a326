//! The README's reference of keys cannot drift from the code: for every table a user writes,
//! the keys the real binary accepts (it lists them when it meets an unknown one) are exactly the
//! keys the README's reference lists for that table, each once.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::*;

const CONFIG: &str = "title = \"t\"\nbase_url = \"https://kokoro.example.jp/{slug}/\"\n";
const TOWN: &str = "name = \"所沢市\"\nkana = \"ところざわし\"\ncode = \"112089\"\nprefecture = \"埼玉県\"\nhealth_center = \"埼玉県狭山保健所\"\n";
const WINDOW: &str = "[[windows]]\nid = \"a\"\nname = \"相談\"\n";
const QUESTIONNAIRE: &str = "title = \"t\"\nperiod = \"p\"\n[source]\ncitation = \"c\"\nwording = \"w\"\ncutoffs = \"k\"\nlicence = \"l\"\n[[items]]\nid = \"a\"\ntext = \"x\"\nchoices = [{ id = \"n\", label = \"n\" }, { id = \"y\", label = \"y\", points = 1 }]\n[[bands]]\nmin = 0\nmax = 1\ntitle = \"t\"\ntext = \"x\"\n";
const EVENT: &str = "[[events]]\nid = \"e\"\ntitle = \"研修\"\nkind = \"lecture\"\nstart = \"2027-02-13T13:30\"\nend = \"2027-02-13T16:00\"\n";

/// (README heading, file, its text with `zz_probe` as an unknown key of that table).
fn probes() -> Vec<(&'static str, &'static str, String)> {
    let town = "content/municipalities/tokorozawa/municipality.toml";
    let questionnaire = "questionnaires/p.toml";
    let lines = "help-lines.toml";
    vec![
        (
            "#### `tsunagi.toml`",
            "tsunagi.toml",
            format!("zz_probe = 1\n{CONFIG}"),
        ),
        (
            "#### `[furigana]`",
            "tsunagi.toml",
            format!("{CONFIG}[furigana]\nzz_probe = 1\n"),
        ),
        (
            "#### `[accessibility]`",
            "tsunagi.toml",
            format!("{CONFIG}[accessibility]\nzz_probe = 1\n"),
        ),
        (
            "#### `[data]`",
            "tsunagi.toml",
            format!("{CONFIG}[data]\nzz_probe = 1\n"),
        ),
        (
            "#### `[output]`",
            "tsunagi.toml",
            format!("{CONFIG}[output]\nzz_probe = 1\n"),
        ),
        (
            "#### `[markdown]`",
            "tsunagi.toml",
            format!("{CONFIG}[markdown]\nzz_probe = 1\n"),
        ),
        (
            "#### `[search]`",
            "tsunagi.toml",
            format!("{CONFIG}[search]\nzz_probe = 1\n"),
        ),
        (
            "#### `[languages.<code>]`",
            "tsunagi.toml",
            format!("{CONFIG}[languages.en]\nzz_probe = 1\n"),
        ),
        (
            "#### `[check]`",
            "tsunagi.toml",
            format!("{CONFIG}[check]\nzz_probe = 1\n"),
        ),
        (
            "#### `[check.audience.<name>]`",
            "tsunagi.toml",
            format!("{CONFIG}[check.audience.school]\nzz_probe = 1\n"),
        ),
        (
            "#### `[check.easy_japanese]`",
            "tsunagi.toml",
            format!("{CONFIG}[check.easy_japanese]\nzz_probe = 1\n"),
        ),
        (
            "#### `municipality.toml`",
            town,
            format!("zz_probe = 1\n{TOWN}"),
        ),
        (
            "#### `[languages.<code>]` (municipality.toml)",
            town,
            format!("{TOWN}[languages.en]\nzz_probe = 1\n"),
        ),
        (
            "#### `[languages.<code>.windows.<id>]`",
            town,
            format!("{TOWN}[languages.en.windows.a]\nzz_probe = 1\n"),
        ),
        (
            "#### `[contact]`",
            town,
            format!("{TOWN}[contact]\nname = \"x\"\nzz_probe = 1\n"),
        ),
        (
            "#### `[[windows]]`",
            town,
            format!("{TOWN}{WINDOW}zz_probe = 1\n"),
        ),
        (
            "#### `phones = [{ … }]`",
            town,
            format!("{TOWN}{WINDOW}phones = [{{ number = \"189\", zz_probe = 1 }}]\n"),
        ),
        (
            "#### `hours = { … }`",
            town,
            format!("{TOWN}{WINDOW}hours = {{ zz_probe = 1 }}\n"),
        ),
        (
            "#### `hours.periods = [{ … }]`",
            town,
            format!("{TOWN}{WINDOW}hours = {{ periods = [{{ zz_probe = 1 }}] }}\n"),
        ),
        (
            "#### `hours.monthly = [{ … }]`",
            town,
            format!("{TOWN}{WINDOW}hours = {{ monthly = [{{ zz_probe = 1 }}] }}\n"),
        ),
        ("#### `help-lines.toml`", lines, "zz_probe = 1\n".to_string()),
        (
            "#### `[[lines]]`",
            lines,
            "[[lines]]\nid = \"a\"\nzz_probe = 1\n".to_string(),
        ),
        (
            "#### `numbers = [{ … }]`",
            lines,
            "[[lines]]\nid = \"a\"\nname = \"a\"\nnumbers = [{ number = \"0120-279-338\", zz_probe = 1 }]\n"
                .to_string(),
        ),
        (
            "#### `[[portals]]`",
            lines,
            "[[portals]]\nid = \"p\"\nzz_probe = 1\n".to_string(),
        ),
        (
            "#### `[[events]]`",
            town,
            format!("{TOWN}{EVENT}zz_probe = 1\n"),
        ),
        (
            "#### `venue = { … }`",
            town,
            format!("{TOWN}{EVENT}venue = {{ name = \"x\", zz_probe = 1 }}\n"),
        ),
        (
            "#### `questionnaires/<id>.toml`",
            questionnaire,
            format!("zz_probe = 1\n{QUESTIONNAIRE}"),
        ),
        (
            "#### `[source]`",
            questionnaire,
            QUESTIONNAIRE.replace("licence = \"l\"\n", "licence = \"l\"\nzz_probe = 1\n"),
        ),
        (
            "#### `[[choices]]`",
            questionnaire,
            format!("{QUESTIONNAIRE}[[choices]]\nid = \"c\"\nlabel = \"c\"\nzz_probe = 1\n"),
        ),
        (
            "#### `[[scales]]`",
            questionnaire,
            format!("{QUESTIONNAIRE}[[scales]]\nid = \"m\"\ntitle = \"m\"\nzz_probe = 1\n"),
        ),
        (
            "#### `[[items]]`",
            questionnaire,
            format!("{QUESTIONNAIRE}[[items]]\nid = \"b\"\ntext = \"x\"\nzz_probe = 1\n"),
        ),
        (
            "#### `[[bands]]`",
            questionnaire,
            format!(
                "{QUESTIONNAIRE}[[bands]]\nmin = 0\nmax = 1\ntitle = \"t\"\ntext = \"x\"\nzz_probe = 1\n"
            ),
        ),
        (
            "#### `[lang.<code>]`",
            questionnaire,
            format!("{QUESTIONNAIRE}[lang.en]\nzz_probe = 1\n"),
        ),
        (
            "#### `[lang.<code>.source]`",
            questionnaire,
            format!("{QUESTIONNAIRE}[lang.en.source]\nzz_probe = 1\n"),
        ),
        (
            "#### `[[lang.<code>.bands]]`",
            questionnaire,
            format!("{QUESTIONNAIRE}[[lang.en.bands]]\nmin = 0\nmax = 1\nzz_probe = 1\n"),
        ),
        (
            "#### `when = { … }`",
            questionnaire,
            format!(
                "{QUESTIONNAIRE}[[bands]]\nmin = 0\nmax = 1\ntitle = \"t\"\ntext = \"x\"\nwhen = {{ item = \"a\", choice = \"n\", zz_probe = 1 }}\n"
            ),
        ),
        (
            "#### Front matter",
            "content/_index.md",
            "+++\ntitle = \"t\"\nzz_probe = 1\n+++\n".to_string(),
        ),
    ]
}

/// The keys the binary accepts where `text` has its unknown key.
fn accepted(file: &str, text: &str) -> BTreeSet<String> {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let write = |rel: &str, t: &str| {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, t).unwrap();
    };
    write("tsunagi.toml", CONFIG);
    write("content/_index.md", "+++\ntitle = \"t\"\n+++\n");
    write("content/municipalities/tokorozawa/municipality.toml", TOWN);
    write(file, text);
    let (o, err) = run(tsunagi().arg("build").arg("--root").arg(root));
    assert_eq!(o.status.code(), Some(1), "{file}: {err}");
    let list = err
        .split(", expected ")
        .nth(1)
        .unwrap_or_else(|| panic!("{file}: no list of keys in: {err}"));
    let list = list.lines().next().unwrap();
    list.split('`')
        .skip(1)
        .step_by(2)
        .map(String::from)
        .collect()
}

/// The keys the README lists under `heading`: the first cell of each table row, in backticks.
fn documented(readme: &str, heading: &str) -> Vec<String> {
    let mut lines = readme.lines().skip_while(|l| l.trim() != heading);
    assert!(lines.next().is_some(), "README has no heading {heading}");
    lines
        .take_while(|l| !l.starts_with('#'))
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split('`').next())
        .map(String::from)
        .collect()
}

#[test]
fn readme_lists_every_accepted_key_once_and_no_other() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    for (heading, file, text) in probes() {
        let keys = accepted(file, &text);
        let listed = documented(&readme, heading);
        let unique: BTreeSet<String> = listed.iter().cloned().collect();
        assert_eq!(
            unique.len(),
            listed.len(),
            "{heading}: a key is listed twice"
        );
        assert_eq!(
            unique, keys,
            "{heading}: README (left) and the binary (right) differ"
        );
    }
}
