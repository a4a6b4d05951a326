//! 方 as a person (かた: 家族の方, 相談したい方) or as a side or a direction (ほう: 休んだ方がいい,
//! こちらの方, 大きい方を選ぶ). The words after 方 are read first (people who are there, people
//! named with their families; a comparison or advice), then the word before it (a demonstrative,
//! a verb, an adjective of a person's state, a noun with の).

use super::around::Around;
use super::dictionary::Token;

/// Nouns after which 「〜の方」 means a person (かた): 家族の方, 利用者の方, ご本人の方.
const PERSON_NOUNS: &[&str] = &[
    "家族",
    "本人",
    "当事者",
    "遺族",
    "保護者",
    "関係",
    "地域",
    "住民",
    "市民",
    "町民",
    "村民",
    "区民",
    "県民",
    "一般",
    "高齢",
    "外国",
    "女性",
    "男性",
    "子ども",
    "子供",
    "妊婦",
    "若者",
    "学生",
    "生徒",
    "児童",
    "職員",
    "担当",
    "ご家族",
    "家庭",
    "世帯",
    "相手",
    // Notices: 市内在住・在勤・在学の方, 対象の方, 該当の方, 希望の方.
    "在住",
    "在勤",
    "在学",
    "在籍",
    "対象",
    "該当",
    "希望",
];

/// Adjectives that describe a person's state, after which 方 is a person (つらい方は, 若い方,
/// 耳の遠い方); other adjectives usually pick a side (大きい方を選ぶ).
const PERSON_ADJECTIVES: &[&str] = &[
    "つらい",
    "辛い",
    "苦しい",
    "悲しい",
    "寂しい",
    "さびしい",
    "さみしい",
    "若い",
    "詳しい",
    "親しい",
    "忙しい",
    "貧しい",
    "心細い",
    "しんどい",
    "きつい",
];

/// Words that, after 「方が／方は」, make 方 a comparison (ほう): 休んだ方がいい.
const COMPARISON: &[&str] = &[
    "いい",
    "よい",
    "良い",
    "よく",
    "良く",
    "まし",
    "多い",
    "少ない",
    "大きい",
    "小さい",
    "高い",
    "低い",
    "早い",
    "速い",
    "楽",
    "得",
    "安全",
    "確実",
    "望ましい",
    "有利",
    "不利",
    "上",
    "下",
    "先",
    "強い",
    "弱い",
    "長い",
    "短い",
    "勝る",
    "優れ",
    "無難",
    "賢明",
];

/// Demonstratives after which 方 is a direction or a side: この方, こちらの方.
const DEMONSTRATIVES: &[&str] = &[
    "こちら",
    "そちら",
    "あちら",
    "どちら",
    "この",
    "その",
    "あの",
    "どの",
    "こっち",
    "そっち",
    "あっち",
];

/// Nouns ending in these name a person or a group of people (利用者, 職員, 家族, 住民, 主婦).
const PERSON_ENDINGS: [char; 8] = ['者', '員', '族', '民', '人', '婦', '親', '籍'];

/// 方 as a person (かた) or as a direction / side of a comparison (ほう).
pub fn kata_or_hou(tokens: &[Token], i: usize) -> Option<&'static str> {
    let at = Around::new(tokens, i);
    let t = at.word();
    if t.surface != "方" || !(t.is("名詞", Some("非自立")) || t.is("名詞", Some("一般")))
    {
        return None;
    }
    if people_follow(&at) {
        return Some("かた");
    }
    if is_comparison(&at) {
        return Some("ほう");
    }
    let prev = at.prev()?;
    if DEMONSTRATIVES.contains(&prev.surface.as_str()) {
        return Some("ほう");
    }
    if describes_a_person(&at, prev) {
        return Some("かた");
    }
    if prev.surface == "の" {
        return noun_with_no(&at);
    }
    None
}

