//! Numbers with counters (助数詞): 一人 ひとり, 三日 みっか, 一杯 いっぱい, 九時 くじ, 56分 ごじゅうろっぷん.
//! A dictionary reads numbers and counters separately and gets the sound changes wrong; this
//! module computes the reading of the whole, split into the number's part and the counter's,
//! and finds numbers with counters among a sentence's tokens ([`number_with_counter`]).

use super::dictionary::{self, Token};

/// The value of a number written in kanji (一二三…十百千万, 〇 and 零) or digits.
pub fn value(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    if s.chars()
        .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    {
        let digits: String = s
            .chars()
            .map(|c| {
                if c.is_ascii_digit() {
                    c
                } else {
                    char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or('0')
                }
            })
            .collect();
        return digits.parse().ok().filter(|_| digits.len() <= 12);
    }
    let (mut total, mut section, mut digit) = (0u64, 0u64, None::<u64>);
    for c in s.chars() {
        let d = match c {
            '〇' | '零' => Some(0),
            '一' => Some(1),
            '二' => Some(2),
            '三' => Some(3),
            '四' => Some(4),
            '五' => Some(5),
            '六' => Some(6),
            '七' => Some(7),
            '八' => Some(8),
            '九' => Some(9),
            _ => None,
        };
        if let Some(d) = d {
            // Positional kanji numbers such as 二〇二五.
            digit = Some(digit.map_or(d, |x| x * 10 + d));
            continue;
        }
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            '万' => 10_000,
            '億' => 100_000_000,
            _ => return None,
        };
        if unit >= 10_000 {
            total += (section + digit.unwrap_or(0)).max(1) * unit;
            section = 0;
        } else {
            section += digit.unwrap_or(1) * unit;
        }
        digit = None;
    }
    Some(total + section + digit.unwrap_or(0))
}

const ONES: [&str; 10] = [
    "",
    "いち",
    "に",
    "さん",
    "よん",
    "ご",
    "ろく",
    "なな",
    "はち",
    "きゅう",
];

/// The plain reading of `n` (4 よん, 7 なな, 9 きゅう).
pub fn reading(n: u64) -> String {
    if n == 0 {
        return "ぜろ".into();
    }
    let mut s = String::new();
    let oku = n / 100_000_000;
    let man = (n / 10_000) % 10_000;
    let rest = n % 10_000;
    if oku > 0 {
        s.push_str(&below_10000(oku));
        s.push_str("おく");
    }
    if man > 0 {
        s.push_str(&below_10000(man));
        s.push_str("まん");
    }
    s.push_str(&below_10000(rest));
    s
}

fn below_10000(n: u64) -> String {
    let (th, hu, te, on) = (
        (n / 1000) as usize,
        ((n / 100) % 10) as usize,
        ((n / 10) % 10) as usize,
        (n % 10) as usize,
    );
    let mut s = String::new();
    match th {
        0 => {}
        1 => s.push_str("せん"),
        3 => s.push_str("さんぜん"),
        8 => s.push_str("はっせん"),
        d => {
            s.push_str(ONES[d]);
            s.push_str("せん");
        }
    }
    match hu {
        0 => {}
        1 => s.push_str("ひゃく"),
        3 => s.push_str("さんびゃく"),
        6 => s.push_str("ろっぴゃく"),
        8 => s.push_str("はっぴゃく"),
        d => {
            s.push_str(ONES[d]);
            s.push_str("ひゃく");
        }
    }
    match te {
        0 => {}
        1 => s.push_str("じゅう"),
        d => {
            s.push_str(ONES[d]);
            s.push_str("じゅう");
        }
    }
    s.push_str(ONES[on]);
    s
}

/// How a counter's first sound changes after a number.
#[derive(Clone, Copy)]
enum Change {
    /// No change (人 にん, 枚 まい).
    None,
    /// k/s/t-row: いっ, はっ, じゅっ before it (回 いっかい); `six` also ろっ (k-row).
    Geminate {
        six: bool,
        after_three: Option<&'static str>,
    },
    /// h-row: いっぽ, ろっぽ, はっぽ, じゅっぽ; after さん (and よん for some) voiced or p.
    H {
        p: &'static str,
        after_three: &'static str,
        after_four: Option<&'static str>,
    },
}

