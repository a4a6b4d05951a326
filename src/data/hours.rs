//! Opening hours of a consultation window: written as [`RawHours`] (days and times as text),
//! checked once into [`Hours`] (typed [`Weekday`]s and `TimeOfDay`s), written out in plain
//! Japanese, and evaluated ("is it open now?"). The browser badge (themes/default/static/js/
//! open-now.js) implements the same rules; both are tested on the same cases.

use serde::{Deserialize, Serialize};

use super::holidays;
use super::list::closed_list;
use crate::date::{Date, TimeOfDay};
use crate::labels::Labels;
use crate::messages::Text;
use crate::t;

closed_list! {
    /// A day of the week, as data writes it (`mon` … `sun`), in the order of
    /// [`Date::weekday`] (Sunday first).
    Weekday in "date.weekday_short" {
        /// Sunday.
        Sun = "sun", "日";
        /// Monday.
        Mon = "mon", "月";
        /// Tuesday.
        Tue = "tue", "火";
        /// Wednesday.
        Wed = "wed", "水";
        /// Thursday.
        Thu = "thu", "木";
        /// Friday.
        Fri = "fri", "金";
        /// Saturday.
        Sat = "sat", "土";
    }
}

impl Weekday {
    /// Every day, Sunday first.
    pub const ALL: [Weekday; 7] = [
        Weekday::Sun,
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
    ];

    /// The day of the week of `date`.
    pub fn of(date: Date) -> Weekday {
        Weekday::ALL[date.weekday() as usize]
    }

    /// Its number, 0 = Sunday … 6 = Saturday (as the browser badge counts).
    pub fn index(self) -> usize {
        self as usize
    }

    /// Its place in a week that starts on Monday (Monday 0 … Sunday 6).
    pub fn monday_first(self) -> usize {
        (self.index() + 6) % 7
    }

    /// Its English name, as schema.org writes it.
    pub fn english(self) -> &'static str {
        match self {
            Weekday::Sun => "Sunday",
            Weekday::Mon => "Monday",
            Weekday::Tue => "Tuesday",
            Weekday::Wed => "Wednesday",
            Weekday::Thu => "Thursday",
            Weekday::Fri => "Friday",
            Weekday::Sat => "Saturday",
        }
    }
}

/// One opening period as written: days and times as text, not yet checked.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct RawPeriod {
    /// Days the period starts on: `mon` … `sun`.
    pub days: Vec<String>,
    /// Opening time, `HH:MM`.
    pub open: String,
    /// Closing time, `HH:MM` (`24:00` for midnight).
    pub close: String,
}

/// An opening on one day of every month as written: times as text, not yet checked.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct RawMonthlyPeriod {
    /// The day of the month it starts on, 1–31.
    pub day: u32,
    /// Opening time, `HH:MM`.
    pub open: String,
    /// Closing time, `HH:MM` (`24:00` for midnight).
    pub close: String,
}

/// When a window answers, as written; [`RawHours::check`] makes it [`Hours`].
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct RawHours {
    /// Open 24 hours a day, every day.
    #[serde(default)]
    pub always_open: bool,
    /// Regular periods.
    #[serde(default)]
    pub periods: Vec<RawPeriod>,
    /// Openings on a day of every month, besides the regular periods.
    #[serde(default)]
    pub monthly: Vec<RawMonthlyPeriod>,
    /// Closed on national holidays.
    #[serde(default)]
    pub closed_on_holidays: bool,
    /// Closed from 29 December to 3 January (年末年始).
    #[serde(default)]
    pub closed_year_end: bool,
    /// Anything the structure cannot say (e.g. 第2・第4水曜日は休み).
    #[serde(default)]
    pub note: String,
}

/// One opening period, on the given days. `close` at or before `open` means it runs past
/// midnight into the next day; `24:00` is allowed as a closing time.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Period {
    /// Days the period starts on, as written (in that order).
    pub days: Vec<Weekday>,
    /// Opening time (before `24:00`).
    pub open: TimeOfDay,
    /// Closing time (`24:00` for midnight).
    pub close: TimeOfDay,
}

