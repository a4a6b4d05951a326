//! The embedded Japanese dictionary (IPADIC 2.7.0 + tsunagi's domain lexicon, built by
//! build.rs) and morphological analysis with vibrato. The dictionary is decompressed once, on
//! first use, and shared by all threads; each thread keeps its own vibrato worker.

use std::cell::RefCell;
use std::sync::OnceLock;

use vibrato::{Dictionary, Tokenizer};

static COMPRESSED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/ipadic.vibrato.zst"));

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
        let raw = zstd::decode_all(COMPRESSED).expect("the embedded dictionary decompresses");
        let dict = Dictionary::read(&raw[..]).expect("the embedded dictionary is valid");
        Tokenizer::new(dict)
    })
}

/// Loads the dictionary now (in the calling thread), so that a build can do it in the
/// background while it parses Markdown.
pub fn preload() {
    tokenizer();
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
    /// Dictionary form.
    pub base: &'static str,
    /// Reading in hiragana, when the dictionary knows it.
    pub reading: Option<String>,
}

impl Token {
    /// Whether the part of speech starts with `p1` (and `p2` when given).
    pub fn is(&self, p1: &str, p2: Option<&str>) -> bool {
        self.pos[0] == p1 && p2.is_none_or(|p| self.pos[1] == p)
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
        (0..worker.num_tokens())
            .map(|i| {
                let t = worker.token(i);
                let mut f = t.feature().split(',');
                let mut next = || f.next().unwrap_or("*");
                let pos = [next(), next(), next(), next()];
                let _conj_type = next();
                let _conj_form = next();
                let base = next();
                let reading = f
                    .next()
                    .filter(|r| *r != "*" && !r.is_empty())
                    .map(katakana_to_hiragana);
                Token {
                    surface: t.surface().to_string(),
                    pos,
                    base,
                    reading,
                }
            })
            .collect()
    })
}

/// ァ–ヶ → ぁ–ゖ; everything else unchanged.
pub fn katakana_to_hiragana(s: &str) -> String {
    s.chars()
        .map(|c| {
            if ('\u{30A1}'..='\u{30F6}').contains(&c) {
                char::from_u32(c as u32 - 0x60).unwrap_or(c)
            } else {
                c
            }
        })
        .collect()
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
    fn domain_lexicon_is_in_the_dictionary() {
        let toks = tokenize("希死念慮がある");
        assert_eq!(toks[0].surface, "希死念慮");
        assert_eq!(toks[0].reading.as_deref(), Some("きしねんりょ"));
    }

    #[test]
    fn katakana_becomes_hiragana() {
        assert_eq!(katakana_to_hiragana("ソウダン・ヶ所ー"), "そうだん・ゖ所ー");
    }
}
