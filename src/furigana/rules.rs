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
    // 「〜た方が」 is almost always a comparison or advice (休んだ方がいい, 設けない方が…).
    // But 「相談したい方が」 is a person who wishes to (かた).
    // So is 「参加できる方が対象です」: 方 that a noun and a copula say what it is.
    let named = tokens
        .get(i + 2)
        .is_some_and(|n| n.is("名詞", None) && !COMPARISON.contains(&n.surface.as_str()))
        && tokens
            .get(i + 3)
            .is_some_and(|c| matches!(c.surface.as_str(), "です" | "だ" | "で" | "でしょ"));
    let advice = next_is(1, &["が"])
        && !named
        && i.checked_sub(1).is_some_and(|p| {
            let p = &tokens[p];
            (p.is("助動詞", None) && matches!(p.surface.as_str(), "た" | "だ" | "ない"))
                || p.is("動詞", None)
        });
    // 話を聞いてくれる方がいます: 方 that is there (いる, いらっしゃる, おられる) is someone.
    // 悩んでいる方が多くいます: so with how many between.
    let there = |t: &Token| {
        t.is("動詞", None) && matches!(t.base(), "いる" | "いらっしゃる" | "おる" | "おられる")
    };
    let how_many = |t: &Token| matches!(t.surface.as_str(), "多く" | "たくさん" | "大勢" | "何人");
    let someone_there = next_is(1, &["が", "も"])
        && tokens
            .get(i + 2)
            .is_some_and(|t| there(t) || (how_many(t) && tokens.get(i + 3).is_some_and(there)));
    // ためらう方も多い, 初めて来た方も: 方も after a verb is people; a side of a comparison or
    // advice (休んだ方がいい) does not take も.
    let people_too = next_is(1, &["も"])
        && i.checked_sub(1)
            .is_some_and(|p| tokens[p].is("動詞", None) || tokens[p].is("助動詞", None));
    // 認知症の方とその家族, 〜の方やご家族: 方 named with a family is people.
    let with_family = next_is(1, &["と", "や", "の"])
        && tokens[i + 2..]
            .iter()
            .take(3)
            .any(|t| t.surface.ends_with("家族"));
    if someone_there || people_too || with_family {
        return Some("かた");
    }
    let comparison = advice
        || (next_is(1, &["が", "は", "も", "を"])
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
    // とてもつらい方は, 若い方: an adjective of a person's state (not 大きい方).
    if prev.is("形容詞", None) && PERSON_ADJECTIVES.contains(&prev.base()) {
        return Some("かた");
    }
    // 外出が難しい方には, 目が悪い方へ: what is hard or bad for someone, told with が, then 方
    // as the one addressed (は, には, へ, も); 値段が高い方を選ぶ picks a side.
    if prev.is("形容詞", None)
        && i.checked_sub(2).is_some_and(|p| tokens[p].surface == "が")
        && next_is(1, &["は", "に", "へ", "も"])
    {
        return Some("かた");
    }
    // 家族の方, 利用者の方, お住まいの方, 妊娠中の方, 65歳以上の方.
    if prev.surface == "の" {
        let noun = i.checked_sub(2).map(|p| &tokens[p])?;
        // お住まい, ご利用, お困り: a word with an honorific prefix names what a person does.
        let honorific = (noun.surface.starts_with(['お', 'ご', '御'])
            || i.checked_sub(3).is_some_and(|p| {
                tokens[p].is("接頭詞", None)
                    && matches!(tokens[p].surface.as_str(), "お" | "ご" | "御")
            }))
            && !next_is(1, &["へ"]);
        let person = PERSON_NOUNS.contains(&noun.surface.as_str())
            || noun
                .surface
                .ends_with(['者', '員', '族', '民', '人', '婦', '親', '籍'])
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
                Some((k, f.map(crate::kana::katakana_to_hiragana).collect()))
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

/// `kanji<TAB>reading` lines (tables made by build.rs) → a map.
fn kanji_table(text: &'static str) -> std::collections::HashMap<char, &'static str> {
    text.lines()
        .filter_map(|l| {
            let (k, r) = l.split_once('\t')?;
            Some((k.chars().next()?, r))
        })
        .collect()
}

/// Each kanji's most frequent Sino-Japanese reading, learnt from IPADIC's two-kanji nouns by
/// build.rs.
pub fn on_reading(c: char) -> Option<&'static str> {
    static TABLE: std::sync::OnceLock<std::collections::HashMap<char, &'static str>> =
        std::sync::OnceLock::new();
    let text = include_str!(concat!(env!("OUT_DIR"), "/on-readings.tsv"));
    TABLE.get_or_init(|| kanji_table(text)).get(&c).copied()
}

/// The Sino-Japanese reading of a kanji for a word the dictionary does not know: the one learnt
/// from IPADIC, else the first modern-shaped reading the Unicode Han Database gives (鄧 とう,
/// 瀋 しん, 腟 ちつ; dict/unihan-kJapaneseOn.txt). Not used to judge whether a known word is a
/// 漢語, where a rare kanji's reading says little.
pub fn any_on_reading(c: char) -> Option<&'static str> {
    on_reading(c).or_else(|| unihan_on(c))
}

/// The first modern-shaped Sino-Japanese reading the Unicode Han Database gives a kanji.
fn unihan_on(c: char) -> Option<&'static str> {
    unihan_on_all(c).next()
}

