//! The shape of the house (issue 34), kept true by a test so that it stays true:
//! - no import circle between modules: neither between the top-level modules of `src/` (`load`,
//!   `analyze`, `check`…) nor between the files of one module (a child that imports its parent
//!   while the parent imports it);
//! - no function over 80 lines outside tests (a table of data is a `const`/`static`, not a
//!   function, and is not counted).
//!
//! It reads the source as text (what `use crate::…`, `super::…` and a child's name followed by
//! `::` refer to), so it needs no compiler plugin; the parser is small and has its own tests below.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The longest a function may be, counted from its `fn` line to its closing brace.
const MAX_FUNCTION_LINES: usize = 80;

/// One `.rs` file of `src/` as a module: its path from the crate root (`["render", "town"]`) and
/// its code without comments and without its `#[cfg(test)]` module.
struct Module {
    path: Vec<String>,
    file: PathBuf,
    code: Vec<String>,
}

fn modules(src: &Path) -> Vec<Module> {
    let mut out = Vec::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            if p.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = p.strip_prefix(src).unwrap();
            let mut path: Vec<String> = rel
                .with_extension("")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if path.last().is_some_and(|l| l == "mod" || l == "lib") {
                path.pop();
            }
            if path == ["main"] {
                continue; // the binary: it may use anything of the library
            }
            let text = std::fs::read_to_string(&p).unwrap();
            out.push(Module {
                path,
                file: rel.to_path_buf(),
                code: code_lines(&text),
            });
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// The file's lines with `//` comments blanked and the `#[cfg(test)] mod …` blocks removed (line
/// numbers are kept: a removed line becomes empty).
fn code_lines(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if line.trim() == "#[cfg(test)]" {
            let next = lines[i + 1..]
                .iter()
                .position(|l| !l.trim().starts_with("#["));
            if let Some(n) = next {
                let decl = lines[i + 1 + n];
                let indent = decl.len() - decl.trim_start().len();
                if decl.trim_start().starts_with("mod ") && decl.trim_end().ends_with('{') {
                    let close = format!("{}}}", " ".repeat(indent));
                    let end = lines[i + 1 + n..]
                        .iter()
                        .position(|l| *l == close)
                        .map_or(lines.len(), |e| i + 1 + n + e);
                    for _ in i..=end.min(lines.len() - 1) {
                        out.push(String::new());
                    }
                    i = end + 1;
                    continue;
                }
            }
        }
        out.push(strip_comment(line).to_string());
        i += 1;
    }
    out
}

/// The line up to a `//` that is not inside a string literal.
fn strip_comment(line: &str) -> &str {
    let mut in_str = false;
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        match c {
            '"' if prev != '\\' => in_str = !in_str,
            '/' if !in_str && prev == '/' => return &line[..i - 1],
            _ => {}
        }
        prev = if prev == '\\' && c == '\\' { ' ' } else { c };
    }
    line
}

/// Every module path a piece of code names: `crate::a::b`, `super::x`, `self::x`, and paths
/// starting with a child module's name, with `use` groups (`use crate::{a, b::{c, d}}`) expanded.
fn referenced_paths(
    module: &[String],
    children: &BTreeSet<String>,
    code: &str,
) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for path in path_expressions(code) {
        let first = path[0].as_str();
        let resolved: Vec<String> = match first {
            "crate" => path[1..].to_vec(),
            "super" => {
                let mut base = module.to_vec();
                let mut rest = &path[..];
                while rest.first().is_some_and(|s| s == "super") {
                    base.pop();
                    rest = &rest[1..];
                }
                base.extend(rest.iter().cloned());
                base
            }
            "self" => module.iter().chain(&path[1..]).cloned().collect(),
            name if children.contains(name) => module.iter().chain(&path).cloned().collect(),
            _ => continue,
        };
        out.push(resolved);
    }
    out
}

