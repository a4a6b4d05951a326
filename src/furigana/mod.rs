//! Automatic furigana. Pure text in, pieces out: no file I/O, no templates.
//!
//! 1. Words from the reading lexicons (project, municipality) are found first, longest match;
//!    they win over the dictionary.
//! 2. The rest is analysed with vibrato on the embedded IPADIC + domain dictionary
//!    ([`dictionary`]).
//! 3. Rules fix what a dictionary cannot know: numbers with counters ([`numerals`]), 方 as かた
//!    or ほう ([`kata_or_hou`]), words read by their neighbours (（水）すい, 後 あと/のち:
//!    [`context_word`]) and other corrections ([`rules`]), readings decided by a class of
//!    context (何 なん, 〜中 じゅう, 開く あく/ひらく: [`context`]).
//! 4. Each reading says how sure it is ([`confidence`]): what a person should review.
//! 5. The [`Level`] decides which words get ruby; each chosen word's reading is aligned with its
//!    kanji so that okurigana stays outside the ruby ([`align`]).

pub mod align;
mod around;
pub mod confidence;
pub mod context;
pub mod context_word;
pub mod dictionary;
pub mod kanji;
pub mod kata_or_hou;
mod level;
pub mod lexicon;
pub mod numerals;
pub mod rules;

pub use align::{Piece, fits};
pub use confidence::{Doubt, Reason};
pub use level::Level;
pub use lexicon::Lexicon;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use dictionary::Token;

/// A word with its reading in context.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Word {
    /// The text as written.
    pub surface: String,
    /// Its reading in hiragana, when known.
    pub reading: Option<String>,
    /// Why the reading may be wrong; `None` when the analysis was sure (or a lexicon said).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doubt: Option<Doubt>,
}

/// Dictionary analyses shared by the annotators of one build, so that a text shared by every
/// municipality is analysed once, not once per municipality. Analyses are shared, not copied,
/// and their memory is bounded: past [`AnalysisCache::MAX_BYTES`], new analyses are used and
/// not kept. A build may start from the analyses of the one before (see `cache`), so that only
/// the texts that changed need the dictionary.
#[derive(Debug, Default)]
pub struct AnalysisCache {
    map: Mutex<Analyses>,
}

#[derive(Debug, Default)]
struct Analyses {
    words: HashMap<String, Arc<[Word]>>,
    /// About how many bytes `words` holds.
    bytes: usize,
    /// Texts analysed by this build (not taken from an earlier one).
    added: usize,
}

impl AnalysisCache {
    /// The most memory the analyses may take (about; text and words).
    pub const MAX_BYTES: usize = 96 << 20;

    /// A cache that starts with `entries` (text → its words), as many as fit.
    pub fn with_entries(entries: impl IntoIterator<Item = (String, Vec<Word>)>) -> AnalysisCache {
        let mut analyses = Analyses::default();
        for (text, words) in entries {
            analyses.keep(text, words.into());
        }
        AnalysisCache {
            map: Mutex::new(analyses),
        }
    }

    fn get_or_analyse(&self, text: &str) -> Arc<[Word]> {
        if let Some(words) = self
            .map
            .lock()
            .ok()
            .and_then(|m| m.words.get(text).cloned())
        {
            return words;
        }
        let words: Arc<[Word]> = analyse(text).into();
        if let Ok(mut m) = self.map.lock()
            && m.keep(text.to_string(), Arc::clone(&words))
        {
            m.added += 1;
        }
        words
    }

    /// Number of distinct texts held.
    pub fn len(&self) -> usize {
        self.map.lock().map_or(0, |m| m.words.len())
    }

    /// Whether nothing is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Number of texts this cache analysed itself (held, not given at the start).
    pub fn added(&self) -> usize {
        self.map.lock().map_or(0, |m| m.added)
    }

    /// Every text held with its words, sorted by text.
    pub fn entries(&self) -> Vec<(String, Arc<[Word]>)> {
        let mut all: Vec<_> = self.map.lock().map_or_else(
            |_| Vec::new(),
            |m| {
                m.words
                    .iter()
                    .map(|(t, w)| (t.clone(), Arc::clone(w)))
                    .collect()
            },
        );
        all.sort_by(|a, b| a.0.cmp(&b.0));
        all
    }
}