struct Counter {
    surface: &'static str,
    reading: &'static str,
    change: Change,
}

const fn c(surface: &'static str, reading: &'static str, change: Change) -> Counter {
    Counter {
        surface,
        reading,
        change,
    }
}

const K6: Change = Change::Geminate {
    six: true,
    after_three: None,
};
const S: Change = Change::Geminate {
    six: false,
    after_three: None,
};

const COUNTERS: &[Counter] = &[
    c("人", "にん", Change::None),
    c("日", "にち", Change::None),
    c("日間", "にちかん", Change::None),
    c("時間", "じかん", Change::None),
    c("時", "じ", Change::None),
    c("月", "がつ", Change::None),
    c("年間", "ねんかん", Change::None),
    c("年", "ねん", Change::None),
    c("枚", "まい", Change::None),
    c("台", "だい", Change::None),
    c("度", "ど", Change::None),
    c("番", "ばん", Change::None),
    c("行目", "ぎょうめ", Change::None),
    c("晩", "ばん", Change::None),
    c("名", "めい", Change::None),
    c("円", "えん", Change::None),
    c("倍", "ばい", Change::None),
    c("位", "い", Change::None),
    c("割", "わり", Change::None),
    c("代", "だい", Change::None),
    c("秒", "びょう", Change::None),
    c("号", "ごう", Change::None),
    c("条", "じょう", Change::None),
    c("部", "ぶ", Change::None),
    c("回", "かい", K6),
    c(
        "階",
        "かい",
        Change::Geminate {
            six: true,
            after_three: Some("がい"),
        },
    ),
    c(
        "軒",
        "けん",
        Change::Geminate {
            six: true,
            after_three: Some("げん"),
        },
    ),
    c("個", "こ", K6),
    c("件", "けん", K6),
    c("ヶ月", "かげつ", K6),
    c("か月", "かげつ", K6),
    c("カ月", "かげつ", K6),
    c("箇月", "かげつ", K6),
    c("ヶ所", "かしょ", K6),
    c("か所", "かしょ", K6),
    c("カ所", "かしょ", K6),
    c("箇所", "かしょ", K6),
    c("曲", "きょく", K6),
    c("期", "き", K6),
    c("校", "こう", K6),
    c("区", "く", K6),
    c("課", "か", K6),
    c("冊", "さつ", S),
    c("歳", "さい", S),
    c("才", "さい", S),
    c("世紀", "せいき", S),
    c("週間", "しゅうかん", S),
    c("社", "しゃ", S),
    c("種", "しゅ", S),
    c("試合", "しあい", S),
    c("点", "てん", S),
    c("頭", "とう", S),
    c("通", "つう", S),
    c("丁目", "ちょうめ", S),
    c(
        "本",
        "ほん",
        Change::H {
            p: "ぽん",
            after_three: "ぼん",
            after_four: None,
        },
    ),
    c(
        "杯",
        "はい",
        Change::H {
            p: "ぱい",
            after_three: "ばい",
            after_four: None,
        },
    ),
    c(
        "匹",
        "ひき",
        Change::H {
            p: "ぴき",
            after_three: "びき",
            after_four: None,
        },
    ),
    c(
        "分",
        "ふん",
        Change::H {
            p: "ぷん",
            after_three: "ぷん",
            after_four: Some("ぷん"),
        },
    ),
    c(
        "分間",
        "ふんかん",
        Change::H {
            p: "ぷんかん",
            after_three: "ぷんかん",
            after_four: Some("ぷんかん"),
        },
    ),
    c(
        "泊",
        "はく",
        Change::H {
            p: "ぱく",
            after_three: "ぱく",
            after_four: Some("ぱく"),
        },
    ),
    c(
        "発",
        "はつ",
        Change::H {
            p: "ぱつ",
            after_three: "ぱつ",
            after_four: None,
        },
    ),
    c(
        "歩",
        "ほ",
        Change::H {
            p: "ぽ",
            after_three: "ぽ",
            after_four: None,
        },
    ),
];

