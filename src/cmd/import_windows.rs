//! `tsunagi import-windows FILE.csv` and `tsunagi import-events FILE.csv`: open data
//! (公共施設一覧 / イベント一覧 layouts) → `[[windows]]` / `[[events]]` TOML on stdout, checked
//! like municipality.toml is. What the reader must know — the encoding the file was read in, what
//! was guessed, the columns left unread — goes to stderr, so that stdout can be pasted as it is.

use std::path::Path;

use tsunagi::data::opendata::{self, Imported};
use tsunagi::error::{Diagnostics, Error, Location, Result};

/// Reads `file` as UTF-8 or Shift_JIS and says which on stderr.
fn read_csv(file: &Path) -> Result<String> {
    let bytes = std::fs::read(file).map_err(|e| Error::io(file, e))?;
    let (text, encoding) = opendata::decode(&bytes).map_err(|m| {
        Error::input(Location::file(file), m)
            .with_hint("in Excel: 名前を付けて保存 → CSV UTF-8 (コンマ区切り)")
    })?;
    eprintln!("note: {}: read as {encoding}", file.display());
    Ok(text)
}

/// Prints the notes of an import (guesses, unread columns) on stderr.
fn report<T>(file: &Path, imported: &Imported<T>) {
    for (row, note) in &imported.notes {
        eprintln!("note: {}:{row}: {note}", file.display());
    }
}

/// Prints the windows of `file` as TOML.
pub fn run(file: &Path) -> Result<()> {
    let text = read_csv(file)?;
    let mut imported = opendata::from_csv(&text).map_err(|(row, msg)| {
        Error::input(Location::at(file, row, None), msg)
            .with_hint("the first row names the columns (ID, 名称, 名称_カナ, 電話番号, 利用可能曜日, 開始時間, 終了時間…)")
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
            diags.record(
                Error::input(
                    Location::at(file, i + 2, None),
                    format!("window `{}`, field `{field}`: {msg}", w.id),
                )
                .with_hint("correct the row in the CSV"),
            );
        }
    }
    diags.finish(())?;
    let toml =
        opendata::to_toml(&imported.items).map_err(|e| Error::input(Location::file(file), e))?;
    print!("{toml}");
    Ok(())
}

/// Prints the events of `file` as TOML.
pub fn run_events(file: &Path) -> Result<()> {
    let text = read_csv(file)?;
    let mut imported = opendata::events_from_csv(&text).map_err(|(row, msg)| {
        Error::input(Location::at(file, row, None), msg).with_hint(
            "the first row names the columns (ID, イベント名, 開始日, 終了日, 開始時間, 終了時間…)",
        )
    })?;
    report(file, &imported);
    let mut diags = Diagnostics::new();
    for (i, e) in imported.items.iter_mut().enumerate() {
        if let Err((field, msg)) = e.validate() {
            diags.record(
                Error::input(
                    Location::at(file, i + 2, None),
                    format!("event `{}`, field `{field}`: {msg}", e.id),
                )
                .with_hint("correct the row in the CSV"),
            );
        }
    }
    diags.finish(())?;
    let toml = opendata::events_to_toml(&imported.items)
        .map_err(|e| Error::input(Location::file(file), e))?;
    print!("{toml}");
    Ok(())
}