impl Analyses {
    /// Keeps `words` for `text` if the budget allows; whether it did.
    fn keep(&mut self, text: String, words: Arc<[Word]>) -> bool {
        let size = text.len()
            + words
                .iter()
                .map(|w| {
                    std::mem::size_of::<Word>()
                        + w.surface.len()
                        + w.reading.as_ref().map_or(0, String::len)
                })
                .sum::<usize>()
            + 64;
        if self.bytes + size > AnalysisCache::MAX_BYTES || self.words.contains_key(&text) {
            return false;
        }
        self.bytes += size;
        self.words.insert(text, words);
        true
    }
}

/// Reads Japanese text, with a lexicon that wins over the dictionary.
#[derive(Debug, Clone, Default)]
pub struct Annotator {
    lexicon: Lexicon,
    /// Shared analyses (a site build); `None` analyses every text afresh (a stream of lines
    /// such as `tsunagi ruby`, whose memory must not grow with its input).
    cache: Option<Arc<AnalysisCache>>,
}

impl Annotator {
    /// An annotator with `lexicon` (possibly empty) that keeps nothing between texts.
    pub fn new(lexicon: Lexicon) -> Annotator {
        Annotator {
            lexicon,
            cache: None,
        }
    }

    /// An annotator that shares `cache` with others.
    pub fn with_cache(lexicon: Lexicon, cache: Arc<AnalysisCache>) -> Annotator {
        Annotator {
            lexicon,
            cache: Some(cache),
        }
    }

    /// Calls `f` with each dictionary word of `text` (surface, reading), analysed in pieces of
    /// at most [`MAX_PIECE`] bytes cut at sentence ends, so that the dictionary's working memory
    /// stays the same however long the text is.
    fn each_analysed(&self, text: &str, f: &mut impl FnMut(&str, Option<&str>, Option<&Doubt>)) {
        for piece in bounded_pieces(text, MAX_PIECE) {
            let fresh;
            let words: &[Word] = match &self.cache {
                Some(cache) => {
                    fresh = cache.get_or_analyse(piece);
                    &fresh
                }
                None => &analyse(piece),
            };
            for w in words {
                f(&w.surface, w.reading.as_deref(), w.doubt.as_ref());
            }
        }
    }

    /// Calls `f` with each word of `text` (surface, reading, doubt): lexicon words first
    /// (longest match, never in doubt), the dictionary's for the rest. The surfaces join to
    /// `text`.
    fn each_word(&self, text: &str, f: &mut impl FnMut(&str, Option<&str>, Option<&Doubt>)) {
        let mut gap_start = 0;
        let mut i = 0;
        while i < text.len() {
            if let Some((len, reading)) = self.lexicon.longest_prefix(&text[i..]) {
                self.each_analysed(&text[gap_start..i], f);
                f(&text[i..i + len], Some(reading), None);
                i += len;
                gap_start = i;
            } else {
                i += text[i..].chars().next().map_or(1, char::len_utf8);
            }
        }
        self.each_analysed(&text[gap_start..], f);
    }

    /// Splits `text` into words with readings. Concatenating the surfaces gives back `text`.
    pub fn words(&self, text: &str) -> Vec<Word> {
        let mut out = Vec::new();
        self.each_word(text, &mut |surface, reading, doubt| {
            out.push(Word {
                surface: surface.to_string(),
                reading: reading.map(str::to_string),
                doubt: doubt.cloned(),
            });
        });
        out
    }

    /// The words of `text` that get ruby at `level` with a reading that may be wrong, each with
    /// the byte offset where it starts in `text` (its `reading` and `doubt` are set).
    pub fn uncertain(&self, text: &str, level: Level) -> Vec<(usize, Word)> {
        let mut out = Vec::new();
        let mut at = 0;
        self.each_word(text, &mut |surface, reading, doubt| {
            if let (Some(r), Some(d)) = (reading, doubt)
                && needs_ruby(surface, level)
            {
                let word = Word {
                    surface: surface.to_string(),
                    reading: Some(r.to_string()),
                    doubt: Some(d.clone()),
                };
                out.push((at, word));
            }
            at += surface.len();
        });
        out
    }

