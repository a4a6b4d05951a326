//! Readings decided by a class of context that the dictionary does not see: each rule is one
//! small function of the sentence's tokens and the token in question, with its own table of
//! sentences (written for these tests, including ones where the other reading is right).
//!
//! - [`nan`]: 何 before a d-, t- or n- sound is なん (何でも, 何ですか, 何と, 何の).
//! - [`throughout`]: 〜中 after a stretch of time or a place is じゅう (一日中, 一晩中, 世界中,
//!   体中 からだじゅう); after an activity it stays ちゅう (会議中, 授業中).
//! - [`yo_before_fuke`]: 夜 in 夜更かし and 夜更け is よ.
//! - [`gyou`]: 行 alone is a line of text (ぎょう), not the literary くだり.
//! - [`tai_before_sen`]: 大 of 大戦 (たいせん) where the dictionary cut 大 off (大+戦時, 大+戦中).
//! - [`gata`]: 方 after people addressed with respect is がた (先生方, あなた方).
//! - [`compass`]: 東, 西, 南 or 北 glued before another point of the compass is Sino-Japanese
//!   (東+南部 とうなんぶ, 北+北西 ほくほくせい), as in the dictionary's own 東南, 北西.
//! - [`juppun`]: 十分 of a length of time is じゅっぷん (歩いて十分ほど, 十分後に); enough stays
//!   じゅうぶん (十分な睡眠, 十分に休む).
//! - [`okonau`]: 行って with an object (家事などを日常的に行っている) is おこなって; going somewhere
//!   (学校へ行っている) and going along a way (この道を行って) stay いって.
//! - [`oya`]: 親 before a common noun is the parent, おや (ひとり親家庭, 親世代); before a country it
//!   is "pro-", しん (親アメリカ).
//! - [`dome`]: 止め after a noun takes 連濁, どめ (痛み止め, 日焼け止め, 下痢止め).
//! - [`ie`]: 家 after a time and before a particle is a house, いえ (一日家にいる, 毎日家で勉強する,
//!   長期間家から出られない), not the suffix of 専門家 (か).
//! - [`ichiba`]: 市場 where one goes, shops or works is いちば (市場で野菜を買う, 市場に行く); the
//!   market of economics stays しじょう (市場で取引される, 市場に出回る).
//! - [`aku_or_hiraku`]: 開く of a place that is open (窓口が開いている) is あく; of an event someone
//!   holds (講座を開く) or of something that unfolds (花が開く) it is ひらく.

use super::dictionary::Token;

/// 何 before で, だ, と, の, て, ど is なん: 何でも, 何ですか, 何だろう, 何と, 何の, 何て. Before が,
/// を, に, か, も it stays なに.
pub fn nan(tokens: &[Token], i: usize) -> Option<String> {
    if tokens[i].surface != "何" {
        return None;
    }
    let next = tokens.get(i + 1)?;
    next.surface
        .starts_with(['で', 'だ', 'と', 'の', 'て', 'ど'])
        .then(|| "なん".to_string())
}

/// Stretches of time that 中 (じゅう) runs through when a number counts them: 一日中, 一晩中,
/// 一年中.
const TIME_COUNTERS: &[char] = &['日', '晩', '年', '夜'];

/// Places, bodies and groups that 中 (じゅう) runs all through: 世界中, 日本中, 体中, 学校中.
const WHOLE: &[&str] = &[
    "世界",
    "日本",
    "国",
    "町",
    "村",
    "家",
    "体",
    "部屋",
    "学校",
    "クラス",
    "地域",
    "会場",
    "頭",
    "今日",
    "今年",
];

/// Whether token `i` is 中 meaning "all through" (じゅう) after the token before it.
fn is_throughout(tokens: &[Token], i: usize) -> bool {
    let t = &tokens[i];
    if t.surface != "中" || !t.is("名詞", None) {
        return false;
    }
    let Some(prev) = i.checked_sub(1).map(|p| &tokens[p]) else {
        return false;
    };
    // 中 glued to a kanji noun after it belongs to another word (中区, 中部).
    if tokens
        .get(i + 1)
        .is_some_and(|n| n.is("名詞", None) && n.surface.starts_with(super::kanji::is_kanji))
    {
        return false;
    }
    let counted = prev.surface.ends_with(TIME_COUNTERS)
        && (prev
            .surface
            .chars()
            .next()
            .is_some_and(|c| super::numerals::value(&c.to_string()).is_some())
            || i.checked_sub(2)
                .is_some_and(|p| tokens[p].is("名詞", Some("数"))));
    counted || WHOLE.contains(&prev.surface.as_str())
}

