//! How sure a reading is. A reading is *uncertain* when the analysis had a real choice and
//! might have taken the wrong side: a context rule chose between readings (方 かた/ほう), the
//! dictionary reads the same characters another way almost as readily (市場 しじょう/いちば) or
//! they also make a number and a counter (十分 じゅうぶん/じゅっぷん),
//! the word was unknown and its reading was put together from its kanji, it is a person's name,
//! or it is one kanji the dictionary cut out of a compound it does not know (東+端).
//! Uncertain readings are what a teacher reviews (`tsunagi ruby --review`, the
//! `furigana-uncertain` note of `tsunagi check`); a reading confirmed in a lexicon or written
//! inline is certain.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::dictionary::{Token, Weights};

/// Why a reading may be wrong, with the other readings the same characters could take.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Doubt {
    /// What made it uncertain.
    pub reason: Reason,
    /// Other readings of the same characters (hiragana), most likely first; may be empty
    /// (an unknown word).
    pub others: Vec<String>,
}

/// What made a reading uncertain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    /// A context rule chose it over the dictionary's, or between two readings.
    Context,
    /// The dictionary reads the same characters another way almost as readily.
    Homograph,
    /// The dictionary does not know the word: its reading was put together from its kanji.
    Unknown,
    /// A person's name, which are read in many ways.
    Name,
    /// One kanji the dictionary cut out of a longer compound it does not know (東+端, 北+極点):
    /// whether it is read the Sino-Japanese or the native way is a guess.
    Compound,
}

impl Reason {
    /// Why a reading is uncertain, in words.
    pub fn explain(self) -> crate::messages::Text {
        match self {
            Reason::Context => crate::t!("ui.doubt-context"),
            Reason::Homograph => crate::t!("ui.doubt-homograph"),
            Reason::Name => crate::t!("ui.doubt-name"),
            Reason::Unknown => crate::t!("ui.doubt-unknown"),
            Reason::Compound => crate::t!("ui.doubt-compound"),
        }
    }
}

/// How much more another reading of the same characters may cost the analyser, in the same place
/// between the same neighbours, and still count as a close call. IPADIC's costs are in units
/// where a typical word costs 3,000–10,000 and a connection −2,000–5,000.
pub const MARGIN: i32 = 2_000;

/// One dictionary entry of a written form with several readings.
struct Entry {
    reading: &'static str,
    weights: Weights,
}

/// Every written form the dictionary reads more than one way, with its entries (from build.rs).
fn homographs() -> &'static HashMap<&'static str, Vec<Entry>> {
    static TABLE: OnceLock<HashMap<&'static str, Vec<Entry>>> = OnceLock::new();
    static TEXT: &str = include_str!(concat!(env!("OUT_DIR"), "/homographs.tsv"));
    TABLE.get_or_init(|| {
        TEXT.lines()
            .filter_map(|l| {
                let mut f = l.split('\t');
                let surface = f.next()?;
                let entries = f
                    .filter_map(|e| {
                        let mut p = e.split(' ');
                        let reading = p.next()?;
                        let mut n = || p.next()?.parse::<i32>().ok();
                        let (left, right, cost) = (n()?, n()?, n()?);
                        Some(Entry {
                            reading,
                            weights: Weights {
                                left: u16::try_from(left).ok()?,
                                right: u16::try_from(right).ok()?,
                                cost: i16::try_from(cost).ok()?,
                            },
                        })
                    })
                    .collect();
                Some((surface, entries))
            })
            .collect()
    })
}

/// Reads the table of written forms with several readings now (about 10 ms), so that a build
/// can do it in the background with the dictionary rather than on its first page.
pub fn preload() {
    homographs();
}

/// The analyser's cost of going from a word with right id `before` to one with left id `after`
/// (0: the start or the end of the text), from IPADIC's matrix (build.rs).
fn connection(before: u16, after: u16) -> i32 {
    static TABLE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/connections.bin"));
    let at = |i: usize| {
        TABLE
            .get(i..i + 2)
            .map_or(0, |b| i16::from_le_bytes([b[0], b[1]]))
    };
    let columns = at(2) as u16 as usize;
    i32::from(at(
        4 + 2 * (usize::from(before) * columns + usize::from(after))
    ))
}

/// The cost of word `w` between the words around it.
fn cost_in_place(before: u16, w: Weights, after: u16) -> i32 {
    connection(before, w.left) + i32::from(w.cost) + connection(w.right, after)
}

