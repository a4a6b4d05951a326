//! `tsunagi import-windows FILE.csv` and `tsunagi import-events FILE.csv`: open data
//! (公共施設一覧 / イベント一覧 layouts) → `[[windows]]` / `[[events]]` TOML on stdout, checked
//! like municipality.toml is.

use std::path::Path;

use tsunagi::data::opendata;
use tsunagi::error::{Error, Location, Result};

/// Prints the windows of `file` as TOML.
pub fn run(file: &Path) -> Result<()> {
    let text = tsunagi::load::read_text(file)?;
    let mut windows = opendata::from_csv(&text).map_err(|(row, msg)| {
        Error::input(Location::at(file, row, None), msg)
            .with_hint("the first row names the columns (ID, 名称, 名称_カナ, 電話番号, 利用可能曜日, 開始時間, 終了時間…)")
    })?;
    let topics: Vec<&str> = tsunagi::config::BUILTIN_TOPICS
        .iter()
        .map(|(k, _)| *k)
        .collect();
    for (i, w) in windows.iter_mut().enumerate() {
        w.validate(&topics).map_err(|(field, msg)| {
            Error::input(
                Location::at(file, i + 2, None),
                format!("window `{}`, field `{field}`: {msg}", w.id),
            )
            .with_hint("correct the row in the CSV")
        })?;
    }
    let toml = opendata::to_toml(&windows).map_err(|e| Error::input(Location::file(file), e))?;
    print!("{toml}");
    Ok(())
}

/// Prints the events of `file` as TOML.
pub fn run_events(file: &Path) -> Result<()> {
    let text = tsunagi::load::read_text(file)?;
    let mut events = opendata::events_from_csv(&text).map_err(|(row, msg)| {
        Error::input(Location::at(file, row, None), msg).with_hint(
            "the first row names the columns (ID, イベント名, 開始日, 終了日, 開始時間, 終了時間…)",
        )
    })?;
    for (i, e) in events.iter_mut().enumerate() {
        e.validate().map_err(|(field, msg)| {
            Error::input(
                Location::at(file, i + 2, None),
                format!("event `{}`, field `{field}`: {msg}", e.id),
            )
            .with_hint("correct the row in the CSV")
        })?;
    }
    let toml =
        opendata::events_to_toml(&events).map_err(|e| Error::input(Location::file(file), e))?;
    print!("{toml}");
    Ok(())
}
