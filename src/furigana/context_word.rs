//! Words whose reading depends on the words around them: 〜語 ご, 夜中 よなか, 国 after a province
//! くに, a weekday in brackets（水）すい, 後 あと or のち, 便 べん, 値 あたい, a number that doubles the
//! next consonant (一級 いっきゅう)…
//!
//! `RULES` lists them in the order they are tried, each with the words it applies to: most are
//! one reading under one condition (`Decide::When`); the rest decide with a function of their
//! own (`Decide::By`). The first rule that gives a reading wins.

use super::around::Around;
use super::dictionary::Token;
use super::rules::{is_kanji_noun, is_katakana_noun, is_province, looks_sino};

/// How a rule decides a word's reading.
#[derive(Clone, Copy)]
enum Decide {
    /// This reading when the condition holds.
    When(fn(&Around) -> bool, &'static str),
    /// The function's reading, when it gives one.
    By(fn(&Around) -> Option<&'static str>),
}

use Decide::{By, When};

/// The days of the week as abbreviated in brackets, with 祝 for a public holiday.
const WEEKDAYS: &[&str] = &["月", "火", "水", "木", "金", "土", "日", "祝"];

/// The rules, in the order they are tried: the words each applies to, and how it decides.
const RULES: &[(&[&str], Decide)] = &[
    // IPADIC ranks the literary かたり first; the modern word is ご (この語の意味).
    (&["語"], When(|a| a.word().is("名詞", Some("一般")), "ご")),
    // 12月10日（水）, （土・日）, （月・祝）: a day of the week, abbreviated in brackets.
    (WEEKDAYS, By(weekday)),
    // IPADIC ranks the rare やちゅう first; the everyday word is よなか.
    (&["夜中"], When(|_| true, "よなか")),
    // 同一言語, 同一世帯: IPADIC splits off the prefix 同 and reads 一 as the number いち.
    (&["一"], When(after_the_prefix_dou, "いつ")),
    // 安芸国, 越後国: an old province + 国 reads 〜のくに (the の goes with the province name,
    // see `rules::province`).
    (&["国"], When(|a| a.prev().is_some_and(is_province), "くに")),
    // フランク人, イギリス人: a people or nationality after a name (じん).
    (&["人"], When(people_of_a_name, "じん")),
    // 南北朝, スチュアート朝: a dynasty after a name (ちょう).
    (&["朝"], When(dynasty_of_a_name, "ちょう")),
    // ノルマンディー公 (duke), ロートリンゲン家 (house), イネ目 (order): after a name in katakana.
    (&["公"], When(after_a_katakana_name, "こう")),
    (&["家"], When(after_a_katakana_name, "け")),
    (&["目"], When(after_a_katakana_name, "もく")),
    // ○年○月○日: ○ stands for a digit.
    (&["年"], When(after_a_digit_placeholder, "ねん")),
    // 年に2回, 年1回, 年に一度: per year (ねん), not the year itself (とし).
    (&["年"], When(per_year, "ねん")),
    // 申込み, 申出: the okurigana-less 申 is もうし (IPADIC's cheapest 申 is the zodiac さる).
    (
        &["申"],
        When(|a| a.surface(1).starts_with(['込', '出', '入']), "もうし"),
    ),
    (&["月"], When(after_a_digit_placeholder, "がつ")),
    (&["日"], When(after_a_digit_placeholder, "にち")),
    // 両島, 全島, 各島: 島 after a one-kanji prefix is とう.
    (
        &["島"],
        When(
            |a| matches!(a.surface(-1), "両" | "全" | "各" | "同" | "諸"),
            "とう",
        ),
    ),
    // 条件の下で, 主権の下に: under an abstract (Sino-Japanese) noun, 下 is もと; 机の下 stays した.
    (&["下"], When(under_an_abstract_noun, "もと")),
    // The country: IPADIC ranks にっぽん first; にほん is the usual modern reading (names that
    // are officially にっぽん, like 健康日本21, are in the domain lexicon).
    (
        &["日本"],
        When(|a| a.word().is("名詞", Some("固有名詞")), "にほん"),
    ),
    // XとYの間 → あいだ.
    (&["間"], When(|a| a.surface(-1) == "の", "あいだ")),
    // 経た後で → あと; 後に (later) → のち.
    (
        &["後"],
        When(|a| matches!(a.surface(-1), "た" | "だ"), "あと"),
    ),
    // 災害の後は, 食事の後に: after an event (あと); その後 is a word of its own.
    (
        &["後"],
        When(
            |a| a.surface(-1) == "の" && a.word().is("名詞", None),
            "あと",
        ),
    ),
    (&["後"], When(later, "のち")),
    // 他に・他の → ほか, but その他 → そのた.
    (&["他"], When(other_than, "ほか")),
    // 株式会社, 保険会社: rendaku after a noun.
    (&["会社"], When(company_after_a_noun, "がいしゃ")),
    (&["便"], By(ben)),
    (&["値"], By(atai)),
    // 大勢の人, 大勢で, 大勢いる: many people (おおぜい); 大勢に影響はない, 大勢を占める: the
    // general trend (たいせい).
    (&["大勢"], When(many_people, "おおぜい")),
    // 主とする・主として (しゅ); 主に stays おもに.
    (&["主"], When(|a| a.surface(1) == "と", "しゅ")),
    (&["所"], When(jo_after_a_verbal_noun, "じょ")),
    (&["一", "六", "八", "十", "百"], By(doubled_number)),
];

/// Words whose reading depends on the words around them: the first of `RULES` for the word
/// that gives a reading.
pub fn context_word(tokens: &[Token], i: usize) -> Option<&'static str> {
    let at = Around::new(tokens, i);
    let word = at.word().surface.as_str();
    RULES
        .iter()
        .filter(|(words, _)| words.contains(&word))
        .find_map(|(_, decide)| match decide {
            When(holds, reading) => holds(&at).then_some(*reading),
            By(rule) => rule(&at),
        })
}

/// A day of the week abbreviated in brackets or in a list of days (12月10日（水）, 月・水・金):
/// its Sino-Japanese reading.
fn weekday(at: &Around) -> Option<&'static str> {
    let beside = matches!(at.surface(-1), "（" | "(" | "・" | "〜" | "～")
        || matches!(at.surface(1), "）" | ")" | "・" | "〜" | "～");
    if !beside || !weekday_brackets(at.tokens(), at.index()) {
        return None;
    }
    Some(match at.word().surface.as_str() {
        "月" => "げつ",
        "火" => "か",
        "水" => "すい",
        "木" => "もく",
        "金" => "きん",
        "土" => "ど",
        "日" => "にち",
        _ => "しゅく",
    })
}

