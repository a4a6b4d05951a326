//! やさしい日本語 (easy Japanese) for pages in the `easy` language: how long a sentence is (in
//! 拍, morae, from the analyser's readings), how many kanji it has, whether every kanji gets
//! furigana, and whether it says one thing. The rules about words (double negatives, passive and
//! causative forms, honorifics, loanwords, numbers, era dates) are in `easy_words.rs`, which
//! reads the sentences this file cuts.
//!
//! Sources: 「在留支援のためのやさしい日本語ガイドライン」 (出入国在留管理庁・文化庁, 2020) and the
//! guidelines of 弘前大学人文社会科学部社会言語学研究室 (増補版「やさしい日本語」作成のための
//! ガイドライン, 2013; カテゴリーⅡ, 2017); each rule's `--explain` names the one it follows.
//!
//! What is read: every block of running text (headings, paragraphs, list items, table cells)
//! as [`PageText`] keeps it — no code, no link addresses, no shortcodes (the questionnaire's
//! items are inside its shortcode, so they are never checked), and explicit ruby only as its
//! base.

use std::ops::Range;

use super::page::{Block, MARK, PageText};
use super::rule::{Family, Findings, Level, PageCtx, Rule, Run};
use crate::analyze::Page;
use crate::furigana::dictionary::{Token, tokenize};
use crate::furigana::{Annotator, Level as Furigana, kanji, numerals};
use crate::{msg, t};

pub(super) const RULES: &[Rule] = &[
    Rule {
        id: "easy-sentence-length",
        family: Family::EasyJapanese,
        level: Level::Warning,
        explain: || t!("explain.easy-sentence-length"),
        run: Run::Page(sentence_length),
    },
    Rule {
        id: "easy-kanji-count",
        family: Family::EasyJapanese,
        level: Level::Warning,
        explain: || t!("explain.easy-kanji-count"),
        run: Run::Page(kanji_count),
    },
    Rule {
        id: "easy-furigana",
        family: Family::EasyJapanese,
        level: Level::Warning,
        explain: || t!("explain.easy-furigana"),
        run: Run::Page(furigana_all),
    },
    Rule {
        id: "easy-one-idea",
        family: Family::EasyJapanese,
        level: Level::Warning,
        explain: || t!("explain.easy-one-idea"),
        run: Run::Page(one_idea),
    },
];

/// Whether `page` is written in やさしい日本語 (its language is `easy`: `signs.easy.md`).
pub(super) fn is_easy(page: &Page) -> bool {
    page.language == crate::language::EASY_JAPANESE
}

/// The longest sentence, in 拍: カテゴリーⅡ (everyday information) of 弘前大学's guidelines.
pub(super) const MAX_MORA: usize = 48;
/// The most kanji in a sentence: カテゴリーⅡ of 弘前大学's guidelines.
pub(super) const MAX_KANJI: usize = 13;
/// The most clauses in a sentence: one joined pair (「〜ので、〜てください」) is fine.
pub(super) const MAX_CLAUSES: usize = 2;

/// One sentence of a page: the block it is in and its byte range in the block's text.
pub(super) struct Sentence<'a> {
    /// The block.
    pub(super) block: &'a Block,
    /// Where it is in the block's text.
    pub(super) range: Range<usize>,
}

impl Sentence<'_> {
    /// Its text.
    pub(super) fn text(&self) -> &str {
        &self.block.text[self.range.clone()]
    }

    /// The body offset of byte `i` of the sentence.
    pub(super) fn body_offset(&self, i: usize) -> usize {
        self.block.source_offset(self.range.start + i)
    }

    /// The body offset of its first letter (after spaces).
    pub(super) fn start(&self) -> usize {
        let text = self.text();
        self.body_offset(text.len() - text.trim_start().len())
    }
}

/// The sentences of an easy page (none for a page in another language): each block cut after
/// 。！？!?, and what is left at its end.
pub(super) fn sentences<'a>(cx: &'a PageCtx<'_>) -> Vec<Sentence<'a>> {
    if !is_easy(cx.page) {
        return Vec::new();
    }
    sentences_of(cx.text)
}

