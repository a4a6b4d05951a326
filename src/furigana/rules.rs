//! Context rules for readings a dictionary cannot choose by itself. Each takes the tokens of a
//! sentence and the index of the token in question and returns the reading to use, if the rule
//! applies.

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
    "相手",
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

/// 方 as a person (かた) or as a direction / side of a comparison (ほう).
pub fn kata_or_hou(tokens: &[Token], i: usize) -> Option<&'static str> {
    let t = &tokens[i];
    if t.surface != "方" || !(t.is("名詞", Some("非自立")) || t.is("名詞", Some("一般")))
    {
        return None;
    }
    let next_is = |k: usize, words: &[&str]| {
        tokens
            .get(i + k)
            .is_some_and(|t| words.contains(&t.surface.as_str()))
    };
    // 「方が／方は／方も」 + comparison, or 「…より…方」: the side of a comparison.
    let comparison = (next_is(1, &["が", "は", "も", "を"])
        && (next_is(2, COMPARISON) || tokens.get(i + 2).is_some_and(|t| t.is("形容詞", None))))
        || tokens[..i]
            .iter()
            .rev()
            .take(6)
            .any(|t| t.surface == "より");
    if comparison {
        return Some("ほう");
    }
    let prev = i.checked_sub(1).map(|p| &tokens[p])?;
    // この方／その方／こちらの方: direction or side.
    if [
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
    ]
    .contains(&prev.surface.as_str())
    {
        return Some("ほう");
    }
    // 相談したい方は, 来られた方: a verb or auxiliary in the attributive form before 方.
    if prev.is("動詞", None) || prev.is("助動詞", None) {
        return Some("かた");
    }
    // 家族の方, 利用者の方.
    if prev.surface == "の" {
        let noun = i.checked_sub(2).map(|p| &tokens[p])?;
        let person = PERSON_NOUNS.contains(&noun.surface.as_str())
            || noun.surface.ends_with(['者', '員', '族', '民'])
            || noun.pos[2] == "人名";
        return Some(if person { "かた" } else { "ほう" });
    }
    None
}

/// 来られる・来させる: IPADIC prefers the literary 来る (きたる) for 来ら／来さ; in modern text these
/// are forms of 来る (くる): こられる, こさせる.
pub fn korareru(tokens: &[Token], i: usize) -> Option<String> {
    let t = &tokens[i];
    let reading = t.reading.as_deref()?;
    if !t.is("動詞", None) || !t.surface.starts_with('来') || !reading.starts_with("きた") {
        return None;
    }
    let next = tokens.get(i + 1)?;
    if next.is("動詞", Some("接尾"))
        && (next.surface.starts_with('れ') || next.surface.starts_with('せ'))
    {
        return Some(format!("こ{}", &reading["きた".len()..]));
    }
    None
}

/// One-kanji nouns of the dictionary with their readings, cheapest first.
fn single_kanji() -> &'static std::collections::HashMap<&'static str, Vec<String>> {
    static TABLE: std::sync::OnceLock<std::collections::HashMap<&'static str, Vec<String>>> =
        std::sync::OnceLock::new();
    static TEXT: &str = include_str!(concat!(env!("OUT_DIR"), "/single-kanji.tsv"));
    TABLE.get_or_init(|| {
        TEXT.lines()
            .filter_map(|l| {
                let mut f = l.split('\t');
                let k = f.next()?;
                Some((k, f.map(super::dictionary::katakana_to_hiragana).collect()))
            })
            .collect()
    })
}

fn is_kanji_noun(t: &Token) -> bool {
    t.is("名詞", None) && t.surface.chars().any(super::kanji::is_kanji) && !t.is("名詞", Some("数"))
}

