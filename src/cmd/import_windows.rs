//! `tsunagi import-windows FILE.csv` and `tsunagi import-events FILE.csv`: open data
//! (公共施設一覧 / イベント一覧 layouts) → `[[windows]]` / `[[events]]` TOML on stdout, checked
//! like municipality.toml is. What the reader must know — the encoding the file was read in, what
//! was guessed, the columns left unread — goes to stderr, so that stdout can be pasted as it is.

use std::path::Path;

use tsunagi::data::opendata::{self, Imported};
use tsunagi::error::{Diagnostics, Error, Location, Result};
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
    // Every row is checked, and every mistake reported at once.
    let mut diags = Diagnostics::new();
    for (i, w) in imported.items.iter_mut().enumerate() {
        if let Err((field, msg)) = w.validate(&topics) {
            diags.record(Error::input(
                Location::at(file, i + 2, None),
                msg!(
                    "error.csv-row",
                    what = t!("part.what-window"),
                    id = w.id,
                    field = field,
                    why = msg
                ),
            ));
        }
    }
    diags.finish(())?;
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
    let mut diags = Diagnostics::new();
    for (i, e) in imported.items.iter_mut().enumerate() {
        if let Err((field, msg)) = e.validate() {
            diags.record(Error::input(
                Location::at(file, i + 2, None),
                msg!(
                    "error.csv-row",
                    what = t!("part.what-event"),
                    id = e.id,
                    field = field,
                    why = msg
                ),
            ));
        }
    }
    diags.finish(())?;
    let toml = opendata::events_to_toml(&imported.items)
        .map_err(|e| Error::input(Location::file(file), msg!("error.internal", why = e)))?;
    print!("{toml}");
    Ok(())
}