fn sentences_of(text: &PageText) -> Vec<Sentence<'_>> {
    let mut out = Vec::new();
    for block in &text.blocks {
        for range in cut(&block.text) {
            out.push(Sentence { block, range });
        }
    }
    out
}

/// The byte ranges of the sentences of `text` that have a letter.
pub(super) fn cut(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let has_letter = |s: &str| s.chars().any(|c| c.is_alphanumeric() && c != MARK);
    for (i, c) in text.char_indices() {
        if matches!(c, '。' | '！' | '？' | '!' | '?') {
            let end = i + c.len_utf8();
            if has_letter(&text[start..end]) {
                out.push(start..end);
            }
            start = end;
        }
    }
    if has_letter(&text[start..]) {
        out.push(start..text.len());
    }
    out
}

/// The analyser's words of `text` (IPADIC via vibrato), each with its byte offset.
pub(super) fn tokens(text: &str) -> Vec<(usize, Token)> {
    let mut at = 0;
    let mut out = Vec::new();
    for t in tokenize(text) {
        // The tokens cover the text in order; find each from where the last ended, in case the
        // analyser skipped anything.
        let found = text[at..].find(&t.surface).map_or(at, |i| at + i);
        at = found + t.surface.len();
        out.push((found, t));
    }
    out
}

/// How many 拍 (morae) kana take: each kana is one, small ゃゅょぁぃぅぇぉゎ join the one before
/// (zero), っ, ん and ー are one each; letters and digits are one each (an undercount for
/// digits and Latin letters without a reading); other signs none.
pub(super) fn mora_of_kana(text: &str) -> usize {
    const SMALL: &str = "ゃゅょぁぃぅぇぉゎャュョァィゥェォヮ";
    text.chars()
        .filter(|c| !SMALL.contains(*c))
        .filter(|c| crate::kana::is_kana(*c) || (c.is_alphanumeric() && *c != MARK))
        .count()
}

/// How many 拍 a sentence takes read aloud: each word's reading (the analyser's, counters read
/// after their number), digits read as a plain number (2026 にせんにじゅうろく: the sound
/// changes of a counter do not change the count much), or its letters when it has none.
pub(super) fn mora(text: &str) -> usize {
    Annotator::new(Default::default())
        .words(text)
        .iter()
        .map(|w| match &w.reading {
            Some(r) => mora_of_kana(r),
            // Digits keep no reading (their counter has it): read the number plainly.
            None => numerals::value(&w.surface).map_or_else(
                || mora_of_kana(&w.surface),
                |n| mora_of_kana(&numerals::reading(n)),
            ),
        })
        .sum()
}

/// Kanji in `text` (々 counts: it stands for one).
pub(super) fn kanji_in(text: &str) -> usize {
    text.chars().filter(|c| kanji::is_kanji(*c)).count()
}

/// The clauses of a sentence: one, plus one for each place where a predicate is joined to the
/// next with a comma — a conjunctive particle (〜が、〜ので、〜から、〜て、〜けど、〜し、〜ば、
/// 〜ても、〜たり、) or a verb in its joining form (〜をし、). A heuristic: clauses joined without
/// a comma (〜てから〜) or by a relative clause are not seen.
pub(super) fn clauses(text: &str) -> usize {
    let toks = tokens(text);
    let mut n = 1;
    for (i, (_, t)) in toks.iter().enumerate() {
        let comma_next = toks[i + 1..]
            .iter()
            .find(|(_, n)| !n.surface.trim().is_empty())
            .is_some_and(|(_, n)| matches!(n.surface.as_str(), "、" | "，" | ","));
        if !comma_next {
            continue;
        }
        let joins = t.is("助詞", Some("接続助詞"))
            || (t.is("助詞", Some("並立助詞")) && t.surface == "たり")
            || (t.is("動詞", None) && t.pos[1] != "接尾" && t.base() != t.surface);
        if joins {
            n += 1;
        }
    }
    n
}

fn limits<'a>(cx: &PageCtx<'a>) -> &'a crate::config::EasyJapaneseLimits {
    &cx.site.config.check.easy_japanese
}

