//! The user guide (`docs/*.md`) and the README cannot rot: every command and example in them is
//! run here, in order, as a reader would, with the real binary.
//!
//! A page's fenced blocks become one shell script run in an empty folder:
//! - ```` ```sh ```` blocks are commands, run as written (`set -e`: one failing command fails the
//!   page);
//! - ```` ```toml path=FILE ```` (or `markdown`, `csv`) blocks are files the reader writes: the
//!   block replaces FILE, or with `append`/`prepend` goes at its end or start, or with
//!   `replace-line=KEY` replaces the line `KEY = …`; then the project must build without error,
//!   and `tsunagi check --deny warnings` must find nothing in FILE;
//! - ```` ```sh no-run ```` blocks install tsunagi from a registry or run the repository's own
//!   build and tests; they are only allowed to hold such commands (scripts/test-install proves the
//!   wheel install, CI runs the rest);
//! - a ```` ```text output ```` block right after a `sh` block is what that block prints, exactly;
//! - other ```` ```text ```` blocks show trees, messages or a cheat sheet and are not run.

mod common;

use std::path::Path;

use common::*;

/// A fenced block: its info string and its text.
struct Block {
    info: String,
    text: String,
    line: usize,
}

fn blocks(markdown: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut current: Option<Block> = None;
    for (n, line) in markdown.lines().enumerate() {
        match (&mut current, line.strip_prefix("```")) {
            (None, Some(info)) => {
                current = Some(Block {
                    info: info.trim().to_string(),
                    text: String::new(),
                    line: n + 1,
                });
            }
            (Some(_), Some("")) => out.extend(current.take()),
            (Some(b), _) => {
                b.text.push_str(line);
                b.text.push('\n');
            }
            (None, None) => {}
        }
    }
    assert!(current.is_none(), "an unclosed code block");
    out
}

/// The commands a `no-run` block may hold.
fn covered_elsewhere(command: &str) -> bool {
    let c = command.trim();
    c.is_empty()
        || c.starts_with('#')
        || c.contains("pip install")
        || c.starts_with("cargo install")
        || c.starts_with("cargo run --release")
        || c.starts_with("./scripts/test")
        || c.starts_with("./scripts/build-wheel")
        || c.starts_with("pipx run")
}

/// The script a page's blocks make (see the module docs).
fn script(page: &str, markdown: &str) -> String {
    // Output is kept outside the project (`$OLDPWD_GUIDE`), where no build publishes it.
    let mut s = String::from("set -euo pipefail\nOLDPWD_GUIDE=$(mktemp -d)\n");
    let check_build = "if [ -f tsunagi.toml ]; then tsunagi build --quiet; fi\n";
    for (i, b) in blocks(markdown).into_iter().enumerate() {
        let words: Vec<&str> = b.info.split_whitespace().collect();
        let where_ = format!("{page}:{}", b.line);
        match words.as_slice() {
            ["sh"] => {
                // Its output is kept for a ```text output block that may follow.
                s.push_str(&format!(
                    "echo '== {where_}'\n{{\n{}}} > \"$OLDPWD_GUIDE/last-output\"\ncat \"$OLDPWD_GUIDE/last-output\"\n",
                    b.text
                ));
            }
            ["text", "output"] => {
                let delimiter = format!("TSUNAGI_GUIDE_BLOCK_{i}");
                s.push_str(&format!(
                    "echo '== {where_} (output)'\ncat > \"$OLDPWD_GUIDE/expected\" <<'{delimiter}'\n{}{delimiter}\ndiff \"$OLDPWD_GUIDE/expected\" \"$OLDPWD_GUIDE/last-output\"\n",
                    b.text
                ));
            }
            ["sh", "no-run"] => {
                for c in b.text.lines() {
                    assert!(
                        covered_elsewhere(c),
                        "{where_}: `{c}` is not run by any test"
                    );
                }
            }
            [_, path, mode @ ..] if path.starts_with("path=") => {
                let file = &path["path=".len()..];
                let delimiter = format!("TSUNAGI_GUIDE_BLOCK_{i}");
                s.push_str(&format!(
                    "echo '== {where_} ({file})'\nmkdir -p \"$(dirname '{file}')\"\ncat > .block <<'{delimiter}'\n{}{delimiter}\n",
                    b.text
                ));
                match mode {
                    [] => s.push_str(&format!("mv .block '{file}'\n")),
                    ["append"] => s.push_str(&format!("cat .block >> '{file}'; rm .block\n")),
                    ["prepend"] => s.push_str(&format!(
                        "cat .block '{file}' > .joined; mv .joined '{file}'; rm .block\n"
                    )),
                    [m] if m.starts_with("replace-line=") => {
                        let key = &m["replace-line=".len()..];
                        s.push_str(&format!(
                            "grep -q '^{key} *=' '{file}'\nawk -v key='{key}' 'FNR==NR {{ b = b $0 \"\\n\"; next }} $0 ~ \"^\" key \" *=\" {{ printf \"%s\", b; next }} {{ print }}' .block '{file}' > .joined; mv .joined '{file}'; rm .block\n"
                        ));
                    }
                    other => panic!("{where_}: unknown mode {other:?}"),
                }
                s.push_str(check_build);
                // What the block wrote is check-clean: no finding in that file (the starter's
                // own placeholders, elsewhere, are the reader's to replace).
                s.push_str(&format!(
                    "if [ -f tsunagi.toml ] && tsunagi check --deny warnings 2>&1 | grep -F -- '{file}:'; then echo '{where_}: tsunagi check finds the above in {file}'; exit 1; fi\n"
                ));
            }
            ["text"] | [] => {}
            other => panic!("{where_}: a block the guide test does not know: {other:?}"),
        }
    }
    s
}