    /// Annotates `text`: ruby on the words `level` selects, okurigana outside the ruby.
    pub fn annotate(&self, text: &str, level: Level) -> Vec<Piece> {
        let mut pieces: Vec<Piece> = Vec::new();
        let push_text = |pieces: &mut Vec<Piece>, t: &str| {
            if let Some(Piece::Text(prev)) = pieces.last_mut() {
                prev.push_str(t);
            } else if !t.is_empty() {
                pieces.push(Piece::Text(t.to_string()));
            }
        };
        if level == Level::None {
            push_text(&mut pieces, text);
            return pieces;
        }
        // Piece by piece, so that the words of a long text are never all held at once.
        for piece in bounded_pieces(text, MAX_PIECE) {
            self.each_word(piece, &mut |surface, reading, _| match reading
                .filter(|_| needs_ruby(surface, level))
            {
                Some(r) => {
                    for p in align::align(surface, r) {
                        match p {
                            Piece::Text(t) => push_text(&mut pieces, &t),
                            Piece::Ruby { base, reading } if matches!(level, Level::Grade(_)) => {
                                for p in unlearned_only(&base, &reading, level) {
                                    match p {
                                        Piece::Text(t) => push_text(&mut pieces, &t),
                                        ruby => pieces.push(ruby),
                                    }
                                }
                            }
                            ruby => pieces.push(ruby),
                        }
                    }
                }
                None => push_text(&mut pieces, surface),
            });
        }
        pieces
    }
}

/// Loads the dictionary and the tables the analysis reads (in the calling thread), so that a
/// build can do it in the background while it compiles templates and renders.
pub fn preload() {
    dictionary::preload();
    confidence::preload();
}

/// The most text analysed at once (bytes). A paragraph is rarely longer; a longer text is cut at
/// a sentence end, where no word runs across.
pub const MAX_PIECE: usize = 4096;

/// `text` cut into pieces of at most `max` bytes (a single character longer than that aside),
/// after the last sentence end within each (。！？ and line breaks), or else after the last
/// 、, comma or space, or else at a character boundary. The pieces join to `text`.
pub fn bounded_pieces(text: &str, max: usize) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while rest.len() > max {
        let mut window = max;
        while !rest.is_char_boundary(window) {
            window -= 1;
        }
        let head = &rest[..window];
        let cut_after = |set: &[char]| {
            head.rfind(set)
                .map(|i| i + head[i..].chars().next().map_or(1, char::len_utf8))
        };
        let cut = cut_after(&['。', '！', '？', '!', '?', '\n'])
            .or_else(|| cut_after(&['、', '，', ',', ' ', '　']))
            .unwrap_or(window)
            .max(rest.chars().next().map_or(1, char::len_utf8));
        pieces.push(&rest[..cut]);
        rest = &rest[cut..];
    }
    if !rest.is_empty() || pieces.is_empty() {
        pieces.push(rest);
    }
    pieces
}

/// At a grade level, a ruby group's reading over the kanji not yet learned only: the group as it
/// is when all its kanji need it, bare text when none does, else each kanji with its share of
/// the reading when the reading splits cleanly over them (質問 → {質|しつ}問 at grade 3), and the
/// whole group when it does not (熟字訓: {昨日|きのう}).
fn unlearned_only(base: &str, reading: &str, level: Level) -> Vec<Piece> {
    let unlearned = |c: &char| needs_ruby(c.encode_utf8(&mut [0; 4]), level);
    let chars: Vec<char> = base.chars().collect();
    let group = || {
        vec![Piece::Ruby {
            base: base.to_string(),
            reading: reading.to_string(),
        }]
    };
    if chars.iter().all(unlearned) {
        return group();
    }
    if !chars.iter().any(unlearned) {
        return vec![Piece::Text(base.to_string())];
    }
    match align::split_over_kanji(base, reading, rules::kanji_readings) {
        Some(parts) => chars
            .iter()
            .zip(parts)
            .map(|(c, r)| {
                if unlearned(c) {
                    Piece::Ruby {
                        base: c.to_string(),
                        reading: r,
                    }
                } else {
                    Piece::Text(c.to_string())
                }
            })
            .collect(),
        None => group(),
    }
}