/// The longest counter at the start of `text`, with its length in bytes.
pub fn counter_at(text: &str) -> Option<(&'static str, usize)> {
    COUNTERS
        .iter()
        .filter(|c| text.starts_with(c.surface))
        .max_by_key(|c| c.surface.len())
        .map(|c| (c.surface, c.surface.len()))
}

/// The counter's reading after a number written in digits (3日 → か, 56分 → ぷん), where only the
/// counter gets ruby. はたち cannot be split, so 20歳 keeps 歳's own reading (さい).
pub fn counter_after_digits(n: u64, counter: &str, date: bool) -> Option<String> {
    if n == 20 && matches!(counter, "歳" | "才") {
        return Some("さい".into());
    }
    with_counter(n, counter, date).map(|(_, b)| b)
}

/// The reading of `n` followed by the counter `counter`, as (number part, counter part).
/// `date` says that a 日 follows a month (so 1日 is ついたち).
pub fn with_counter(n: u64, counter: &str, date: bool) -> Option<(String, String)> {
    let ctr = COUNTERS.iter().find(|c| c.surface == counter)?;
    if let Some(special) = special(n, counter, date) {
        return Some(special);
    }
    let mut num = reading(n);
    let last = n % 10;
    let mut ctr_reading = ctr.reading.to_string();
    match (counter, last, n % 100) {
        ("人" | "時" | "年" | "円" | "時間" | "年間", 4, _) if n % 100 != 14 || counter != "人" =>
        {
            replace_tail(&mut num, "よん", "よ");
        }
        ("時" | "月" | "日", 7, _) => replace_tail(&mut num, "なな", "しち"),
        ("時" | "月" | "日", 9, _) => replace_tail(&mut num, "きゅう", "く"),
        ("月", 4, _) => replace_tail(&mut num, "よん", "し"),
        _ => {}
    }
    match ctr.change {
        Change::None => {}
        Change::Geminate { six, after_three } => {
            let doubled = geminate(&mut num, six);
            if let (false, Some(v)) = (doubled, after_three)
                && num.ends_with("さん")
            {
                ctr_reading = v.to_string();
            }
        }
        Change::H {
            p,
            after_three,
            after_four,
        } => {
            if geminate(&mut num, true) {
                ctr_reading = p.to_string();
            } else if num.ends_with("さん") {
                ctr_reading = after_three.to_string();
            } else if num.ends_with("よん") {
                if let Some(v) = after_four {
                    ctr_reading = v.to_string();
                }
            } else if num.ends_with("せん") || num.ends_with("まん") {
                ctr_reading = after_three.to_string();
            }
        }
    }
    Some((num, ctr_reading))
}

fn replace_tail(s: &mut String, from: &str, to: &str) {
    if s.ends_with(from) {
        s.truncate(s.len() - from.len());
        s.push_str(to);
    }
}

/// いち→いっ, はち→はっ, じゅう→じゅっ, ひゃく→ひゃっ (and ろく→ろっ when `six`).
fn geminate(num: &mut String, six: bool) -> bool {
    for (from, to) in [
        ("いち", "いっ"),
        ("はち", "はっ"),
        ("じゅう", "じゅっ"),
        ("ひゃく", "ひゃっ"),
    ] {
        if num.ends_with(from) {
            replace_tail(num, from, to);
            return true;
        }
    }
    if six && num.ends_with("ろく") {
        replace_tail(num, "ろく", "ろっ");
        return true;
    }
    false
}

fn special(n: u64, counter: &str, date: bool) -> Option<(String, String)> {
    if counter == "日間" {
        let (a, b) = special(n, "日", false)?;
        return Some((a, format!("{b}かん")));
    }
    let pair = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
    match (counter, n) {
        ("人", 1) => pair("ひと", "り"),
        ("人", 2) => pair("ふた", "り"),
        ("晩", 1) => pair("ひと", "ばん"),
        ("晩", 2) => pair("ふた", "ばん"),
        ("日", 1) if date => pair("つい", "たち"),
        ("日", 2) => pair("ふつ", "か"),
        ("日", 3) => pair("みっ", "か"),
        ("日", 4) => pair("よっ", "か"),
        ("日", 5) => pair("いつ", "か"),
        ("日", 6) => pair("むい", "か"),
        ("日", 7) => pair("なの", "か"),
        ("日", 8) => pair("よう", "か"),
        ("日", 9) => pair("ここの", "か"),
        ("日", 10) => pair("とお", "か"),
        ("日", 14) => pair("じゅうよっ", "か"),
        ("日", 20) => pair("はつ", "か"),
        ("日", 24) => pair("にじゅうよっ", "か"),
        ("歳" | "才", 20) => pair("はた", "ち"),
        _ => None,
    }
}

