//! Which kanji a reader is expected to know: the 学年別漢字配当表 (in force since 2020) and the
//! 常用漢字表 (2010). Data from the `kanji` crate, whose Kanji Kentei levels 10–5 are exactly
//! grades 1–6 of the 2020 table and whose levels 10–2 are the 2,136 常用漢字.

use std::collections::HashMap;
use std::sync::OnceLock;

use kanji::exam_lists as lists;

/// Whether `c` is a kanji (CJK unified or compatibility ideograph, 々 included).
pub fn is_kanji(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
        || c == '々'
        || c == '〆'
        || c == 'ヶ'
}

/// The school grade (1–6) in which `c` is taught, or `None` if it is not an 教育漢字.
pub fn grade(c: char) -> Option<u8> {
    table().get(&c).and_then(|&l| (l <= 6).then_some(l))
}

/// Whether `c` is one of the 常用漢字 (both forms of the variants 𠮟/叱, 剝/剥, 頰/頬, 塡/填, 箸/箸,
/// 遜/遜, 餌/餌, 謎/謎, 餅/餅 are accepted).
pub fn is_joyo(c: char) -> bool {
    table().contains_key(&c)
        || matches!(
            c,
            '叱' | '𠮟' | '剝' | '剥' | '頰' | '頬' | '塡' | '填' | '々'
        )
}

/// Kanji → grade 1–6, or 7 for the other 常用漢字.
fn table() -> &'static HashMap<char, u8> {
    static TABLE: OnceLock<HashMap<char, u8>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = HashMap::new();
        let by_grade = [
            lists::LEVEL_10,
            lists::LEVEL_09,
            lists::LEVEL_08,
            lists::LEVEL_07,
            lists::LEVEL_06,
            lists::LEVEL_05,
        ];
        for (i, list) in by_grade.iter().enumerate() {
            for c in list.chars().filter(|c| is_kanji(*c)) {
                t.insert(c, i as u8 + 1);
            }
        }
        for list in [
            lists::LEVEL_04,
            lists::LEVEL_03,
            lists::LEVEL_02_PRE,
            lists::LEVEL_02,
        ] {
            for c in list.chars().filter(|c| is_kanji(*c)) {
                t.entry(c).or_insert(7);
            }
        }
        t
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grade_counts_match_the_2020_table() {
        let mut counts = [0usize; 8];
        for &g in table().values() {
            counts[g as usize] += 1;
        }
        assert_eq!(&counts[1..7], &[80, 160, 200, 202, 193, 191]);
        assert_eq!(counts[1..8].iter().sum::<usize>(), 2136, "常用漢字");
    }

    #[test]
    fn the_2020_moves() {
        // The 20 prefecture-name kanji are taught in grade 4.
        for c in "茨媛岡潟岐熊香佐埼崎滋鹿縄井沖栃奈梨阪阜".chars() {
            assert_eq!(grade(c), Some(4), "{c}");
        }
        // Moved from grade 4 to 5, and from 5 to 4/6, in 2020.
        assert_eq!(grade('賀'), Some(4));
        assert_eq!(grade('城'), Some(4));
        assert_eq!(grade('囲'), Some(5));
        assert_eq!(grade('紀'), Some(5));
        assert_eq!(grade('恩'), Some(6));
        assert_eq!(grade('一'), Some(1));
        assert_eq!(grade('憂'), None);
    }

    #[test]
    fn joyo_accepts_both_variant_forms() {
        for c in ['叱', '𠮟', '剝', '剥', '憂', '鬱'] {
            assert!(is_joyo(c), "{c}");
        }
        for c in ['狭', '沢'] {
            assert!(is_joyo(c), "{c}");
        }
        assert!(!is_joyo('鰯'));
    }
}