/// The paths (`a::b::c`, split) written in the code, `use` trees expanded.
fn path_expressions(code: &str) -> Vec<Vec<String>> {
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '"' {
            // skip a string literal
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            continue;
        }
        if is_ident_start(c) && (i == 0 || !is_ident(chars[i - 1]) && chars[i - 1] != ':') {
            let mut prefix = Vec::new();
            let mut j = i;
            loop {
                let start = j;
                while j < chars.len() && is_ident(chars[j]) {
                    j += 1;
                }
                prefix.push(chars[start..j].iter().collect::<String>());
                if chars.get(j) == Some(&':') && chars.get(j + 1) == Some(&':') {
                    j += 2;
                    if chars.get(j) == Some(&'{') {
                        let (trees, end) = use_group(&chars, j);
                        for t in trees {
                            out.push(prefix.iter().cloned().chain(t).collect());
                        }
                        j = end;
                        break;
                    }
                    if chars.get(j).is_some_and(|c| is_ident_start(*c)) {
                        continue;
                    }
                }
                if prefix.len() > 1 {
                    out.push(prefix);
                }
                break;
            }
            i = j.max(i + 1);
            continue;
        }
        i += 1;
    }
    out
}

/// The paths of a `{…}` group starting at `chars[open]`, and the index after its `}`.
fn use_group(chars: &[char], open: usize) -> (Vec<Vec<String>>, usize) {
    let mut out = Vec::new();
    let mut i = open + 1;
    let mut current: Vec<String> = Vec::new();
    while i < chars.len() {
        let c = chars[i];
        if is_ident_start(c) {
            let start = i;
            while i < chars.len() && is_ident(chars[i]) {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            if word == "as" {
                // `x as y`: skip the alias
                while i < chars.len() && !matches!(chars[i], ',' | '}') {
                    i += 1;
                }
                continue;
            }
            if word != "self" {
                current.push(word);
            }
            continue;
        }
        match c {
            ':' => i += 1,
            '{' => {
                let (inner, end) = use_group(chars, i);
                for t in inner {
                    out.push(current.iter().cloned().chain(t).collect());
                }
                current.clear();
                i = end;
                continue;
            }
            ',' => {
                out.push(std::mem::take(&mut current));
                i += 1;
            }
            '}' => {
                out.push(std::mem::take(&mut current));
                return (out, i + 1);
            }
            _ => i += 1,
        }
    }
    (out, i)
}

fn is_ident_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The import graph between the modules (each edge: from, to), each path resolved to the deepest
/// module it names.
fn import_graph(mods: &[Module]) -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let known: BTreeSet<Vec<String>> = mods.iter().map(|m| m.path.clone()).collect();
    let mut graph: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for m in mods {
        let children: BTreeSet<String> = known
            .iter()
            .filter(|k| k.len() == m.path.len() + 1 && k.starts_with(&m.path))
            .map(|k| k.last().unwrap().clone())
            .collect();
        let edges = graph.entry(m.path.clone()).or_default();
        for path in referenced_paths(&m.path, &children, &m.code.join("\n")) {
            let target = (1..=path.len())
                .rev()
                .map(|n| path[..n].to_vec())
                .find(|p| known.contains(p));
            if let Some(t) = target
                && t != m.path
                && !t.is_empty()
            {
                edges.insert(t);
            }
        }
    }
    graph
}

/// The circles of a graph: each group of nodes that reach one another (more than one node),
/// as one path around a circle (`a → b → a`) and the whole group.
fn find_cycles<N: Ord + Clone>(graph: &BTreeMap<N, BTreeSet<N>>) -> Vec<(Vec<N>, Vec<N>)> {
    let reach = |from: &N| -> BTreeSet<N> {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from.clone()];
        while let Some(n) = todo.pop() {
            for next in graph.get(&n).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    todo.push(next.clone());
                }
            }
        }
        seen
    };
    let reaches: BTreeMap<N, BTreeSet<N>> = graph.keys().map(|n| (n.clone(), reach(n))).collect();
    let mut done = BTreeSet::new();
    let mut out = Vec::new();
    for n in graph.keys() {
        if done.contains(n) || !reaches[n].contains(n) {
            continue;
        }
        let group: BTreeSet<N> = reaches[n]
            .iter()
            .filter(|m| reaches.get(*m).is_some_and(|r| r.contains(n)))
            .cloned()
            .collect();
        done.extend(group.iter().cloned());
        // one walk through the group, back to where it started
        let mut path = vec![n.clone()];
        let mut at = n.clone();
        loop {
            let next = graph[&at]
                .iter()
                .find(|m| group.contains(*m) && (!path.contains(m) || *m == n))
                .or_else(|| graph[&at].iter().find(|m| *m == n))
                .cloned();
            match next {
                Some(m) if m == *n => {
                    path.push(m);
                    break;
                }
                Some(m) => {
                    path.push(m.clone());
                    at = m;
                }
                None => break,
            }
        }
        out.push((path, group.into_iter().collect()));
    }
    out
}

