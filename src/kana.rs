//! Hiragana and katakana: which characters are kana, and the one converter between the two
//! scripts. A ground-floor module: it imports nothing of the crate, so that `furigana`, `data`,
//! `markdown`, `check` and `municipality` can all use it without importing each other.
//!
//! The Unicode blocks are Hiragana U+3040–U+309F and Katakana U+30A0–U+30FF. Inside them:
//!
//! | characters | code points | what they are |
//! |---|---|---|
//! | ぁ–ゖ | U+3041–U+3096 | hiragana letters (ゕゖ, small ka and ke, included) |
//! | ゙ ゚ ゛ ゜ | U+3099–U+309C | voicing marks, combining then spacing |
//! | ゝ ゞ | U+309D–U+309E | hiragana iteration marks |
//! | ゟ | U+309F | the digraph より |
//! | ゠ | U+30A0 | the katakana double hyphen |
//! | ァ–ヺ | U+30A1–U+30FA | katakana letters; ヷ–ヺ (U+30F7–U+30FA) have no hiragana letter |
//! | ・ | U+30FB | the middle dot (between the words of a foreign name) |
//! | ー | U+30FC | the prolonged sound mark, written in both scripts |
//! | ヽ ヾ | U+30FD–U+30FE | katakana iteration marks |
//! | ヿ | U+30FF | the digraph コト |
//!
//! The callers do not all want the same set, and each keeps the one it had: a reading must be
//! hiragana ([`is_reading_char`]), a municipality's kana may carry spacing voicing marks
//! ([`is_hiragana_or_mark`]), aligning a reading with a word compares letters and the marks
//! written inside words ([`is_kana`]), and a check of how much of a text is Japanese counts
//! everything in the two blocks ([`in_kana_blocks`]).
//!
//! The converters are written here rather than taken from `wana_kana` (which the crate uses for
//! rōmaji): its `katakana_to_hiragana` turns a ー inside a word into a vowel (ソー → そう) and ヷ
//! into わ, and its `to_hiragana` also reads Latin letters as rōmaji; tsunagi keeps ー and every
//! character that is not a katakana letter with a hiragana twin as it is.

/// The prolonged sound mark ー (U+30FC), in the Katakana block but written in hiragana words too.
pub(crate) const PROLONGED_SOUND_MARK: char = 'ー';

/// The katakana middle dot ・ (U+30FB).
pub(crate) const MIDDLE_DOT: char = '・';

/// The distance between a hiragana letter and its katakana twin (あ U+3042, ア U+30A2).
const KATAKANA_OFFSET: u32 = 0x60;

/// Whether `c` is a hiragana letter: ぁ (U+3041) to ゖ (U+3096). Not the voicing marks, the
/// iteration marks ゝゞ or ゟ, which are in the block too.
pub(crate) fn is_hiragana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{3096}')
}

/// Whether `c` is a katakana letter: ァ (U+30A1) to ヺ (U+30FA). Not ゠, ・, ー, ヽヾ or ヿ.
pub(crate) fn is_katakana(c: char) -> bool {
    matches!(c, '\u{30A1}'..='\u{30FA}')
}

/// Whether `c` is one of the iteration marks ゝ ゞ (hiragana) and ヽ ヾ (katakana).
pub(crate) fn is_iteration_mark(c: char) -> bool {
    matches!(c, 'ゝ' | 'ゞ' | 'ヽ' | 'ヾ')
}

/// Whether `c` is written as part of a kana word: a letter of either script, ー, or an
/// iteration mark. The middle dot and the voicing marks are not (they separate or stand apart).
/// Aligning a reading with a word's kana uses this set.
pub(crate) fn is_kana(c: char) -> bool {
    is_hiragana(c) || is_katakana(c) || c == PROLONGED_SOUND_MARK || is_iteration_mark(c)
}

/// Whether `c` is a character of a word written in katakana: a katakana letter, ・ or ー
/// (U+30A1–U+30FC; マリー・アントワネット). A foreign name is written with these.
pub(crate) fn is_katakana_word_char(c: char) -> bool {
    is_katakana(c) || c == MIDDLE_DOT || c == PROLONGED_SOUND_MARK
}

/// Whether `c` is anywhere in the Hiragana or Katakana block (U+3041–U+30FF): letters and every
/// mark. What counts as kana when a text's share of Japanese letters is measured, or when the
/// first character of a ruby reading says it is one.
pub(crate) fn in_kana_blocks(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{30FF}')
}

