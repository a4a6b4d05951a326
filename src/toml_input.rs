//! Reading TOML written by people: parse errors point at the file, line and column,
//! and unknown keys get a hint listing the keys that are allowed.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::error::{Diagnostics, Error, LineIndex, Location, Result, line_col};
use crate::messages::{Message, Text};
use crate::msg;

/// Parses `text` (which starts at line `first_line` of `path`) into `T`. A character that hides or
/// reorders text (a bidirectional control, a zero-width space: see [`crate::invisible`]) is an
/// error wherever it stands, each at its line and column: names, titles and data must show as
/// they are.
pub(crate) fn parse<T: DeserializeOwned>(text: &str, path: &Path, first_line: usize) -> Result<T> {
    let hidden: Vec<crate::error::Diagnostic> = crate::invisible::find(text)
        .into_iter()
        .filter_map(|(at, c)| {
            let (line, col) = line_col(text, at);
            let location = Location::at(path, line + first_line - 1, Some(col));
            let message = msg!(
                "error.invisible-in-data",
                char = crate::invisible::describe(c)
            );
            Error::input(location, message).diagnostic().cloned()
        })
        .collect();
    if !hidden.is_empty() {
        return Err(Error::Many(hidden));
    }
    toml::from_str(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        let (line, col) = line_col(text, span.start);
        let at = Location::at(path, line + first_line - 1, Some(col));
        let detail = e.message().trim().replace('\n', " ");
        let written = text
            .get(span.clone())
            .unwrap_or_default()
            .lines()
            .next()
            .unwrap_or_default()
            .trim();
        if detail.starts_with("unknown field")
            && let Some(message) = key_in_a_table::<T>(text, span.start, line, &detail)
        {
            return Error::input(at, message);
        }
        let line_text = text.lines().nth(line - 1).unwrap_or_default().trim();
        Error::input(at, explain(&detail, written, line_text))
    })
}

/// A key of the file's top level written below a table header (`furigana = "grade-3"` added at
/// the end of `municipality.toml`, after the last `[[windows]]`): TOML reads it as a key of that
/// table. Says so when the key is one the top level knows (found by parsing a probe key alone).
fn key_in_a_table<T: DeserializeOwned>(
    text: &str,
    at: usize,
    line: usize,
    detail: &str,
) -> Option<Message> {
    let key = detail.split('`').nth(1)?;
    // Only a key written on its own line (not one inside an inline table: `phones = [{ name… }]`).
    let own_line = text.lines().nth(line - 1)?.trim_start();
    let rest = own_line.strip_prefix(key)?;
    if !rest.trim_start().starts_with('=') {
        return None;
    }
    let (header_line, header) = text[..at.min(text.len())]
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with('['))
        .last()
        .map(|(i, l)| (i + 1, l.trim().to_string()))?;
    let probe = toml::from_str::<T>("tsunagi-probe-key = 0\n").err()?;
    let top_level = probe
        .message()
        .split('`')
        .skip(3)
        .step_by(2)
        .any(|k| k == key);
    top_level.then(|| {
        msg!(
            "error.toml-key-in-table",
            key = key,
            table = header,
            table_line = header_line,
            line = line
        )
    })
}

/// The catalogue's message for a TOML or serde error: the common ones (an unknown key, a
/// missing key, a value of the wrong type) in words of their own, anything else quoted as the
/// parser says it.
fn explain(detail: &str, written: &str, line_text: &str) -> Message {
    let key_of_line = line_text.split(['=', ' ', '\t']).next().unwrap_or_default();
    let quoted: Vec<&str> = detail.split('`').skip(1).step_by(2).collect();
    if detail.starts_with("unknown field")
        && let Some((word, allowed)) = quoted.split_first()
    {
        return msg!(
            "error.toml-unknown-key",
            key = word,
            allowed = allowed
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", "),
            suggest = crate::error::did_you_mean(word, allowed.iter().copied())
        );
    }
    if detail.starts_with("missing field")
        && let Some(key) = quoted.first()
    {
        return msg!("error.toml-missing-key", key = key);
    }
    if detail.contains("invalid date")
        || detail.contains("invalid time")
        || detail.contains("expected day between")
        || detail.contains("expected month between")
    {
        return msg!("error.toml-bad-date", value = written);
    }
    if detail.starts_with("string values must be quoted") || detail.starts_with("invalid string") {
        // A date written with slashes (2026/11/01) reads as a value to quote; say how a date is
        // written instead, so that quoting it does not lead to the next error.
        let value = written.split([' ', '#']).next().unwrap_or(written);
        if value.split('/').count() == 3 && value.split('/').all(|p| p.parse::<u32>().is_ok()) {
            let date = value
                .split('/')
                .map(|p| format!("{p:0>2}"))
                .collect::<Vec<_>>()
                .join("-");
            return msg!("error.toml-slash-date", value = value, date = date);
        }
        return msg!("error.toml-unquoted", value = value);
    }
    if detail.starts_with("duplicate key") {
        return msg!("error.toml-duplicate-key", key = key_of_line);
    }
    if detail.contains("expected `=`") || detail.starts_with("key with no value") {
        return msg!("error.toml-missing-equals", key = key_of_line);
    }
    if let Some(rest) = detail.strip_prefix("invalid type: ")
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        return msg!("error.toml-wrong-type", found = found, expected = expected);
    }
    msg!("error.toml-syntax", detail = detail)
}

