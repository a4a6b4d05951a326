//! Context rules for readings a dictionary cannot choose by itself. Each takes the tokens of a
//! sentence and the index of the token in question and returns the reading to use, if the rule
//! applies. Here: kanji glued into compounds the dictionary does not know (their Sino-Japanese
//! readings, learnt from IPADIC and the Unicode Han Database, and the consonant they double),
//! 来られる, okurigana the dictionary left out, lone name kanji and old provinces. 方 has its
//! own file ([`super::kata_or_hou`]), and so do the words read by their neighbours
//! ([`super::context_word`]), which use this file's judgements of a token's kind.

use super::dictionary::Token;

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

/// A noun with a kanji in it that is not a number.
pub(super) fn is_kanji_noun(t: &Token) -> bool {
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
pub(super) fn looks_sino(t: &Token) -> bool {
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
pub(super) fn is_katakana_noun(t: &Token) -> bool {
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
pub(super) fn is_province(p: &Token) -> bool {
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
