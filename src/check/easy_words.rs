//! やさしい日本語: the words and forms an easy page avoids — double negatives, passive and
//! causative verb forms, honorific 尊敬語/謙譲語, katakana loanwords outside an allow-list,
//! numbers not written as half-width digits, and era dates without the Western year. Each
//! finding is at the word, in the sentences `easy.rs` cuts; each test is a pure function of one
//! sentence (`(offset, word)` pairs) with its table test below.

use super::easy::{Sentence, sentences, tokens};
use super::rule::{Family, Findings, Level, PageCtx, Rule, Run};
use crate::furigana::dictionary::Token;
use crate::messages::Message;
use crate::{msg, t};

pub(super) const RULES: &[Rule] = &[
    Rule {
        id: "easy-double-negative",
        family: Family::EasyJapanese,
        level: Level::Warning,
        explain: || t!("explain.easy-double-negative"),
        run: Run::Page(|cx, out| each(cx, out, double_negatives, double_negative_msg)),
    },
    Rule {
        id: "easy-passive-causative",
        family: Family::EasyJapanese,
        level: Level::Warning,
        explain: || t!("explain.easy-passive-causative"),
        run: Run::Page(|cx, out| each(cx, out, passive_causative, passive_msg)),
    },
    Rule {
        id: "easy-honorific",
        family: Family::EasyJapanese,
        level: Level::Warning,
        explain: || t!("explain.easy-honorific"),
        run: Run::Page(|cx, out| each(cx, out, honorifics, honorific_msg)),
    },
    Rule {
        id: "easy-loanword",
        family: Family::EasyJapanese,
        level: Level::Warning,
        explain: || t!("explain.easy-loanword"),
        run: Run::Page(loanword),
    },
    Rule {
        id: "easy-number",
        family: Family::EasyJapanese,
        level: Level::Warning,
        explain: || t!("explain.easy-number"),
        run: Run::Page(|cx, out| each(cx, out, numbers, number_msg)),
    },
    Rule {
        id: "easy-era-date",
        family: Family::EasyJapanese,
        level: Level::Warning,
        explain: || t!("explain.easy-era-date"),
        run: Run::Page(|cx, out| each(cx, out, era_dates, era_msg)),
    },
];

fn double_negative_msg(w: &str) -> Message {
    msg!("warning.check-easy-double-negative", phrase = w)
}
fn passive_msg(w: &str) -> Message {
    msg!("warning.check-easy-passive-causative", word = w)
}
fn honorific_msg(w: &str) -> Message {
    msg!("warning.check-easy-honorific", word = w)
}
fn number_msg(w: &str) -> Message {
    msg!("warning.check-easy-number", number = w)
}
fn era_msg(w: &str) -> Message {
    msg!("warning.check-easy-era-date", date = w)
}

/// Reports what `find` finds in each sentence of an easy page, at the word.
fn each(
    cx: &PageCtx<'_>,
    out: &mut Findings<'_>,
    find: fn(&str) -> Vec<(usize, String)>,
    message: fn(&str) -> Message,
) {
    for s in sentences(cx) {
        report(&s, find(s.text()), out, message);
    }
}

fn report(
    s: &Sentence<'_>,
    found: Vec<(usize, String)>,
    out: &mut Findings<'_>,
    message: fn(&str) -> Message,
) {
    for (at, word) in found {
        out.at(s.body_offset(at), message(&word));
    }
}

/// `text` without spaces (分かち書き), with the byte offset in `text` of each byte kept.
fn unspaced(text: &str) -> (String, Vec<usize>) {
    let mut s = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            continue;
        }
        for k in 0..c.len_utf8() {
            map.push(i + k);
        }
        s.push(c);
    }
    (s, map)
}