/// Whether a word gets ruby at `level`: it contains a kanji the reader has not learned.
pub fn needs_ruby(surface: &str, level: Level) -> bool {
    let kanji = surface
        .chars()
        .filter(|c| kanji::is_kanji(*c) && *c != '々' && *c != 'ヶ');
    match level {
        Level::None => false,
        Level::All => surface.chars().any(kanji::is_kanji),
        Level::Grade(g) | Level::GradeWords(g) => kanji
            .into_iter()
            .any(|c| kanji::grade(c).is_none_or(|k| k > g)),
        Level::Joyo => kanji.into_iter().any(|c| !kanji::is_joyo(c)),
    }
}

/// Dictionary analysis of a stretch of text, with the context rules applied.
fn analyse(text: &str) -> Vec<Word> {
    let tokens = dictionary::tokenize(text);
    let mut out: Vec<Word> = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        if let Some((words, used)) = numerals::number_with_counter(&tokens, i) {
            out.extend(words.into_iter().map(Word::from));
            i += used;
            continue;
        }
        if let Some(words) = numerals::digits_with_counter(&tokens, i) {
            out.extend(words.into_iter().map(Word::from));
            i += 1;
            continue;
        }
        read_token(&tokens, i, &mut out);
        i += 1;
    }
    out
}

/// The reading the first rule that applies gives token `i`, and whether it is a guess between
/// live readings (方 かた or ほう, a kanji of an unknown compound, a lone name) rather than a known
/// correction of the dictionary (夜中 よなか, 〜語 ご, 安芸国 あきのくに): a guess leaves the reading
/// in doubt.
fn by_rule(tokens: &[Token], i: usize) -> Option<(String, bool)> {
    let guess = |r: Option<String>| r.map(|r| (r, true));
    let known = |r: Option<String>| r.map(|r| (r, false));
    guess(kata_or_hou::kata_or_hou(tokens, i).map(str::to_string))
        .or_else(|| known(rules::korareru(tokens, i)))
        .or_else(|| known(context_word::context_word(tokens, i).map(str::to_string)))
        .or_else(|| known(context::nan(tokens, i)))
        .or_else(|| known(context::throughout(tokens, i)))
        .or_else(|| known(context::yo_before_fuke(tokens, i)))
        .or_else(|| known(context::gata(tokens, i)))
        .or_else(|| known(context::gyou(tokens, i)))
        .or_else(|| known(context::tai_before_sen(tokens, i)))
        .or_else(|| known(context::compass(tokens, i)))
        .or_else(|| known(context::juppun(tokens, i)))
        .or_else(|| known(context::okonau(tokens, i)))
        .or_else(|| known(context::oya(tokens, i)))
        .or_else(|| known(context::dome(tokens, i)))
        .or_else(|| known(context::ie(tokens, i)))
        .or_else(|| known(context::ichiba(tokens, i)))
        .or_else(|| guess(context::aku_or_hiraku(tokens, i)))
        .or_else(|| known(rules::province(tokens, i)))
        .or_else(|| guess(rules::compound_kanji(tokens, i)))
        .or_else(|| guess(rules::stray_name(tokens, i)))
        .or_else(|| guess(rules::unknown_word(&tokens[i])))
}

/// Token `i` as words: with the reading a rule gives it or else the dictionary's, mended where
/// a compound doubles a consonant or the okurigana is written after it, and how sure it is.
fn read_token(tokens: &[Token], i: usize, out: &mut Vec<Word>) {
    let t = &tokens[i];
    let by_rule = by_rule(tokens, i);
    let source = match &by_rule {
        Some((_, true)) => confidence::Source::Guess,
        Some((_, false)) => confidence::Source::Correction,
        None => confidence::Source::Dictionary,
    };
    let reading = by_rule.map(|(r, _)| r).or_else(|| t.reading.clone());
    let reading = reading.map(|r| rules::compound_sokuon(tokens, i, &r).unwrap_or(r));
    let reading = reading.map(|r| rules::okurigana_after(tokens, i, &r).unwrap_or(r));
    if reading.is_none() && t.surface.chars().count() > 1 && t.surface.chars().any(kanji::is_kanji)
    {
        out.extend(kanji_one_by_one(&t.surface));
        return;
    }
    let doubt = reading
        .as_deref()
        .filter(|_| t.surface.chars().any(kanji::is_kanji))
        .and_then(|r| confidence::of_token(tokens, i, r, source));
    out.push(Word {
        surface: t.surface.clone(),
        reading,
        doubt,
    });
}

