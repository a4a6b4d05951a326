//! Ground-floor helpers for writing HTML safely.

/// JSON made safe to stand inside `<script type="application/ld+json">…</script>`: every `<`,
/// `>` and `&` is written as a JSON escape, so no `</script>` or `<!--` (which would put the
/// browser's parser into its "script data escaped" states and swallow the rest of the page) can
/// appear, and U+2028/U+2029 are escaped for old JavaScript parsers. The JSON value is unchanged.
pub fn json_in_script(value: &serde_json::Value) -> String {
    let mut out = String::new();
    for c in value.to_string().chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_markup_survives_and_the_value_is_the_same() {
        let value = serde_json::json!({"name": "<!--<script></script>&\u{2028}相談"});
        let s = json_in_script(&value);
        assert!(!s.contains(['<', '>', '&', '\u{2028}']), "{s}");
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&s).unwrap(),
            value
        );
    }
}