/// 〜中 after a stretch of time a number counts or a place it runs through is じゅう (一日中
/// いちにちじゅう, 世界中); and 体 before that 中 is からだ (体中 からだじゅう).
pub fn throughout(tokens: &[Token], i: usize) -> Option<String> {
    if is_throughout(tokens, i) {
        return Some("じゅう".into());
    }
    (tokens[i].surface == "体" && tokens.get(i + 1).is_some() && is_throughout(tokens, i + 1))
        .then(|| "からだ".into())
}

/// 夜更かし, 夜更け: 夜 before 更 is よ (IPADIC knows neither word and reads 夜 alone, よる).
pub fn yo_before_fuke(tokens: &[Token], i: usize) -> Option<String> {
    (tokens[i].surface == "夜"
        && tokens
            .get(i + 1)
            .is_some_and(|n| n.surface.starts_with('更')))
    .then(|| "よ".into())
}

/// 行 as a noun on its own (次の行, 行を変える) is a line of text, ぎょう; IPADIC ranks the literary
/// くだり first. 行 inside words (銀行, 行く) is not this token.
pub fn gyou(tokens: &[Token], i: usize) -> Option<String> {
    let t = &tokens[i];
    (t.surface == "行" && t.is("名詞", Some("一般"))).then(|| "ぎょう".into())
}

/// 大戦 is たいせん; where the dictionary cut 大 off a word beginning with 戦 (大+戦時, 大+戦中) it
/// reads 大 だい.
pub fn tai_before_sen(tokens: &[Token], i: usize) -> Option<String> {
    (tokens[i].surface == "大"
        && tokens
            .get(i + 1)
            .is_some_and(|n| n.surface.starts_with('戦')))
    .then(|| "たい".into())
}

/// People 方 follows as a respectful plural (がた): 先生方, 皆様方, あなた方.
const RESPECTED: &[&str] = &[
    "先生",
    "先輩",
    "皆様",
    "皆さん",
    "みなさん",
    "あなた",
    "貴方",
    "奥様",
];

/// 方 right after people addressed with respect (先生, 皆様, あなた…) is the plural がた (IPADIC
/// reads かた).
pub fn gata(tokens: &[Token], i: usize) -> Option<String> {
    (tokens[i].surface == "方"
        && i.checked_sub(1)
            .is_some_and(|p| RESPECTED.contains(&tokens[p].surface.as_str())))
    .then(|| "がた".into())
}

/// The points of the compass and their Sino-Japanese readings.
const COMPASS: &[(char, &str)] = &[
    ('東', "とう"),
    ('西', "せい"),
    ('南', "なん"),
    ('北', "ほく"),
];

/// A point of the compass written alone (東, read ひがし) and glued before a common noun that
/// starts with another point (南部, 北西) makes one compass word, read the Sino-Japanese way:
/// 東南部 とうなんぶ, 北北西 ほくほくせい. Before a proper name it stays (北+東北 is きたとうほく,
/// the north of Tōhoku).
pub fn compass(tokens: &[Token], i: usize) -> Option<String> {
    let t = &tokens[i];
    let mut chars = t.surface.chars();
    let (c, None) = (chars.next()?, chars.next()) else {
        return None;
    };
    let on = COMPASS.iter().find(|(k, _)| *k == c)?.1;
    let next = tokens.get(i + 1)?;
    (t.is("名詞", None)
        && t.reading.as_deref() != Some(on)
        && next.is("名詞", Some("一般"))
        && next
            .surface
            .starts_with(|n| COMPASS.iter().any(|(k, _)| *k == n)))
    .then(|| on.to_string())
}

/// Words after 十分 that measure a length of time: 十分ほど, 十分後, 十分おきに.
const AFTER_MINUTES: &[&str] = &[
    "ほど",
    "くらい",
    "ぐらい",
    "程度",
    "以内",
    "前",
    "後",
    "間",
    "おき",
    "ごと",
    "足らず",
    "弱",
];

/// Words before 十分 that measure a way or a wait: 歩いて十分, 車で十分, 約十分.
const BEFORE_MINUTES: &[&str] = &["歩い", "走っ", "徒歩", "約", "およそ", "残り"];