/// Whether what follows 方 says it is people: someone who is there (話を聞いてくれる方がいます,
/// 悩んでいる方が多くいます), people too after a verb (ためらう方も多い; a side or advice does
/// not take も), or people named with a family (認知症の方とその家族, 〜の方やご家族).
fn people_follow(at: &Around) -> bool {
    let there = |t: &Token| {
        t.is("動詞", None) && matches!(t.base(), "いる" | "いらっしゃる" | "おる" | "おられる")
    };
    let how_many = |t: &Token| matches!(t.surface.as_str(), "多く" | "たくさん" | "大勢" | "何人");
    let someone_there = at.is_one_of(1, &["が", "も"])
        && at
            .at(2)
            .is_some_and(|t| there(t) || (how_many(t) && at.at(3).is_some_and(there)));
    let people_too = at.is_one_of(1, &["も"])
        && at
            .prev()
            .is_some_and(|p| p.is("動詞", None) || p.is("助動詞", None));
    let with_family = at.is_one_of(1, &["と", "や", "の"])
        && at
            .after(2)
            .iter()
            .take(3)
            .any(|t| t.surface.ends_with("家族"));
    someone_there || people_too || with_family
}

/// Whether 方 is a side of a comparison: advice (休んだ方がいい), 「方が／方は／方も／方を」 with a
/// word of comparison or an adjective after it, or 「…より…方」.
fn is_comparison(at: &Around) -> bool {
    advice(at)
        || (at.is_one_of(1, &["が", "は", "も", "を"])
            && (at.is_one_of(2, COMPARISON) || at.at(2).is_some_and(|t| t.is("形容詞", None))))
        || at
            .before()
            .iter()
            .rev()
            .take(6)
            .any(|t| t.surface == "より")
}

/// 「〜た方が」 is almost always a comparison or advice (休んだ方がいい, 設けない方が…), and so is
/// a verb before 「方が」; but not when a noun and a copula say what 方 is ([`named`]).
fn advice(at: &Around) -> bool {
    at.is_one_of(1, &["が"])
        && !named(at)
        && at.prev().is_some_and(|p| {
            (p.is("助動詞", None) && matches!(p.surface.as_str(), "た" | "だ" | "ない"))
                || p.is("動詞", None)
        })
}

/// 「参加できる方が対象です」: 方 that a noun and a copula say what it is (a person).
fn named(at: &Around) -> bool {
    at.at(2)
        .is_some_and(|n| n.is("名詞", None) && !COMPARISON.contains(&n.surface.as_str()))
        && at.is_one_of(3, &["です", "だ", "で", "でしょ"])
}

/// Whether the word before 方 describes a person: a verb or auxiliary in the attributive form
/// (相談したい方は, 来られた方), an adjective of a person's state (とてもつらい方は, not 大きい方),
/// or what is hard or bad for someone, told with が, with 方 as the one addressed (外出が難しい方
/// には, 目が悪い方へ; 値段が高い方を選ぶ picks a side).
fn describes_a_person(at: &Around, prev: &Token) -> bool {
    if prev.is("動詞", None) || prev.is("助動詞", None) {
        return true;
    }
    prev.is("形容詞", None)
        && (PERSON_ADJECTIVES.contains(&prev.base())
            || (at.surface(-2) == "が" && at.is_one_of(1, &["は", "に", "へ", "も"])))
}

