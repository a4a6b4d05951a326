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
/// entry's id and field. `validate` gives an entry's id and its first problem.
fn check_rows<T>(
    file: &Path,
    items: &mut [T],
    what: Text,
    mut validate: impl FnMut(&mut T) -> (String, std::result::Result<(), Vec<(String, Text)>>),
) -> Result<()> {
    let mut diags = Diagnostics::new();
    for (i, item) in items.iter_mut().enumerate() {
        let (id, result) = validate(item);
        for (field, why) in result.err().unwrap_or_default() {
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
    diags.finish(())
}

/// Prints the windows of `file` as TOML.
pub fn run(file: &Path) -> Result<()> {
    let text = read_csv(file)?;
    let mut imported = opendata::from_csv(&text).map_err(|(row, msg)| {
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
    check_rows(file, &mut imported.items, t!("part.what-window"), |w| {
        (w.id.clone(), w.validate(&topics))
    })?;
    let toml = opendata::to_toml(&imported.items)
        .map_err(|e| Error::input(Location::file(file), msg!("error.internal", why = e)))?;
    print!("{toml}");
    Ok(())
}

/// Prints the events of `file` as TOML.
pub fn run_events(file: &Path) -> Result<()> {
    let text = read_csv(file)?;
    let mut imported = opendata::events_from_csv(&text).map_err(|(row, msg)| {
        Error::input(
            Location::at(file, row, None),
            msg!("error.csv-events", why = msg),
        )
    })?;
    report(file, &imported);
    check_rows(file, &mut imported.items, t!("part.what-event"), |e| {
        (e.id.clone(), e.validate())
    })?;
    let toml = opendata::events_to_toml(&imported.items)
        .map_err(|e| Error::input(Location::file(file), msg!("error.internal", why = e)))?;
    print!("{toml}");
    Ok(())
}