/// Whether `c` may be written in a reading of a reading lexicon (after conversion to hiragana):
/// a hiragana letter, ー, ・ or a hiragana iteration mark ゝゞ.
pub(crate) fn is_reading_char(c: char) -> bool {
    is_hiragana(c) || matches!(c, PROLONGED_SOUND_MARK | MIDDLE_DOT | 'ゝ' | 'ゞ')
}

/// Whether `c` may be written in a municipality's name in kana: a hiragana letter, ー, ・ or a
/// spacing voicing mark ゛゜ (U+309B–U+309C), as official name lists sometimes write them.
pub(crate) fn is_hiragana_or_mark(c: char) -> bool {
    is_hiragana(c) || matches!(c, PROLONGED_SOUND_MARK | MIDDLE_DOT | '゛' | '゜')
}

/// A katakana letter with a hiragana twin, ァ (U+30A1) to ヶ (U+30F6), as that twin (ぁ–ゖ);
/// every other character as it is (ヷ–ヺ, ・, ー, ヽヾ).
pub(crate) fn to_hiragana(c: char) -> char {
    if ('\u{30A1}'..='\u{30F6}').contains(&c) {
        char::from_u32(c as u32 - KATAKANA_OFFSET).unwrap_or(c)
    } else {
        c
    }
}

/// A hiragana letter (ぁ–ゖ) as its katakana twin (ァ–ヶ); every other character as it is.
pub(crate) fn to_katakana(c: char) -> char {
    if is_hiragana(c) {
        char::from_u32(c as u32 + KATAKANA_OFFSET).unwrap_or(c)
    } else {
        c
    }
}

/// `s` with each katakana letter that has a hiragana twin written in hiragana (see
/// [`to_hiragana`]).
pub(crate) fn katakana_to_hiragana(s: &str) -> String {
    s.chars().map(to_hiragana).collect()
}

/// `s` with each hiragana letter written in katakana (see [`to_katakana`]).
pub(crate) fn hiragana_to_katakana(s: &str) -> String {
    s.chars().map(to_katakana).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn katakana_becomes_hiragana_and_back() {
        for (katakana, hiragana) in [
            ("ソウダン・ヶ所ー", "そうだん・ゖ所ー"),
            ("ァヵヶ", "ぁゕゖ"),
            ("ヷヸヹヺ", "ヷヸヹヺ"),
            ("ヽヾヿ゠", "ヽヾヿ゠"),
            ("abcＡＢＣ", "abcＡＢＣ"),
        ] {
            assert_eq!(katakana_to_hiragana(katakana), hiragana, "{katakana}");
        }
        for (hiragana, katakana) in [
            ("そうだん・ゖ所ー", "ソウダン・ヶ所ー"),
            ("ぁゕゖ", "ァヵヶ"),
            ("ゝゞゟ゛゜", "ゝゞゟ゛゜"),
            ("kana", "kana"),
        ] {
            assert_eq!(hiragana_to_katakana(hiragana), katakana, "{hiragana}");
        }
    }

    #[test]
    fn each_set_has_its_bounds() {
        // (character, is_hiragana, is_katakana, is_kana, is_katakana_word_char, in_kana_blocks,
        // is_reading_char, is_hiragana_or_mark)
        let rows = [
            (
                '\u{3040}',
                [false, false, false, false, false, false, false],
            ),
            ('ぁ', [true, false, true, false, true, true, true]),
            ('ゖ', [true, false, true, false, true, true, true]),
            ('\u{3099}', [false, false, false, false, true, false, false]),
            ('゛', [false, false, false, false, true, false, true]),
            ('ゝ', [false, false, true, false, true, true, false]),
            ('ゟ', [false, false, false, false, true, false, false]),
            ('゠', [false, false, false, false, true, false, false]),
            ('ァ', [false, true, true, true, true, false, false]),
            ('ヶ', [false, true, true, true, true, false, false]),
            ('ヺ', [false, true, true, true, true, false, false]),
            ('・', [false, false, false, true, true, true, true]),
            ('ー', [false, false, true, true, true, true, true]),
            ('ヽ', [false, false, true, false, true, false, false]),
            ('ヿ', [false, false, false, false, true, false, false]),
            ('一', [false, false, false, false, false, false, false]),
        ];
        for (c, want) in rows {
            let got = [
                is_hiragana(c),
                is_katakana(c),
                is_kana(c),
                is_katakana_word_char(c),
                in_kana_blocks(c),
                is_reading_char(c),
                is_hiragana_or_mark(c),
            ];
            assert_eq!(got, want, "{c} U+{:04X}", c as u32);
        }
    }
}
