//! Okurigana alignment: puts a word's reading over its kanji only, leaving kana outside the
//! ruby. 見守り / みまもり → 見守\[みまも\]り; お問い合わせ / おといあわせ → お問\[と\]い合\[あ\]わせ.

use super::kanji::is_kanji;
use crate::kana::{is_kana, katakana_to_hiragana, to_hiragana};

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

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Kanji, and what is read along with them (digits, Latin letters: 8050問題).
    Kanji,
    Kana,
    /// Punctuation and spaces (・, （, ）): outside the ruby, present in the reading or not.
    Punct,
}

enum Run {
    Kanji(String),
    Kana(String),
    Punct(String),
}

fn kind(c: char) -> Kind {
    use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};
    if is_kanji(c) {
        Kind::Kanji
    } else if is_kana(c) {
        Kind::Kana
    } else if c.is_whitespace() || c.general_category_group() == GeneralCategoryGroup::Punctuation {
        Kind::Punct
    } else {
        Kind::Kanji
    }
}

fn runs_of(surface: &str) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    for c in surface.chars() {
        match (runs.last_mut(), kind(c)) {
            (Some(Run::Kanji(s)), Kind::Kanji)
            | (Some(Run::Kana(s)), Kind::Kana)
            | (Some(Run::Punct(s)), Kind::Punct) => s.push(c),
            (_, Kind::Kanji) => runs.push(Run::Kanji(c.to_string())),
            (_, Kind::Kana) => runs.push(Run::Kana(c.to_string())),
            (_, Kind::Punct) => runs.push(Run::Punct(c.to_string())),
        }
    }
    runs
}

/// Aligns `reading` (hiragana) with `surface`. Falls back to one group over the whole surface
/// when kana in the surface cannot be found in the reading.
pub fn align(surface: &str, reading: &str) -> Vec<Piece> {
    try_align(surface, reading).unwrap_or_else(|| {
        vec![Piece::Ruby {
            base: surface.to_string(),
            reading: reading.to_string(),
        }]
    })
}

/// `reading` split over the characters of `base` (a run of kanji, as [`align`] gives one), one
/// reading per kanji, each one `readings` says the kanji takes, with the sound changes Japanese
/// makes inside a word: the first sound voiced after the first kanji (連濁: 本棚 ほん・だな; は-row
/// also half-voiced: 発表 はっ・ぴょう) and a final く, き, ち or つ doubled before the next kanji
/// (促音: 学級 がっ・きゅう). `None` when no split fits (熟字訓: 昨日 きのう, 今日 きょう) or when more
/// than one does.
pub fn split_over_kanji<'r>(
    base: &str,
    reading: &str,
    readings: impl Fn(char) -> Vec<&'r str>,
) -> Option<Vec<String>> {
    let chars: Vec<char> = base.chars().collect();
    let last = chars.len().checked_sub(1)?;
    let options: Vec<Vec<String>> = chars
        .iter()
        .enumerate()
        .map(|(i, c)| sound_changes(&readings(*c), i > 0, i < last))
        .collect();
    let mut found = Vec::new();
    find_splits(reading, &options, &mut Vec::new(), &mut found);
    if found.len() == 1 { found.pop() } else { None }
}

/// Every way (up to two: one is all a caller takes) `rest` is made of one of `options[0]`, then
/// one of `options[1]`, and so on.
fn find_splits(
    rest: &str,
    options: &[Vec<String>],
    so_far: &mut Vec<String>,
    found: &mut Vec<Vec<String>>,
) {
    if found.len() > 1 {
        return;
    }
    let Some((these, next)) = options.split_first() else {
        if rest.is_empty() {
            found.push(so_far.clone());
        }
        return;
    };
    for r in these {
        if let Some(tail) = rest.strip_prefix(r.as_str()) {
            so_far.push(r.clone());
            find_splits(tail, next, so_far, found);
            so_far.pop();
        }
    }
}

/// A kanji's readings (in hiragana) with the forms they take inside a word: voiced when the
/// kanji is not the first (`voiced`), the last mora doubled when it is not the last (`doubled`).
fn sound_changes(readings: &[&str], voiced: bool, doubled: bool) -> Vec<String> {
    /// (plain, voiced, half-voiced) first sounds.
    const VOICING: &[(char, char, Option<char>)] = &[
        ('か', 'が', None),
        ('き', 'ぎ', None),
        ('く', 'ぐ', None),
        ('け', 'げ', None),
        ('こ', 'ご', None),
        ('さ', 'ざ', None),
        ('し', 'じ', None),
        ('す', 'ず', None),
        ('せ', 'ぜ', None),
        ('そ', 'ぞ', None),
        ('た', 'だ', None),
        ('ち', 'ぢ', None),
        ('つ', 'づ', None),
        ('て', 'で', None),
        ('と', 'ど', None),
        ('は', 'ば', Some('ぱ')),
        ('ひ', 'び', Some('ぴ')),
        ('ふ', 'ぶ', Some('ぷ')),
        ('へ', 'べ', Some('ぺ')),
        ('ほ', 'ぼ', Some('ぽ')),
    ];
    let mut out: Vec<String> = Vec::new();
    let mut add = |form: String| {
        if !form.is_empty() && !out.contains(&form) {
            out.push(form);
        }
    };
    for r in readings {
        let r = katakana_to_hiragana(r);
        let mut forms = vec![r.clone()];
        if voiced {
            let mut chars = r.chars();
            if let Some(first) = chars.next()
                && let Some((_, v, h)) = VOICING.iter().find(|(p, _, _)| *p == first)
            {
                let rest = chars.as_str();
                forms.push(format!("{v}{rest}"));
                if let Some(h) = h {
                    forms.push(format!("{h}{rest}"));
                }
            }
        }
        for form in forms {
            if doubled
                && let Some(stem) = form.strip_suffix(['く', 'き', 'ち', 'つ'])
                && !stem.is_empty()
            {
                add(format!("{stem}っ"));
            }
            add(form);
        }
    }
    out
}

