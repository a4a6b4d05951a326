//! Reading TOML written by people: parse errors point at the file, line and column,
//! and unknown keys get a hint listing the keys that are allowed.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::error::{Error, Location, Result, line_col};

/// Parses `text` (which starts at line `first_line` of `path`) into `T`.
pub fn parse<T: DeserializeOwned>(text: &str, path: &Path, first_line: usize) -> Result<T> {
    toml::from_str(text).map_err(|e| {
        let (line, col) = e.span().map_or((1, 1), |s| line_col(text, s.start));
        let message = e.message().trim().replace('\n', " ");
        let err = Error::input(
            Location::at(path, line + first_line - 1, Some(col)),
            message.clone(),
        );
        if message.starts_with("unknown field") {
            err.with_hint("check the spelling of the key; the message lists the keys allowed here")
        } else if message.contains("missing field") {
            err.with_hint("add the field named above")
        } else {
            err.with_hint("see the TOML syntax at https://toml.io/ja/ and the README for the keys")
        }
    })
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
    }

    #[test]
    fn syntax_error_has_column() {
        let err = parse::<T>("title = \n", Path::new("x.toml"), 1).unwrap_err();
        let d = err.diagnostic().unwrap();
        assert_eq!(d.location.line, Some(1));
        assert!(d.location.column.is_some());
    }
}