/// Double negatives, whatever the spaces between their words (ない ことは ない).
const DOUBLE_NEGATIVES: &[&str] = &[
    "ないことはない",
    "ないことはありません",
    "ないこともない",
    "ないこともありません",
    "なくはない",
    "なくはありません",
    "なくもない",
    "なくもありません",
    "ないわけではない",
    "ないわけではありません",
    "ないわけじゃない",
    "ない訳ではない",
    "ない訳ではありません",
    "ないでもない",
    "ないでもありません",
    "ないとはかぎらない",
    "ないとはかぎりません",
    "ないとは限らない",
    "ないとは限りません",
    "ざるをえない",
    "ざるをえません",
    "ざるを得ない",
    "ざるを得ません",
    "ずにはいられない",
    "ずにはいられません",
    "ないではいられない",
    "ないではいられません",
];

/// Each double negative of a sentence: where it starts, and the words as written.
pub(super) fn double_negatives(text: &str) -> Vec<(usize, String)> {
    let (flat, map) = unspaced(text);
    // A negation starts a word: the なく of すくなく (few) is not one.
    let starts: Vec<usize> = tokens(text).into_iter().map(|(at, _)| at).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < flat.len() {
        let longest = DOUBLE_NEGATIVES
            .iter()
            .filter(|p| flat[i..].starts_with(**p))
            .filter(|p| !p.starts_with('な') || starts.contains(&map[i]))
            .max_by_key(|p| p.len());
        match longest {
            Some(p) => {
                let (start, end) = (map[i], map[i + p.len() - 1] + 1);
                out.push((start, text[start..end].to_string()));
                i += p.len();
            }
            None => i += flat[i..].chars().next().map_or(1, char::len_utf8),
        }
    }
    out
}

/// Passive and causative verb forms: IPADIC's verb suffixes れる・られる (passive; also
/// potential and honorific, which easy Japanese avoids too) and せる・させる (causative), with
/// the verb they follow (される, 読まれる, させる).
pub(super) fn passive_causative(text: &str) -> Vec<(usize, String)> {
    let toks = tokens(text);
    let mut out = Vec::new();
    for (i, (at, t)) in toks.iter().enumerate() {
        if !(t.is("動詞", Some("接尾"))
            && matches!(t.base(), "れる" | "られる" | "せる" | "させる"))
        {
            continue;
        }
        let (start, stem) = match i.checked_sub(1).map(|j| &toks[j]) {
            Some((s, v)) if v.is("動詞", None) => (*s, v.surface.as_str()),
            _ => (*at, ""),
        };
        out.push((start, format!("{stem}{}", t.surface)));
    }
    out
}

/// Verbs that are honorific (尊敬語) or humble (謙譲語) by themselves, by dictionary form.
const HONORIFIC_VERBS: &[&str] = &[
    "いらっしゃる",
    "おっしゃる",
    "召し上がる",
    "召し上る",
    "めしあがる",
    "なさる",
    "申す",
    "もうす",
    "申し上げる",
    "もうしあげる",
    "参る",
    "まいる",
    "伺う",
    "うかがう",
    "いただく",
    "頂く",
    "存じる",
    "存ずる",
    "差し上げる",
    "さしあげる",
    "致す",
    "いたす",
    "ござる",
    "おる",
    "拝見",
];