/// An opening on one day of every month, besides the regular periods (いのちの電話's free line:
/// the 10th, from 8:00 to 8:00 the next day). `close` at or before `open` runs into the next
/// day; `close` equal to `open` is the whole 24 hours from `open`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct MonthlyPeriod {
    /// The day of the month it starts on, 1–31 (a month without that day has none).
    pub day: u32,
    /// Opening time (before `24:00`).
    pub open: TimeOfDay,
    /// Closing time (`24:00` for midnight).
    pub close: TimeOfDay,
}

/// When a window answers, checked.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Hours {
    /// Open 24 hours a day, every day.
    pub always_open: bool,
    /// Regular periods.
    pub periods: Vec<Period>,
    /// Openings on a day of every month, besides the regular periods.
    pub monthly: Vec<MonthlyPeriod>,
    /// Closed on national holidays.
    pub closed_on_holidays: bool,
    /// Closed from 29 December to 3 January (年末年始).
    pub closed_year_end: bool,
    /// Anything the structure cannot say (e.g. 第2・第4水曜日は休み).
    pub note: String,
}

/// A time of a period, or the field and what is wrong with it.
fn time(
    value: &str,
    field: impl Fn(&str) -> String,
    name: &str,
) -> Result<TimeOfDay, (String, Text)> {
    TimeOfDay::parse(value).ok_or_else(|| (field(name), t!("part.hours-time", value = value)))
}

/// The opening and closing times of a period; an opening at `24:00` is refused.
fn open_close(
    open: &str,
    close: &str,
    field: impl Fn(&str) -> String,
) -> Result<(TimeOfDay, TimeOfDay), (String, Text)> {
    let open = time(open, &field, "open")?;
    let close = time(close, &field, "close")?;
    if open == TimeOfDay::END_OF_DAY {
        return Err((field("open"), t!("part.hours-open-24")));
    }
    Ok((open, close))
}

impl RawMonthlyPeriod {
    /// Checks the day of the month and the times; else the field and what is wrong.
    fn check(&self, i: usize) -> Result<MonthlyPeriod, (String, Text)> {
        let f = |name: &str| format!("hours.monthly[{i}].{name}");
        if !(1..=31).contains(&self.day) {
            return Err((f("day"), t!("part.hours-day-of-month", value = self.day)));
        }
        let (open, close) = open_close(&self.open, &self.close, f)?;
        Ok(MonthlyPeriod {
            day: self.day,
            open,
            close,
        })
    }
}

impl RawPeriod {
    /// Checks the days and the times (a period must not open and close at once); else the
    /// field and what is wrong.
    fn check(&self, i: usize) -> Result<Period, (String, Text)> {
        let f = |name: &str| format!("hours.periods[{i}].{name}");
        if self.days.is_empty() {
            return Err((f("days"), t!("part.hours-no-days")));
        }
        let days = super::list::parse_all::<Weekday>(&self.days).map_err(|u| {
            let why = t!(
                "part.hours-day",
                value = u.value,
                suggest = u.suggest,
                list = u.list
            );
            (f("days"), why)
        })?;
        let (open, close) = open_close(&self.open, &self.close, f)?;
        if open == close {
            return Err((f("close"), t!("part.hours-open-equals-close")));
        }
        Ok(Period { days, open, close })
    }
}

impl RawHours {
    /// Checks the hours and types their days and times; else the first field that is wrong
    /// and what is wrong with it.
    pub fn check(self) -> Result<Hours, (String, Text)> {
        if self.always_open && !self.periods.is_empty() {
            return Err(("hours.periods".into(), t!("part.hours-always-open-periods")));
        }
        if self.always_open && !self.monthly.is_empty() {
            return Err(("hours.monthly".into(), t!("part.hours-always-open-periods")));
        }
        let monthly = (self.monthly.iter().enumerate())
            .map(|(i, p)| p.check(i))
            .collect::<Result<Vec<_>, _>>()?;
        let periods = (self.periods.iter().enumerate())
            .map(|(i, p)| p.check(i))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Hours {
            always_open: self.always_open,
            periods,
            monthly,
            closed_on_holidays: self.closed_on_holidays,
            closed_year_end: self.closed_year_end,
            note: self.note,
        })
    }
}