/// A word nobody knows, with a kanji nobody knows either (閩南語): each character a word, the
/// kanji that can be read with their Sino-Japanese reading (in doubt), the others bare.
fn kanji_one_by_one(surface: &str) -> impl Iterator<Item = Word> + '_ {
    surface.chars().map(|c| {
        let reading = rules::any_on_reading(c).map(str::to_string);
        Word {
            surface: c.to_string(),
            doubt: reading.as_ref().map(|_| Doubt {
                reason: Reason::Unknown,
                others: Vec::new(),
            }),
            reading,
        }
    })
}

impl From<numerals::NumberWord> for Word {
    /// A number's or a counter's piece, read with certainty.
    fn from(w: numerals::NumberWord) -> Word {
        Word {
            surface: w.surface,
            reading: w.reading,
            doubt: None,
        }
    }
}

/// `{base|reading}` markup, paste-able into Markdown.
pub fn to_markup(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Text(t) => t.clone(),
            Piece::Ruby { base, reading } => format!("{{{base}|{reading}}}"),
        })
        .collect()
}

/// `<ruby>` markup with `<rp>` fallbacks; text is HTML-escaped.
pub fn to_html(pieces: &[Piece]) -> String {
    use crate::markdown::inline_syntax::escape;
    pieces
        .iter()
        .map(|p| match p {
            Piece::Text(t) => escape(t),
            Piece::Ruby { base, reading } => {
                format!(
                    "<ruby>{}<rp>(</rp><rt>{}</rt><rp>)</rp></ruby>",
                    escape(base),
                    escape(reading)
                )
            }
        })
        .collect()
}

#[cfg(test)]
mod piece_tests {
    use super::bounded_pieces;