/// Honorific and humble forms: the verbs above (and 〜ております, whose おり IPADIC reads as
/// 降りる); くださる except its request form ください (〜てください is what easy Japanese asks
/// for; くださいます is reported); and お/ご〜になる, お/ご〜ください, ご覧.
/// 「お願いします」 is left alone: it is the plain way to ask.
pub(super) fn honorifics(text: &str) -> Vec<(usize, String)> {
    let toks = tokens(text);
    let mut out = Vec::new();
    let mut skip_to = 0;
    for (i, (at, t)) in toks.iter().enumerate() {
        if i < skip_to {
            continue;
        }
        // 〜ております: IPADIC reads a hiragana おり as 降りる.
        let after_te = i >= 2
            && toks[..i]
                .iter()
                .rev()
                .find(|(_, p)| !p.surface.trim().is_empty())
                .is_some_and(|(_, p)| {
                    p.is("助詞", Some("接続助詞")) && matches!(p.surface.as_str(), "て" | "で")
                });
        let oru = after_te && matches!(t.surface.as_str(), "おり" | "おっ" | "おら" | "おる");
        if oru
            || ((t.is("動詞", None) || t.is("名詞", None)) && HONORIFIC_VERBS.contains(&t.base()))
            || (t.base() == "くださる"
                && (!matches!(t.surface.as_str(), "ください" | "下さい")
                    || toks.get(i + 1).is_some_and(|(_, n)| n.base() == "ます")))
            || t.surface == "ご覧"
        {
            out.push((*at, t.surface.clone()));
            continue;
        }
        // お/ご + a word + になる / ください.
        let is_prefix = t.is("接頭詞", None) && matches!(t.surface.as_str(), "お" | "ご" | "御");
        let (Some((_, word)), Some((_, next))) = (toks.get(i + 1), toks.get(i + 2)) else {
            continue;
        };
        if !is_prefix || word.base() == "願う" || word.surface == "願い" {
            continue;
        }
        let naru = next.surface == "に" && toks.get(i + 3).is_some_and(|(_, n)| n.base() == "なる");
        let kudasai = next.base() == "くださる";
        if naru || kudasai {
            let last = i + if naru { 3 } else { 2 };
            let end = toks[last].0 + toks[last].1.surface.len();
            out.push((*at, text[*at..end].to_string()));
            skip_to = last + 1;
        }
    }
    out
}

/// Katakana words allowed by default: the site's own subjects, for which the loanword is the
/// everyday word (ストレス, アルコール, ギャンブル, ゲーム), and the ways help is reached
/// (インターネット, メール, チャット, ホームページ, ページ, スマートフォン, スマホ, パソコン, テレビ).
pub(super) const LOANWORDS: &[&str] = &[
    "ストレス",
    "アルコール",
    "ギャンブル",
    "ゲーム",
    "インターネット",
    "メール",
    "チャット",
    "ホームページ",
    "ページ",
    "スマートフォン",
    "スマホ",
    "パソコン",
    "テレビ",
];

fn loanword(cx: &PageCtx<'_>, out: &mut Findings<'_>) {
    let extra = &cx.site.config.check.easy_japanese.loanwords;
    for s in sentences(cx) {
        let found = loanwords(s.text(), |w| {
            LOANWORDS.contains(&w) || extra.iter().any(|e| e == w)
        });
        for (at, word) in found {
            out.at(
                s.body_offset(at),
                msg!("warning.check-easy-loanword", word = word),
            );
        }
    }
}

/// Katakana words (two letters or more, cut at ・) that `allowed` does not allow and that are not
/// names (IPADIC's 固有名詞: countries, places, people).
pub(super) fn loanwords(text: &str, allowed: impl Fn(&str) -> bool) -> Vec<(usize, String)> {
    let toks = tokens(text);
    let is_name = |start: usize, end: usize| {
        toks.iter().any(|(at, t)| {
            *at <= start && at + t.surface.len() >= end && t.is("名詞", Some("固有名詞"))
        })
    };
    let mut out = Vec::new();
    let mut run: Option<usize> = None;
    let close = |start: usize, end: usize, out: &mut Vec<(usize, String)>| {
        let word = &text[start..end];
        let letters = word
            .chars()
            .filter(|c| crate::kana::is_katakana(*c))
            .count();
        if letters >= 2 && !allowed(word) && !is_name(start, end) {
            out.push((start, word.to_string()));
        }
    };
    for (i, c) in text.char_indices() {
        let in_word = crate::kana::is_katakana(c) || c == 'ー';
        match (in_word, run) {
            (true, None) => run = Some(i),
            (false, Some(start)) => {
                close(start, i, &mut out);
                run = None;
            }
            _ => {}
        }
    }
    if let Some(start) = run {
        close(start, text.len(), &mut out);
    }
    out
}

/// A numeral and a counter that are a word more than a count: 一人 (alone: ひとりで) and 一度
/// (once, ever: いちど). 二人, 三日 and the rest are counts.
const WORDS_WITH_ONE: &[&str] = &["一人", "一度"];