/// Every modern-shaped Sino-Japanese reading the Unicode Han Database gives a kanji, in its order.
fn unihan_on_all(c: char) -> impl Iterator<Item = &'static str> {
    static TABLE: std::sync::OnceLock<std::collections::HashMap<char, &'static str>> =
        std::sync::OnceLock::new();
    let text = include_str!(concat!(env!("OUT_DIR"), "/unihan-on.tsv"));
    TABLE
        .get_or_init(|| kanji_table(text))
        .get(&c)
        .into_iter()
        .flat_map(|readings| readings.split('\t'))
}

/// Whether `reading` is one of the kanji's Sino-Japanese readings (its most frequent one in
/// IPADIC or any modern one of the Unicode Han Database): 日 にち and じつ are, 世 よ is not.
fn is_sino_reading(c: char, reading: &str) -> bool {
    on_reading(c) == Some(reading) || unihan_on_all(c).any(|r| r == reading)
}

/// The readings a kanji is known to take inside a word, most likely first: its most frequent
/// Sino-Japanese reading (from IPADIC), the Unicode Han Database's (all of them: 台 だい, たい),
/// and its readings as a one-kanji noun of the dictionary (mostly native ones: 棚 たな, 箱 はこ).
pub fn kanji_readings(c: char) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    let nouns = single_kanji().get(c.encode_utf8(&mut [0; 4]) as &str);
    for r in on_reading(c)
        .into_iter()
        .chain(unihan_on_all(c))
        .chain(nouns.into_iter().flatten().map(String::as_str))
    {
        if !out.contains(&r) {
            out.push(r);
        }
    }
    out
}

/// Whether every kanji of a word has a Sino-Japanese reading and the word's reading is made of
/// on-shaped pieces (a 漢語 such as 公会, 極点), judged by its length. A word of kanji the
/// dictionary does not know is read the Sino-Japanese way ([`unknown_word`]), so it is one too
/// (鮮新+世).
fn looks_sino(t: &Token) -> bool {
    let Some(r) = t.reading.as_deref() else {
        return unknown_word(t).is_some() && t.surface.chars().all(super::kanji::is_kanji);
    };
    let n = t
        .surface
        .chars()
        .filter(|c| super::kanji::is_kanji(*c))
        .count();
    n > 0 && t.surface.chars().all(super::kanji::is_kanji) && r.chars().count() <= 3 * n && {
        let rc: Vec<char> = r.chars().collect();
        (1..=rc.len()).any(|i| on_shaped(&rc[..i].iter().collect::<String>(), false))
            && t.surface.chars().all(|c| on_reading(c).is_some())
    }
}