/// 十分 (IPADIC: じゅうぶん, enough) is ten minutes (じゅっぷん) when a measure of time comes
/// after it (十分ほど, 十分後に, 十分以内) or a way of going or 約 before it (歩いて十分, 車で十分).
/// 十分な, 十分に, 十分です stay じゅうぶん.
pub fn juppun(tokens: &[Token], i: usize) -> Option<String> {
    if tokens[i].surface != "十分" {
        return None;
    }
    let after = tokens
        .get(i + 1)
        .is_some_and(|n| AFTER_MINUTES.contains(&n.surface.as_str()));
    // 車で十分です is as often "a car will do": only 車で十分の…, 車で十分ほど are minutes.
    let adjective = used_as_adjective(tokens, i);
    let before = i.checked_sub(1).is_some_and(|p| {
        let p = &tokens[p];
        BEFORE_MINUTES.contains(&p.surface.as_str())
            || (p.surface == "で"
                && !adjective
                && i.checked_sub(2)
                    .is_some_and(|q| is_vehicle(&tokens[q].surface)))
            || (p.surface == "て"
                && i.checked_sub(2)
                    .is_some_and(|q| BEFORE_MINUTES.contains(&tokens[q].surface.as_str())))
    });
    (after || before).then(|| "じゅっぷん".into())
}

/// Whether token `i` is followed by what makes an adjectival noun an adjective or a predicate
/// (十分な, 十分に, 十分だ, 十分です, 十分で).
pub fn used_as_adjective(tokens: &[Token], i: usize) -> bool {
    tokens
        .get(i + 1)
        .is_some_and(|n| matches!(n.surface.as_str(), "な" | "に" | "だ" | "です" | "で"))
}

/// Ways of getting somewhere, after which 〜で十分 is a time (車で十分).
fn is_vehicle(word: &str) -> bool {
    ["車", "自転車", "バス", "電車", "タクシー", "徒歩", "船"].contains(&word)
}

/// 親 as a prefix (IPADIC: しん, "pro-", as in 親日) before a common noun is the parent, おや:
/// ひとり親家庭, 親世代. Before a country or another name (親アメリカ) it stays しん.
pub fn oya(tokens: &[Token], i: usize) -> Option<String> {
    let t = &tokens[i];
    let next = tokens.get(i + 1)?;
    (t.surface == "親"
        && t.is("接頭詞", None)
        && next.is("名詞", None)
        && !next.is("名詞", Some("固有名詞"))
        && next.surface.starts_with(super::kanji::is_kanji))
    .then(|| "おや".into())
}

/// 止め (a stopper, とめ) right after a noun is what stops it, with 連濁 as in the dictionary's
/// own 通行止め and 歯止め: 痛み止め, 日焼け止め, かゆみ止め, 下痢止め → どめ.
pub fn dome(tokens: &[Token], i: usize) -> Option<String> {
    let t = &tokens[i];
    (t.surface == "止め"
        && t.is("名詞", None)
        && t.reading.as_deref() == Some("とめ")
        && i.checked_sub(1)
            .is_some_and(|p| tokens[p].is("名詞", None) && !tokens[p].is("名詞", Some("数"))))
    .then(|| "どめ".into())
}

/// Counters of time: 一日, 三年間, 二週間.
const TIME_SPANS: &[&str] = &[
    "日",
    "日間",
    "年",
    "年間",
    "週",
    "週間",
    "時間",
    "晩",
    "か月",
    "ヶ月",
    "カ月",
    "か月間",
    "ヶ月間",
];

/// Days and times that IPADIC does not mark as such (毎日 is also a newspaper to it).
const TIMES: &[&str] = &[
    "毎日", "毎朝", "毎晩", "毎週", "休日", "平日", "週末", "連休",
];

/// 家 that IPADIC takes for a suffix (専門家 か, 平家 け) right after a time and before a particle is
/// a house, いえ: 一日家にいる, 毎日家で勉強する, 週末家で過ごす, 長期間家から出られない.
pub fn ie(tokens: &[Token], i: usize) -> Option<String> {
    let t = &tokens[i];
    if t.surface != "家" || !t.is("名詞", Some("接尾")) {
        return None;
    }
    let prev = &tokens[i.checked_sub(1)?];
    let time = prev.is("名詞", Some("副詞可能"))
        || TIMES.contains(&prev.surface.as_str())
        || (prev.is("名詞", Some("接尾")) && TIME_SPANS.contains(&prev.surface.as_str()));
    (time && tokens.get(i + 1).is_some_and(|n| n.is("助詞", None))).then(|| "いえ".into())
}