/// A piece of a number with its counter as it stands in a sentence: digits stay bare (no
/// reading), a counter or a number in kanji with its counter is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberWord {
    /// The text as written.
    pub surface: String,
    /// Its reading in hiragana; `None` for digits.
    pub reading: Option<String>,
}

impl NumberWord {
    /// `surface` read as `reading`.
    fn read(surface: impl Into<String>, reading: Option<String>) -> NumberWord {
        NumberWord {
            surface: surface.into(),
            reading,
        }
    }
}

/// A dictionary word written as digits and a counter (IPADIC has ４月, １２月 as words): the
/// digits stay bare and the counter is read for that number, as when they are two words
/// (４月 → ４ + 月\[がつ\], like 4月).
pub fn digits_with_counter(tokens: &[Token], i: usize) -> Option<Vec<NumberWord>> {
    let t = &tokens[i];
    let split = t.surface.find(|c: char| !is_digit(c)).filter(|&k| k > 0)?;
    let (number, counter) = t.surface.split_at(split);
    let (ctr, len) = counter_at(counter)?;
    if len != counter.len() {
        return None;
    }
    let n = value(number)?;
    let date = i > 0 && tokens[i - 1].surface.ends_with('月');
    digits_then_counter(number, ctr, n, date)
}

/// An ASCII or full-width digit.
fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// `number` (digits, worth `n`) and the counter `ctr` after it: the digits bare, the counter read
/// for that number (3日 → 3 + 日[か]). `date`: a month comes before (1日 ついたち).
fn digits_then_counter(number: &str, ctr: &str, n: u64, date: bool) -> Option<Vec<NumberWord>> {
    Some(vec![
        NumberWord::read(number, None),
        NumberWord::read(ctr, Some(counter_after_digits(n, ctr, date)?)),
    ])
}

/// Whether a token is (part of) a number.
fn is_number(t: &Token) -> bool {
    // 万 or 億 alone is a word (万人 ばんにん/まんにん), not a number.
    t.is("名詞", Some("数"))
        && !matches!(t.surface.as_str(), "万" | "億")
        && value(&t.surface).is_some()
}

/// A number (one or more number tokens) followed by a counter, starting at token `i`, and how
/// many tokens it takes. Digits keep no ruby and the counter gets its reading after that number
/// (3日 → 3 + 日\[か\]); a number in kanji becomes one word with the whole reading (一人 → ひとり).
pub fn number_with_counter(tokens: &[Token], i: usize) -> Option<(Vec<NumberWord>, usize)> {
    if !is_number(&tokens[i]) {
        return None;
    }
    let j = i + tokens[i..].iter().take_while(|t| is_number(t)).count();
    let number: String = tokens[i..j].iter().map(|t| t.surface.as_str()).collect();
    if minutes_before_no(tokens, j) {
        return Some((minutes_then_no(&number)?, j + 1 - i));
    }
    let (ctr, k) = counter_after(tokens, j)?;
    let n = value(&number)?;
    let date = i > 0 && tokens[i - 1].surface.ends_with('月');
    let words = if number.chars().all(is_digit) {
        digits_then_counter(&number, ctr, n, date)?
    } else {
        let (a, b) = with_counter(n, ctr, date)?;
        vec![NumberWord::read(
            format!("{number}{ctr}"),
            Some(format!("{a}{b}")),
        )]
    };
    Some((words, k - i))
}