    #[test]
    fn long_text_is_cut_at_sentence_ends_and_joins_back() {
        let text = "相談窓口に電話する。".repeat(1000);
        let pieces = bounded_pieces(&text, 100);
        assert!(pieces.iter().all(|p| p.len() <= 100 && p.ends_with('。')));
        assert_eq!(pieces.concat(), text);
        let no_ends = "あ".repeat(100);
        let pieces = bounded_pieces(&no_ends, 31);
        assert!(pieces.iter().all(|p| p.len() <= 31));
        assert_eq!(pieces.concat(), no_ends);
        assert_eq!(bounded_pieces("", 10), [""]);
        assert_eq!(bounded_pieces("短い", 10), ["短い"]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn markup(text: &str, level: Level) -> String {
        to_markup(&Annotator::default().annotate(text, level))
    }

    #[test]
    fn okurigana_and_whole_words() {
        assert_eq!(
            markup("ご飯を食べる", Level::All),
            "ご{飯|はん}を{食|た}べる"
        );
        assert_eq!(
            markup("見守りが大切", Level::All),
            "{見守|みまも}りが{大切|たいせつ}"
        );
        assert_eq!(markup("お問い合わせ", Level::All), "お{問|と}い{合|あ}わせ");
    }

    #[test]
    fn kata_and_hou() {
        assert_eq!(markup("家族の方", Level::All), "{家族|かぞく}の{方|かた}");
        assert_eq!(
            markup("来られた方は受付へ", Level::All),
            "{来|こ}られた{方|かた}は{受付|うけつけ}へ"
        );
        assert_eq!(
            markup("相談したい方は", Level::All),
            "{相談|そうだん}したい{方|かた}は"
        );
        assert_eq!(
            markup("こちらの方が早い", Level::All),
            "こちらの{方|ほう}が{早|はや}い"
        );
        assert_eq!(
            markup("休んだ方がいい", Level::All),
            "{休|やす}んだ{方|ほう}がいい"
        );
        assert_eq!(
            markup("設けない方が安全", Level::All),
            "{設|もう}けない{方|ほう}が{安全|あんぜん}"
        );
        assert_eq!(
            markup("相談したい方がいれば", Level::All),
            "{相談|そうだん}したい{方|かた}がいれば"
        );
        // A person: an honorific noun, a state, an age; a side: a size, a direction.
        let hou = |text: &str| {
            let m = markup(text, Level::All);
            m.contains("{方|ほう}")
                .then_some("ほう")
                .or(m.contains("{方|かた}").then_some("かた"))
        };
        assert_eq!(hou("市内にお住まいの方や"), Some("かた"));
        assert_eq!(hou("お困りの方はご相談ください"), Some("かた"));
        assert_eq!(hou("いま、とてもつらい方は"), Some("かた"));
        assert_eq!(hou("妊娠中の方"), Some("かた"));
        assert_eq!(
            hou("部屋の中の方に置く"),
            Some("ほう"),
            "inside, not during"
        );
        assert_eq!(hou("65歳以上の方"), Some("かた"));
        assert_eq!(hou("外国人の方の相談"), Some("かた"));
        assert_eq!(hou("性的マイノリティの方の相談窓口"), Some("かた"));
        assert_eq!(hou("大きい方を選ぶ"), Some("ほう"));
        assert_eq!(hou("物事を悪い方に考えてしまう"), Some("ほう"));
        assert_eq!(hou("お手洗いの方へ"), Some("ほう"));
        assert_eq!(hou("車いすでお越しの方は"), Some("かた"));
        // People with an illness or a disability, or named with their families.
        assert_eq!(hou("認知症の方とその家族を支える会"), Some("かた"));
        assert_eq!(hou("依存症の方の回復を支えます"), Some("かた"));
        assert_eq!(hou("障害の方も利用できます"), Some("かた"));
        assert_eq!(hou("病気の方への配慮"), Some("かた"));
        assert_eq!(hou("ひとり暮らしの方やご家族の相談"), Some("かた"));
        assert_eq!(hou("外出が難しい方には訪問します"), Some("かた"));
        assert_eq!(hou("目が悪い方へ"), Some("かた"));
        assert_eq!(hou("お子さん連れの方も歓迎します"), Some("かた"));
        assert_eq!(hou("悩んでいる方が多くいます"), Some("かた"));
        assert_eq!(hou("両日とも参加できる方が対象です"), Some("かた"));
        assert_eq!(hou("ひとり親家庭の方への支援"), Some("かた"));
        // …but a side picked, advice and a comparison stay ほう.
        assert_eq!(hou("値段が高い方を選ぶ"), Some("ほう"));
        assert_eq!(hou("早く相談する方がいいです"), Some("ほう"));
        assert_eq!(hou("早く寝た方がよくなる"), Some("ほう"));
        assert_eq!(hou("うつ病より依存症の方が多い"), Some("ほう"));
        assert_eq!(hou("右の方と左の方を比べる"), Some("ほう"));
    }

    #[test]
    fn numbers_with_counters() {
        assert_eq!(markup("一人で", Level::All), "{一人|ひとり}で");
        assert_eq!(markup("二人で", Level::All), "{二人|ふたり}で");
        assert_eq!(
            markup("四月一日から", Level::All),
            "{四月|しがつ}{一日|ついたち}から"
        );
        assert_eq!(
            markup("一日に三回", Level::All),
            "{一日|いちにち}に{三回|さんかい}"
        );
        assert_eq!(markup("二十日", Level::All), "{二十日|はつか}");
        assert_eq!(markup("コップ一杯", Level::All), "コップ{一杯|いっぱい}");
        assert_eq!(markup("一回だけ", Level::All), "{一回|いっかい}だけ");
        assert_eq!(markup("九時に", Level::All), "{九時|くじ}に");
        // Digits get no ruby; the counter is read for that number.
        assert_eq!(markup("3日間", Level::All), "3{日間|かかん}");
        assert_eq!(markup("1人で", Level::All), "1{人|り}で");
        assert_eq!(markup("2025", Level::All), "2025");
        assert_eq!(
            markup("34分の海域", Level::All),
            "34{分|ぷん}の{海域|かいいき}"
        );
        assert_eq!(markup("3分の1", Level::All), "3{分|ぶん}の1");
        // 〜分間 takes the sound change of 分.
        assert_eq!(
            markup("30分間休む", Level::All),
            "30{分間|ぷんかん}{休|やす}む"
        );
        assert_eq!(markup("5分間だけ", Level::All), "5{分間|ふんかん}だけ");
        assert_eq!(markup("三分間", Level::All), "{三分間|さんぷんかん}");
        // Full-width digits as ASCII ones, even where the dictionary has the whole as a word.
        assert_eq!(markup("４月から", Level::All), "４{月|がつ}から");
        assert_eq!(markup("１２月１日", Level::All), "１２{月|がつ}１{日|たち}");
        assert_eq!(
            markup("４月", Level::All),
            markup("4月", Level::All).replace('4', "４")
        );
        // はたち cannot be split over 20: after digits 歳 keeps さい; in kanji it is one word.
        assert_eq!(markup("20歳未満", Level::All), "20{歳|さい}{未満|みまん}");
        assert_eq!(markup("二十歳", Level::All), "{二十歳|はたち}");
    }

    #[test]
    fn unknown_words_keep_the_readable_kanji() {
        // 炻 has no reading in IPADIC or Unihan: it stays bare, 器 is still read.
        assert_eq!(markup("炻器は", Level::All), "炻{器|き}は");
        // IPADIC has no reading for 腟; Unihan gives one.
        assert_eq!(markup("腟炎", Level::All), "{腟炎|ちつえん}");
    }

    #[test]
    fn everyday_words_the_dictionary_splits_or_misranks() {
        // IPADIC reads 日中 as the countries 日 + 中; both senses are にっちゅう.
        assert_eq!(
            markup("日中の眠気", Level::All),
            "{日|にっ}{中|ちゅう}の{眠気|ねむけ}"
        );
        assert_eq!(markup("日米", Level::All), "{日|にち}{米|べい}");
        // Daytime, where the dictionary reads 日 as the common noun にち: the same doubling.
        assert_eq!(
            markup("日中に体を動かす", Level::All),
            "{日|にっ}{中|ちゅう}に{体|からだ}を{動|うご}かす"
        );
        assert_eq!(
            markup("夜中に目が覚める", Level::All),
            "{夜中|よなか}に{目|め}が{覚|さ}める"
        );
    }

    #[test]
    fn domain_words() {
        assert_eq!(markup("希死念慮", Level::All), "{希死念慮|きしねんりょ}");
        assert_eq!(markup("自死遺族", Level::All), "{自死遺族|じしいぞく}");
        assert_eq!(markup("ゲーム障害", Level::All), "ゲーム{障害|しょうがい}");
        // The era since 2019, on every municipal notice; IPADIC (2007) reads りょうわ.
        assert_eq!(
            markup("令和7年度", Level::All),
            "{令和|れいわ}7{年度|ねんど}"
        );
        assert_eq!(
            markup("公共職業安定所", Level::All),
            "{公共|こうきょう}{職業安定所|しょくぎょうあんていじょ}"
        );
    }

    #[test]
    fn lexicon_wins_over_the_dictionary() {
        let mut lex = Lexicon::new();
        lex.insert("白石", "しろいし");
        let a = Annotator::new(lex);
        assert_eq!(
            to_markup(&a.annotate("白石市の窓口", Level::All)),
            "{白石|しろいし}{市|し}の{窓口|まどぐち}"
        );
        assert_eq!(
            to_markup(&Annotator::default().annotate("白石", Level::All)),
            "{白石|しらいし}"
        );
    }

    #[test]
    fn grade_levels_annotate_only_the_kanji_not_yet_learned() {
        // (text, grade, per kanji, whole words). Grades: 思 2, 込 (not taught in primary
        // school), 質 5, 問 3, 登 3, 校 1, 学 1, 級 3, 本 1, 棚 —, 舞 —, 台 2, 昨 4, 日 1, 今 2,
        // 依 —, 存 6.
        let cases = [
            // Okurigana apart, each kanji on its own.
            ("思い込み", 3, "思い{込|こ}み", "{思|おも}い{込|こ}み"),
            // A Sino-Japanese compound splits over its kanji.
            ("質問", 3, "{質|しつ}問", "{質問|しつもん}"),
            ("登校", 2, "{登|とう}校", "{登校|とうこう}"),
            // 促音: 学 がく → がっ before 級.
            ("学級", 2, "学{級|きゅう}", "{学級|がっきゅう}"),
            // 連濁: 棚 たな → だな after 本.
            ("本棚", 3, "本{棚|だな}", "{本棚|ほんだな}"),
            // A kanji's second on-reading (台: だい, たい).
            ("舞台", 3, "{舞|ぶ}台", "{舞台|ぶたい}"),
            // 熟字訓: the reading does not split, the whole word keeps it.
            ("昨日", 3, "{昨日|きのう}", "{昨日|きのう}"),
            ("今日", 1, "{今日|きょう}", "{今日|きょう}"),
            // All unlearned: one group, as before; all learned: nothing.
            ("依存", 5, "{依存|いぞん}", "{依存|いぞん}"),
            ("依存", 6, "{依|い}存", "{依存|いぞん}"),
            ("学校", 1, "学校", "学校"),
        ];
        for (text, grade, per_kanji, words) in cases {
            assert_eq!(
                markup(text, Level::Grade(grade)),
                per_kanji,
                "{text} grade-{grade}"
            );
            assert_eq!(
                markup(text, Level::GradeWords(grade)),
                words,
                "{text} grade-{grade}-words"
            );
        }
    }

    #[test]
    fn readings_split_over_kanji_with_the_sound_changes_of_a_word() {
        let r = |c: char| match c {
            '発' => vec!["はつ"],
            '表' => vec!["ひょう"],
            '本' => vec!["ほん"],
            '箱' => vec!["はこ"],
            '日' => vec!["にち", "ひ"],
            _ => vec![],
        };
        let split = |b, reading| align::split_over_kanji(b, reading, r);
        assert_eq!(split("発表", "はっぴょう").unwrap(), ["はっ", "ぴょう"]);
        assert_eq!(split("本箱", "ほんばこ").unwrap(), ["ほん", "ばこ"]);
        assert_eq!(split("発表", "はつひょう").unwrap(), ["はつ", "ひょう"]);
        // No fit, or a kanji with no known reading: no split.
        assert_eq!(split("本日", "きょう"), None);
        assert_eq!(split("本家", "ほんけ"), None);
        // Doubling only before another kanji, voicing only after one.
        assert_eq!(split("発", "はっ"), None);
        assert_eq!(split("表", "ぴょう"), None);
    }

    #[test]
    fn grade_levels_pick_words() {
        // 相 and 談 are grade 3; 依存 has 依 (grade 8 = not taught in primary school).
        assert_eq!(markup("相談", Level::Grade(2)), "{相談|そうだん}");
        assert_eq!(markup("相談", Level::Grade(3)), "相談");
        assert_eq!(markup("学校に行く", Level::Grade(1)), "学校に{行|い}く");
        assert_eq!(markup("憂鬱", Level::Joyo), "憂鬱");
        assert_eq!(markup("鰯", Level::Joyo), "{鰯|いわし}");
        assert_eq!(markup("相談", Level::None), "相談");
    }

    #[test]
    fn the_text_is_never_changed() {
        for text in [
            "こころの健康{テスト}|です",
            "12月3日、3人が<b>参加</b>しました。",
            "ａｂｃ　全角",
            "",
        ] {
            let pieces = Annotator::default().annotate(text, Level::All);
            let plain: String = pieces
                .iter()
                .map(|p| match p {
                    Piece::Text(t) => t.as_str(),
                    Piece::Ruby { base, .. } => base.as_str(),
                })
                .collect();
            assert_eq!(plain, text);
        }
    }
}