/// Where each value of a TOML document starts: field path → 1-based (line, column), for
/// messages that point at the field itself, not at its entry. Paths read as in messages:
/// `code`, `windows[2].verified`, `windows[0].phones[1].number`, `hours.periods[0].open`; a
/// table or an array of tables is listed too (`windows[2]`, at its first key). Empty for a
/// document that does not parse (its parse error is reported elsewhere).
pub(crate) fn field_positions(text: &str) -> std::collections::BTreeMap<String, (usize, usize)> {
    use toml::de::{DeTable, DeValue};
    fn walk(
        text: &LineIndex<'_>,
        path: &str,
        value: &toml::Spanned<DeValue<'_>>,
        out: &mut std::collections::BTreeMap<String, (usize, usize)>,
    ) {
        match value.get_ref() {
            DeValue::Table(t) => {
                // A table's own span can be its header; its first key is where its fields are.
                if let Some(first) = t.keys().map(|k| k.span().start).min() {
                    out.insert(path.to_string(), text.line_col(first));
                }
                for (k, v) in t {
                    let child = if path.is_empty() {
                        k.get_ref().to_string()
                    } else {
                        format!("{path}.{}", k.get_ref())
                    };
                    walk(text, &child, v, out);
                }
            }
            DeValue::Array(a) => {
                out.insert(path.to_string(), text.line_col(value.span().start));
                for (i, v) in a.iter().enumerate() {
                    walk(text, &format!("{path}[{i}]"), v, out);
                }
            }
            _ => {
                out.insert(path.to_string(), text.line_col(value.span().start));
            }
        }
    }
    let mut out = std::collections::BTreeMap::new();
    if let Ok(doc) = DeTable::parse(text) {
        let index = LineIndex::new(text);
        for (k, v) in doc.get_ref() {
            walk(&index, k.get_ref(), v, &mut out);
        }
    }
    out
}

/// The text of a date or date-time written either as a TOML date (`verified = 2026-04-01`,
/// `start = 2027-02-13T13:30`) or as a string (`"2026-04-01"`): `YYYY-MM-DD` or
/// `YYYY-MM-DDTHH:MM` (seconds only when they are not zero, an offset only when given, so that
/// validation can refuse them with a clear message). Other values come back as their TOML text
/// and fail validation there.
pub(crate) fn date_text(value: toml::Value) -> String {
    let toml::Value::Datetime(dt) = value else {
        return match value {
            toml::Value::String(s) => s,
            other => other.to_string(),
        };
    };
    let mut out = String::new();
    if let Some(d) = dt.date {
        out.push_str(&format!("{:04}-{:02}-{:02}", d.year, d.month, d.day));
    }
    if let Some(t) = dt.time {
        if !out.is_empty() {
            out.push('T');
        }
        out.push_str(&format!("{:02}:{:02}", t.hour, t.minute));
        if let Some(sec) = t.second.filter(|s| *s != 0) {
            out.push_str(&format!(":{sec:02}"));
        }
    }
    if let Some(offset) = dt.offset {
        out.push_str(&offset.to_string());
    }
    out
}

/// `deserialize_with` for a date field: a TOML date or a string (see [`date_text`]).
pub(crate) fn de_date<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<String, D::Error> {
    use serde::Deserialize;
    toml::Value::deserialize(d).map(date_text)
}

/// `deserialize_with` for an optional date field (use with `#[serde(default)]`).
pub(crate) fn de_opt_date<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<String>, D::Error> {
    de_date(d).map(Some)
}

/// Where `field` (a path as [`field_positions`] gives them) is written in `path`: its own
/// position, else that of the nearest table holding it, else the file.
pub(crate) fn locate(
    positions: &std::collections::BTreeMap<String, (usize, usize)>,
    path: &Path,
    field: &str,
) -> Location {
    let mut f = field;
    loop {
        if let Some((line, col)) = positions.get(f) {
            return Location::at(path, *line, Some(*col));
        }
        match f.rfind(['.', '[']) {
            Some(i) => f = &f[..i],
            None => return Location::file(path),
        }
    }
}