impl Hours {
    /// Whether anything is known about the hours.
    pub fn is_known(&self) -> bool {
        self.always_open || !self.periods.is_empty() || !self.monthly.is_empty()
    }

    /// Whether the window is open on `date` at `minute` (minutes since midnight, Japan time).
    pub fn is_open(&self, date: Date, minute: u32) -> bool {
        if self.always_open {
            return true;
        }
        let closed_day = |d: Date| {
            (self.closed_on_holidays && holidays::is_holiday(d))
                || (self.closed_year_end && holidays::is_year_end(d))
        };
        let yesterday = date.plus_days(-1);
        // A period open from `open` to `close` on the days `on` says; past midnight, the
        // evening of such a day or the early morning after it.
        let within = |on: &dyn Fn(Date) -> bool, open: TimeOfDay, close: TimeOfDay| {
            let (open, close) = (open.minutes(), close.minutes());
            if close > open {
                on(date) && minute >= open && minute < close
            } else {
                (on(date) && minute >= open) || (on(yesterday) && minute < close)
            }
        };
        let monthly = self
            .monthly
            .iter()
            .any(|p| within(&|d: Date| d.day == p.day && !closed_day(d), p.open, p.close));
        monthly
            || self.periods.iter().any(|p| {
                let on = |d: Date| p.days.contains(&Weekday::of(d)) && !closed_day(d);
                within(&on, p.open, p.close)
            })
    }

    /// The hours in words, with the patterns of `labels` (`[hours]`): 月〜金 8:30〜17:15（祝日・
    /// 年末年始を除く）in Japanese.
    pub fn in_words(&self, labels: &Labels) -> String {
        if self.always_open {
            return if self.note.is_empty() {
                labels.text("hours.always").to_string()
            } else {
                labels.fill("hours.always_note", &[("note", &self.note)])
            };
        }
        let mut parts: Vec<String> = self
            .periods
            .iter()
            .map(|p| period_in_words(p, labels))
            .collect();
        for m in &self.monthly {
            let next_day = if m.close <= m.open {
                labels.text("hours.next_day")
            } else {
                ""
            };
            parts.push(labels.fill(
                "hours.monthly",
                &[
                    ("day", &m.day.to_string()),
                    ("open", &labels.time(m.open)),
                    ("next_day", next_day),
                    ("close", &labels.time(m.close)),
                ],
            ));
        }
        let mut s = parts.join(labels.text("hours.part_sep"));
        let mut except = Vec::new();
        if self.closed_on_holidays {
            except.push(labels.text("hours.holidays"));
        }
        if self.closed_year_end {
            except.push(labels.text("hours.year_end"));
        }
        if !except.is_empty() {
            let list = except.join(labels.text("hours.except_sep"));
            s.push_str(&labels.fill("hours.except", &[("list", &list)]));
        }
        if !self.note.is_empty() {
            if !s.is_empty() {
                s.push_str(labels.text("hours.note_sep"));
            }
            s.push_str(&self.note);
        }
        s
    }
}

/// A period in words: 月〜金 8:30〜17:15, or 毎日 24時間 for the whole day.
fn period_in_words(p: &Period, labels: &Labels) -> String {
    let days = days_in_words(&p.days, labels);
    if p.open.minutes() == 0 && p.close == TimeOfDay::END_OF_DAY {
        labels.fill("hours.whole_day", &[("days", &days)])
    } else {
        labels.fill(
            "hours.period",
            &[
                ("days", &days),
                ("open", &labels.time(p.open)),
                ("close", &labels.time(p.close)),
            ],
        )
    }
}