/// Whether token `i` is in a bracket that holds only days of the week (（水）, （月・祝）) or in a
/// list of them (月・水・金).
fn weekday_brackets(tokens: &[Token], i: usize) -> bool {
    let is_day = |t: &Token| {
        matches!(
            t.surface.as_str(),
            "月" | "火" | "水" | "木" | "金" | "土" | "日" | "祝" | "・" | "〜" | "～"
        ) || t.surface.ends_with("曜日")
    };
    let separator = |t: &Token| matches!(t.surface.as_str(), "・" | "〜" | "～");
    let open = tokens[..i].iter().rposition(|t| !is_day(t));
    let close = tokens[i..]
        .iter()
        .position(|t| !is_day(t))
        .map_or(tokens.len(), |k| i + k);
    let run = &tokens[open.map_or(0, |o| o + 1)..close];
    let days = run.iter().filter(|t| !separator(t)).count();
    let bracketed = open.is_some_and(|o| matches!(tokens[o].surface.as_str(), "（" | "("))
        && tokens
            .get(close)
            .is_some_and(|c| matches!(c.surface.as_str(), "）" | ")"));
    bracketed || (days >= 2 && days < run.len())
}

/// After the prefix 同 (同一世帯: IPADIC splits it off).
fn after_the_prefix_dou(at: &Around) -> bool {
    at.surface(-1) == "同" && at.prev().is_some_and(|p| p.is("接頭詞", None))
}

/// A suffix after a place name or a name in katakana: a people or a nationality.
fn people_of_a_name(at: &Around) -> bool {
    at.prev().is_some_and(|p| {
        (p.is("名詞", Some("固有名詞")) && matches!(p.pos[2], "地域" | "一般"))
            || (p.is("名詞", None)
                && !p.surface.is_empty()
                && p.surface.chars().all(crate::kana::is_katakana_word_char))
    }) && at.word().is("名詞", Some("接尾"))
}

/// After a noun that is neither a number nor an adverb-like noun (南北朝, not 毎朝).
fn dynasty_of_a_name(at: &Around) -> bool {
    at.prev().is_some_and(|p| {
        p.is("名詞", None) && !p.is("名詞", Some("数")) && !p.is("名詞", Some("副詞可能"))
    })
}

