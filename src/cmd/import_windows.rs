//! `tsunagi import-windows FILE.csv` and `tsunagi import-events FILE.csv`: open data
//! (公共施設一覧 / イベント一覧 layouts) → `[[windows]]` / `[[events]]` TOML on stdout, checked
//! like municipality.toml is. What the reader must know — the encoding the file was read in, what
//! was guessed, the columns left unread — goes to stderr, so that stdout can be pasted as it is.

use std::path::Path;

use tsunagi::data::opendata::{self, Imported};
use tsunagi::error::{Diagnostics, Error, Location, Result};
use tsunagi::messages::Text;
use tsunagi::{msg, t};

/// Reads `file` as UTF-8 or Shift_JIS and says which on stderr.
fn read_csv(file: &Path) -> Result<String> {
    let bytes = std::fs::read(file).map_err(|e| Error::io(file, e))?;
    let (text, encoding) = opendata::decode(&bytes)
        .map_err(|m| Error::input(Location::file(file), msg!("error.csv-encoding", why = m)))?;
    let label = t!("ui.label-note");
    let read_as = t!("note.csv-read-as", encoding = encoding);
    eprintln!("{label} {}: {read_as}", file.display());
    Ok(text)
}

/// Prints the notes of an import (guesses, unread columns) on stderr.
fn report<T>(file: &Path, imported: &Imported<T>) {
    let label = t!("ui.label-note");
    for (row, note) in &imported.notes {
        eprintln!("{label} {}:{row}: {note}", file.display());
    }
}

/// Checks every imported row (row 1 is the header) and reports every mistake at once, with the
/// entry's id and field. `check` gives an entry's id and its checked value or its problems.
fn check_rows<R, T>(
    file: &Path,
    items: Vec<R>,
    what: Text,
    mut check: impl FnMut(R) -> (String, std::result::Result<T, Vec<(String, Text)>>),
) -> Result<Vec<T>> {
    let mut diags = Diagnostics::new();
    let mut checked = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let (id, result) = check(item);
        let wrong = match result {
            Ok(item) => {
                checked.push(item);
                continue;
            }
            Err(wrong) => wrong,
        };
        for (field, why) in wrong {
            diags.record(Error::input(
                Location::at(file, i + 2, None),
                msg!(
                    "error.csv-row",
                    what = what,
                    id = id,
                    field = field,
                    why = why
                ),
            ));
        }
    }
    diags.finish(checked)
}

/// Prints the windows of `file` as TOML.
pub(crate) fn run(file: &Path) -> Result<()> {
    let text = read_csv(file)?;
    let imported = opendata::from_csv(&text).map_err(|(row, msg)| {
        Error::input(
            Location::at(file, row, None),
            msg!("error.csv-windows", why = msg),
        )
    })?;
    report(file, &imported);
    let topics: Vec<&str> = tsunagi::config::BUILTIN_TOPICS
        .iter()
        .map(|(k, _)| *k)
        .collect();
    let windows = check_rows(file, imported.items, t!("part.what-window"), |w| {
        (w.id.clone(), w.check(&topics))
    })?;
    let toml = opendata::to_toml(&windows)
        .map_err(|e| Error::input(Location::file(file), msg!("error.internal", why = e)))?;
    print!("{toml}");
    Ok(())
}

/// Prints the events of `file` as TOML.
pub(crate) fn run_events(file: &Path) -> Result<()> {
    let text = read_csv(file)?;
    let imported = opendata::events_from_csv(&text).map_err(|(row, msg)| {
        Error::input(
            Location::at(file, row, None),
            msg!("error.csv-events", why = msg),
        )
    })?;
    report(file, &imported);
    let events = check_rows(file, imported.items, t!("part.what-event"), |e| {
        (e.id.clone(), e.check())
    })?;
    let toml = opendata::events_to_toml(&events)
        .map_err(|e| Error::input(Location::file(file), msg!("error.internal", why = e)))?;
    print!("{toml}");
    Ok(())
}