impl Hours {
    /// The hours as compact JSON for the browser's 受付中 badge (open-now.js):
    /// `{"always":true}` or `{"periods":[[days…],open,close]…,"monthly":[[day,open,close]…],
    /// "holidays":bool,"yearEnd":bool}` with days 0 = Sunday, times in minutes and `monthly` only
    /// when there are such openings. `None` when the hours are not known.
    pub fn badge_json(&self) -> Option<String> {
        if self.always_open {
            return Some("{\"always\":true}".into());
        }
        if self.periods.is_empty() && self.monthly.is_empty() {
            return None;
        }
        let periods: Vec<String> = self
            .periods
            .iter()
            .map(|p| {
                let days: Vec<String> = p.days.iter().map(|d| d.index().to_string()).collect();
                format!(
                    "[[{}],{},{}]",
                    days.join(","),
                    p.open.minutes(),
                    p.close.minutes()
                )
            })
            .collect();
        let monthly: Vec<String> = self
            .monthly
            .iter()
            .map(|p| format!("[{},{},{}]", p.day, p.open.minutes(), p.close.minutes()))
            .collect();
        let monthly = if monthly.is_empty() {
            String::new()
        } else {
            format!("\"monthly\":[{}],", monthly.join(","))
        };
        Some(format!(
            "{{\"periods\":[{}],{monthly}\"holidays\":{},\"yearEnd\":{}}}",
            periods.join(","),
            self.closed_on_holidays,
            self.closed_year_end
        ))
    }
}