/// What one does at a market place: go, shop, work there.
const AT_A_MARKET: &[&str] = &[
    "買う",
    "行く",
    "出かける",
    "歩く",
    "働く",
    "並ぶ",
    "寄る",
    "買い物",
    "買い出し",
];

/// 市場 (IPADIC: しじょう, the market of economics) is a market place, いちば, where someone goes,
/// shops or works: 市場で野菜を買う, 市場で買い物をする, 市場に行く, 市場へ出かけた. The first verb
/// or noun of doing after 市場 and its particle decides; 市場で取引される, 市場に出回る stay しじょう.
pub fn ichiba(tokens: &[Token], i: usize) -> Option<String> {
    if tokens[i].surface != "市場"
        || !tokens
            .get(i + 1)
            .is_some_and(|p| matches!(p.surface.as_str(), "で" | "に" | "へ" | "まで"))
    {
        return None;
    }
    let deed = tokens[i + 2..]
        .iter()
        .take(4)
        .find(|t| t.is("動詞", None) || t.is("名詞", Some("サ変接続")))?;
    AT_A_MARKET.contains(&deed.base()).then(|| "いちば".into())
}

/// Ways one goes along: 道を行って is going, not doing.
const WAYS: &[&str] = &[
    "道",
    "通り",
    "坂",
    "橋",
    "廊下",
    "階段",
    "川",
    "山道",
    "歩道",
    "線路",
    "コース",
    "ルート",
];

/// 行っ (IPADIC: 行く いっ or 行う おこなっ, by the words around it) is 行う, おこなっ, when the
/// clause before it has an object (を) and no place it goes to (へ, or に after a place):
/// 家事などを日常的に行っている, 調査を毎年行って. 学校へ行って, 公園に行って and a way to go
/// along (この道を行って) stay いっ.
pub fn okonau(tokens: &[Token], i: usize) -> Option<String> {
    let t = &tokens[i];
    if t.surface != "行っ" || !t.is("動詞", Some("自立")) || t.reading.as_deref() != Some("いっ")
    {
        return None;
    }
    for k in (0..i).rev() {
        let p = &tokens[k];
        match p.surface.as_str() {
            "。" | "！" | "？" | "!" | "?" | "へ" => return None,
            "を" => {
                let way = k
                    .checked_sub(1)
                    .is_some_and(|o| WAYS.contains(&tokens[o].surface.as_str()));
                return (!way).then(|| "おこなっ".into());
            }
            // A place it goes to (公園に), not a manner (日常的に) or a time (毎週土曜日に).
            "に" if k.checked_sub(1).is_some_and(|o| {
                let o = &tokens[o];
                o.is("名詞", None)
                    && !o.is("名詞", Some("副詞可能"))
                    && !o.is("名詞", Some("接尾"))
                    && !o.is("名詞", Some("形容動詞語幹"))
            }) =>
            {
                return None;
            }
            _ if p.is("動詞", None) => return None,
            _ => {}
        }
    }
    None
}

/// Nouns of events someone holds: 開く is ひらく (講座が開かれる, 相談会は毎月開いています).
fn is_event(noun: &str) -> bool {
    noun.ends_with('会')
        || [
            "講座",
            "教室",
            "研修",
            "セミナー",
            "イベント",
            "催し",
            "展示",
            "講演",
            "集い",
            "サロン",
        ]
        .iter()
        .any(|e| noun.ends_with(e))
}

/// What opens the way a flower or an umbrella does: ひらく even without an object.
const UNFOLDS: &[&str] = &["花", "つぼみ", "傘", "幕", "扉"];