/// The other readings of token `i` that the analyser would have taken in the same place at a
/// cost within [`MARGIN`] of the one it chose, closest first.
pub fn close_readings(tokens: &[Token], i: usize, chosen: &str) -> Vec<String> {
    let t = &tokens[i];
    let Some(entries) = homographs().get(t.surface.as_str()) else {
        return Vec::new();
    };
    let before = i.checked_sub(1).map_or(0, |p| tokens[p].weights.right);
    let after = tokens.get(i + 1).map_or(0, |n| n.weights.left);
    let own = cost_in_place(before, t.weights, after);
    let mut close: Vec<(i32, &str)> = Vec::new();
    for e in entries.iter().filter(|e| e.reading != chosen) {
        let extra = cost_in_place(before, e.weights, after) - own;
        if extra <= MARGIN {
            match close.iter_mut().find(|(_, r)| *r == e.reading) {
                Some(c) => c.0 = c.0.min(extra),
                None => close.push((extra, e.reading)),
            }
        }
    }
    close.sort();
    close.into_iter().map(|(_, r)| r.to_string()).collect()
}

/// Every reading the dictionary gives `surface` other than `chosen`, most common first.
pub fn all_readings(surface: &str, chosen: &str) -> Vec<String> {
    let mut entries: Vec<&Entry> = homographs().get(surface).into_iter().flatten().collect();
    entries.sort_by_key(|e| e.weights.cost);
    let mut out: Vec<String> = Vec::new();
    for e in entries {
        if e.reading != chosen && !out.iter().any(|r| r == e.reading) {
            out.push(e.reading.to_string());
        }
    }
    out
}

/// Whether token `i` is a single kanji written against another kanji word, without kana between:
/// a piece of a compound the dictionary had to cut.
fn glued(tokens: &[Token], i: usize) -> bool {
    let one_kanji = {
        let mut c = tokens[i].surface.chars();
        c.next().is_some_and(super::kanji::is_kanji) && c.next().is_none()
    };
    let kanji_edge = |t: &Token, last: bool| {
        let c = if last {
            t.surface.chars().last()
        } else {
            t.surface.chars().next()
        };
        c.is_some_and(|c| super::kanji::is_kanji(c) && !t.is("名詞", Some("数")))
    };
    let t = &tokens[i];
    one_kanji
        && !t.is("名詞", Some("数"))
        && !t.is("名詞", Some("接尾"))
        && !t.is("接頭詞", None)
        && homographs().contains_key(t.surface.as_str())
        && (i
            .checked_sub(1)
            .is_some_and(|p| kanji_edge(&tokens[p], true))
            || tokens.get(i + 1).is_some_and(|n| kanji_edge(n, false)))
}

/// A dictionary word that is also a number and a counter (十分 じゅうぶん, enough, is also
/// じゅっぷん, ten minutes): that reading, unless the word is used as an adjective (十分な,
/// 十分に), which a number of minutes is not.
fn counted_reading(tokens: &[Token], i: usize) -> Option<String> {
    let t = &tokens[i];
    let split = t
        .surface
        .char_indices()
        .find(|(_, c)| super::numerals::value(&c.to_string()).is_none())?
        .0;
    let (number, rest) = t.surface.split_at(split);
    let (counter, len) = super::numerals::counter_at(rest)?;
    let adjective =
        t.is("名詞", Some("形容動詞語幹")) && super::context::used_as_adjective(tokens, i);
    if number.is_empty() || len != rest.len() || adjective {
        return None;
    }
    let (a, b) = super::numerals::with_counter(super::numerals::value(number)?, counter, false)?;
    Some(a + &b)
}

/// Where a token's reading came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The dictionary's own choice.
    Dictionary,
    /// A rule that corrects what the dictionary is known to get wrong (夜中 よなか).
    Correction,
    /// A rule that guesses between live readings (方 かた or ほう) or builds one for a word the
    /// dictionary does not know.
    Guess,
}