/// Runs `script` in an empty folder with the tested `tsunagi` first on PATH.
fn run_script(page: &str, script: &str) {
    let dir = tempfile::tempdir().unwrap();
    let bin = Path::new(env!("CARGO_BIN_EXE_tsunagi")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(script)
        .current_dir(dir.path())
        .env_clear()
        .env("PATH", path)
        .env("HOME", dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{page}: a command or example fails as written\n--- script\n{script}\n--- stdout\n{}\n--- stderr\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn every_page_of_the_guide_runs_as_written() {
    let docs = repo().join("docs");
    let mut pages: Vec<_> = std::fs::read_dir(&docs)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    pages.sort();
    let mut examples = 0;
    for page in &pages {
        let name = page.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(page).unwrap();
        examples += blocks(&text)
            .iter()
            .filter(|b| b.info == "sh" || b.info.contains("path="))
            .count();
        run_script(&name, &script(&name, &text));
    }
    assert!(examples >= 25, "the guide's runnable blocks: {examples}");
}

#[test]
fn the_readmes_examples_run_as_written() {
    let text = std::fs::read_to_string(repo().join("README.md")).unwrap();
    // The README's file examples are written into a new project.
    let script = format!(
        "tsunagi new p >/dev/null 2>&1\ncd p\n{}",
        script("README.md", &text)
    );
    run_script("README.md", &script);
}

#[test]
fn links_between_pages_of_the_guide_lead_somewhere() {
    let docs = repo().join("docs");
    for entry in std::fs::read_dir(&docs).unwrap().filter_map(Result::ok) {
        // The list of messages quotes hints, whose links are examples for content.
        if entry.file_name() == "errors.md" {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        // Links in prose only: not in code blocks or code spans (those are examples).
        let mut fenced = false;
        let prose: String = text
            .lines()
            .filter(|l| {
                if l.starts_with("```") {
                    fenced = !fenced;
                    return false;
                }
                !fenced
            })
            .map(|l| l.split('`').step_by(2).collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join("\n");
        let text = prose;
        for (i, _) in text.match_indices("](") {
            let target: String = text[i + 2..].chars().take_while(|c| *c != ')').collect();
            if target.starts_with("http") || target.starts_with('#') {
                continue;
            }
            let file = target.split('#').next().unwrap_or_default();
            if file.ends_with(".md") && !file.starts_with('@') {
                assert!(
                    docs.join(file).is_file(),
                    "{}: link to {target}",
                    entry.path().display()
                );
            }
        }
    }
}