/// 開く (IPADIC reads ひらく): with an object (を) someone opens or holds something — ひらく (講座を
/// 開く, 心を開いて). Without one, a place, a window or a door is open — あく (窓口は土曜日も
/// 開いています, 店が開く) — unless what opens is an event (相談会は毎月開いています) or unfolds
/// (花が開く). The subject is the nearest noun before は, が or も in the clause that is not a
/// time (土曜日も, 9時から). With neither, the dictionary's ひらく stays.
pub fn aku_or_hiraku(tokens: &[Token], i: usize) -> Option<String> {
    let t = &tokens[i];
    if t.base() != "開く" || !t.is("動詞", None) {
        return None;
    }
    let reading = t.reading.as_deref()?;
    let rest = reading.strip_prefix("ひら")?;
    // Passive and causative forms are of holding or founding (会が開かれる, 地に開かれた塾).
    if tokens
        .get(i + 1)
        .is_some_and(|n| matches!(n.base(), "れる" | "られる" | "せる" | "させる"))
    {
        return None;
    }
    let mut subject = None;
    for k in (0..i).rev() {
        let p = &tokens[k];
        if matches!(p.surface.as_str(), "。" | "！" | "？" | "!" | "?") || p.is("動詞", None) {
            break;
        }
        if p.surface == "を" {
            return None;
        }
        if matches!(p.surface.as_str(), "は" | "が" | "も") && p.is("助詞", None) {
            let noun = k.checked_sub(1).map(|n| &tokens[n]);
            if let Some(n) = noun.filter(|n| {
                n.is("名詞", None) && !n.is("名詞", Some("副詞可能")) && !n.is("名詞", Some("数"))
            }) {
                subject = Some(n.surface.as_str());
            }
        }
    }
    let subject = subject?;
    if is_event(subject) || UNFOLDS.contains(&subject) {
        return None;
    }
    Some(format!("あ{rest}"))
}

#[cfg(test)]
mod tests {
    use crate::furigana::{Annotator, Level, to_markup};

    /// `text` with ruby on every word.
    fn markup(text: &str) -> String {
        to_markup(&Annotator::default().annotate(text, Level::All))
    }

    /// Each (sentence, ruby that must be in its markup).
    fn check(cases: &[(&str, &str)]) {
        for (text, want) in cases {
            let got = markup(text);
            assert!(got.contains(want), "{text}: want {want} in {got}");
        }
    }

    #[test]
    fn nan_before_d_t_and_n_sounds_and_nani_elsewhere() {
        check(&[
            ("何でも話してね。", "{何|なん}でも"),
            ("これは何ですか。", "{何|なん}ですか"),
            ("何だろうと思った。", "{何|なん}だろう"),
            ("何と言えばいいの？", "{何|なん}と"),
            ("何の話をしているの？", "{何|なん}の"),
            ("何でそう思うの？", "{何|なん}で"),
            // The other reading: before が, を, か, も, に.
            ("何があったの？", "{何|なに}が"),
            ("何を食べたい？", "{何|なに}を"),
            ("何か困っていることはある？", "{何|なに}か"),
            ("何もしたくない日もある。", "{何|なに}も"),
            ("何に使うの？", "{何|なに}に"),
        ]);
    }

    #[test]
    fn naka_is_juu_through_a_stretch_of_time_or_a_place_and_chuu_during_an_activity() {
        check(&[
            ("一日中ゲームをしていた。", "{一日|いちにち}{中|じゅう}"),
            ("一晩中眠れなかった。", "{一晩|ひとばん}{中|じゅう}"),
            ("一年中にぎやかな町です。", "じゅう"),
            ("世界中で使われている。", "じゅう"),
            ("日本中に広がった。", "{中|じゅう}"),
            ("体中が痛い。", "{体|からだ}{中|じゅう}"),
            ("学校中のうわさになった。", "{中|じゅう}"),
            // An activity or part of a day: ちゅう.
            ("会議中です。", "{中|ちゅう}"),
            ("授業中に眠くなる。", "{中|ちゅう}"),
            ("午前中は混みます。", "{中|ちゅう}"),
            ("妊娠中の方へ。", "{中|ちゅう}"),
            // 中 glued to what follows is part of another word (a ward, a region).
            ("横浜市中区の窓口", "{中|なか}"),
            ("県中部に住む。", "ちゅうぶ"),
        ]);
    }

    #[test]
    fn a_point_of_the_compass_before_another_is_sino_japanese() {
        check(&[
            ("県の東南部に広がる。", "{東|とう}{南部|なんぶ}"),
            ("市の西南部にある。", "{西南|せいなん}{部|ぶ}"),
            ("北北西の風が強い。", "{北|ほく}{北西|ほくせい}"),
            // Alone, or before a name, the native reading stays.
            ("北東北の冬は長い。", "{北|きた}{東北|とうほく}"),
            ("東の空が明るい。", "{東|ひがし}の"),
            ("北と南に分かれる。", "{北|きた}と{南|みなみ}に"),
        ]);
    }