/// The doubt about token `i` read as `reading`, which came from `source`.
pub fn of_token(tokens: &[Token], i: usize, reading: &str, source: Source) -> Option<Doubt> {
    let t = &tokens[i];
    if source == Source::Correction {
        return None;
    }
    // The readings the analyser weighed in this place; else, for a rule's reading, the
    // dictionary's own.
    let mut others = close_readings(tokens, i, reading);
    if source == Source::Guess {
        if let Some(r) = t.reading.as_ref().filter(|r| r.as_str() != reading)
            && !others.contains(r)
        {
            others.insert(0, r.clone());
        }
        let reason = if t.reading.is_none() {
            Reason::Unknown
        } else {
            Reason::Context
        };
        return Some(Doubt { reason, others });
    }
    if t.is("名詞", Some("固有名詞")) && t.pos[2] == "人名" {
        if others.is_empty() {
            others = all_readings(&t.surface, reading);
            others.truncate(3);
        }
        return Some(Doubt {
            reason: Reason::Name,
            others,
        });
    }
    if let Some(counted) = counted_reading(tokens, i).filter(|c| c != reading)
        && !others.contains(&counted)
    {
        others.push(counted);
    }
    if !others.is_empty() {
        return Some(Doubt {
            reason: Reason::Homograph,
            others,
        });
    }
    glued(tokens, i).then(|| Doubt {
        reason: Reason::Compound,
        others: all_readings(&t.surface, reading),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::furigana::{Annotator, Lexicon, dictionary::tokenize};

    /// The doubt about `word` in `text`, as the annotator reports it.
    fn doubt(annotator: &Annotator, text: &str, word: &str) -> Option<Doubt> {
        let words = annotator.words(text);
        let w = words.iter().find(|w| w.surface == word);
        w.unwrap_or_else(|| panic!("{word} not a word of {text}: {words:?}"))
            .doubt
            .clone()
    }

    #[test]
    fn each_kind_of_doubt_is_reported_with_the_other_readings() {
        let a = Annotator::default();
        let reason = |text, word| doubt(&a, text, word).map(|d| d.reason);
        // A context rule guessed between かた and ほう.
        let d = doubt(&a, "家族の方はこちらへ", "方").unwrap();
        assert_eq!(d.reason, Reason::Context);
        assert!(d.others.contains(&"ほう".to_string()), "{d:?}");
        // A person's name.
        assert_eq!(reason("佐藤さんに聞く", "佐藤"), Some(Reason::Name));
        // A word the dictionary does not know, read kanji by kanji.
        assert_eq!(reason("腟炎の治療", "腟炎"), Some(Reason::Unknown));
        // Words with one reading, or with one far ahead of the others: sure.
        assert_eq!(reason("相談窓口に電話する", "相談窓口"), None);
        assert_eq!(reason("毎朝、野菜を買う", "野菜"), None);
        // A correction the rules are sure of (夜中 is よなか, not the rare やちゅう).
        assert_eq!(reason("夜中に目が覚める", "夜中"), None);
    }

    #[test]
    fn a_word_that_is_also_a_number_and_a_counter_is_in_doubt() {
        let a = Annotator::default();
        // 十分 (enough) is also ten minutes.
        let d = doubt(&a, "結果を十分待つ", "十分").unwrap();
        assert_eq!(
            (d.reason, d.others),
            (Reason::Homograph, vec!["じゅっぷん".into()])
        );
        // Used as an adjective it is enough, and sure; with a measure of time after it the rule
        // reads minutes, and is sure too.
        assert_eq!(doubt(&a, "十分な睡眠をとる", "十分"), None);
        assert_eq!(doubt(&a, "十分に休む", "十分"), None);
        assert_eq!(doubt(&a, "歩いて十分ほどです", "十分"), None);
    }

    #[test]
    fn a_lexicon_word_is_never_in_doubt() {
        let mut lexicon = Lexicon::new();
        lexicon.insert("方", "かた");
        let a = Annotator::new(lexicon);
        assert_eq!(doubt(&a, "家族の方はこちらへ", "方"), None);
    }

    #[test]
    fn close_readings_weigh_the_other_entries_in_the_same_place() {
        let close = |text: &str, word: &str| {
            let tokens = tokenize(text);
            let i = tokens.iter().position(|t| t.surface == word).unwrap();
            close_readings(&tokens, i, tokens[i].reading.as_deref().unwrap())
        };
        // 何 before で: なに and なん both fit.
        assert_eq!(close("何でも話してね", "何"), ["なん"]);
        assert!(close("相談窓口に電話する", "相談窓口").is_empty());
        assert!(close("毎朝、市場で野菜を買う", "市場").is_empty());
    }

    #[test]
    fn connection_costs_come_from_the_matrix() {
        // Costs differ by pair: a noun after the start of a text, a particle after a noun.
        let tokens = tokenize("学校に");
        let start_noun = connection(0, tokens[0].weights.left);
        let noun_particle = connection(tokens[0].weights.right, tokens[1].weights.left);
        assert_ne!(start_noun, noun_particle);
    }
}
