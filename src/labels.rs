//! The words of the site's frame in one language: what the theme says around the content (「今すぐ
//! 相談したい方へ」, 受付中, page titles of generated pages, dates and times). They live in the
//! theme's `labels/<code>.toml` (nested tables read as dotted keys, `help.now`), are read by
//! the theme module (`theme.rs`) and reach templates as `labels`, Rust code through [`Labels::text`] and
//! [`Labels::fill`], and the browser's scripts through `data-` attributes the templates write.
//!
//! Dates and times are written from patterns of the same files (`[date]`), so that a language
//! is added by writing patterns, not code: [`Labels::date`], [`Labels::date_weekday`],
//! [`Labels::time`]. This module only looks labels up and fills patterns; it never reads files.

use std::collections::BTreeMap;

use crate::date::{Date, TimeOfDay};

/// The frame's labels in one language, by dotted key (`help.now`).
#[derive(Debug, Clone, Default)]
pub struct Labels {
    code: String,
    flat: BTreeMap<String, String>,
    tree: serde_json::Value,
}

impl Labels {
    /// The labels of language `code`, from dotted keys and their texts.
    pub fn new(code: &str, flat: BTreeMap<String, String>) -> Labels {
        let mut tree = serde_json::Map::new();
        for (key, text) in &flat {
            insert(&mut tree, key, text);
        }
        Labels {
            code: code.to_string(),
            flat,
            tree: serde_json::Value::Object(tree),
        }
    }

    /// The language code (`ja`, `easy`, `en`).
    pub fn code(&self) -> &str {
        &self.code
    }

    /// Every key with its text, sorted.
    pub fn entries(&self) -> &BTreeMap<String, String> {
        &self.flat
    }

    /// The labels as nested tables, for templates (`labels.help.now`).
    pub fn tree(&self) -> &serde_json::Value {
        &self.tree
    }

    /// The text of `key`; the key itself when no file has it (the theme's default language has
    /// every key the code asks for: a test says so).
    pub fn text<'a>(&'a self, key: &'a str) -> &'a str {
        self.flat.get(key).map_or(key, String::as_str)
    }

    /// The label of `key` in table `table` (`audience`, `young-people`): the names of the
    /// values of a closed list, language names; the key itself when no file has it.
    pub fn item<'a>(&'a self, table: &str, key: &'a str) -> &'a str {
        self.flat
            .get(&format!("{table}.{key}"))
            .map_or(key, String::as_str)
    }

    /// The text of `key` with its `{name}` placeholders filled from `args`.
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(self.text(key), args)
    }

    /// A date as the language writes it (`date.day`): 2026年12月7日, 7 December 2026.
    pub fn date(&self, d: Date) -> String {
        self.date_pattern("date.day", d)
    }

    /// A date with its weekday (`date.day_weekday`): 2026年12月7日（月）, Monday 7 December 2026.
    pub fn date_weekday(&self, d: Date) -> String {
        self.date_pattern("date.day_weekday", d)
    }

    fn date_pattern(&self, key: &str, d: Date) -> String {
        let weekday = WEEKDAY_KEYS[d.weekday() as usize];
        let (year, month, day) = (d.year.to_string(), d.month.to_string(), d.day.to_string());
        fill(
            self.text(key),
            &[
                ("year", &year),
                ("month", &month),
                ("day", &day),
                ("month_name", self.text(MONTH_KEYS[d.month as usize - 1])),
                ("weekday", self.weekday(weekday)),
                ("weekday_short", self.weekday_short(weekday)),
            ],
        )
    }

    /// A weekday's name (`date.weekday.mon`): 月曜日, Monday.
    pub fn weekday<'a>(&'a self, key: &'a str) -> &'a str {
        self.flat
            .get(&format!("date.weekday.{key}"))
            .map_or(key, String::as_str)
    }

    /// A weekday's short name (`date.weekday_short.mon`): 月, Mon.
    pub fn weekday_short<'a>(&'a self, key: &'a str) -> &'a str {
        self.flat
            .get(&format!("date.weekday_short.{key}"))
            .map_or(key, String::as_str)
    }

    /// A time of day (`date.time`, `date.time_on_the_hour`, `date.time_midnight` for 24:00):
    /// 9:30, 午前9時30分, 9:30 am.
    pub fn time(&self, t: TimeOfDay) -> String {
        let (hour, minute) = (t.minutes() / 60, t.minutes() % 60);
        let key = if hour == 24 {
            "date.time_midnight"
        } else if minute == 0 {
            "date.time_on_the_hour"
        } else {
            "date.time"
        };
        let hour12 = match hour % 12 {
            0 => 12,
            h => h,
        };
        let ampm = self.text(if hour < 12 || hour == 24 {
            "date.am"
        } else {
            "date.pm"
        });
        let (h, h12, m, m2) = (
            hour.to_string(),
            hour12.to_string(),
            minute.to_string(),
            format!("{minute:02}"),
        );
        fill(
            self.text(key),
            &[
                ("hour", &h),
                ("hour12", &h12),
                ("minute", &m2),
                ("minute_plain", &m),
                ("ampm", ampm),
            ],
        )
    }

    /// A date with a time (`date.date_time`): 2027年2月5日 17:00.
    pub fn date_time(&self, d: Date, t: TimeOfDay) -> String {
        self.fill(
            "date.date_time",
            &[("date", &self.date(d)), ("time", &self.time(t))],
        )
    }

    /// A `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM` text as a person reads it; anything else as it is.
    pub fn date_text(&self, text: &str) -> String {
        let (day, time) = text.split_once('T').unwrap_or((text, ""));
        let Some(date) = Date::parse(day) else {
            return text.to_string();
        };
        match TimeOfDay::parse(time) {
            Some(t) => self.date_time(date, t),
            None => self.date(date),
        }
    }
}