/// `[Mon, Tue, Wed, Thu, Fri]` → 月〜金; other sets → 月・水・金; all seven → 毎日 (in the
/// language of `labels`).
fn days_in_words(days: &[Weekday], labels: &Labels) -> String {
    let mut days = days.to_vec();
    days.sort_by_key(|d| d.monday_first());
    days.dedup();
    if days.len() == 7 {
        return labels.text("hours.every_day").to_string();
    }
    let order: Vec<usize> = days.iter().map(|d| d.monday_first()).collect();
    let consecutive = order.windows(2).all(|w| w[1] == w[0] + 1);
    if consecutive && days.len() >= 3 {
        labels.fill(
            "hours.day_range",
            &[
                ("first", days[0].label_in(labels)),
                ("last", days[days.len() - 1].label_in(labels)),
            ],
        )
    } else {
        days.iter()
            .map(|d| d.label_in(labels))
            .collect::<Vec<_>>()
            .join(labels.text("hours.day_sep"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    impl Hours {
        fn to_japanese(&self) -> String {
            self.in_words(crate::labels::tests::shipped("ja"))
        }
    }

    #[test]
    fn hours_in_words_in_each_shipped_language() {
        use crate::labels::tests::shipped;
        let office = Hours {
            periods: vec![period(
                &[
                    Weekday::Mon,
                    Weekday::Tue,
                    Weekday::Wed,
                    Weekday::Thu,
                    Weekday::Fri,
                ],
                "8:30",
                "17:15",
            )],
            closed_on_holidays: true,
            closed_year_end: true,
            ..Hours::default()
        };
        let table = [
            ("ja", "月〜金 8:30〜17:15（祝日・年末年始を除く）"),
            (
                "easy",
                "月から 金 午前8時30分から 午後5時15分まで（祝日と 年末と 年始は 休み）",
            ),
            (
                "en",
                "Mon–Fri 8:30 am–5:15 pm (except public holidays and the New Year holidays)",
            ),
        ];
        for (code, words) in table {
            assert_eq!(office.in_words(shipped(code)), words, "{code}");
        }
    }

    fn days_ja(days: &[Weekday]) -> String {
        days_in_words(days, crate::labels::tests::shipped("ja"))
    }

    fn t(s: &str) -> TimeOfDay {
        TimeOfDay::parse(s).unwrap()
    }

    fn period(days: &[Weekday], open: &str, close: &str) -> Period {
        Period {
            days: days.to_vec(),
            open: t(open),
            close: t(close),
        }
    }

    fn raw_weekdays(open: &str, close: &str) -> RawHours {
        RawHours {
            periods: vec![RawPeriod {
                days: ["mon", "tue", "wed", "thu", "fri"]
                    .map(String::from)
                    .to_vec(),
                open: open.into(),
                close: close.into(),
            }],
            closed_on_holidays: true,
            closed_year_end: true,
            ..Default::default()
        }
    }

    fn weekdays(open: &str, close: &str) -> Hours {
        raw_weekdays(open, close).check().unwrap()
    }

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }
    #[test]
    fn office_hours_holidays_and_year_end() {
        let h = weekdays("08:30", "17:15");
        assert!(h.is_open(d("2026-11-25"), 10 * 60)); // Wednesday
        assert!(!h.is_open(d("2026-11-25"), 8 * 60 + 29));
        assert!(
            !h.is_open(d("2026-11-25"), 17 * 60 + 15),
            "closing time is exclusive"
        );
        assert!(!h.is_open(d("2026-11-28"), 10 * 60), "Saturday");
        assert!(
            !h.is_open(d("2026-11-23"), 10 * 60),
            "勤労感謝の日 (Monday)"
        );
        assert!(!h.is_open(d("2026-12-29"), 10 * 60), "年末年始 (Tuesday)");
        assert!(
            h.is_open(d("2027-01-04"), 10 * 60),
            "first working day of the year"
        );
        assert_eq!(
            h.to_japanese(),
            "月〜金 8:30〜17:15（祝日・年末年始を除く）"
        );
    }

    #[test]
    fn across_midnight_and_24_hours() {
        let night = Hours {
            periods: vec![period(&[Weekday::Fri, Weekday::Sat], "22:00", "06:00")],
            ..Default::default()
        };
        assert!(night.is_open(d("2026-11-27"), 23 * 60), "Friday 23:00");
        assert!(
            night.is_open(d("2026-11-28"), 5 * 60),
            "Saturday 05:00 belongs to Friday night"
        );
        assert!(
            night.is_open(d("2026-11-29"), 60),
            "Sunday 01:00 belongs to Saturday night"
        );
        assert!(!night.is_open(d("2026-11-29"), 23 * 60), "Sunday evening");
        assert!(
            !night.is_open(d("2026-11-27"), 5 * 60),
            "Friday 05:00 (Thursday night not listed)"
        );
        let always = Hours {
            always_open: true,
            ..Default::default()
        };
        assert!(always.is_open(d("2027-01-01"), 3 * 60));
        assert_eq!(always.to_japanese(), "24時間・毎日");
        let until_midnight = Hours {
            periods: vec![period(&Weekday::ALL, "16:00", "24:00")],
            ..Default::default()
        };
        assert!(until_midnight.is_open(d("2026-11-25"), 23 * 60 + 59));
        assert_eq!(until_midnight.to_japanese(), "毎日 16:00〜24:00");
    }

    #[test]
    fn validation_names_the_field() {
        let mut h = raw_weekdays("08:30", "17:15");
        h.periods[0].days.push("holiday".into());
        assert_eq!(h.check().unwrap_err().0, "hours.periods[0].days");
        let bad_time = raw_weekdays("8時", "17:15");
        assert_eq!(bad_time.check().unwrap_err().0, "hours.periods[0].open");
        let same = raw_weekdays("09:00", "09:00");
        assert_eq!(same.check().unwrap_err().0, "hours.periods[0].close");
        let open_24 = raw_weekdays("24:00", "06:00");
        assert_eq!(open_24.check().unwrap_err().0, "hours.periods[0].open");
        assert!(
            raw_weekdays("22:00", "06:00").check().is_ok(),
            "overnight is allowed"
        );
        let short = weekdays("8:30", "17:15");
        assert_eq!(
            short.periods[0].open.to_string(),
            "08:30",
            "written as HH:MM"
        );
        assert_eq!(t("24:00").minutes(), 1440);
        assert_eq!(TimeOfDay::parse("24:30"), None);
    }

    #[test]
    fn a_day_of_every_month_opens_besides_the_daily_hours() {
        // いのちの電話's free line: daily 16:00–21:00, and from 8:00 on the 10th to 8:00 the
        // next day.
        let raw = RawHours {
            periods: vec![RawPeriod {
                days: Weekday::ALL.map(|d| d.key().to_string()).to_vec(),
                open: "16:00".into(),
                close: "21:00".into(),
            }],
            monthly: vec![RawMonthlyPeriod {
                day: 10,
                open: "8:00".into(),
                close: "8:00".into(),
            }],
            ..Default::default()
        };
        let h = raw.clone().check().unwrap();
        assert_eq!(h.monthly[0].open.to_string(), "08:00", "written as HH:MM");
        assert!(
            !h.is_open(d("2026-12-10"), 7 * 60 + 59),
            "before 8:00 on the 10th"
        );
        assert!(h.is_open(d("2026-12-10"), 8 * 60), "8:00 on the 10th");
        assert!(h.is_open(d("2026-12-10"), 23 * 60), "the night of the 10th");
        assert!(
            h.is_open(d("2026-12-11"), 7 * 60 + 59),
            "until 8:00 on the 11th"
        );
        assert!(
            !h.is_open(d("2026-12-11"), 8 * 60),
            "8:00 on the 11th closes"
        );
        assert!(!h.is_open(d("2026-12-11"), 10 * 60), "an ordinary morning");
        assert!(h.is_open(d("2026-12-11"), 16 * 60), "the daily hours");
        assert!(
            !h.is_open(d("2027-02-10"), 3 * 60),
            "before 8:00 (February)"
        );
        assert_eq!(
            h.to_japanese(),
            "毎日 16:00〜21:00、毎月10日 8:00〜翌日8:00"
        );
        assert_eq!(
            h.badge_json().unwrap(),
            "{\"periods\":[[[0,1,2,3,4,5,6],960,1260]],\"monthly\":[[10,480,480]],\"holidays\":false,\"yearEnd\":false}"
        );
        let mut bad = raw;
        bad.monthly[0].day = 32;
        assert_eq!(bad.check().unwrap_err().0, "hours.monthly[0].day");
    }

    #[test]
    fn the_new_year_closes_an_evening_line() {
        // チャイルドライン: daily 16:00–21:00, closed from 29 December to 3 January.
        let h = Hours {
            periods: vec![period(&Weekday::ALL, "16:00", "21:00")],
            closed_year_end: true,
            ..Default::default()
        };
        assert!(h.is_open(d("2026-12-28"), 16 * 60 + 30));
        assert!(!h.is_open(d("2026-12-29"), 16 * 60 + 30));
        assert!(!h.is_open(d("2027-01-03"), 16 * 60 + 30));
        assert!(h.is_open(d("2027-01-04"), 16 * 60 + 30));
        assert_eq!(h.to_japanese(), "毎日 16:00〜21:00（年末年始を除く）");
    }

    #[test]
    fn weekdays_in_words_and_numbers() {
        use Weekday::*;
        for (days, words) in [
            (&[Mon, Tue, Wed, Thu, Fri][..], "月〜金"),
            (&[Sat, Sun], "土・日"),
            (&[Mon, Wed, Fri], "月・水・金"),
            (&[Fri, Mon, Mon], "月・金"),
            (&Weekday::ALL, "毎日"),
        ] {
            assert_eq!(days_ja(days), words, "{days:?}");
        }
        assert_eq!(Weekday::of(d("2026-12-07")), Mon);
        assert_eq!(Sun.index(), 0);
        assert_eq!(Sat.monday_first(), 5);
    }
}
