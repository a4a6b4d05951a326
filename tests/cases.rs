//! Cases: `tests/cases/<area>/<case>/` each hold a small project (`project/`), the command to run
//! on it (`cmd.toml`) and what the command must say (`cmd.stderr`, and `cmd.stdout` where it
//! writes something), run through the real binary by trycmd, in a copy of the project, with a
//! cleared environment and English messages. A case is named after what it guards; reviewers read
//! the whole message in the snapshot's diff. `TRYCMD=overwrite cargo test --release --test cases`
//! writes the snapshots again (README: Run all the tests).

use std::path::Path;

/// Every case folder below `tests/cases`, as `<area>/<case>`.
fn case_folders() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut out = Vec::new();
    for area in std::fs::read_dir(&root).unwrap() {
        let area = area.unwrap().path();
        for case in std::fs::read_dir(&area).unwrap() {
            let case = case.unwrap().path();
            if case.is_dir() {
                let rel = case.strip_prefix(&root).unwrap();
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn cases() {
    trycmd::TestCases::new()
        .default_bin_path(env!("CARGO_BIN_EXE_tsunagi"))
        .env("TSUNAGI_LANG", "en")
        .case("tests/cases/*/*/cmd.toml")
        .case("tests/cases/*/*/cmd.trycmd");
}

/// Each case runs in a copy of its project (never in the repository), with a cleared
/// environment, and says what it expects of both the exit code and stderr.
#[test]
fn every_case_is_sandboxed_clean_and_complete() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let folders = case_folders();
    assert!(folders.len() > 50, "{folders:?}");
    for folder in folders {
        let dir = root.join(&folder);
        if dir.join("cmd.trycmd").is_file() {
            // Several commands in one copy of `cmd.in/`: a `cmd.out/` makes it a copy.
            assert!(dir.join("cmd.out").is_dir(), "{folder}: cmd.out/");
            continue;
        }
        let toml = std::fs::read_to_string(dir.join("cmd.toml"))
            .unwrap_or_else(|e| panic!("{folder}: cmd.toml: {e}"));
        for line in ["env.inherit = false", "status.code = "] {
            assert!(toml.contains(line), "{folder}: `{line}` in cmd.toml");
        }
        if toml.contains("fs.base") {
            assert!(toml.contains("fs.sandbox = true"), "{folder}: fs.sandbox");
        }
        assert!(
            dir.join("cmd.stderr").is_file() || toml.contains("stderr = "),
            "{folder}: cmd.stderr"
        );
    }
}

/// The case that stands for a `tsunagi new` project holds exactly what `tsunagi new` writes
/// (less its .gitignore), so it cannot drift from the starter.
#[test]
fn the_starter_case_is_what_new_writes() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tsunagi"))
        .env_clear()
        .arg("new")
        .arg(dir.path().join("p"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let files = |root: &Path| -> std::collections::BTreeMap<String, Vec<u8>> {
        walkdir::WalkDir::new(root)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file() && e.file_name() != ".gitignore")
            .map(|e| {
                let rel = e.path().strip_prefix(root).unwrap().to_string_lossy();
                (rel.replace('\\', "/"), std::fs::read(e.path()).unwrap())
            })
            .collect()
    };
    let case = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cases/authoring/placeholder_starter_warns_on_every_build/cmd.in");
    assert_eq!(
        files(&case),
        files(&dir.path().join("p")),
        "copy what `tsunagi new` writes into {}",
        case.display()
    );
}