/// Numbers not written as half-width digits: full-width digits (１２), and kanji numerals
/// counting something (三日, 五回, 二人: a number token followed by a counter; 一つ…九つ).
/// Words with a numeral in them (一緒, 一番, 一般 as the dictionary's words; 一人, 一度 by the
/// list above) are words, not numbers, and are left alone.
pub(super) fn numbers(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut run: Option<usize> = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (('０'..='９').contains(&c), run) {
            (true, None) => run = Some(i),
            (false, Some(start)) => {
                out.push((start, text[start..i].to_string()));
                run = None;
            }
            _ => {}
        }
    }
    let toks = tokens(text);
    let numeral = |t: &Token| {
        t.is("名詞", Some("数"))
            && t.surface
                .chars()
                .all(|c| "〇一二三四五六七八九十百千万億".contains(c))
    };
    let mut i = 0;
    while i < toks.len() {
        let (at, t) = &toks[i];
        // 一つ … 九つ are one word for IPADIC.
        let tsu = t.surface.chars().count() == 2
            && t.surface.ends_with('つ')
            && t.surface
                .starts_with(|c: char| "一二三四五六七八九".contains(c));
        if tsu {
            out.push((*at, t.surface.clone()));
        }
        // A number may be several tokens (二 十 歳).
        let mut k = i;
        while k < toks.len() && numeral(&toks[k].1) {
            k += 1;
        }
        if k == i {
            i += 1;
            continue;
        }
        let counted = toks.get(k).is_some_and(|(_, n)| {
            (n.pos[1] == "接尾" && n.pos[2] == "助数詞") || n.surface == "つ"
        });
        if counted {
            let end = toks[k].0 + toks[k].1.surface.len();
            let word = &text[*at..end];
            if !WORDS_WITH_ONE.contains(&word) {
                out.push((*at, word.to_string()));
            }
        }
        i = k;
    }
    out.sort();
    out
}

/// The eras a date may be written in.
const ERAS: &[&str] = &["令和", "平成", "昭和", "大正", "明治"];