/// After a noun written in katakana (a foreign name).
fn after_a_katakana_name(at: &Around) -> bool {
    at.prev().is_some_and(is_katakana_noun)
}

/// After ○ or ◯, which stand for a digit (○年○月○日).
fn after_a_digit_placeholder(at: &Around) -> bool {
    matches!(at.surface(-1), "○" | "◯")
}

/// 年 as a noun not after a number, with a number after it or after its に (年に2回, 年1回).
fn per_year(at: &Around) -> bool {
    at.word().is("名詞", None)
        && !at.prev().is_some_and(|p| p.is("名詞", Some("数")))
        && at
            .at(if at.surface(1) == "に" { 2 } else { 1 })
            .is_some_and(|n| n.is("名詞", Some("数")))
}

/// 「Xの下で／に」 where X is a Sino-Japanese word of two kanji or more.
fn under_an_abstract_noun(at: &Around) -> bool {
    at.surface(-1) == "の"
        && matches!(at.surface(1), "で" | "に" | "では" | "には")
        && at
            .at(-2)
            .is_some_and(|p| p.surface.chars().count() >= 2 && looks_sino(p))
}

/// 後に at the start of a sentence or clause: later.
fn later(at: &Around) -> bool {
    at.surface(1) == "に"
        && (at.surface(-1).is_empty() || matches!(at.surface(-1), "、" | "は" | "が" | "。" | "も"))
}

/// 他 before に, の, は, にも or を, unless it is その他.
fn other_than(at: &Around) -> bool {
    at.surface(-1) != "その" && matches!(at.surface(1), "に" | "の" | "は" | "にも" | "を")
}

/// After a noun that is not a number or written in ASCII.
fn company_after_a_noun(at: &Around) -> bool {
    at.prev()
        .is_some_and(|p| p.is("名詞", None) && !p.is("名詞", Some("数")) && !p.surface.is_ascii())
}

/// 便 on its own is convenience or stool (交通の便, 便の色, 便が出る: べん); a flight or a
/// delivery (びん) is named by when it goes (次の便, 午後の便) or how it is taken (便で送る).
fn ben(at: &Around) -> Option<&'static str> {
    if !at.word().is("名詞", None) || at.prev().is_some_and(|p| p.is("名詞", None)) {
        return None;
    }
    let prev = at.surface(-1);
    let timed = prev == "の"
        && [
            "次", "前", "後", "朝", "昼", "夜", "夕方", "午前", "午後", "最終", "始発", "帰り",
            "行き", "同じ", "別", "臨時", "定期",
        ]
        .contains(&at.surface(-2));
    let taken = at.surface(1) == "で"
        || (at.surface(1) == "に"
            && at
                .at(2)
                .is_some_and(|n| n.base().starts_with("乗") || n.base().starts_with("間に合")));
    (!timed && !taken && !matches!(prev, "同じ" | "別")).then_some("べん")
}

/// 値 on its own is a value (血圧の値, 値を求める: あたい); a price is usually 値段, and 値上がり,
/// 値下げ are words of their own. The exceptions: 値が上がる, 値を付ける.
fn atai(at: &Around) -> Option<&'static str> {
    if !at.word().is("名詞", None) || at.prev().is_some_and(|p| p.is("名詞", None)) {
        return None;
    }
    let priced = matches!(at.surface(1), "が" | "を" | "も")
        && at.at(2).is_some_and(|n| {
            ["上が", "下が", "付", "つ", "張", "下げ", "上げ", "崩"]
                .iter()
                .any(|v| n.base().starts_with(v))
        });
    (!priced).then_some("あたい")
}

/// 大勢 before の, で or a form of いる: many people.
fn many_people(at: &Around) -> bool {
    matches!(
        at.surface(1),
        "の" | "で" | "いる" | "い" | "いた" | "います"
    )
}

/// 試験所, 相談所, 取引所: じょ after a verbal noun (but 裁判所, 発電所, 営業所 しょ).
fn jo_after_a_verbal_noun(at: &Around) -> bool {
    at.prev().is_some_and(|p| p.is("名詞", Some("サ変接続")))
        && !matches!(
            at.surface(-1),
            "裁判" | "発電" | "変電" | "配電" | "登記" | "営業" | "駐在" | "保育" | "検疫"
        )
}

