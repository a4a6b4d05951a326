//! Characters that do not show but change what is shown: the bidirectional controls, which can
//! make a name or a phone number display reversed (`U+202E`), and the invisible format characters
//! (zero-width spaces and joiners, the byte-order mark inside text). In names and data
//! (`toml_input`) they are errors; in a page's body, where mixed-direction text may need them,
//! warnings (`markdown`). Pure functions over text.

/// Whether `c` hides or reorders text: U+202A–U+202E and U+2066–U+2069 (bidirectional
/// embeddings, overrides and isolates), U+200B–U+200F (zero-width space, joiners, direction
/// marks), U+2060–U+2064 (word joiner, invisible operators), U+061C (Arabic letter mark), U+180E
/// (Mongolian vowel separator) and U+FEFF (a byte-order mark, or zero-width no-break space).
pub(crate) fn is_hidden(c: char) -> bool {
    matches!(c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200B}'..='\u{200F}'
        | '\u{2060}'..='\u{2064}' | '\u{061C}' | '\u{180E}' | '\u{FEFF}')
}

/// The hidden characters of `text`, with their byte offsets; a byte-order mark at the very start
/// (how some editors on Windows begin a file) is not one.
pub(crate) fn find(text: &str) -> Vec<(usize, char)> {
    text.char_indices()
        .filter(|&(i, c)| is_hidden(c) && !(i == 0 && c == '\u{FEFF}'))
        .collect()
}

/// `U+202E RIGHT-TO-LEFT OVERRIDE`: the code point and its Unicode name, for messages.
pub(crate) fn describe(c: char) -> String {
    let name = match c {
        '\u{061C}' => "ARABIC LETTER MARK",
        '\u{180E}' => "MONGOLIAN VOWEL SEPARATOR",
        '\u{200B}' => "ZERO WIDTH SPACE",
        '\u{200C}' => "ZERO WIDTH NON-JOINER",
        '\u{200D}' => "ZERO WIDTH JOINER",
        '\u{200E}' => "LEFT-TO-RIGHT MARK",
        '\u{200F}' => "RIGHT-TO-LEFT MARK",
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2060}' => "WORD JOINER",
        '\u{2061}' => "FUNCTION APPLICATION",
        '\u{2062}' => "INVISIBLE TIMES",
        '\u{2063}' => "INVISIBLE SEPARATOR",
        '\u{2064}' => "INVISIBLE PLUS",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        '\u{FEFF}' => "ZERO WIDTH NO-BREAK SPACE",
        _ => "",
    };
    let code = format!("U+{:04X}", c as u32);
    if name.is_empty() {
        code
    } else {
        format!("{code} {name}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bidi_controls_and_zero_width_characters_are_found_with_their_names() {
        let text = "\u{FEFF}所沢市\u{202E}1-2-3\u{200B}。👨\u{200D}👩";
        let found: Vec<String> = find(text).into_iter().map(|(_, c)| describe(c)).collect();
        assert_eq!(
            found,
            [
                "U+202E RIGHT-TO-LEFT OVERRIDE",
                "U+200B ZERO WIDTH SPACE",
                "U+200D ZERO WIDTH JOINER"
            ]
        );
        assert_eq!(find(text)[0].0, 12, "a byte offset, after the leading BOM");
        assert!(find("ふつうの文、English, 123。").is_empty());
        for c in ['\u{202A}', '\u{2066}', '\u{2069}', '\u{200F}', '\u{FEFF}'] {
            assert!(is_hidden(c), "{}", describe(c));
            assert!(
                !describe(c).ends_with(&format!("{:04X}", c as u32)),
                "named"
            );
        }
    }
}