    #[test]
    fn juppun_is_ten_minutes_and_juubun_is_enough() {
        check(&[
            (
                "最寄りの駅から歩いて十分ほどです。",
                "{十分|じゅっぷん}ほど",
            ),
            ("バス停から十分ほど歩きます。", "{十分|じゅっぷん}"),
            ("車で十分の場所にあります。", "{十分|じゅっぷん}"),
            ("開始の十分前に集まってください。", "{十分|じゅっぷん}"),
            ("十分後にもう一度測ります。", "{十分|じゅっぷん}"),
            ("十分以内に着きます。", "{十分|じゅっぷん}"),
            ("休憩は約十分です。", "{十分|じゅっぷん}"),
            // Enough.
            ("十分な睡眠をとりましょう。", "{十分|じゅうぶん}な"),
            ("十分に休んでください。", "{十分|じゅうぶん}に"),
            ("それで十分です。", "{十分|じゅうぶん}です"),
            ("水分を十分とりましょう。", "{十分|じゅうぶん}"),
            ("移動は車で十分です。", "{十分|じゅうぶん}"),
            ("十分気をつけてください。", "{十分|じゅうぶん}"),
        ]);
    }

    #[test]
    fn ie_a_house_after_a_time() {
        check(&[
            ("長期間家から出られない。", "{家|いえ}から"),
            ("一日家にいる。", "{家|いえ}に"),
            ("毎日家で勉強する。", "{家|いえ}で"),
            ("週末家で過ごす。", "{家|いえ}で"),
            ("三年間家に引きこもっていた。", "{家|いえ}に"),
            ("昼間家にいない。", "{家|いえ}に"),
            // The suffix of a trade stays.
            ("専門家に相談する。", "{専門|せんもん}{家|か}に"),
            ("作曲家に会う。", "{家|か}に"),
        ]);
    }

    #[test]
    fn ichiba_a_market_place_and_shijou_the_market() {
        check(&[
            ("毎朝、市場で野菜を買う。", "{市場|いちば}"),
            ("市場で買い物をするのが楽しみです。", "{市場|いちば}"),
            ("週末は市場に行く。", "{市場|いちば}"),
            ("市場へ出かけた。", "{市場|いちば}"),
            // The market of economics.
            ("株は市場で取引される。", "{市場|しじょう}"),
            ("新しい薬が市場に出回る。", "{市場|しじょう}"),
            ("市場の動向を調べる。", "{市場|しじょう}"),
        ]);
    }

    #[test]
    fn dome_after_a_noun() {
        check(&[
            ("痛み止めを飲む。", "{止|ど}め"),
            ("日焼け止めを塗る。", "{止|ど}め"),
            ("かゆみ止めの薬", "{止|ど}め"),
            ("下痢止めは飲まないで。", "{止|ど}め"),
            // A verb stays とめ.
            ("足を止めて考える。", "{止|と}めて"),
            ("止めに入る。", "{止|と}め"),
        ]);
    }

    #[test]
    fn oya_the_parent_and_shin_pro() {
        check(&[
            ("ひとり親家庭への支援", "{親|おや}"),
            ("親世代の考え方", "{親|おや}"),
            // Pro-: before a country.
            ("親アメリカの政権", "{親|しん}"),
            ("親日家として知られる", "{親日|しんにち}"),
        ]);
    }

    #[test]
    fn okonau_with_an_object_and_iku_to_a_place() {
        check(&[
            (
                "家事や家族の世話などを日常的に行っている子ども",
                "{行|おこな}っている",
            ),
            ("支援を行っています。", "{行|おこな}っています"),
            ("調査を毎年行ってきました。", "{行|おこな}って"),
            // Going somewhere, or along a way.
            ("学校へ行っている。", "{行|い}っている"),
            ("公園に行ってボールを投げる。", "{行|い}って"),
            ("駅まで行って、ボールを買う。", "{行|い}って"),
            ("この道をまっすぐ行ってください。", "{行|い}って"),
            ("子どもを連れて行ってください。", "{行|い}って"),
        ]);
    }

    #[test]
    fn gyou_a_line_of_text_and_tai_of_taisen() {
        check(&[
            ("次の行を読む。", "{行|ぎょう}を"),
            ("この行は長い。", "{行|ぎょう}は"),
            ("3行目を見てください。", "{行目|ぎょうめ}"),
            ("銀行に行く。", "{銀行|ぎんこう}に{行|い}く"),
            ("世界大戦時の話", "{大|たい}"),
            ("大戦中は苦しかった。", "{大|たい}"),
            ("大戦", "{大戦|たいせん}"),
            // 大 before other words stays だい.
            ("大事なこと", "{大事|だいじ}"),
            ("大好きな歌", "{大好|だいす}き"),
        ]);
    }

