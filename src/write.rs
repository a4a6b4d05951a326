//! Stage 4, write: puts rendered files in the output folder, atomically. In: [`Output`]. The
//! new site is written to a staging folder beside the output folder and swapped in with two
//! renames, so a failed build (or a failed write) leaves the previous site exactly as it was.
//! With `--only`, the municipalities not rebuilt are carried over from the previous site.

use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Error, Location, Result};
use crate::render::Output;
use crate::{msg, t};

/// A file tsunagi leaves in every output folder, so it never replaces a folder it did not make.
pub const MARKER: &str = ".tsunagi-site";

/// Writes `output` to `out_dir`, replacing its previous contents in one step. Returns a warning
/// when the new site is in place but the previous one could not be removed.
///
/// Builds into the same folder take turns: each holds an exclusive lock on a lock file beside
/// the output folder (`.site.tsunagi-lock`) from staging to swap, and a second build waits for
/// the first. Staging names carry the process id, and leftovers of a build that was killed are
/// removed by the next one.
pub fn write(output: &Output, out_dir: &Path, project_root: &Path) -> Result<Option<Diagnostic>> {
    let name = out_dir
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "site".into());
    let parent = out_dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    let _lock = lock(&parent.join(format!(".{name}.tsunagi-lock")))?;
    // Checked with the lock held: another build may be swapping the folder until then.
    check_out_dir(out_dir, project_root)?;
    remove_leftovers(parent, &name);
    let pid = std::process::id();
    let staging = parent.join(format!(".{name}.tsunagi-new-{pid}"));
    let old = parent.join(format!(".{name}.tsunagi-old-{pid}"));
    remove_if_exists(&staging)?;
    remove_if_exists(&old)?;
    let result = write_all(output, &staging).and_then(|()| carry_over(output, out_dir, &staging));
    if let Err(e) = result {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    if out_dir.exists()
        && let Err(e) = std::fs::rename(out_dir, &old)
    {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(Error::input(
            Location::file(out_dir),
            msg!("error.write-move-aside", why = e),
        ));
    }
    if let Err(e) = std::fs::rename(&staging, out_dir) {
        // Put the previous site back.
        let restored = !old.exists() || std::fs::rename(&old, out_dir).is_ok();
        let _ = std::fs::remove_dir_all(&staging);
        let state = if restored {
            t!("part.previous-site-unchanged")
        } else {
            t!("part.previous-site-at", path = old.display())
        };
        return Err(Error::input(
            Location::file(out_dir),
            msg!("error.write-put-in-place", why = e, state = state),
        ));
    }
    if old.exists()
        && let Err(e) = std::fs::remove_dir_all(&old)
    {
        return Ok(Some(Diagnostic::warning(
            Location::file(&old),
            "old-site-left",
            msg!("warning.old-site-left", why = e),
        )));
    }
    Ok(None)
}

/// Holds an exclusive lock on `path` (created if needed) until dropped; waits for another build
/// that holds it, and says so.
fn lock(path: &Path) -> Result<std::fs::File> {
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(|e| Error::io(path, e))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => {
            eprintln!("{}", t!("ui.waiting-for-lock"));
            file.lock().map_err(|e| Error::io(path, e))?;
            Ok(file)
        }
        Err(std::fs::TryLockError::Error(e)) => Err(Error::io(path, e)),
    }
}

