//! The ground floor: reading a project's text files and naming its paths. Used by every stage
//! (load, config, theme, check), it imports nothing of theirs.

use std::path::{Path, PathBuf};

use crate::error::{Error, Location, Result, line_col};
use crate::msg;

/// The folder of shared content.
pub const CONTENT_DIR: &str = "content";
/// The folder, inside `content/`, holding one folder per municipality.
pub const MUNICIPALITIES_DIR: &str = "municipalities";

/// The municipality whose folder holds `rel` (a path from the project root, inside
/// `content/municipalities/<slug>/`; the folder itself does not count).
pub fn municipality_of(rel: &Path) -> Option<String> {
    let mut parts = rel
        .strip_prefix(Path::new(CONTENT_DIR).join(MUNICIPALITIES_DIR))
        .ok()?
        .components();
    let slug = parts.next()?;
    parts.next()?;
    Some(slug.as_os_str().to_string_lossy().into_owned())
}

/// `path` relative to `root` when it is inside it.
pub fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

/// Reads a UTF-8 text file; invalid UTF-8 is a user error pointing at the first bad byte.
pub fn read_text(path: &Path) -> Result<String> {
    read_text_as(path, path)
}

/// [`read_text`], with the path `shown` in messages (a path from the project root).
pub fn read_text_as(path: &Path, shown: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.into_bytes();
        let text = String::from_utf8_lossy(&bytes[..valid]);
        let (line, col) = line_col(&text, valid);
        Error::input(
            Location::at(shown, line, Some(col)),
            msg!("error.file-not-utf8"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_belongs_to_the_municipality_whose_folder_holds_it() {
        let of = |p: &str| municipality_of(Path::new(p));
        assert_eq!(
            of("content/municipalities/hanno/about.md").as_deref(),
            Some("hanno")
        );
        assert_eq!(
            of("content/municipalities/hanno/a/b.md").as_deref(),
            Some("hanno")
        );
        assert_eq!(
            of("content/municipalities/hanno"),
            None,
            "the folder itself"
        );
        assert_eq!(of("content/stress/sleep.md"), None);
    }
}
