//! Opening hours of a consultation window: structured, validated, written out in plain
//! Japanese, and evaluated ("is it open now?"). The browser badge (themes/default/static/js/
//! open-now.js) implements the same rules; both are tested on the same cases.

use serde::{Deserialize, Serialize};

use super::holidays::{self, Date};
use crate::messages::Text;
use crate::t;

/// Days of the week as written in data.
pub const DAYS: [&str; 7] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const DAY_JA: [&str; 7] = ["日", "月", "火", "水", "木", "金", "土"];

/// One opening period, on the given days. `close` at or before `open` means it runs past
/// midnight into the next day; `24:00` is allowed as a closing time.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// Days the period starts on: `mon` … `sun`.
    pub days: Vec<String>,
    /// Opening time, `HH:MM`.
    pub open: String,
    /// Closing time, `HH:MM` (`24:00` for midnight).
    pub close: String,
}

/// An opening on one day of every month, besides the regular periods (いのちの電話's free line:
/// the 10th, from 8:00 to 8:00 the next day). `close` at or before `open` runs into the next
/// day; `close` equal to `open` is the whole 24 hours from `open`.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct MonthlyPeriod {
    /// The day of the month it starts on, 1–31 (a month without that day has none).
    pub day: u32,
    /// Opening time, `HH:MM`.
    pub open: String,
    /// Closing time, `HH:MM` (`24:00` for midnight).
    pub close: String,
}

/// When a window answers.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Hours {
    /// Open 24 hours a day, every day.
    #[serde(default)]
    pub always_open: bool,
    /// Regular periods.
    #[serde(default)]
    pub periods: Vec<Period>,
    /// Openings on a day of every month, besides the regular periods.
    #[serde(default)]
    pub monthly: Vec<MonthlyPeriod>,
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

/// Minutes since midnight of `HH:MM` (up to 24:00).
pub fn minutes(hhmm: &str) -> Option<u32> {
    let (h, m) = hhmm.trim().split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (m < 60 && (h < 24 || (h == 24 && m == 0))).then_some(h * 60 + m)
}

impl Hours {
    /// Whether anything is known about the hours.
    pub fn is_known(&self) -> bool {
        self.always_open || !self.periods.is_empty() || !self.monthly.is_empty()
    }

    /// Checks the hours and writes every time as `HH:MM` (`8:30` → `08:30`, as JSON-LD and the
    /// browser badge expect); returns the field and what is wrong.
    pub fn validate(&mut self) -> Result<(), (String, Text)> {
        if self.always_open && !self.periods.is_empty() {
            return Err(("hours.periods".into(), t!("part.hours-always-open-periods")));
        }
        if self.always_open && !self.monthly.is_empty() {
            return Err(("hours.monthly".into(), t!("part.hours-always-open-periods")));
        }
        let hhmm = |m: u32| format!("{:02}:{:02}", m / 60, m % 60);
        for (i, p) in self.monthly.iter_mut().enumerate() {
            let f = |name: &str| format!("hours.monthly[{i}].{name}");
            if !(1..=31).contains(&p.day) {
                return Err((f("day"), t!("part.hours-day-of-month", value = p.day)));
            }
            let open = minutes(&p.open)
                .ok_or_else(|| (f("open"), t!("part.hours-time", value = p.open)))?;
            let close = minutes(&p.close)
                .ok_or_else(|| (f("close"), t!("part.hours-time", value = p.close)))?;
            if open == 24 * 60 {
                return Err((f("open"), t!("part.hours-open-24")));
            }
            (p.open, p.close) = (hhmm(open), hhmm(close));
        }
        for (i, p) in self.periods.iter_mut().enumerate() {
            let f = |name: &str| format!("hours.periods[{i}].{name}");
            if p.days.is_empty() {
                return Err((f("days"), t!("part.hours-no-days")));
            }
            if let Some(d) = p.days.iter().find(|d| !DAYS.contains(&d.as_str())) {
                return Err((
                    f("days"),
                    t!(
                        "part.hours-day",
                        value = d,
                        suggest = crate::error::did_you_mean(d, DAYS.iter().copied()),
                        list = DAYS.join(", ")
                    ),
                ));
            }
            let open = minutes(&p.open)
                .ok_or_else(|| (f("open"), t!("part.hours-time", value = p.open)))?;
            let close = minutes(&p.close)
                .ok_or_else(|| (f("close"), t!("part.hours-time", value = p.close)))?;
            (p.open, p.close) = (hhmm(open), hhmm(close));
            if open == 24 * 60 {
                return Err((f("open"), t!("part.hours-open-24")));
            }
            if open == close {
                return Err((f("close"), t!("part.hours-open-equals-close")));
            }
        }
        Ok(())
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
        let monthly = self.monthly.iter().any(|p| {
            let (Some(open), Some(close)) = (minutes(&p.open), minutes(&p.close)) else {
                return false;
            };
            let on = |d: Date| d.day == p.day && !closed_day(d);
            if close > open {
                on(date) && minute >= open && minute < close
            } else {
                (on(date) && minute >= open) || (on(yesterday) && minute < close)
            }
        });
        monthly
            || self.periods.iter().any(|p| {
                let (Some(open), Some(close)) = (minutes(&p.open), minutes(&p.close)) else {
                    return false;
                };
                let on = |d: Date| {
                    p.days.iter().any(|x| x == DAYS[d.weekday() as usize]) && !closed_day(d)
                };
                if close > open {
                    on(date) && minute >= open && minute < close
                } else {
                    // Past midnight: the evening of a listed day, or the early morning after it.
                    (on(date) && minute >= open) || (on(yesterday) && minute < close)
                }
            })
    }