/// A number before a k/s/t/p sound in a compound doubles the consonant: 一級 いっきゅう,
/// 八正道 はっしょうどう, 十進 じゅっしん, 十六国 じゅうろっこく (but 第一 stays いち). Only when
/// the number binds to a one-kanji word (一級, 第一審); before a whole word it keeps its full
/// reading (一地域 いちちいき, 第一継承者).
fn doubled_number(at: &Around) -> Option<&'static str> {
    let t = at.word();
    if !t.is("名詞", Some("数")) {
        return None;
    }
    let n = at.next()?;
    let first = n.reading.as_deref()?.chars().next()?;
    let k_row = "かきくけこ".contains(first);
    let sibilant_or_t = "さしすせそたちつてと".contains(first);
    let p_row = "ぱぴぷぺぽ".contains(first);
    if !is_kanji_noun(n) || n.is("名詞", Some("数")) || n.surface.chars().count() != 1 {
        return None;
    }
    match t.surface.as_str() {
        "一" if k_row || sibilant_or_t || p_row => Some("いっ"),
        "八" if k_row || sibilant_or_t || p_row => Some("はっ"),
        "十" if k_row || sibilant_or_t || p_row => Some("じゅっ"),
        "六" if k_row || p_row => Some("ろっ"),
        "百" if k_row || p_row => Some("ひゃっ"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::furigana::dictionary::tokenize;

    /// (sentence, word, the reading the rules give its first occurrence, or `None`)
    const CASES: &[(&str, &str, Option<&str>)] = &[
        ("この語の意味", "語", Some("ご")),
        ("東京と大阪の間にある", "間", Some("あいだ")),
        ("会議を経た後で決める", "後", Some("あと")),
        ("災害の後は眠れないことがある", "後", Some("あと")),
        ("12月10日（水）まで", "水", Some("すい")),
        ("3日（月・祝）", "月", Some("げつ")),
        ("月・水・金に開所", "月", Some("げつ")),
        ("月・水・金に開所", "金", Some("きん")),
        ("水・木曜日は休み", "水", Some("すい")),
        ("月に一度", "月", None),
        ("受付：月〜金 8:30〜17:15", "金", Some("きん")),
        ("受付：月〜金 8:30〜17:15", "月", Some("げつ")),
        ("（土・日）は休み", "土", Some("ど")),
        ("（水）", "水", Some("すい")),
        ("（水と油）", "水", None), // not a weekday list
        ("他にも方法がある", "他", Some("ほか")),
        ("その他の窓口", "他", None),
        ("南北朝時代", "朝", Some("ちょう")),
        ("日本の文化", "日本", Some("にほん")),
        ("ハプスブルク家の君主", "家", Some("け")),
        ("○年○月○日", "月", Some("がつ")),
        ("越後国の古志郡", "国", Some("くに")),
        ("条件の下で測定する", "下", Some("もと")),
        ("机の下に置く", "下", None),
        ("保険会社に勤める", "会社", Some("がいしゃ")),
        ("子育て相談所", "所", Some("じょ")),
        ("商品取引所", "所", Some("じょ")),
        ("家庭裁判所", "所", None),
        ("市内の営業所", "所", None),
        ("便の色や形を見る", "便", Some("べん")),
        ("交通の便がよい", "便", Some("べん")),
        ("次の便で帰る", "便", None), // a flight
        ("血圧の値が高い", "値", Some("あたい")),
        ("野菜の値が上がる", "値", None), // a price
        ("データ値の範囲", "値", None),   // inside a compound
        ("大勢の人の前で話す", "大勢", Some("おおぜい")),
        ("大勢に影響はない", "大勢", None),
        ("申込みは電話で", "申", Some("もうし")),
        ("講座を年に2回開く", "年", Some("ねん")),
        ("健診は年1回です", "年", Some("ねん")),
        ("年の瀬", "年", None),
        // IPADIC splits 同一世帯 into the prefix 同 and the number 一.
        ("同一世帯の家族", "一", Some("いつ")),
        ("一世帯", "一", None), // a number
    ];

    #[test]
    fn context_words() {
        let wrong: Vec<String> = CASES
            .iter()
            .filter_map(|(sentence, word, want)| {
                let tokens = tokenize(sentence);
                let got = tokens
                    .iter()
                    .position(|t| t.surface == *word)
                    .and_then(|i| context_word(&tokens, i));
                (got != *want).then(|| format!("{word} in {sentence}: {got:?}, not {want:?}"))
            })
            .collect();
        assert!(wrong.is_empty(), "{wrong:#?}");
    }
}
