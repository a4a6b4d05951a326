//! Okurigana alignment: puts a word's reading over its kanji only, leaving kana outside the
//! ruby. 見守り / みまもり → 見守[みまも]り; お問い合わせ / おといあわせ → お問[と]い合[あ]わせ.

use super::dictionary::katakana_to_hiragana;
use super::kanji::is_kanji;

/// A piece of annotated text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Text without ruby.
    Text(String),
    /// A ruby group.
    Ruby {
        /// The base text (kanji).
        base: String,
        /// The reading in hiragana.
        reading: String,
    },
}

enum Run {
    Kanji(String),
    Kana(String),
}

/// Aligns `reading` (hiragana) with `surface`. Falls back to one group over the whole surface
/// when kana in the surface cannot be found in the reading.
pub fn align(surface: &str, reading: &str) -> Vec<Piece> {
    let mut runs: Vec<Run> = Vec::new();
    for c in surface.chars() {
        let k = is_kanji(c) || !is_kana(c);
        match (runs.last_mut(), k) {
            (Some(Run::Kanji(s)), true) | (Some(Run::Kana(s)), false) => s.push(c),
            (_, true) => runs.push(Run::Kanji(c.to_string())),
            (_, false) => runs.push(Run::Kana(c.to_string())),
        }
    }
    let reading: Vec<char> = reading.chars().collect();
    let mut out = Vec::new();
    if matches(&runs, 0, &reading, 0, &mut out) {
        out.reverse();
        return out;
    }
    vec![Piece::Ruby {
        base: surface.to_string(),
        reading: reading.iter().collect(),
    }]
}

fn is_kana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}' | 'ー' | 'ゝ' | 'ゞ' | 'ヽ' | 'ヾ')
}

/// Backtracking match of runs against the reading; on success `out` holds the pieces in reverse.
fn matches(runs: &[Run], ri: usize, reading: &[char], pos: usize, out: &mut Vec<Piece>) -> bool {
    if ri == runs.len() {
        return pos == reading.len();
    }
    match &runs[ri] {
        Run::Kana(k) => {
            let want: Vec<char> = katakana_to_hiragana(k).chars().collect();
            let end = pos + want.len();
            let got: Vec<char> = reading
                .get(pos..end)
                .map(|s| s.iter().map(|c| hira(*c)).collect())
                .unwrap_or_default();
            if got == want && matches(runs, ri + 1, reading, end, out) {
                out.push(Piece::Text(k.clone()));
                return true;
            }
            false
        }
        Run::Kanji(base) => {
            // Each kanji reads as at least one kana; try the shortest reading first.
            let min = 1;
            for end in pos + min..=reading.len() {
                if matches(runs, ri + 1, reading, end, out) {
                    out.push(Piece::Ruby {
                        base: base.clone(),
                        reading: reading[pos..end].iter().collect(),
                    });
                    return true;
                }
            }
            false
        }
    }
}

fn hira(c: char) -> char {
    if ('\u{30A1}'..='\u{30F6}').contains(&c) {
        char::from_u32(c as u32 - 0x60).unwrap_or(c)
    } else {
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(p: &[Piece]) -> String {
        p.iter()
            .map(|p| match p {
                Piece::Text(t) => t.clone(),
                Piece::Ruby { base, reading } => format!("{base}[{reading}]"),
            })
            .collect()
    }

    #[test]
    fn okurigana_stays_outside() {
        let cases = [
            ("食べる", "たべる", "食[た]べる"),
            ("見守り", "みまもり", "見守[みまも]り"),
            ("お問い合わせ", "おといあわせ", "お問[と]い合[あ]わせ"),
            ("取り扱い", "とりあつかい", "取[と]り扱[あつか]い"),
            ("相談", "そうだん", "相談[そうだん]"),
            (
                "アルコール依存症",
                "あるこーるいぞんしょう",
                "アルコール依存症[いぞんしょう]",
            ),
            ("ゲーム障害", "げーむしょうがい", "ゲーム障害[しょうがい]"),
        ];
        for (s, r, want) in cases {
            assert_eq!(show(&align(s, r)), want, "{s}");
        }
    }

    #[test]
    fn mismatch_falls_back_to_one_group() {
        assert_eq!(show(&align("見る", "かんがえ")), "見る[かんがえ]");
    }
}