/// Compounds written without kana between their parts, which the dictionary split into pieces
/// and read the native way: a one-kanji personal name, verb or adjective stem glued to
/// another kanji word (聖+公会 is not きよし, 流+路 is not ながれ, 濃+色 is not こ), or a one-kanji
/// noun read the native way next to a Sino-Japanese word (杖+道, 氷+晶). They take the kanji's
/// Sino-Japanese reading.
pub fn compound_kanji(tokens: &[Token], i: usize) -> Option<String> {
    let t = &tokens[i];
    let c = single_kanji_char(&t.surface)?;
    let glued_prev = i.checked_sub(1).map(|p| &tokens[p]).filter(|p| {
        p.surface.chars().last().is_some_and(super::kanji::is_kanji) && !p.is("名詞", Some("数"))
    });
    let glued_next = tokens.get(i + 1).filter(|n| {
        n.surface.chars().next().is_some_and(super::kanji::is_kanji)
            && !n.is("名詞", Some("数"))
            && n.is("名詞", None)
    });
    if glued_prev.is_none() && glued_next.is_none() {
        return None;
    }
    let current = t.reading.as_deref().unwrap_or("");
    // A verb or adjective written as one kanji without okurigana is a stem inside a compound
    // (流路, 短距離走)
    // (a particle, a symbol or the end after it shows it is used as a noun).
    let noun_use = tokens
        .get(i + 1)
        .is_none_or(|n| n.is("助詞", None) || n.is("記号", None));
    let stem = (t.is("動詞", None) || t.is("形容詞", None))
        && (glued_next.is_some() || (glued_prev.is_some_and(|p| p.is("名詞", None)) && noun_use));
    // Personal names only: one-kanji place names keep their native reading (北区 きたく).
    let name = t.is("名詞", Some("固有名詞")) && t.pos[2] == "人名";
    // 人 after a verb is a person (担当する人全般 ひと), not part of a compound.
    let person = c == '人'
        && i.checked_sub(1)
            .is_some_and(|p| tokens[p].is("動詞", None) || tokens[p].is("助動詞", None));
    // Native: not one of the kanji's Sino-Japanese readings, whatever its shape (世 よ is native
    // although 予 is read よ).
    let native_noun = t.is("名詞", Some("一般")) && !is_sino_reading(c, current) && !person;
    let partner_sino = glued_prev.is_some_and(looks_sino) || glued_next.is_some_and(looks_sino);
    // Directions and positions combine with Sino-Japanese words in their native reading as often
    // as not (東アジア, 北半球, 上半身), so they keep the dictionary's choice.
    // So do 親 and 子, parent and child, in new compounds (ひとり親家庭, 親世代).
    let keeps_native = "東西南北上下中前後内外左右親子".contains(c);
    if !(stem || name || (native_noun && partner_sino && !keeps_native)) {
        return None;
    }
    let table = single_kanji().get(t.surface.as_str());
    table
        .and_then(|rs| rs.iter().find(|r| on_shaped(r, true)))
        .cloned()
        .or_else(|| on_reading(c).map(str::to_string))
        .or_else(|| {
            table
                .and_then(|rs| rs.iter().find(|r| on_shaped(r, false)))
                .cloned()
        })
        // A name's kanji with no reading in IPADIC (北魏 is not ほくたかし): the Unihan one.
        .or_else(|| {
            name.then(|| any_on_reading(c))
                .flatten()
                .map(str::to_string)
        })
}

fn single_kanji_char(s: &str) -> Option<char> {
    let mut it = s.chars();
    let c = it.next()?;
    (it.next().is_none() && super::kanji::is_kanji(c)).then_some(c)
}

/// A reading for a word the dictionary does not know (it gives none): the Sino-Japanese
/// readings of its kanji, with the usual sound change before k, s, t and p (接+置+詞 → せっちし).
/// Only when every character is a kanji with a known reading; a lone kanji gets its own.
pub fn unknown_word(t: &Token) -> Option<String> {
    if t.reading.is_some() {
        return None;
    }
    let parts: Vec<&str> = t
        .surface
        .chars()
        .map(any_on_reading)
        .collect::<Option<Vec<_>>>()?;
    let mut out = String::new();
    for (k, part) in parts.iter().enumerate() {
        let next_first = parts.get(k + 1).and_then(|p| p.chars().next());
        // Only a two-mora reading ending in つ, ち or く shortens (せつ → せっ); ち alone does not.
        let geminates = part.chars().count() >= 2
            && next_first.is_some_and(|f| "かきくけこさしすせそたちつてとぱぴぷぺぽ".contains(f));
        match (part.strip_suffix(['つ', 'ち']), part.strip_suffix('く')) {
            (Some(stem), _) if geminates => {
                out.push_str(stem);
                out.push('っ');
            }
            (_, Some(stem))
                if geminates && next_first.is_some_and(|f| "かきくけこ".contains(f)) =>
            {
                out.push_str(stem);
                out.push('っ');
            }
            _ => out.push_str(part),
        }
    }
    Some(out)
}

/// A noun written in katakana only (a foreign name).
fn is_katakana_noun(t: &Token) -> bool {
    t.is("名詞", None)
        && !t.surface.is_empty()
        && t.surface.chars().all(crate::kana::is_katakana_word_char)
}