/// The shape of a Sino-Japanese (音読み) reading: one mora, optionally followed by ん, う, い,
/// つ, ち, く or き (ご, しゅ, おん, こう, せつ). `tail` asks for the second mora.
fn on_shaped(r: &str, tail: bool) -> bool {
    let c: Vec<char> = r.chars().collect();
    let small = |x: &char| matches!(x, 'ゃ' | 'ゅ' | 'ょ');
    let head = if c.len() >= 2 && small(&c[1]) { 2 } else { 1 };
    match c.len() - head.min(c.len()) {
        0 => !tail && !c.is_empty(),
        1 => "んういつちくき".contains(c[head]),
        _ => false,
    }
}

/// Compounds: a one-kanji noun glued to another noun is read the Sino-Japanese way when the
/// dictionary has such a reading for it (日本語 → ご, not かたり; 品種 → しゅ; 音高 → おん), and a
/// one-kanji personal name inside a compound is not a name (走塁 is not 走 + たかし).
pub fn compound_kanji(tokens: &[Token], i: usize) -> Option<String> {
    let t = &tokens[i];
    if t.surface.chars().count() != 1
        || !is_kanji_noun(t)
        || !(t.is("名詞", Some("一般")) || t.pos[2] == "人名")
    {
        return None;
    }
    let prev_noun = i.checked_sub(1).is_some_and(|p| {
        let p = &tokens[p];
        p.is("名詞", None) && !p.is("名詞", Some("数")) && !p.surface.is_ascii()
    });
    let next_single = tokens
        .get(i + 1)
        .is_some_and(|n| is_kanji_noun(n) && n.surface.chars().count() == 1);
    if !(prev_noun || next_single) {
        return None;
    }
    let current = t.reading.as_deref().unwrap_or("");
    if on_shaped(current, false) && t.pos[2] != "人名" {
        return None;
    }
    let readings = single_kanji().get(t.surface.as_str())?;
    readings
        .iter()
        .find(|r| on_shaped(r, true))
        .or_else(|| readings.iter().find(|r| on_shaped(r, false)))
        .cloned()
}

/// Words whose reading depends on the words around them.
pub fn context_word(tokens: &[Token], i: usize) -> Option<&'static str> {
    let t = &tokens[i];
    let prev = i
        .checked_sub(1)
        .map(|p| tokens[p].surface.as_str())
        .unwrap_or("");
    let prev_tok = i.checked_sub(1).map(|p| &tokens[p]);
    let next = tokens.get(i + 1).map(|t| t.surface.as_str()).unwrap_or("");
    match t.surface.as_str() {
        // IPADIC ranks the literary かたり first; the modern word is ご (この語の意味).
        "語" if t.is("名詞", Some("一般")) => Some("ご"),
        // XとYの間 → あいだ.
        "間" if prev == "の" => Some("あいだ"),
        // 経た後で → あと; 後に (later) → のち.
        "後" if matches!(prev, "た" | "だ") => Some("あと"),
        "後" if next == "に"
            && (prev.is_empty() || matches!(prev, "、" | "は" | "が" | "。" | "も")) =>
        {
            Some("のち")
        }
        // 他に・他の → ほか, but その他 → そのた.
        "他" if prev != "その" && matches!(next, "に" | "の" | "は" | "にも" | "を") => {
            Some("ほか")
        }
        // 株式会社, 保険会社: rendaku after a noun.
        "会社" if prev_tok.is_some_and(is_kanji_noun) => Some("がいしゃ"),
        // 試験所, 相談所: じょ after a verbal noun (but 裁判所, 発電所 しょ).
        "所" if prev_tok.is_some_and(|p| p.is("名詞", Some("サ変接続")))
            && !matches!(prev, "裁判" | "発電" | "変電" | "配電" | "登記") =>
        {
            Some("じょ")
        }
        // 一 before a k/s/t sound in a compound: 一級 いっきゅう, 一国 いっこく.
        "一" if t.is("名詞", Some("数")) => {
            let n = tokens.get(i + 1)?;
            let r = n.reading.as_deref()?;
            let first = r.chars().next()?;
            (is_kanji_noun(n)
                && "かきくけこさしすせそたちつてと".contains(first)
                && !n.is("名詞", Some("数")))
            .then_some("いっ")
        }
        _ => None,
    }
}