/// The graph between top-level modules (`render::body` → `render`), and, for each module with
/// files, the graph between its own files.
fn cycles(mods: &[Module]) -> Vec<String> {
    let graph = import_graph(mods);
    let mut found = Vec::new();
    let mut top: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (from, tos) in graph.iter().filter(|(k, _)| !k.is_empty()) {
        let edges = top.entry(from[0].clone()).or_default();
        for to in tos {
            if to[0] != from[0] {
                edges.insert(to[0].clone());
            }
        }
    }
    for (c, group) in find_cycles(&top) {
        found.push(format!(
            "{} (circle among {})",
            c.join(" → "),
            group.join(", ")
        ));
    }
    let parents: BTreeSet<Vec<String>> = graph
        .keys()
        .filter(|k| k.len() > 1)
        .map(|k| k[..k.len() - 1].to_vec())
        .collect();
    for parent in parents {
        let inside: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = graph
            .iter()
            .filter(|(k, _)| k.starts_with(&parent))
            .map(|(k, v)| {
                let v = v
                    .iter()
                    .filter(|t| t.starts_with(&parent))
                    .map(|t| t[..(parent.len() + 1).min(t.len())].to_vec())
                    .filter(|t| t != k)
                    .collect();
                (k[..(parent.len() + 1).min(k.len())].to_vec(), v)
            })
            .fold(BTreeMap::new(), |mut acc, (k, v): (_, BTreeSet<_>)| {
                acc.entry(k).or_insert_with(BTreeSet::new).extend(v);
                acc
            });
        for (c, group) in find_cycles(&inside) {
            let names = |list: &[Vec<String>]| -> Vec<String> {
                list.iter().map(|p| p.join("::")).collect()
            };
            found.push(format!(
                "{} (circle among {})",
                names(&c).join(" → "),
                names(&group).join(", ")
            ));
        }
    }
    found
}

/// Every function longer than the limit: (file, line, name, lines).
fn long_functions(mods: &[Module]) -> Vec<(PathBuf, usize, String, usize)> {
    let mut out = Vec::new();
    for m in mods {
        let lines = &m.code;
        for (i, line) in lines.iter().enumerate() {
            let Some(name) = fn_name(line) else { continue };
            let indent = line.len() - line.trim_start().len();
            if line.trim_end().ends_with(';') {
                continue; // a declaration without a body (trait)
            }
            let close = format!("{}}}", " ".repeat(indent));
            if let Some(len) = lines[i..].iter().position(|l| l.trim_end() == close)
                && len + 1 > MAX_FUNCTION_LINES
            {
                out.push((m.file.clone(), i + 1, name, len + 1));
            }
        }
    }
    out
}

