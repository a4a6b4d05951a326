//! National help lines, bundled so that every site shows them exactly. Numbers and hours are
//! those published by the operators; the `source` of each says where to check them again.

/// A national telephone line.
#[derive(Debug, Clone, serde::Serialize)]
pub struct NationalLine {
    /// Stable identifier.
    pub id: &'static str,
    /// Name as the operator writes it.
    pub name: &'static str,
    /// Who runs it.
    pub organisation: &'static str,
    /// The number as printed.
    pub number: &'static str,
    /// Hours in plain words. Lines whose hours differ by region or day say so.
    pub hours: &'static str,
    /// Whether it answers 24 hours a day.
    pub always_open: bool,
    /// The hours as a schedule the 受付中 badge can evaluate: `always`, `daily HH:MM-HH:MM`, or
    /// empty when they vary (then no badge is shown, only the words in `hours`).
    pub schedule: &'static str,
    /// Topics (slugs of the project's topics).
    pub topics: &'static [&'static str],
    /// Who it is for, in plain words.
    pub audience: &'static str,
    /// Other numbers of the same line, with who should call them.
    pub other_numbers: &'static [(&'static str, &'static str)],
    /// Where to check the number and hours again.
    pub source: &'static str,
}

/// The bundled list.
pub const LINES: &[NationalLine] = &[
    NationalLine {
        id: "kokoro-no-kenko-sodan",
        name: "こころの健康相談統一ダイヤル",
        organisation: "厚生労働省（各都道府県・政令指定都市の相談窓口につながります）",
        number: "0570-064-556",
        hours: "受付時間は都道府県・政令指定都市によって異なります",
        always_open: false,
        schedule: "",
        topics: &["stress", "depression", "suicide"],
        audience: "どなたでも",
        other_numbers: &[],
        source: "https://www.mhlw.go.jp/mamorouyokokoro/",
    },
    NationalLine {
        id: "yorisoi",
        name: "よりそいホットライン",
        organisation: "一般社団法人 社会的包摂サポートセンター",
        number: "0120-279-338",
        hours: "24時間",
        always_open: true,
        schedule: "always",
        topics: &["stress", "depression", "suicide", "family", "addiction"],
        audience: "どなたでも",
        other_numbers: &[("岩手県・宮城県・福島県から", "0120-279-226")],
        source: "https://www.since2011.net/yorisoi/",
    },
    NationalLine {
        id: "inochi-no-denwa",
        name: "いのちの電話（ナビダイヤル）",
        organisation: "一般社団法人 日本いのちの電話連盟",
        number: "0570-783-556",
        hours: "午前10時〜午後10時",
        always_open: false,
        schedule: "daily 10:00-22:00",
        topics: &["suicide", "depression", "stress"],
        audience: "どなたでも",
        other_numbers: &[],
        source: "https://www.inochinodenwa.org/",
    },
    NationalLine {
        id: "inochi-sos",
        name: "#いのちSOS",
        organisation: "特定非営利活動法人 自殺対策支援センターライフリンク",
        number: "0120-061-338",
        hours: "受付時間は曜日によって異なります（公式サイトで確認してください）",
        always_open: false,
        schedule: "",
        topics: &["suicide", "depression", "stress"],
        audience: "どなたでも",
        other_numbers: &[],
        source: "https://www.lifelink.or.jp/inochisos/",
    },
    NationalLine {
        id: "kodomo-sos",
        name: "24時間子供SOSダイヤル",
        organisation: "文部科学省（お住まいの地域の教育委員会の相談機関につながります）",
        number: "0120-0-78310",
        hours: "24時間",
        always_open: true,
        schedule: "always",
        topics: &["school", "suicide", "family"],
        audience: "子ども・保護者",
        other_numbers: &[],
        source: "https://www.mext.go.jp/ijime/detail/dial.htm",
    },
    NationalLine {
        id: "childline",
        name: "チャイルドライン",
        organisation: "特定非営利活動法人 チャイルドライン支援センター",
        number: "0120-99-7777",
        hours: "毎日 午後4時〜午後9時",
        always_open: false,
        schedule: "daily 16:00-21:00",
        topics: &["school", "family", "stress"],
        audience: "18歳までの子ども",
        other_numbers: &[],
        source: "https://childline.or.jp/",
    },
];

/// The lines the 「今すぐ相談したい方へ」 box offers to the readers of a page with `audience`
/// (front matter): pupils get the children's lines (24時間子供SOSダイヤル, チャイルドライン), everyone
/// else the 24-hour general line (よりそいホットライン).
pub fn help_lines(audience: Option<&str>) -> Vec<&'static NationalLine> {
    let ids: &[&str] = match audience {
        Some("school") => &["kodomo-sos", "childline"],
        _ => &["yorisoi"],
    };
    ids.iter()
        .filter_map(|id| LINES.iter().find(|l| l.id == *id))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::phone;

    #[test]
    fn pupils_get_the_childrens_lines_first() {
        let ids = |a| help_lines(a).iter().map(|l| l.id).collect::<Vec<_>>();
        assert_eq!(ids(Some("school")), ["kodomo-sos", "childline"]);
        assert_eq!(ids(Some("family")), ["yorisoi"]);
        assert_eq!(ids(None), ["yorisoi"]);
    }

    #[test]
    fn every_national_number_is_a_valid_phone_number() {
        for line in LINES {
            assert!(phone::normalize(line.number).is_ok(), "{}", line.name);
            for (_, n) in line.other_numbers {
                assert!(phone::normalize(n).is_ok(), "{n}");
            }
        }
    }

    #[test]
    fn the_numbers_are_the_published_ones() {
        let by_id = |id: &str| LINES.iter().find(|l| l.id == id).unwrap().number;
        assert_eq!(by_id("kokoro-no-kenko-sodan"), "0570-064-556");
        assert_eq!(by_id("yorisoi"), "0120-279-338");
        assert_eq!(by_id("inochi-no-denwa"), "0570-783-556");
        assert_eq!(by_id("inochi-sos"), "0120-061-338");
        assert_eq!(by_id("kodomo-sos"), "0120-0-78310");
        assert_eq!(by_id("childline"), "0120-99-7777");
    }
}