/// Checks every entry of an array of tables such as `[[windows]]` or `[[events]]` (`list`): each
/// id used once, each entry valid. `check` gives an entry's id and either its checked, typed
/// value or its problems as (field, message); every problem is reported at its field. Returns the
/// checked entries (all of them when nothing was recorded).
pub(crate) fn check_entries<R, T>(
    entries: Vec<R>,
    list: &str,
    what: &Text,
    diags: &mut Diagnostics,
    at: &dyn Fn(&str) -> Location,
    mut check: impl FnMut(R) -> (String, std::result::Result<T, Vec<(String, Text)>>),
) -> Vec<T> {
    let mut seen = std::collections::BTreeMap::new();
    let mut checked = Vec::with_capacity(entries.len());
    for (i, entry) in entries.into_iter().enumerate() {
        let (id, result) = check(entry);
        if let Some(first) = seen.insert(id.clone(), i) {
            diags.record(Error::input(
                at(&format!("{list}[{i}].id")),
                msg!(
                    "error.entry-id-repeated",
                    what = what,
                    id = id,
                    list = list,
                    first = first
                ),
            ));
        }
        match result {
            Ok(entry) => checked.push(entry),
            Err(wrong) => {
                for (field, why) in wrong {
                    let location = at(&format!("{list}[{i}].{field}"));
                    diags.record(Error::input(
                        location,
                        entry_field_message(what, &id, &field, why, list),
                    ));
                }
            }
        }
    }
    checked
}

/// A field of a `[[windows]]` or `[[events]]` entry that is wrong, with a hint for that kind of
/// field (a date, a phone number, an address, a value from a list, a time…).
fn entry_field_message(what: &Text, id: &str, field: &str, why: Text, list: &str) -> Message {
    let name = field.rsplit('.').next().unwrap_or(field);
    let name = name.split('[').next().unwrap_or(name);
    match name {
        "verified" | "start" | "end" | "apply_by" => {
            msg!(
                "error.entry-field-date",
                what = what,
                id = id,
                field = field,
                why = why
            )
        }
        "number" | "phones" | "contact_phone" => {
            msg!(
                "error.entry-field-phone",
                what = what,
                id = id,
                field = field,
                why = why
            )
        }
        "url" | "form_url" | "source" | "email" => {
            msg!(
                "error.entry-field-address",
                what = what,
                id = id,
                field = field,
                why = why
            )
        }
        "topics" | "audience" | "accessibility" | "kind" | "days" => {
            msg!(
                "error.entry-field-choice",
                what = what,
                id = id,
                field = field,
                why = why
            )
        }
        "open" | "close" | "periods" | "hours" => {
            msg!(
                "error.entry-field-time",
                what = what,
                id = id,
                field = field,
                why = why
            )
        }
        "id" => msg!(
            "error.entry-field-id",
            what = what,
            id = id,
            field = field,
            why = why
        ),
        _ => msg!(
            "error.entry-field",
            what = what,
            id = id,
            field = field,
            why = why,
            list = list
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code, reason = "fields are read by the deserializer only")]
    struct T {
        title: String,
    }

    #[test]
    fn unknown_key_reports_line_with_offset() {
        let err = parse::<T>("title = \"a\"\ntitel = \"b\"\n", Path::new("x.md"), 2).unwrap_err();
        let d = err.diagnostic().unwrap();
        assert_eq!(d.location.line, Some(3));
        assert!(d.message.contains("titel"), "{}", d.message);
        assert!(
            d.hint
                .as_deref()
                .unwrap()
                .starts_with("did you mean `title`?"),
            "{d}"
        );
    }

    #[derive(Deserialize, Debug)]
    struct Dated {
        #[serde(deserialize_with = "de_date")]
        start: String,
        #[serde(default, deserialize_with = "de_opt_date")]
        verified: Option<String>,
    }

    #[test]
    fn dates_are_accepted_as_toml_dates_or_strings() {
        let d: Dated = toml::from_str("start = 2027-02-13T13:30\nverified = 2026-04-01\n").unwrap();
        assert_eq!(d.start, "2027-02-13T13:30");
        assert_eq!(d.verified.as_deref(), Some("2026-04-01"));
        let d: Dated = toml::from_str("start = \"2027-02-13T13:30\"\n").unwrap();
        assert_eq!((d.start.as_str(), d.verified), ("2027-02-13T13:30", None));
        let d: Dated = toml::from_str("start = 2027-02-13T13:30:15+09:00\n").unwrap();
        assert_eq!(d.start, "2027-02-13T13:30:15+09:00");
    }

    #[test]
    fn field_positions_point_at_values_in_arrays_of_tables() {
        let text = "code = \"112089\"\n\n[[windows]]\nid = \"a\"\n\n[[windows]]\nid = \"b\"\nphones = [{ number = \"x\" }, { number = \"y\" }]\nhours = { periods = [{ open = \"8:30\" }] }\n";
        let pos = field_positions(text);
        assert_eq!(pos["code"], (1, 8));
        assert_eq!(pos["windows[1].id"], (7, 6));
        assert_eq!(pos["windows[1]"], (7, 1));
        assert_eq!(pos["windows[1].phones[1].number"], (8, 40));
        assert_eq!(pos["windows[1].hours.periods[0].open"], (9, 31));
        assert!(field_positions("a = ").is_empty());
    }

    #[test]
    fn syntax_error_has_column() {
        let err = parse::<T>("title = \n", Path::new("x.toml"), 1).unwrap_err();
        let d = err.diagnostic().unwrap();
        assert_eq!(d.location.line, Some(1));
        assert!(d.location.column.is_some());
    }
}