    /// The hours in plain Japanese: 月〜金 8:30〜17:15（祝日・年末年始を除く）.
    pub fn to_japanese(&self) -> String {
        if self.always_open {
            return if self.note.is_empty() {
                "24時間・毎日".into()
            } else {
                format!("24時間・毎日（{}）", self.note)
            };
        }
        let mut parts: Vec<String> = self
            .periods
            .iter()
            .map(|p| {
                if p.open == "00:00" && p.close == "24:00" {
                    format!("{} 24時間", days_ja(&p.days))
                } else {
                    format!(
                        "{} {}〜{}",
                        days_ja(&p.days),
                        short_time(&p.open),
                        short_time(&p.close)
                    )
                }
            })
            .collect();
        for m in &self.monthly {
            let next_day = if minutes(&m.close) <= minutes(&m.open) {
                "翌日"
            } else {
                ""
            };
            parts.push(format!(
                "毎月{}日 {}〜{next_day}{}",
                m.day,
                short_time(&m.open),
                short_time(&m.close)
            ));
        }
        let mut except = Vec::new();
        if self.closed_on_holidays {
            except.push("祝日");
        }
        if self.closed_year_end {
            except.push("年末年始");
        }
        if !except.is_empty() {
            parts.push(format!("（{}を除く）", except.join("・")));
        }
        let mut s = parts.join("、").replace("、（", "（");
        if !self.note.is_empty() {
            if !s.is_empty() {
                s.push('。');
            }
            s.push_str(&self.note);
        }
        s
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
            .filter_map(|p| {
                let days: Vec<String> = p
                    .days
                    .iter()
                    .filter_map(|d| DAYS.iter().position(|x| x == d))
                    .map(|i| i.to_string())
                    .collect();
                Some(format!(
                    "[[{}],{},{}]",
                    days.join(","),
                    minutes(&p.open)?,
                    minutes(&p.close)?
                ))
            })
            .collect();
        let monthly: Vec<String> = self
            .monthly
            .iter()
            .filter_map(|p| {
                Some(format!(
                    "[{},{},{}]",
                    p.day,
                    minutes(&p.open)?,
                    minutes(&p.close)?
                ))
            })
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

    /// Simple schedules written as text: `always` or `daily HH:MM-HH:MM`.
    pub fn from_schedule(spec: &str) -> Option<Hours> {
        if spec == "always" {
            return Some(Hours {
                always_open: true,
                ..Default::default()
            });
        }
        let (open, close) = spec.strip_prefix("daily ")?.split_once('-')?;
        Some(Hours {
            periods: vec![Period {
                days: DAYS.map(String::from).to_vec(),
                open: open.into(),
                close: close.into(),
            }],
            ..Default::default()
        })
    }
}

/// A time as people write it: 08:30 → 8:30, 00:00 → 0:00.
fn short_time(t: &str) -> String {
    match t.strip_prefix('0') {
        Some(rest) if rest.starts_with(':') => format!("0{rest}"),
        Some(rest) => rest.to_string(),
        None => t.to_string(),
    }
}

/// `["mon","tue","wed","thu","fri"]` → 月〜金; other sets → 月・水・金; all seven → 毎日.
fn days_ja(days: &[String]) -> String {
    let mut idx: Vec<usize> = days
        .iter()
        .filter_map(|d| DAYS.iter().position(|x| x == d))
        .collect();
    idx.sort_by_key(|&i| (i + 6) % 7); // Monday first
    idx.dedup();
    if idx.len() == 7 {
        return "毎日".into();
    }
    let order: Vec<usize> = idx.iter().map(|&i| (i + 6) % 7).collect();
    let consecutive = order.windows(2).all(|w| w[1] == w[0] + 1);
    if consecutive && idx.len() >= 3 {
        format!("{}〜{}", DAY_JA[idx[0]], DAY_JA[idx[idx.len() - 1]])
    } else {
        idx.iter()
            .map(|&i| DAY_JA[i])
            .collect::<Vec<_>>()
            .join("・")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weekdays(open: &str, close: &str) -> Hours {
        Hours {
            periods: vec![Period {
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
            periods: vec![Period {
                days: vec!["fri".into(), "sat".into()],
                open: "22:00".into(),
                close: "06:00".into(),
            }],
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
            periods: vec![Period {
                days: DAYS.map(String::from).to_vec(),
                open: "16:00".into(),
                close: "24:00".into(),
            }],
            ..Default::default()
        };
        assert!(until_midnight.is_open(d("2026-11-25"), 23 * 60 + 59));
        assert_eq!(until_midnight.to_japanese(), "毎日 16:00〜24:00");
    }

    #[test]
    fn validation_names_the_field() {
        let mut h = weekdays("08:30", "17:15");
        h.periods[0].days.push("holiday".into());
        assert_eq!(h.validate().unwrap_err().0, "hours.periods[0].days");
        let mut bad_time = weekdays("8時", "17:15");
        assert_eq!(bad_time.validate().unwrap_err().0, "hours.periods[0].open");
        let mut same = weekdays("09:00", "09:00");
        assert_eq!(same.validate().unwrap_err().0, "hours.periods[0].close");
        assert!(
            weekdays("22:00", "06:00").validate().is_ok(),
            "overnight is allowed"
        );
        let mut short = weekdays("8:30", "17:15");
        short.validate().unwrap();
        assert_eq!(short.periods[0].open, "08:30", "written as HH:MM");
        assert_eq!(minutes("24:00"), Some(1440));
        assert_eq!(minutes("24:30"), None);
    }

    #[test]
    fn a_day_of_every_month_opens_besides_the_daily_hours() {
        // いのちの電話's free line: daily 16:00–21:00, and from 8:00 on the 10th to 8:00 the
        // next day.
        let mut h = Hours {
            periods: vec![Period {
                days: DAYS.map(String::from).to_vec(),
                open: "16:00".into(),
                close: "21:00".into(),
            }],
            monthly: vec![MonthlyPeriod {
                day: 10,
                open: "8:00".into(),
                close: "8:00".into(),
            }],
            ..Default::default()
        };
        h.validate().unwrap();
        assert_eq!(h.monthly[0].open, "08:00", "written as HH:MM");
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
        let mut bad = h.clone();
        bad.monthly[0].day = 32;
        assert_eq!(bad.validate().unwrap_err().0, "hours.monthly[0].day");
    }

    #[test]
    fn the_new_year_closes_an_evening_line() {
        // チャイルドライン: daily 16:00–21:00, closed from 29 December to 3 January.
        let h = Hours {
            periods: vec![Period {
                days: DAYS.map(String::from).to_vec(),
                open: "16:00".into(),
                close: "21:00".into(),
            }],
            closed_year_end: true,
            ..Default::default()
        };
        assert!(h.is_open(d("2026-12-28"), 16 * 60 + 30));
        assert!(!h.is_open(d("2026-12-29"), 16 * 60 + 30));
        assert!(!h.is_open(d("2027-01-03"), 16 * 60 + 30));
        assert!(h.is_open(d("2027-01-04"), 16 * 60 + 30));
        assert_eq!(h.to_japanese(), "毎日 16:00〜21:00（年末年始を除く）");
    }
}
