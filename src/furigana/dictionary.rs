//! The embedded Japanese dictionary (IPADIC 2.7.0 + tsunagi's domain lexicon, built by
//! build.rs) and morphological analysis with vibrato. The dictionary is read once, on first
//! use, and shared by all threads; each thread keeps its own vibrato worker. vibrato finds the
//! words; what tsunagi reads about each (part of speech, base form, reading) comes from a
//! separate table that is looked into where it lies in the binary. Loading takes about 0.03 s.

use std::cell::RefCell;
use std::sync::OnceLock;

use vibrato::dictionary::LexType;
use vibrato::{Dictionary, Tokenizer};

/// The vibrato dictionary, stored uncompressed: reading it takes 10 ms, decompressing it took
/// twice that again, and the dictionary loads on every build that uses furigana.
static DICTIONARY: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/ipadic.vibrato"));
/// What tsunagi reads about each word of the system lexicon (see `split_features` in build.rs).
static FEATURES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/features.bin"));
/// The parts of speech the feature table refers to, one per line.
static POS: &str = include_str!(concat!(env!("OUT_DIR"), "/pos.tsv"));

/// IPADIC's licence, which must travel with every copy of the dictionary.
pub static IPADIC_COPYING: &str = include_str!(concat!(env!("OUT_DIR"), "/ipadic-COPYING"));

/// The Unicode licence of the Unihan readings (dict/unihan-kJapaneseOn.txt) used for kanji
/// IPADIC does not know.
pub static UNICODE_LICENSE: &str = include_str!("../../dict/UNICODE-LICENSE");

fn tokenizer() -> &'static Tokenizer {
    static TOKENIZER: OnceLock<Tokenizer> = OnceLock::new();
    TOKENIZER.get_or_init(|| {
        // The dictionary is produced by build.rs from files in this repository; failing to read
        // it back means the binary itself is broken.
        let dict = Dictionary::read(DICTIONARY).expect("the embedded dictionary is valid");
        Tokenizer::new(dict)
    })
}

/// The feature table, read where it lies in the binary, and the parts of speech.
struct FeatureTable {
    /// One `u32` offset per word, into `records`.
    offsets: &'static [u8],
    records: &'static [u8],
    pos: Vec<[&'static str; 4]>,
}

fn feature_table() -> &'static FeatureTable {
    static TABLE: OnceLock<FeatureTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        // Written by build.rs with this layout; a short table would be a broken binary, and
        // then every word simply has no features.
        let n = FEATURES
            .get(..4)
            .and_then(|b| b.try_into().ok())
            .map_or(0, |b| u32::from_le_bytes(b) as usize);
        let (offsets, records) = FEATURES
            .get(4..)
            .filter(|rest| rest.len() >= 4 * n)
            .map_or((&[][..], &[][..]), |rest| rest.split_at(4 * n));
        FeatureTable {
            offsets,
            records,
            pos: POS.lines().map(pos_fields).collect(),
        }
    })
}

/// `名詞,一般,*,*` → its four levels.
fn pos_fields(line: &'static str) -> [&'static str; 4] {
    let mut f = line.split(',');
    let mut next = || f.next().unwrap_or("*");
    [next(), next(), next(), next()]
}

impl FeatureTable {
    fn u16_at(&self, at: usize) -> Option<u16> {
        Some(u16::from_le_bytes(
            self.records.get(at..at + 2)?.try_into().ok()?,
        ))
    }

    fn str_at(&self, at: usize) -> Option<(&'static str, usize)> {
        let len = usize::from(self.u16_at(at)?);
        let s = std::str::from_utf8(self.records.get(at + 2..at + 2 + len)?).ok()?;
        Some((s, at + 2 + len))
    }

    /// Part of speech, base form (empty: the surface) and reading (empty: unknown) of word `id`.
    fn word(&self, id: u32) -> Option<([&'static str; 4], &'static str, &'static str)> {
        let slot = 4 * id as usize;
        let offset = u32::from_le_bytes(self.offsets.get(slot..slot + 4)?.try_into().ok()?);
        let at = offset as usize;
        let pos = *self.pos.get(usize::from(self.u16_at(at)?))?;
        let (base, at) = self.str_at(at + 2)?;
        let (reading, _) = self.str_at(at)?;
        Some((pos, base, reading))
    }
}

/// Loads the dictionary now (in the calling thread), so that a build can do it in the
/// background while it compiles templates and renders.
pub fn preload() {
    tokenizer();
    feature_table();
}

thread_local! {
    static WORKER: RefCell<vibrato::tokenizer::worker::Worker<'static>> = RefCell::new(tokenizer().new_worker());
}

/// One morpheme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The text as written.
    pub surface: String,
    /// Part of speech, IPADIC's four levels (e.g. 名詞, 接尾, 助数詞, *), borrowed from the
    /// dictionary, which lives as long as the program.
    pub pos: [&'static str; 4],
    /// Dictionary form, when it differs from the surface (see [`Token::base`]).
    pub base_form: Option<&'static str>,
    /// Reading in hiragana, when the dictionary knows it.
    pub reading: Option<String>,
    /// How the word connects to the word before it and after it (IPADIC's connection ids), and
    /// its own cost: what the analyser weighed to choose it.
    pub weights: Weights,
}

/// What the analyser weighs for one word: its connection ids and its cost.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Weights {
    /// Connection id towards the word before.
    pub left: u16,
    /// Connection id towards the word after.
    pub right: u16,
    /// The word's own cost (lower: more likely).
    pub cost: i16,
}