/// Two one-kanji words glued into a compound double the consonant where a Sino-Japanese reading
/// ending in く, つ or ち meets k, s, t or p: 特+化 → とっか, 学+科 → がっか.
pub fn compound_sokuon(tokens: &[Token], i: usize, reading: &str) -> Option<String> {
    let t = &tokens[i];
    let n = tokens.get(i + 1)?;
    if t.surface.chars().count() != 1 || n.surface.chars().count() != 1 || !is_kanji_noun(n) {
        return None;
    }
    if !t.surface.chars().all(super::kanji::is_kanji) || t.is("名詞", Some("数")) {
        return None;
    }
    // Only the Sino-Japanese reading doubles (道 みち does not).
    // IPADIC splits 日中 (daytime, or Japan–China) and 日韓 into one-kanji country names; they
    // double too (にっちゅう, にっかん).
    let country =
        |x: &Token| x.is("名詞", Some("固有名詞")) && x.pos[2] == "地域" && x.pos[3] == "国";
    // Any of the kanji's Sino-Japanese readings (日 にち as well as its most frequent じつ).
    let c = t.surface.chars().next()?;
    let sino = is_sino_reading(c, reading) || (country(t) && country(n));
    if !sino {
        return None;
    }
    // A suffix doubles the consonant of a one-kanji word, as in IPADIC's own 悪化, 劣性, 国会
    // (特化 とっか), but not of the last kanji of a longer word it follows (文字列+化 れつか,
    // 取締役+会 やくかい). 的 rarely doubles (質的 しつてき, 知的, 劇的).
    if n.is("名詞", Some("接尾")) {
        let glued = i.checked_sub(1).is_some_and(|p| {
            tokens[p]
                .surface
                .chars()
                .last()
                .is_some_and(super::kanji::is_kanji)
        });
        if glued || n.surface == "的" {
            return None;
        }
    }
    let first = n.reading.as_deref()?.chars().next()?;
    let stem = reading.strip_suffix(['く', 'つ', 'ち'])?;
    if stem.chars().count() != 1
        && !(stem.chars().count() == 2 && stem.ends_with(['ゃ', 'ゅ', 'ょ']))
    {
        return None;
    }
    let k = "かきくけこ".contains(first);
    let st = "さしすせそたちつてとぱぴぷぺぽ".contains(first);
    let ok = if reading.ends_with('く') { k } else { k || st };
    ok.then(|| format!("{stem}っ"))
}

/// A word the dictionary knows in a spelling without its okurigana (手洗 てあらい, beside 手洗い),
/// cut off before the okurigana it does have in the text (手洗+いとう+がい, where the dictionary
/// took いとう for a verb): the reading leaves out the kana the text writes after it
/// (手洗 てあら + い). Only when the word with that kana is itself the same word in the dictionary,
/// so that 音+との (おと) keeps its reading.
pub fn okurigana_after(tokens: &[Token], i: usize, reading: &str) -> Option<String> {
    let t = &tokens[i];
    if !t.surface.chars().all(super::kanji::is_kanji) {
        return None;
    }
    let kana = tokens.get(i + 1)?.surface.chars().next()?;
    let stem = reading.strip_suffix(kana)?;
    if stem.is_empty() {
        return None;
    }
    let whole = format!("{}{kana}", t.surface);
    let alone = super::dictionary::tokenize(&whole);
    matches!(alone.as_slice(), [w] if w.surface == whole && w.reading.as_deref() == Some(reading))
        .then(|| stem.to_string())
}

/// Words that follow a person's name: with them a lone surname is a name (林さん, 東氏).
const HONORIFICS: &[&str] = &[
    "さん",
    "様",
    "さま",
    "氏",
    "君",
    "くん",
    "ちゃん",
    "先生",
    "殿",
    "選手",
    "監督",
    "教授",
];

/// A one-kanji personal name where nothing around it is a name: IPADIC's cheapest analysis
/// of many common kanji is a given name or surname (眠れない等の症状 ひとし, この紀の終わり きの,
/// カンブリア紀 おさむ). A given name needs a surname before it, a surname a given name or an
/// honorific after it; otherwise the kanji is read as the common word (等 とう) or, if the
/// dictionary has none, by its Sino-Japanese reading (紀 き).
pub fn stray_name(tokens: &[Token], i: usize) -> Option<String> {
    let t = &tokens[i];
    let c = single_kanji_char(&t.surface)?;
    if !t.is("名詞", Some("固有名詞")) || t.pos[2] != "人名" {
        return None;
    }
    let is_name = |x: Option<&Token>, part: &str| {
        x.is_some_and(|x| x.is("名詞", Some("固有名詞")) && x.pos[2] == "人名" && x.pos[3] == part)
    };
    let prev = i.checked_sub(1).map(|p| &tokens[p]);
    let next = tokens.get(i + 1);
    let named = match t.pos[3] {
        "名" => is_name(prev, "姓"),
        "姓" => {
            is_name(next, "名") || next.is_some_and(|n| HONORIFICS.contains(&n.surface.as_str()))
        }
        _ => true,
    };
    if named {
        return None;
    }
    single_kanji()
        .get(t.surface.as_str())
        .and_then(|rs| rs.first())
        .cloned()
        .or_else(|| any_on_reading(c).map(str::to_string))
}