/// 「〜の方」: a person after a noun that names people or what a person does (家族の方, 利用者の
/// 方, お住まいの方, 妊娠中の方, 65歳以上の方), else a side or a direction (部屋の中の方に置く).
fn noun_with_no(at: &Around) -> Option<&'static str> {
    let noun = at.at(-2)?;
    // お住まい, ご利用, お困り: a word with an honorific prefix names what a person does.
    let honorific = (noun.surface.starts_with(['お', 'ご', '御'])
        || at.at(-3).is_some_and(|p| {
            p.is("接頭詞", None) && matches!(p.surface.as_str(), "お" | "ご" | "御")
        }))
        && !at.is_one_of(1, &["へ"]);
    let person = PERSON_NOUNS.contains(&noun.surface.as_str())
        || noun.surface.ends_with(PERSON_ENDINGS)
        // An illness or a disability describes people: 認知症の方, 障害の方, 病気の方.
        || noun.surface.ends_with(['症', '病'])
        || ["障害", "障がい", "病気", "疾患"]
            .iter()
            .any(|w| noun.surface.ends_with(w))
        || noun.surface == "マイノリティ"
        // お子さん連れの方, 子供連れの方.
        || noun.surface.ends_with("連れ")
        || (noun.surface == "中" && noun.is("名詞", Some("接尾")))
        || matches!(noun.surface.as_str(), "以上" | "以下" | "未満")
        || noun.pos[2] == "人名"
        || honorific;
    Some(if person { "かた" } else { "ほう" })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::furigana::dictionary::tokenize;

    /// (sentence, the reading of its first 方, or `None` when the rule leaves it to others)
    const CASES: &[(&str, Option<&str>)] = &[
        // People: there, too, with a family, named with a copula.
        ("悩んでいる方が多くいます", Some("かた")),
        ("相談したい方がいれば", Some("かた")),
        ("ためらう方も多い", Some("かた")),
        ("認知症の方とその家族を支える会", Some("かた")),
        ("ひとり暮らしの方やご家族の相談", Some("かた")),
        ("両日とも参加できる方が対象です", Some("かた")),
        // A side: advice, a comparison, より.
        ("休んだ方がいい", Some("ほう")),
        ("設けない方が安全", Some("ほう")),
        ("早く相談する方がいいです", Some("ほう")),
        ("早く寝た方がよくなる", Some("ほう")),
        ("うつ病より依存症の方が多い", Some("ほう")),
        // The word before: a demonstrative, a verb, an adjective of a person's state.
        ("こちらの方が早い", Some("ほう")),
        ("来られた方は受付へ", Some("かた")),
        ("相談したい方は", Some("かた")),
        ("いま、とてもつらい方は", Some("かた")),
        ("外出が難しい方には訪問します", Some("かた")),
        ("目が悪い方へ", Some("かた")),
        // A noun with の.
        ("家族の方", Some("かた")),
        ("市内にお住まいの方や", Some("かた")),
        ("お困りの方はご相談ください", Some("かた")),
        ("妊娠中の方", Some("かた")),
        ("部屋の中の方に置く", Some("ほう")),
        ("65歳以上の方", Some("かた")),
        ("外国人の方の相談", Some("かた")),
        ("性的マイノリティの方の相談窓口", Some("かた")),
        ("依存症の方の回復を支えます", Some("かた")),
        ("障害の方も利用できます", Some("かた")),
        ("病気の方への配慮", Some("かた")),
        ("お子さん連れの方も歓迎します", Some("かた")),
        ("ひとり親家庭の方への支援", Some("かた")),
        ("車いすでお越しの方は", Some("かた")),
        ("お手洗いの方へ", Some("ほう")),
        ("右の方と左の方を比べる", Some("ほう")),
        // An adjective that picks a side: the rule says nothing, and the dictionary's ほう stays.
        ("大きい方を選ぶ", None),
        ("値段が高い方を選ぶ", None),
        ("物事を悪い方に考えてしまう", None),
        // Not 方 alone, or nothing to go by.
        ("方法を考える", None),
        ("方が", None),
    ];

    #[test]
    fn kata_or_hou_by_the_words_around() {
        let wrong: Vec<String> = CASES
            .iter()
            .filter_map(|(sentence, want)| {
                let tokens = tokenize(sentence);
                let got = tokens
                    .iter()
                    .position(|t| t.surface == "方")
                    .and_then(|i| kata_or_hou(&tokens, i));
                (got != *want).then(|| format!("{sentence}: {got:?}, not {want:?}"))
            })
            .collect();
        assert!(wrong.is_empty(), "{wrong:#?}");
    }
}