impl Token {
    /// Whether the part of speech starts with `p1` (and `p2` when given).
    pub fn is(&self, p1: &str, p2: Option<&str>) -> bool {
        self.pos[0] == p1 && p2.is_none_or(|p| self.pos[1] == p)
    }

    /// Dictionary form (食べ → 食べる; a word that does not inflect is its own).
    pub fn base(&self) -> &str {
        self.base_form.unwrap_or(&self.surface)
    }
}

/// Splits `text` into morphemes.
pub fn tokenize(text: &str) -> Vec<Token> {
    if text.is_empty() {
        return Vec::new();
    }
    WORKER.with(|w| {
        let mut worker = w.borrow_mut();
        worker.reset_sentence(text);
        worker.tokenize();
        let table = feature_table();
        (0..worker.num_tokens())
            .map(|i| {
                let t = worker.token(i);
                let surface = t.surface().to_string();
                let weights = Weights {
                    left: t.left_id(),
                    right: t.right_id(),
                    cost: t.word_cost(),
                };
                let idx = t.word_idx();
                let known = (idx.lex_type == LexType::System)
                    .then(|| table.word(idx.word_id))
                    .flatten();
                if let Some((pos, base, reading)) = known {
                    return Token {
                        surface,
                        pos,
                        base_form: (!base.is_empty()).then_some(base),
                        reading: (!reading.is_empty()).then(|| reading.to_string()),
                        weights,
                    };
                }
                // Unknown words carry their (short) features in vibrato: part of speech only.
                let mut f = t.feature().split(',');
                let mut next = || f.next().unwrap_or("*");
                Token {
                    surface,
                    pos: [next(), next(), next(), next()],
                    base_form: None,
                    reading: None,
                    weights,
                }
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizes_with_readings() {
        let toks = tokenize("相談窓口に電話する");
        let surfaces: Vec<_> = toks.iter().map(|t| t.surface.as_str()).collect();
        assert_eq!(surfaces, ["相談窓口", "に", "電話", "する"]);
        assert_eq!(toks[0].reading.as_deref(), Some("そうだんまどぐち"));
        assert!(toks[1].is("助詞", None));
    }

    #[test]
    fn features_come_from_the_table_in_word_order() {
        let toks = tokenize("食べた");
        assert_eq!(toks[0].surface, "食べ");
        assert_eq!(toks[0].pos, ["動詞", "自立", "*", "*"]);
        assert_eq!(toks[0].base(), "食べる");
        assert_eq!(toks[0].reading.as_deref(), Some("たべ"));
        assert_eq!(
            toks[1].base(),
            "た",
            "a word that does not inflect is its own base"
        );
        // An unknown word keeps vibrato's own features: a part of speech, no reading.
        let unknown = tokenize("炻器");
        assert_eq!(unknown[0].pos[0], "名詞");
        assert_eq!(unknown[0].reading, None);
    }

    #[test]
    fn domain_lexicon_is_in_the_dictionary() {
        let toks = tokenize("希死念慮がある");
        assert_eq!(toks[0].surface, "希死念慮");
        assert_eq!(toks[0].reading.as_deref(), Some("きしねんりょ"));
    }

    #[test]
    fn no_word_of_its_own_starts_with_du_or_di() {
        // IPADIC reads 図形 ヅケイ; build.rs mends such readings.
        let reading = |text: &str| tokenize(text)[0].reading.clone();
        assert_eq!(reading("図形を描く").as_deref(), Some("ずけい"));
        // ぢ and づ inside a word (連濁) are right and stay.
        assert_eq!(reading("鼻血が出る").as_deref(), Some("はなぢ"));
        assert_eq!(reading("三日月が見える").as_deref(), Some("みかづき"));
        // A suffix starts with づ by 連濁 and stays (子供+連れ).
        let toks = tokenize("子供連れで行く");
        assert_eq!(toks[1].surface, "連れ");
        assert_eq!(toks[1].reading.as_deref(), Some("づれ"));
    }
}