    #[test]
    fn yo_in_yofukashi_and_yofuke() {
        check(&[
            ("夜更かしをすると朝起きられない。", "{夜|よ}{更|ふ}かし"),
            ("ゲームで夜更かしした。", "{夜|よ}{更|ふ}かし"),
            ("夜更けまで話した。", "{夜更|よふ}け"),
            // 夜 alone stays よる.
            ("夜は早く寝よう。", "{夜|よる}"),
            ("夜になると不安になる。", "{夜|よる}"),
        ]);
    }

    #[test]
    fn aku_of_a_place_that_is_open_and_hiraku_of_what_someone_holds_or_unfolds() {
        check(&[
            ("相談窓口は土曜日も開いています。", "{開|あ}いて"),
            ("窓口は平日9時から開いています。", "{開|あ}いて"),
            ("図書館は夜8時まで開いています。", "{開|あ}いて"),
            ("店は10時に開きます。", "{開|あ}きます"),
            ("窓が開かない。", "{開|あ}かない"),
            // Someone opens or holds something: ひらく.
            ("講座を開いています。", "{開|ひら}いて"),
            ("心を開いて話す。", "{開|ひら}いて"),
            ("市では講座を毎月開いています。", "{開|ひら}いて"),
            // An event, or something that unfolds: ひらく without an object too.
            ("相談会は毎月開いています。", "{開|ひら}いて"),
            ("花が開いている。", "{開|ひら}いて"),
            // Passive: an event held, a school founded.
            ("相談会は市役所で開かれます。", "{開|ひら}かれ"),
            ("この町に開かれた塾は古い。", "{開|ひら}かれた"),
        ]);
    }

    #[test]
    fn kata_for_a_person_who_is_there_and_hou_for_a_side() {
        check(&[
            ("話を聞いてくれる方がいます。", "{方|かた}が"),
            ("支えてくれる方がいると心強い。", "{方|かた}が"),
            ("相談に乗ってくださる方もいらっしゃいます。", "{方|かた}も"),
            ("参加を希望する方は申し込んでください。", "{方|かた}は"),
            ("悩んでいる方へ。", "{方|かた}へ"),
            ("受診をためらう方も多いです。", "{方|かた}も"),
            ("相談に来る方も少なくありません。", "{方|かた}も"),
            ("初めて参加した方も楽しめます。", "{方|かた}も"),
            // A side or advice: ほう.
            ("子どもの方が多い。", "{方|ほう}が"),
            ("休んだ方がいいです。", "{方|ほう}が"),
            ("早く寝た方が楽になる。", "{方|ほう}が"),
            ("こちらの方が近い。", "{方|ほう}が"),
        ]);
    }

    #[test]
    fn rendaku_only_where_the_compound_takes_it() {
        check(&[
            // No rendaku: a place to send or ask (〜先 さき), pairs of equals, a prefix.
            ("連絡先を書いてください。", "{先|さき}"),
            ("問い合わせ先", "{先|さき}"),
            ("読み書きが苦手。", "{書|か}き"),
            ("山川草木", "かわ"),
            ("新会社を作る。", "{会社|かいしゃ}"),
            // Rendaku where the compound has it.
            ("保険会社に勤める。", "{会社|がいしゃ}"),
            ("本棚に置く。", "{本棚|ほんだな}"),
            ("先生方にお願いする。", "{方|がた}"),
        ]);
    }

    #[test]
    fn kokoro_in_a_noun_phrase_and_shin_in_compounds() {
        check(&[
            ("心の健康を保つ。", "{心|こころ}の"),
            ("心と体の健康", "{心|こころ}と"),
            ("心も体も疲れている。", "{心|こころ}も"),
            ("子どもの心を育てる。", "{心|こころ}を"),
            ("心豊かに暮らす。", "{心|こころ}"),
            ("疲れた心に寄り添う。", "{心|こころ}に"),
            // Compounds: しん.
            ("安心して相談できます。", "{安心|あんしん}"),
            ("心身の健康", "{心身|しんしん}"),
            ("心理的な負担", "{心理|しんり}"),
        ]);
    }
}