/// The name of the function a line starts, if it starts one.
fn fn_name(line: &str) -> Option<String> {
    let mut rest = line.trim_start();
    for prefix in [
        "pub(crate) ",
        "pub(super) ",
        "pub ",
        "const ",
        "async ",
        "unsafe ",
    ] {
        rest = rest.strip_prefix(prefix).unwrap_or(rest);
    }
    let rest = rest.strip_prefix("fn ")?;
    let end = rest.find(|c: char| !is_ident(c))?;
    Some(rest[..end].to_string())
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn modules_import_each_other_in_one_direction() {
    let found = cycles(&modules(&src()));
    assert!(
        found.is_empty(),
        "import circles (a module that imports one that imports it back; move what both need \
         to a module below them):\n  {}",
        found.join("\n  ")
    );
}

#[test]
fn no_function_is_over_80_lines() {
    let found = long_functions(&modules(&src()));
    let listed: Vec<String> = found
        .iter()
        .map(|(f, l, n, len)| format!("src/{}:{l}: {n} has {len} lines", f.display()))
        .collect();
    assert!(
        found.is_empty(),
        "functions over {MAX_FUNCTION_LINES} lines (split them by what each part decides):\n  {}",
        listed.join("\n  ")
    );
}

// The reader itself: an import back up is a circle, group imports and children count.

fn module(path: &str, code: &str) -> Module {
    Module {
        path: path.split("::").map(str::to_string).collect(),
        file: PathBuf::from(format!("{}.rs", path.replace("::", "/"))),
        code: code_lines(code),
    }
}

#[test]
fn an_import_back_up_is_a_circle() {
    let mods = [
        module("files", "pub fn read_text() {}"),
        module(
            "load",
            "use crate::files::read_text;\nuse crate::words::Words;",
        ),
        module("words", "use crate::files;"),
    ];
    assert!(cycles(&mods).is_empty(), "{:?}", cycles(&mods));
    let mods = [
        module("files", "pub fn read_text() {}"),
        module(
            "load",
            "use crate::{files::read_text, words::{self, Words}};",
        ),
        module("words", "fn f() { crate::load::project(); }"),
    ];
    assert_eq!(
        cycles(&mods),
        ["load → words → load (circle among load, words)"]
    );
}

#[test]
fn a_child_that_imports_its_parent_is_a_circle() {
    let mods = [
        module(
            "render",
            "mod body;\nfn f() { body::render(); }\npub struct TownCtx;",
        ),
        module("render::body", "use super::TownCtx;"),
    ];
    assert_eq!(
        cycles(&mods),
        ["render → render::body → render (circle among render, render::body)"]
    );
    let mods = [
        module("render", "mod body;\nmod town;\nfn f() { body::render(); }"),
        module("render::body", "use super::town::TownCtx;"),
        module("render::town", "pub struct TownCtx;"),
    ];
    assert!(cycles(&mods).is_empty(), "{:?}", cycles(&mods));
}

#[test]
fn comments_strings_and_tests_are_not_imports() {
    let mods = [
        module("a", "use crate::b::X;"),
        module(
            "b",
            "// crate::a::y\nconst S: &str = \"crate::a::z\";\n#[cfg(test)]\nmod tests {\n    use crate::a::*;\n}",
        ),
    ];
    assert!(cycles(&mods).is_empty(), "{:?}", cycles(&mods));
}

#[test]
fn long_functions_are_counted_to_their_brace() {
    let body = "    let x = 1;\n".repeat(MAX_FUNCTION_LINES - 2);
    let ok = module("a", &format!("pub fn fits() {{\n{body}}}\n"));
    assert!(long_functions(&[ok]).is_empty());
    let long = module("a", &format!("fn long() {{\n{body}    x;\n}}\n"));
    let found = long_functions(&[long]);
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0].2.as_str(), found[0].3),
        ("long", MAX_FUNCTION_LINES + 1)
    );
}

/// `cargo test --release --test house -- --ignored --nocapture` prints every edge, with the
/// names each module imports from another (to see what a circle is made of).
#[test]
#[ignore]
fn print_import_graph() {
    let mods = modules(&src());
    let known: BTreeSet<Vec<String>> = mods.iter().map(|m| m.path.clone()).collect();
    for m in &mods {
        let children: BTreeSet<String> = known
            .iter()
            .filter(|k| k.len() == m.path.len() + 1 && k.starts_with(&m.path))
            .map(|k| k.last().unwrap().clone())
            .collect();
        let mut seen = BTreeSet::new();
        for path in referenced_paths(&m.path, &children, &m.code.join("\n")) {
            if let Some(t) = (1..=path.len())
                .rev()
                .map(|n| path[..n].to_vec())
                .find(|p| known.contains(p))
                && t != m.path
                && !t.is_empty()
                && seen.insert(path.join("::"))
            {
                println!("{} -> {}", m.path.join("::"), path.join("::"));
            }
        }
    }
}