/// Whether the token at `j`, after a number, is 分の meaning minutes + の: IPADIC reads 分の as
/// one word (3分の1, ぶんの), but followed by anything but a number it is minutes (34分の海域).
fn minutes_before_no(tokens: &[Token], j: usize) -> bool {
    tokens.get(j).is_some_and(|t| t.surface == "分の") && !tokens.get(j + 1).is_some_and(is_number)
}

/// `number` minutes then の: the digits bare and 分 read, or the number in kanji and 分 as one
/// word.
fn minutes_then_no(number: &str) -> Option<Vec<NumberWord>> {
    let n = value(number)?;
    let (a, b) = with_counter(n, "分", false)?;
    let mut words = if number.chars().all(is_digit) {
        vec![
            NumberWord::read(number, None),
            NumberWord::read("分", Some(b)),
        ]
    } else {
        vec![NumberWord::read(
            format!("{number}分"),
            Some(format!("{a}{b}")),
        )]
    };
    words.push(NumberWord::read("の", None));
    Some(words)
}

/// The counter that starts at token `j` (within its next three tokens), and the index of the
/// token after it: only a counter that ends on a token boundary, and not one the dictionary reads
/// as an ordinary noun together with the token after it (三日月, 一本気).
fn counter_after(tokens: &[Token], j: usize) -> Option<(&'static str, usize)> {
    let rest: String = tokens[j..]
        .iter()
        .take(3)
        .map(|t| t.surface.as_str())
        .collect();
    let (ctr, len) = counter_at(&rest)?;
    let mut covered = 0;
    let mut k = j;
    while covered < len && k < tokens.len() {
        covered += tokens[k].surface.len();
        k += 1;
    }
    if covered != len {
        return None;
    }
    if k < tokens.len()
        && tokens[k].is("名詞", None)
        && !tokens[k].is("名詞", Some("接尾"))
        && ctr.chars().count() == 1
    {
        let joined = format!("{}{}", tokens[k - 1].surface, tokens[k].surface);
        if dictionary::tokenize(&joined).len() == 1 {
            return None;
        }
    }
    Some((ctr, k))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(n: u64, c: &str, date: bool) -> String {
        let (a, b) = with_counter(n, c, date).unwrap();
        format!("{a}{b}")
    }

    #[test]
    fn values() {
        for (s, v) in [
            ("一", 1),
            ("十", 10),
            ("二十", 20),
            ("百二十三", 123),
            ("三千", 3000),
            ("一万二千", 12000),
            ("二〇二五", 2025),
            ("56", 56),
            ("１２", 12),
        ] {
            assert_eq!(value(s), Some(v), "{s}");
        }
        assert_eq!(value("人"), None);
    }

    #[test]
    fn readings_with_counters() {
        let cases = [
            (1, "人", false, "ひとり"),
            (2, "人", false, "ふたり"),
            (3, "人", false, "さんにん"),
            (4, "人", false, "よにん"),
            (1, "日", true, "ついたち"),
            (1, "日", false, "いちにち"),
            (3, "日", false, "みっか"),
            (20, "日", false, "はつか"),
            (17, "日", false, "じゅうしちにち"),
            (1, "杯", false, "いっぱい"),
            (3, "杯", false, "さんばい"),
            (1, "回", false, "いっかい"),
            (6, "回", false, "ろっかい"),
            (10, "回", false, "じゅっかい"),
            (9, "時", false, "くじ"),
            (4, "時", false, "よじ"),
            (7, "月", false, "しちがつ"),
            (4, "月", false, "しがつ"),
            (56, "分", false, "ごじゅうろっぷん"),
            (27, "分", false, "にじゅうななふん"),
            (3, "分", false, "さんぷん"),
            (1, "本", false, "いっぽん"),
            (3, "本", false, "さんぼん"),
            (3, "階", false, "さんがい"),
            (8, "歳", false, "はっさい"),
            (20, "歳", false, "はたち"),
            (1892, "年", false, "せんはっぴゃくきゅうじゅうにねん"),
            (2, "週間", false, "にしゅうかん"),
            (1, "ヶ月", false, "いっかげつ"),
        ];
        for (n, c, date, want) in cases {
            assert_eq!(whole(n, c, date), want, "{n}{c}");
        }
    }
}