/// Years written with an era (令和8年, 平成 元年) in a sentence that has no Western year
/// (a number of four digits before 年).
pub(super) fn era_dates(text: &str) -> Vec<(usize, String)> {
    let year_at = |i: usize| {
        let rest = &text[i..];
        let digits: String = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
            .collect();
        digits.chars().count() == 4 && rest[digits.len()..].trim_start().starts_with('年')
    };
    let western = text
        .char_indices()
        .any(|(i, _)| year_at(i) && !text[..i].ends_with(|c: char| c.is_ascii_digit()));
    if western {
        return Vec::new();
    }
    let mut out = Vec::new();
    for era in ERAS {
        for (i, _) in text.match_indices(era) {
            let rest = &text[i + era.len()..];
            let number: String = rest
                .chars()
                .take_while(|c| {
                    c.is_whitespace()
                        || c.is_ascii_digit()
                        || ('０'..='９').contains(c)
                        || "元〇一二三四五六七八九十".contains(*c)
                })
                .collect();
            let after = &rest[number.len()..];
            if !number.trim().is_empty() && after.starts_with('年') {
                let end = i + era.len() + number.len() + '年'.len_utf8();
                out.push((i, text[i..end].to_string()));
            }
        }
    }
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(found: Vec<(usize, String)>) -> Vec<String> {
        found.into_iter().map(|(_, w)| w).collect()
    }

    #[test]
    fn double_negatives_are_found_across_spaces() {
        for (text, found) in [
            ("つかえない ことは ない。", vec!["ない ことは ない"]),
            ("いけなくは ありません。", vec!["なくは ありません"]),
            ("わからないわけではない。", vec!["ないわけではない"]),
            ("やめざるを得ません。", vec!["ざるを得ません"]),
            ("ないとは限らない。", vec!["ないとは限らない"]),
            ("ひとりで なやまないで ください。", vec![]),
            ("ねむれない ことが あります。", vec![]),
            ("びょういんに いかなければ なりません。", vec![]),
            ("人は 少なくは ないです。", vec![]),
            ("おかねが ない ことは ない。", vec!["ない ことは ない"]),
        ] {
            assert_eq!(words(double_negatives(text)), found, "{text}");
        }
        // Where it starts, in bytes of the sentence.
        let text = "つかえない ことは ない。";
        assert_eq!(double_negatives(text)[0].0, text.find("ない").unwrap());
    }

    #[test]
    fn passive_and_causative_forms_are_found_with_their_verb() {
        for (text, found) in [
            ("しらせを だされました。", vec!["だされ"]),
            ("いしゃに いわれました。", vec!["いわれ"]),
            ("こどもに かたづけを させます。", vec!["させ"]),
            ("ほんを 読ませます。", vec!["読ませ"]),
            ("そうだんして ください。", vec![]),
            ("お知らせです。", vec![]),
            ("みせて ください。", vec![]),
            ("ねむれない ことが あります。", vec![]),
        ] {
            assert_eq!(words(passive_causative(text)), found, "{text}");
        }
    }

    #[test]
    fn honorifics_are_found_and_te_kudasai_is_not() {
        for (text, found) in [
            ("先生が いらっしゃいます。", vec!["いらっしゃい"]),
            ("おっしゃって ください。", vec!["おっしゃっ"]),
            ("ご覧ください。", vec!["ご覧"]),
            ("お読みになります。", vec!["お読みになり"]),
            ("ご相談ください。", vec!["ご相談ください"]),
            ("電話を いただきました。", vec!["いただき"]),
            ("わたしが 伺います。", vec!["伺い"]),
            ("ここで 待って おります。", vec!["おり"]),
            ("教えて くださいました。", vec!["ください"]),
            ("でんわを して ください。", vec![]),
            ("よろしく お願いします。", vec![]),
            ("みずを ください。", vec![]),
            ("おかねが かかりません。", vec![]),
        ] {
            assert_eq!(words(honorifics(text)), found, "{text}");
        }
    }

    #[test]
    fn katakana_words_outside_the_list_are_loanwords_names_are_not() {
        let allowed = |w: &str| LOANWORDS.contains(&w);
        for (text, found) in [
            ("メンタルヘルスが たいせつです。", vec!["メンタルヘルス"]),
            ("ストレスが あります。", vec![]),
            ("メールで そうだん できます。", vec![]),
            ("ベトナムから きました。", vec![]),
            ("サポートを うけます。", vec!["サポート"]),
            ("ひらがなだけの ぶんです。", vec![]),
        ] {
            assert_eq!(words(loanwords(text, allowed)), found, "{text}");
        }
    }

    #[test]
    fn numbers_want_half_width_digits() {
        for (text, found) in [
            ("１２がつ です。", vec!["１２"]),
            ("三日 まって ください。", vec!["三日"]),
            ("一つ えらんで ください。", vec!["一つ"]),
            ("五回 あります。", vec!["五回"]),
            ("1つ えらんで ください。", vec![]),
            ("2026年12月7日です。", vec![]),
            ("一人で なやまないで ください。", vec![]),
            ("二人で きて ください。", vec!["二人"]),
            ("いっしょに 一緒に いきましょう。", vec![]),
            ("一番 たいせつです。", vec![]),
            ("十分に やすんで ください。", vec![]),
            ("一度 そうだんして ください。", vec![]),
            ("一日中 ねむいです。", vec!["一日"]), // 1日中
            ("一生懸命 はたらきます。", vec![]),
            ("二度と しません。", vec![]),
            ("一部の ひとです。", vec![]),
            ("一方で、たいへんです。", vec![]),
            ("一人暮らしの ひとです。", vec![]),
            ("3か月 まちます。", vec![]),
            ("二十歳に なりました。", vec!["二十歳"]),
        ] {
            assert_eq!(words(numbers(text)), found, "{text}");
        }
    }

    #[test]
    fn era_years_need_the_western_year() {
        for (text, found) in [
            ("令和8年に かわりました。", vec!["令和8年"]),
            ("平成 元年に うまれました。", vec!["平成 元年"]),
            ("2026年（令和8年）です。", vec![]),
            ("令和8年（2026年）です。", vec![]),
            ("2026年12月7日です。", vec![]),
            ("令和の じだいです。", vec![]),
        ] {
            assert_eq!(words(era_dates(text)), found, "{text}");
        }
    }
}