/// Whether `reading` fits `surface` piece by piece: every kana of the surface found in the
/// reading, every kanji run given at least one kana.
pub fn fits(surface: &str, reading: &str) -> bool {
    try_align(surface, reading).is_some()
}

fn try_align(surface: &str, reading: &str) -> Option<Vec<Piece>> {
    let runs = runs_of(surface);
    let reading: Vec<char> = reading.chars().collect();
    best(&runs, 0, &reading, 0).map(|(_, mut pieces)| {
        pieces.reverse();
        pieces
    })
}

/// The best way to lay the runs over the reading, if there is one: pieces in reverse order and
/// a cost. Kana and punctuation must match where they stand; each kanji run takes at least one
/// kana, and where the reading allows several splits (飯能市の公民館 / はんのうしのこうみんかん:
/// の also appears inside はんのうし) the one nearest two kana per character wins.
fn best(runs: &[Run], ri: usize, reading: &[char], pos: usize) -> Option<(usize, Vec<Piece>)> {
    if ri == runs.len() {
        return (pos == reading.len()).then(|| (0, Vec::new()));
    }
    let then = |end: usize, piece: Piece, cost: usize| {
        best(runs, ri + 1, reading, end).map(|(c, mut pieces)| {
            pieces.push(piece);
            (c + cost, pieces)
        })
    };
    let cheaper = |a: Option<(usize, Vec<Piece>)>, b: Option<(usize, Vec<Piece>)>| match (a, b) {
        (Some(a), Some(b)) => Some(if b.0 < a.0 { b } else { a }),
        (a, b) => a.or(b),
    };
    match &runs[ri] {
        Run::Kana(k) => {
            let want: Vec<char> = katakana_to_hiragana(k).chars().collect();
            let end = pos + want.len();
            let got: Option<Vec<char>> = reading
                .get(pos..end)
                .map(|s| s.iter().map(|c| to_hiragana(*c)).collect());
            (got.as_deref() == Some(&want[..]))
                .then(|| then(end, Piece::Text(k.clone()), 0))
                .flatten()
        }
        Run::Punct(p) => {
            // Written in the reading too (いぞんしょう・こころの…), or left out of it, but not
            // between two kanji runs: where one ends in the reading would be a guess.
            let want: Vec<char> = p.chars().collect();
            let end = pos + want.len();
            let written = reading.get(pos..end) == Some(&want[..]);
            let is_kanji_run = |r: Option<&Run>| matches!(r, Some(Run::Kanji(_)));
            let between_kanji = ri.checked_sub(1).is_some_and(|b| is_kanji_run(runs.get(b)))
                && is_kanji_run(runs.get(ri + 1));
            let with = written
                .then(|| then(end, Piece::Text(p.clone()), 0))
                .flatten();
            let without = (!between_kanji)
                .then(|| then(pos, Piece::Text(p.clone()), 0))
                .flatten();
            cheaper(with, without)
        }
        Run::Kanji(base) => {
            let chars = base.chars().count();
            let mut found: Option<(usize, Vec<Piece>, usize)> = None;
            for end in pos + 1..=reading.len() {
                if let Some((c, pieces)) = best(runs, ri + 1, reading, end) {
                    let cost = c + (end - pos).abs_diff(2 * chars);
                    if found.as_ref().is_none_or(|f| cost < f.0) {
                        found = Some((cost, pieces, end));
                    }
                }
            }
            // The ruby piece is made once, for the split that won.
            found.map(|(cost, mut pieces, end)| {
                pieces.push(Piece::Ruby {
                    base: base.clone(),
                    reading: reading[pos..end].iter().collect(),
                });
                (cost, pieces)
            })
        }
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
        assert!(!fits("見る", "かんがえ"));
    }

    #[test]
    fn punctuation_stays_outside_whether_the_reading_has_it_or_not() {
        assert_eq!(
            show(&align(
                "依存症・こころの相談",
                "いぞんしょう・こころのそうだん"
            )),
            "依存症[いぞんしょう]・こころの相談[そうだん]"
        );
        assert_eq!(
            show(&align(
                "依存症・こころの相談",
                "いぞんしょうこころのそうだん"
            )),
            "依存症[いぞんしょう]・こころの相談[そうだん]"
        );
        // Digits are read with the kanji next to them.
        assert_eq!(
            show(&align("8050問題", "はちまるごーまるもんだい")),
            "8050問題[はちまるごーまるもんだい]"
        );
        // A kanji the reading does not cover cannot be aligned.
        assert!(!fits("相談（例）", "そうだん"));
    }

    #[test]
    fn the_likeliest_split_wins_where_kana_repeat() {
        assert_eq!(
            show(&align("飯能市の公民館", "はんのうしのこうみんかん")),
            "飯能市[はんのうし]の公民館[こうみんかん]"
        );
        assert_eq!(
            show(&align("子どもの居場所", "こどものいばしょ")),
            "子[こ]どもの居場所[いばしょ]"
        );
    }
}