/// A two-kanji place name that is not a country (IPADIC's 地域,一般): 安芸, 越後. Many old
/// provinces are also surnames, which IPADIC may prefer (安芸 人名,姓); before 国 they are the
/// province.
fn is_province(p: &Token) -> bool {
    p.is("名詞", Some("固有名詞"))
        && ((p.pos[2] == "地域" && p.pos[3] != "国") || (p.pos[2] == "人名" && p.pos[3] == "姓"))
        && p.surface.chars().count() == 2
        && p.surface.chars().all(super::kanji::is_kanji)
}

/// The province name before 国 carries the unwritten の: 安芸国 → 安芸\[あきの\]国\[くに\].
pub fn province(tokens: &[Token], i: usize) -> Option<String> {
    let t = &tokens[i];
    let next = tokens.get(i + 1)?;
    (is_province(t) && next.surface == "国")
        .then(|| format!("{}の", t.reading.as_deref().unwrap_or_default()))
        .filter(|r| r.len() > "の".len())
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
        // 12月10日（水）, （土・日）, （月・祝）: a day of the week, abbreviated in brackets.
        "月" | "火" | "水" | "木" | "金" | "土" | "日" | "祝"
            if (matches!(prev, "（" | "(" | "・" | "〜" | "～")
                || matches!(next, "）" | ")" | "・" | "〜" | "～"))
                && weekday_brackets(tokens, i) =>
        {
            Some(match t.surface.as_str() {
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
        // IPADIC ranks the rare やちゅう first; the everyday word is よなか.
        "夜中" => Some("よなか"),
        // 同一言語, 同一世帯: IPADIC splits off the prefix 同 and reads 一 as the number いち.
        "一" if prev == "同" && prev_tok.is_some_and(|p| p.is("接頭詞", None)) => Some("いつ"),
        // 安芸国, 越後国: an old province + 国 reads 〜のくに (the の goes with the province name,
        // see [`province`]).
        "国" if prev_tok.is_some_and(is_province) => Some("くに"),
        // フランク人, イギリス人: a people or nationality after a name (じん).
        "人" if prev_tok.is_some_and(|p| {
            (p.is("名詞", Some("固有名詞")) && matches!(p.pos[2], "地域" | "一般"))
                || (p.is("名詞", None)
                    && !p.surface.is_empty()
                    && p.surface.chars().all(crate::kana::is_katakana_word_char))
        }) && t.is("名詞", Some("接尾")) =>
        {
            Some("じん")
        }
        // 南北朝, スチュアート朝: a dynasty after a name (ちょう).
        "朝" if prev_tok.is_some_and(|p| {
            p.is("名詞", None) && !p.is("名詞", Some("数")) && !p.is("名詞", Some("副詞可能"))
        }) =>
        {
            Some("ちょう")
        }
        // ノルマンディー公 (duke), ロートリンゲン家 (house), イネ目 (order): after a name in katakana.
        "公" if prev_tok.is_some_and(is_katakana_noun) => Some("こう"),
        "家" if prev_tok.is_some_and(is_katakana_noun) => Some("け"),
        "目" if prev_tok.is_some_and(is_katakana_noun) => Some("もく"),
        // ○年○月○日: ○ stands for a digit.
        "年" if matches!(prev, "○" | "◯") => Some("ねん"),
        // 年に2回, 年1回, 年に一度: per year (ねん), not the year itself (とし).
        "年" if t.is("名詞", None)
            && !prev_tok.is_some_and(|p| p.is("名詞", Some("数")))
            && tokens
                .get(i + if next == "に" { 2 } else { 1 })
                .is_some_and(|n| n.is("名詞", Some("数"))) =>
        {
            Some("ねん")
        }
        // 申込み, 申出: the okurigana-less 申 is もうし (IPADIC's cheapest 申 is the zodiac さる).
        "申" if next.starts_with(['込', '出', '入']) => Some("もうし"),
        "月" if matches!(prev, "○" | "◯") => Some("がつ"),
        "日" if matches!(prev, "○" | "◯") => Some("にち"),
        // 両島, 全島, 各島: 島 after a one-kanji prefix is とう.
        "島" if matches!(prev, "両" | "全" | "各" | "同" | "諸") => Some("とう"),
        // 条件の下で, 主権の下に: under an abstract (Sino-Japanese) noun, 下 is もと; 机の下 stays した.
        "下" if prev == "の"
            && matches!(next, "で" | "に" | "では" | "には")
            && i.checked_sub(2).is_some_and(|p| {
                let p = &tokens[p];
                p.surface.chars().count() >= 2 && looks_sino(p)
            }) =>
        {
            Some("もと")
        }
        // The country: IPADIC ranks にっぽん first; にほん is the usual modern reading (names that
        // are officially にっぽん, like 健康日本21, are in the domain lexicon).
        "日本" if t.is("名詞", Some("固有名詞")) => Some("にほん"),
        // XとYの間 → あいだ.
        "間" if prev == "の" => Some("あいだ"),
        // 経た後で → あと; 後に (later) → のち.
        "後" if matches!(prev, "た" | "だ") => Some("あと"),
        // 災害の後は, 食事の後に: after an event (あと); その後 is a word of its own.
        "後" if prev == "の" && t.is("名詞", None) => Some("あと"),
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
        "会社"
            if prev_tok.is_some_and(|p| {
                p.is("名詞", None) && !p.is("名詞", Some("数")) && !p.surface.is_ascii()
            }) =>
        {
            Some("がいしゃ")
        }
        // 便 on its own is convenience or stool (交通の便, 便の色, 便が出る: べん); a flight or a
        // delivery (びん) is named by when it goes (次の便, 午後の便) or how it is taken (便で送る).
        "便" if t.is("名詞", None) && !prev_tok.is_some_and(|p| p.is("名詞", None)) => {
            let when = i.checked_sub(2).map(|p| tokens[p].surface.as_str());
            let timed = prev == "の"
                && when.is_some_and(|w| {
                    [
                        "次", "前", "後", "朝", "昼", "夜", "夕方", "午前", "午後", "最終", "始発",
                        "帰り", "行き", "同じ", "別", "臨時", "定期",
                    ]
                    .contains(&w)
                });
            let taken = next == "で"
                || (next == "に"
                    && tokens.get(i + 2).is_some_and(|n| {
                        n.base().starts_with("乗") || n.base().starts_with("間に合")
                    }));
            (!timed && !taken && !matches!(prev, "同じ" | "別")).then_some("べん")
        }
        // 値 on its own is a value (血圧の値, 値を求める: あたい); a price is usually 値段, and
        // 値上がり, 値下げ are words of their own. The exceptions: 値が上がる, 値を付ける.
        "値" if t.is("名詞", None) && !prev_tok.is_some_and(|p| p.is("名詞", None)) => {
            let priced = matches!(next, "が" | "を" | "も")
                && tokens.get(i + 2).is_some_and(|n| {
                    ["上が", "下が", "付", "つ", "張", "下げ", "上げ", "崩"]
                        .iter()
                        .any(|v| n.base().starts_with(v))
                });
            (!priced).then_some("あたい")
        }
        // 大勢の人, 大勢で, 大勢いる: many people (おおぜい); 大勢に影響はない, 大勢を占める: the
        // general trend (たいせい).
        "大勢" if matches!(next, "の" | "で" | "いる" | "い" | "いた" | "います") => {
            Some("おおぜい")
        }
        // 主とする・主として (しゅ); 主に stays おもに.
        "主" if next == "と" => Some("しゅ"),
        // 試験所, 相談所, 取引所: じょ after a verbal noun (but 裁判所, 発電所, 営業所 しょ).
        "所" if prev_tok.is_some_and(|p| p.is("名詞", Some("サ変接続")))
            && !matches!(
                prev,
                "裁判" | "発電" | "変電" | "配電" | "登記" | "営業" | "駐在" | "保育" | "検疫"
            ) =>
        {
            Some("じょ")
        }
        // A number before a k/s/t/p sound in a compound doubles the consonant: 一級 いっきゅう,
        // 八正道 はっしょうどう, 十進 じゅっしん, 十六国 じゅうろっこく (but 第一 stays いち).
        "一" | "六" | "八" | "十" | "百" if t.is("名詞", Some("数")) => {
            let n = tokens.get(i + 1)?;
            let first = n.reading.as_deref()?.chars().next()?;
            let k_row = "かきくけこ".contains(first);
            let sibilant_or_t = "さしすせそたちつてと".contains(first);
            let p_row = "ぱぴぷぺぽ".contains(first);
            // Only when the number binds to a one-kanji word (一級, 第一審); before a whole word it
            // keeps its full reading (一地域 いちちいき, 第一継承者).
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
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::furigana::dictionary::tokenize;

    fn reading_of(
        text: &str,
        word: &str,
        rule: impl Fn(&[Token], usize) -> Option<String>,
    ) -> Option<String> {
        let toks = tokenize(text);
        let i = toks.iter().position(|t| t.surface == word)?;
        rule(&toks, i)
    }

    #[test]
    fn on_readings_are_learnt_from_the_dictionary() {
        assert_eq!(on_reading('極'), Some("きょく"));
        assert_eq!(on_reading('聖'), Some("せい"));
        assert_eq!(on_reading('流'), Some("りゅう"));
        assert!(on_shaped("しゅ", false) && on_shaped("きょく", true) && !on_shaped("たね", false));
    }

    #[test]
    fn names_and_stems_inside_compounds_read_the_sino_japanese_way() {
        assert_eq!(
            reading_of("聖公会の礼拝", "聖", compound_kanji).as_deref(),
            Some("せい")
        );
        assert_eq!(
            reading_of("流路延長", "流", compound_kanji).as_deref(),
            Some("りゅう")
        );
        // A one-kanji noun read the native way, glued after a Sino-Japanese word (even one the
        // dictionary does not know) takes its Sino-Japanese reading, whatever the shape of the
        // native one (世 よ).
        for (text, kanji, reading) in [
            ("中新世の地層", "世", "せい"),
            ("鮮新世の化石", "世", "せい"),
            ("血中濃度を測る", "血", "けつ"),
            ("完新世に入って", "世", "せい"),
        ] {
            assert_eq!(
                reading_of(text, kanji, compound_kanji).as_deref(),
                Some(reading),
                "{text}"
            );
        }
        // Not glued to a Sino-Japanese word: the native reading stays.
        for (text, kanji) in [("この世の中", "世"), ("世の人", "世"), ("血が出る", "血")]
        {
            assert_eq!(reading_of(text, kanji, compound_kanji), None, "{text}");
        }
        // A direction keeps the dictionary's reading, and so do parent and child.
        assert_eq!(reading_of("北区に住む", "北", compound_kanji), None);
        assert_eq!(reading_of("ひとり親家庭の支援", "親", compound_kanji), None);
        assert_eq!(
            reading_of("相談を担当する人全般", "人", compound_kanji),
            None,
            "a person, not a compound"
        );
    }

    #[test]
    fn okurigana_the_dictionary_left_out_is_not_read_twice() {
        let after = |text: &str, word: &str| {
            let toks = tokenize(text);
            let i = toks.iter().position(|t| t.surface == word)?;
            okurigana_after(&toks, i, toks[i].reading.as_deref()?)
        };
        assert_eq!(
            after("手洗いとうがいをする", "手洗").as_deref(),
            Some("てあら")
        );
        // The kana after the word is not its okurigana: the reading stays.
        assert_eq!(after("基準の音との差", "音"), None);
        assert_eq!(after("ほかの国に住む", "国"), None);
        assert_eq!(after("物の名前", "物"), None, "ものの is another word");
        assert_eq!(
            after("手洗いをする", "手洗い"),
            None,
            "one word with its okurigana"
        );
    }

    #[test]
    fn context_words() {
        let ctx = |text: &str, word: &str| {
            reading_of(text, word, |t, i| context_word(t, i).map(str::to_string))
        };
        assert_eq!(ctx("東京と大阪の間にある", "間").as_deref(), Some("あいだ"));
        assert_eq!(ctx("会議を経た後で決める", "後").as_deref(), Some("あと"));
        assert_eq!(
            ctx("災害の後は眠れないことがある", "後").as_deref(),
            Some("あと")
        );
        assert_eq!(ctx("12月10日（水）まで", "水").as_deref(), Some("すい"));
        assert_eq!(ctx("3日（月・祝）", "月").as_deref(), Some("げつ"));
        assert_eq!(ctx("月・水・金に開所", "月").as_deref(), Some("げつ"));
        assert_eq!(ctx("月・水・金に開所", "金").as_deref(), Some("きん"));
        assert_eq!(ctx("水・木曜日は休み", "水").as_deref(), Some("すい"));
        assert_eq!(ctx("月に一度", "月"), None);
        assert_eq!(
            ctx("受付：月〜金 8:30〜17:15", "金").as_deref(),
            Some("きん")
        );
        assert_eq!(
            ctx("受付：月〜金 8:30〜17:15", "月").as_deref(),
            Some("げつ")
        );
        assert_eq!(ctx("（土・日）は休み", "土").as_deref(), Some("ど"));
        assert_eq!(ctx("（水）", "水").as_deref(), Some("すい"));
        assert_eq!(ctx("（水と油）", "水"), None, "not a weekday list");
        assert_eq!(ctx("他にも方法がある", "他").as_deref(), Some("ほか"));
        assert_eq!(ctx("その他の窓口", "他"), None);
        assert_eq!(ctx("南北朝時代", "朝").as_deref(), Some("ちょう"));
        assert_eq!(ctx("日本の文化", "日本").as_deref(), Some("にほん"));
        assert_eq!(ctx("ハプスブルク家の君主", "家").as_deref(), Some("け"));
        assert_eq!(ctx("○年○月○日", "月").as_deref(), Some("がつ"));
        assert_eq!(ctx("越後国の古志郡", "国").as_deref(), Some("くに"));
        assert_eq!(ctx("条件の下で測定する", "下").as_deref(), Some("もと"));
        assert_eq!(ctx("机の下に置く", "下"), None);
        assert_eq!(ctx("保険会社に勤める", "会社").as_deref(), Some("がいしゃ"));
        assert_eq!(ctx("子育て相談所", "所").as_deref(), Some("じょ"));
        assert_eq!(ctx("商品取引所", "所").as_deref(), Some("じょ"));
        assert_eq!(ctx("家庭裁判所", "所"), None);
        assert_eq!(ctx("市内の営業所", "所"), None);
        assert_eq!(ctx("便の色や形を見る", "便").as_deref(), Some("べん"));
        assert_eq!(ctx("交通の便がよい", "便").as_deref(), Some("べん"));
        assert_eq!(ctx("次の便で帰る", "便"), None, "a flight");
        assert_eq!(ctx("血圧の値が高い", "値").as_deref(), Some("あたい"));
        assert_eq!(ctx("野菜の値が上がる", "値"), None, "a price");
        assert_eq!(ctx("データ値の範囲", "値"), None, "inside a compound");
        assert_eq!(
            ctx("大勢の人の前で話す", "大勢").as_deref(),
            Some("おおぜい")
        );
        assert_eq!(ctx("大勢に影響はない", "大勢"), None);
        assert_eq!(ctx("申込みは電話で", "申").as_deref(), Some("もうし"));
        assert_eq!(ctx("講座を年に2回開く", "年").as_deref(), Some("ねん"));
        assert_eq!(ctx("健診は年1回です", "年").as_deref(), Some("ねん"));
        assert_eq!(ctx("年の瀬", "年"), None);
        // IPADIC splits 同一世帯 into the prefix 同 and the number 一.
        assert_eq!(ctx("同一世帯の家族", "一").as_deref(), Some("いつ"));
        assert_eq!(ctx("一世帯", "一"), None, "a number");
    }

    #[test]
    fn a_lone_name_kanji_outside_a_name_is_the_common_word() {
        let stray = |text: &str, word: &str| reading_of(text, word, stray_name);
        assert_eq!(stray("眠れない等の症状", "等").as_deref(), Some("とう"));
        assert_eq!(stray("この紀の終わりに", "紀").as_deref(), Some("き"));
        assert_eq!(stray("カンブリア紀", "紀").as_deref(), Some("き"));
        // With an honorific or a given name it stays a name.
        assert_eq!(stray("紀さんに聞く", "紀"), None);
        assert_eq!(stray("相談窓口", "窓口"), None, "not a name at all");
    }

    #[test]
    fn kanji_missing_from_ipadic_take_their_unihan_reading() {
        assert_eq!(on_reading('鄧'), None, "IPADIC does not know 鄧");
        assert_eq!(any_on_reading('鄧'), Some("とう"));
        assert_eq!(any_on_reading('腟'), Some("ちつ"));
        // Unihan's historical spellings are skipped for the modern reading (閩: BEN MIN…).
        assert!(any_on_reading('閩').is_some_and(|r| r.chars().count() <= 3));
        assert_eq!(any_on_reading('あ'), None);
    }

    #[test]
    fn provinces_and_compound_doubling() {
        assert_eq!(
            reading_of("越後国の古志郡", "越後", province).as_deref(),
            Some("えちごの")
        );
        assert_eq!(
            reading_of("安芸国の武将", "安芸", province).as_deref(),
            Some("あきの"),
            "IPADIC's cheapest 安芸 is a surname"
        );
        assert_eq!(
            reading_of("日本国の憲法", "日本", province),
            None,
            "a country is not a province"
        );
        let sokuon = |text: &str, word: &str, reading: &str| {
            let toks = tokenize(text);
            let i = toks.iter().position(|t| t.surface == word).unwrap();
            compound_sokuon(&toks, i, reading)
        };
        assert_eq!(sokuon("特化した", "特", "とく").as_deref(), Some("とっ"));
        assert_eq!(
            sokuon("管理職化する", "職", "しょく"),
            None,
            "化 follows the whole word 管理職"
        );
        assert_eq!(
            sokuon("調査の質的・量的分析", "質", "しつ"),
            None,
            "的 rarely doubles"
        );
    }

    #[test]
    fn unknown_words_take_sino_japanese_readings_with_sound_changes() {
        let t = |s: &'static str| Token {
            surface: s.into(),
            pos: Default::default(),
            base_form: None,
            reading: None,
            weights: Default::default(),
        };
        assert_eq!(unknown_word(&t("接置詞")).as_deref(), Some("せっちし"));
        assert_eq!(unknown_word(&t("腟炎")).as_deref(), Some("ちつえん"));
        assert_eq!(
            unknown_word(&Token {
                reading: Some("x".into()),
                ..t("接置詞")
            }),
            None
        );
    }
}