/// Removes staging and old folders that an interrupted build left beside the output folder
/// (`.site.tsunagi-new-…`, `.site.tsunagi-old-…`). Called with the lock held, so no other
/// build is using them; a folder that cannot be removed is left for next time.
fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let prefixes = [
        format!(".{name}.tsunagi-new"),
        format!(".{name}.tsunagi-old"),
    ];
    for entry in entries.filter_map(|e| e.ok()) {
        let file_name = entry.file_name().to_string_lossy().to_string();
        if prefixes.iter().any(|p| file_name.starts_with(p.as_str())) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Writes every file into `staging`: the folders first (each once, parents before children),
/// then the files in parallel (a file system answers several writes at once; one thread waiting
/// on each file in turn was most of a large build).
fn write_all(output: &Output, staging: &Path) -> Result<()> {
    use rayon::prelude::*;
    std::fs::create_dir_all(staging).map_err(|e| Error::io(staging, e))?;
    let folders: std::collections::BTreeSet<&Path> = output
        .files
        .keys()
        .filter_map(|rel| Path::new(rel.as_str()).parent())
        .filter(|d| !d.as_os_str().is_empty())
        .collect();
    for dir in folders {
        let path = staging.join(dir);
        std::fs::create_dir_all(&path).map_err(|e| Error::io(&path, e))?;
    }
    output.files.par_iter().try_for_each(|(rel, bytes)| {
        let path = staging.join(rel);
        std::fs::write(&path, bytes).map_err(|e| Error::io(&path, e))
    })?;
    let marker = staging.join(MARKER);
    std::fs::write(
        &marker,
        b"This folder is generated by tsunagi build and replaced on every build.\n",
    )
    .map_err(|e| Error::io(&marker, e))
}

/// Moves the top-level folders of the previous site that this build did not produce (towns not
/// named with `--only`) into the staging folder.
fn carry_over(output: &Output, out_dir: &Path, staging: &Path) -> Result<()> {
    if !out_dir.is_dir() {
        return Ok(());
    }
    let entries = std::fs::read_dir(out_dir).map_err(|e| Error::io(out_dir, e))?;
    let mut names: Vec<PathBuf> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    names.sort();
    for path in names {
        let Some(name) = path.file_name().map(|n| n.to_string_lossy().to_string()) else {
            continue;
        };
        let target = staging.join(&name);
        if target.exists() || !path.is_dir() || output.towns.contains(&name) {
            continue;
        }
        copy_dir(&path, &target)?;
    }
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::io(from, e.into()))?;
        let rel = entry.path().strip_prefix(from).unwrap_or(entry.path());
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).map_err(|e| Error::io(&dest, e))?;
        } else {
            std::fs::copy(entry.path(), &dest).map_err(|e| Error::io(&dest, e))?;
        }
    }
    Ok(())
}

fn remove_if_exists(path: &Path) -> Result<()> {
    if path.exists() {
        std::fs::remove_dir_all(path).map_err(|e| Error::io(path, e))?;
    }
    Ok(())
}

/// Refuses output folders that would destroy the project or someone else's files: the project
/// or a folder of it, a place inside `content/` or `themes/` (whether it exists yet or not), an
/// existing file, or a folder with other files that tsunagi did not make.
fn check_out_dir(out_dir: &Path, project_root: &Path) -> Result<()> {
    let out = absolute(out_dir);
    let root = absolute(project_root);
    if root.starts_with(&out)
        || out.starts_with(root.join("content"))
        || out.starts_with(root.join("themes"))
        || out.starts_with(root.join("static"))
    {
        return Err(Error::input(
            Location::file(out_dir),
            msg!("error.out-dir-in-project"),
        ));
    }
    if out_dir.exists() && !out_dir.is_dir() {
        return Err(Error::input(
            Location::file(out_dir),
            msg!("error.out-dir-is-file"),
        ));
    }
    if out_dir.is_dir() && !out_dir.join(MARKER).exists() {
        let non_empty = std::fs::read_dir(out_dir)
            .map_err(|e| Error::io(out_dir, e))?
            .next()
            .is_some();
        if non_empty {
            return Err(Error::input(
                Location::file(out_dir),
                msg!("error.out-dir-not-ours"),
            ));
        }
    }
    Ok(())
}

/// `path` as an absolute path with links resolved, also when it does not exist yet: the nearest
/// existing ancestor is resolved and the rest is added after it, with `.` and `..` applied.
fn absolute(path: &Path) -> PathBuf {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut missing = Vec::new();
    let mut existing = path.as_path();
    let resolved = loop {
        if let Ok(real) = existing.canonicalize() {
            break real;
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                missing.push(name.to_os_string());
                existing = parent;
            }
            _ => break existing.to_path_buf(),
        }
    };
    let mut out = resolved;
    for part in missing.iter().rev() {
        if part == ".." {
            out.pop();
        } else if part != "." {
            out.push(part);
        }
    }
    out
}