/// The keys of the weekdays, Sunday first (as [`Date::weekday`] counts).
const WEEKDAY_KEYS: [&str; 7] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

const MONTH_KEYS: [&str; 12] = [
    "date.month.1",
    "date.month.2",
    "date.month.3",
    "date.month.4",
    "date.month.5",
    "date.month.6",
    "date.month.7",
    "date.month.8",
    "date.month.9",
    "date.month.10",
    "date.month.11",
    "date.month.12",
];

/// `pattern` with each `{name}` of `args` replaced by its value, in one pass (a value is never
/// read again as a pattern); a `{name}` that `args` does not have stays as written.
pub(crate) fn fill(pattern: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            let (_, value) = args.iter().find(|(n, _)| *n == name)?;
            Some((value, close))
        });
        match value {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn insert(tree: &mut serde_json::Map<String, serde_json::Value>, key: &str, text: &str) {
    match key.split_once('.') {
        None => {
            tree.insert(key.to_string(), serde_json::Value::String(text.to_string()));
        }
        Some((head, rest)) => {
            let child = tree
                .entry(head.to_string())
                .or_insert_with(|| serde_json::Value::Object(serde_json::Map::new()));
            if let serde_json::Value::Object(map) = child {
                insert(map, rest, text);
            }
        }
    }
}

/// Every dotted key of `table` with its text (`None` for a value that is not a text).
pub(crate) fn flatten(table: &toml::Table, prefix: &str, out: &mut Vec<(String, Option<String>)>) {
    for (k, v) in table {
        let key = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        match v {
            toml::Value::Table(t) => flatten(t, &key, out),
            toml::Value::String(s) => out.push((key, Some(s.clone()))),
            _ => out.push((key, None)),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The shipped theme's labels of `code` (`ja`, `easy`, `en`), for tests (read here, not
    /// through the theme module, which imports this one; the theme's tests check that the
    /// files are complete).
    pub(crate) fn shipped(code: &str) -> &'static Labels {
        fn read(code: &str, text: &str) -> Labels {
            let mut flat = Vec::new();
            super::flatten(&text.parse::<toml::Table>().unwrap(), "", &mut flat);
            let flat = flat
                .into_iter()
                .map(|(k, v)| {
                    let text = v.unwrap_or_else(|| panic!("{k} is not a text"));
                    (k, text)
                })
                .collect();
            Labels::new(code, flat)
        }
        static ALL: std::sync::OnceLock<BTreeMap<&str, Labels>> = std::sync::OnceLock::new();
        &ALL.get_or_init(|| {
            BTreeMap::from([
                (
                    "ja",
                    read("ja", include_str!("../themes/default/labels/ja.toml")),
                ),
                (
                    "easy",
                    read("easy", include_str!("../themes/default/labels/easy.toml")),
                ),
                (
                    "en",
                    read("en", include_str!("../themes/default/labels/en.toml")),
                ),
            ])
        })[code]
    }

    fn labels(pairs: &[(&str, &str)]) -> Labels {
        Labels::new(
            "xx",
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    #[test]
    fn patterns_fill_in_one_pass() {
        assert_eq!(fill("{a}〜{b}", &[("a", "{b}"), ("b", "2")]), "{b}〜2");
        assert_eq!(fill("{unknown} {", &[]), "{unknown} {");
        assert_eq!(fill("no holes", &[("a", "1")]), "no holes");
    }

    #[test]
    fn dates_and_times_in_each_shipped_language() {
        let d = Date::new(2026, 12, 7).unwrap();
        let t = |s: &str| TimeOfDay::parse(s).unwrap();
        // (language, date, date with weekday, 9:30, 13:00, 24:00, 12:05)
        let table = [
            (
                "ja",
                "2026年12月7日",
                "2026年12月7日（月）",
                "9:30",
                "13:00",
                "24:00",
                "12:05",
            ),
            (
                "easy",
                "2026年12月7日",
                "2026年12月7日（月よう日）",
                "午前9時30分",
                "午後1時",
                "夜の 12時",
                "午後12時5分",
            ),
            (
                "en",
                "7 December 2026",
                "Monday 7 December 2026",
                "9:30 am",
                "1:00 pm",
                "midnight",
                "12:05 pm",
            ),
        ];
        for (code, day, weekday, morning, afternoon, midnight, noon) in table {
            let l = shipped(code);
            assert_eq!(l.date(d), day, "{code}");
            assert_eq!(l.date_weekday(d), weekday, "{code}");
            assert_eq!(l.time(t("9:30")), morning, "{code}");
            assert_eq!(l.time(t("13:00")), afternoon, "{code}");
            assert_eq!(l.time(t("24:00")), midnight, "{code}");
            assert_eq!(l.time(t("12:05")), noon, "{code}");
        }
        assert_eq!(
            shipped("ja").date_text("2027-02-05T17:00"),
            "2027年2月5日 17:00"
        );
        assert_eq!(
            shipped("en").date_text("2027-02-05T17:00"),
            "5 February 2027, 5:00 pm"
        );
        assert_eq!(shipped("en").date_text("随時"), "随時");
    }

    #[test]
    fn templates_see_nested_tables() {
        let l = labels(&[("help.now", "今すぐ"), ("help.more", "もっと")]);
        assert_eq!(l.tree()["help"]["now"], "今すぐ");
        assert_eq!(l.text("help.more"), "もっと");
        assert_eq!(l.text("help.gone"), "help.gone");
    }
}