fn sentence_length(cx: &PageCtx<'_>, out: &mut Findings<'_>) {
    let limit = limits(cx).max_mora.unwrap_or(MAX_MORA);
    for s in sentences(cx) {
        let n = mora(s.text());
        if n > limit {
            out.at(
                s.start(),
                msg!(
                    "warning.check-easy-sentence-length",
                    mora = n,
                    limit = limit
                ),
            );
        }
    }
}

fn kanji_count(cx: &PageCtx<'_>, out: &mut Findings<'_>) {
    let limit = limits(cx).max_kanji.unwrap_or(MAX_KANJI);
    for s in sentences(cx) {
        let n = kanji_in(s.text());
        if n > limit {
            out.at(
                s.start(),
                msg!("warning.check-easy-kanji-count", count = n, limit = limit),
            );
        }
    }
}

fn one_idea(cx: &PageCtx<'_>, out: &mut Findings<'_>) {
    let limit = limits(cx).max_clauses.unwrap_or(MAX_CLAUSES);
    for s in sentences(cx) {
        let n = clauses(s.text());
        if n > limit {
            out.at(
                s.start(),
                msg!("warning.check-easy-one-idea", clauses = n, limit = limit),
            );
        }
    }
}

/// An easy page whose furigana is not `all` (its own setting, its section's or the site's).
fn furigana_all(cx: &PageCtx<'_>, out: &mut Findings<'_>) {
    if !is_easy(cx.page) {
        return;
    }
    let level = super::readability::furigana_of(cx);
    if level == Furigana::All {
        return;
    }
    let message = msg!("warning.check-easy-furigana", setting = level.to_string());
    let line = cx
        .page
        .source
        .lines()
        .take(cx.page.body_first_line)
        .position(|l| {
            l.trim_start()
                .strip_prefix("furigana")
                .is_some_and(|r| r.trim_start().starts_with('='))
        });
    match line {
        Some(n) if !cx.text.allows_page("easy-furigana") => out.file(
            crate::error::Location::at(&cx.page.path, n + 1, None),
            message,
        ),
        Some(_) => {}
        None => out.page(message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Three short paragraphs of good やさしい日本語, written after the guidelines' advice
    /// (〜てください, です/ます, 分かち書き, digits, the Western year): no easy rule may speak.
    const GOOD: &str = "\
こころが つかれた ときは、ひとりで なやまないで ください。
だれかに はなして ください。
ねむれない 日が 2週間 つづく ときは、びょういんに いきましょう。

そうだんは むりょうです。
でんわや メールで そうだん できます。
にほんごが わからない ときは、ゆっくり はなして ください。

2026年12月7日に 市役所で そうだんかいが あります。
午前10時から 午後3時までです。
1つだけ えらんで ください。
";

    /// The findings of every easy rule on a page `file` with `front` and `body`: (rule, line).
    fn easy_findings(file: &str, front: &str, body: &str) -> Vec<(&'static str, usize)> {
        let page = format!("+++\ntitle = \"ページ\"\ndescription = \"d\"\n{front}\n+++\n{body}");
        let dir = super::super::testing::project(&[(file, &page)]);
        let mut out = Vec::new();
        for rule in RULES.iter().chain(super::super::easy_words::RULES) {
            for (line, _) in super::super::testing::findings_in(rule, dir.path()) {
                out.push((rule.id, line));
            }
        }
        out
    }

    #[test]
    fn limits_and_loanwords_come_from_tsunagi_toml() {
        let config = "title = \"t\"\nbase_url = \"https://x.example.jp/{slug}/\"\n\
            [check.easy_japanese]\nmax_mora = 10\nmax_kanji = 1\nmax_clauses = 1\n\
            loanwords = [\"サポート\"]\n[languages.easy]\n";
        let page = "+++\ntitle = \"p\"\ndescription = \"d\"\nfurigana = \"all\"\n+++\n\
            サポートが あります。\nねむれないので、病院に いきます。\n";
        let dir = super::super::testing::project(&[
            ("tsunagi.toml", config),
            ("content/topic/page.easy.md", page),
        ]);
        let ids = |id: &str| {
            let rule = super::super::rule(id).unwrap();
            super::super::testing::findings_in(rule, dir.path())
                .into_iter()
                .map(|(line, _)| line)
                .collect::<Vec<_>>()
        };
        assert_eq!(ids("easy-loanword"), Vec::<usize>::new());
        assert_eq!(ids("easy-sentence-length"), [7]);
        assert_eq!(ids("easy-kanji-count"), [7]);
        assert_eq!(ids("easy-one-idea"), [7]);
    }

    #[test]
    fn good_easy_japanese_is_quiet() {
        let found = easy_findings("content/topic/page.easy.md", "furigana = \"all\"", GOOD);
        assert_eq!(found, []);
    }

    #[test]
    fn planted_problems_are_found_at_their_lines_on_easy_pages_only() {
        let body = "\
ねむれない 日が つづいたり、ごはんが おいしくなかったり、なにを しても たのしくなかったり する ときは、はやめに だれかに はなして みましょう。
精神保健福祉の相談窓口で専門職員に相談してください。
つかえない ことは ありません。
いしゃに いわれました。
ご相談ください。
サポートが あります。
三日 まって ください。
令和8年に かわりました。
";
        let mut found = easy_findings("content/topic/page.easy.md", "furigana = \"joyo\"", body);
        found.sort_unstable();
        let mut expected = vec![
            ("easy-furigana", 4),
            ("easy-sentence-length", 6),
            ("easy-one-idea", 6),
            ("easy-kanji-count", 7),
            ("easy-double-negative", 8),
            ("easy-passive-causative", 9),
            ("easy-honorific", 10),
            ("easy-loanword", 11),
            ("easy-number", 12),
            ("easy-era-date", 13),
        ];
        expected.sort_unstable();
        assert_eq!(found, expected);
        // The same text on a page in Japanese is not checked as やさしい日本語.
        assert_eq!(easy_findings("content/topic/page.md", "", body), []);
    }

    #[test]
    fn mora_counts_kana_small_kana_join_the_one_before() {
        for (text, n) in [
            ("やさしい", 4),
            ("にほんご", 4),
            ("きょう", 2),
            ("がっこう", 4),
            ("ちょっと", 3),
            ("コーヒー", 4),
            ("ファイル", 3),
            ("、。 ", 0),
        ] {
            assert_eq!(mora_of_kana(text), n, "{text}");
        }
    }

    #[test]
    fn a_sentence_is_read_through_the_analyser() {
        for (text, n) in [
            ("相談してください。", 10), // そうだんしてください
            ("日本語", 4),              // にほんご
            ("病院に 行きます。", 9),   // びょういんにいきます
            ("2026年12月7日です。", 0), // counted below
        ] {
            if n > 0 {
                assert_eq!(mora(text), n, "{text}");
            }
        }
        // にせんにじゅうろく ねん じゅうに がつ なな か です: 8 + 2 + 3 + 2 + 2 + 1 + 2 (7日 is
        // なのか, 3 拍, where the plain number and the counter make 3 too).
        assert_eq!(mora("2026年12月7日です。"), 20);
    }

    #[test]
    fn sentences_are_cut_after_their_end_marks() {
        let text = "ねむれますか。 はい！ つぎへ";
        let parts: Vec<&str> = cut(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(parts, ["ねむれますか。", " はい！", " つぎへ"]);
        assert!(cut("。\u{E000}。").is_empty());
    }

    #[test]
    fn kanji_are_counted_per_sentence() {
        assert_eq!(kanji_in("日本語で 相談できます。"), 5);
        assert_eq!(kanji_in("ひとりで なやまないで ください。"), 0);
    }

    #[test]
    fn clauses_are_predicates_joined_with_a_comma() {
        for (text, n) in [
            ("ゆっくり やすんで ください。", 1),
            ("つかれた ときは、やすんで ください。", 1),
            ("ねむれないので、びょういんに いきます。", 2),
            (
                "ねむれないので、びょういんに いきましたが、くすりは もらわないで、かえりました。",
                4,
            ),
            ("やくしょに いって、かみを 出し、まちます。", 3),
            ("2026年12月7日です。", 1),
        ] {
            assert_eq!(clauses(text), n, "{text}");
        }
    }
}
