//! Calendar values as data writes them: a [`Date`] (`YYYY-MM-DD`), a [`TimeOfDay`] (`HH:MM`,
//! up to `24:00`) and a [`Moment`] (a date with an optional time, as events write their start,
//! end and deadline). Each is parsed once, at the edge, with a message that says what is wrong;
//! the rest of the crate compares and prints the typed value.

use crate::messages::Text;
use crate::t;

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month 1–12.
    pub month: u32,
    /// Day 1–31.
    pub day: u32,
}

impl Date {
    /// A date; `None` if it does not exist.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD` (a four-digit year).
    pub fn parse(s: &str) -> Option<Date> {
        Date::parse_explained(s).ok()
    }

    /// Parses `YYYY-MM-DD`, or says what is wrong in words a person can act on: not in the
    /// form at all, a month that does not exist, or a day the month does not have.
    pub fn parse_explained(s: &str) -> Result<Date, Text> {
        let Some((year, month, day)) = Date::numbers(s) else {
            return Err(t!("part.date-form", value = s));
        };
        let year = year as i32;
        if year < 1000 {
            return Err(t!("part.date-year", value = s));
        }
        if !(1..=12).contains(&month) {
            return Err(t!("part.date-month", value = s, month = month));
        }
        let last = days_in_month(year, month);
        if day == 0 || day > last {
            return Err(t!(
                "part.date-day",
                value = s,
                year = year,
                month = month,
                last = last,
                day = day
            ));
        }
        Ok(Date { year, month, day })
    }

    /// Whether `s` has the form YYYY-MM-DD, whether or not that day exists.
    pub fn has_date_form(s: &str) -> bool {
        Date::numbers(s).is_some()
    }

    /// Year, month and day of `YYYY-MM-DD` (a four-digit year), not yet checked.
    fn numbers(s: &str) -> Option<(u32, u32, u32)> {
        let parts: Vec<&str> = s.trim().split('-').collect();
        let [y, m, d] = parts[..] else {
            return None;
        };
        let number = |t: &str, len: std::ops::RangeInclusive<usize>| {
            (len.contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit()))
                .then(|| t.parse::<u32>().ok())
                .flatten()
        };
        Some((number(y, 4..=4)?, number(m, 1..=2)?, number(d, 1..=2)?))
    }

    /// Day of the week, 0 = Sunday … 6 = Saturday.
    pub fn weekday(self) -> u32 {
        // Days since 1970-01-01 (a Thursday).
        ((self.days_since_epoch() % 7 + 7 + 4) % 7) as u32
    }

    /// Days since 1970-01-01.
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after this one.
    pub fn plus_days(self, days: i64) -> Date {
        let z = self.days_since_epoch() + days + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

pub(crate) fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

/// A time of day, `HH:MM` (an hour of one or two digits), as minutes since midnight; `24:00`,
/// the end of a day, is allowed as a closing time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay(u32);

impl TimeOfDay {
    /// The end of a day, `24:00`.
    pub const END_OF_DAY: TimeOfDay = TimeOfDay(24 * 60);

    /// Parses `HH:MM` (up to `24:00`).
    pub fn parse(hhmm: &str) -> Option<TimeOfDay> {
        let (h, m) = hhmm.trim().split_once(':')?;
        if h.is_empty() || h.len() > 2 || m.len() != 2 {
            return None;
        }
        let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
        (m < 60 && (h < 24 || (h == 24 && m == 0))).then_some(TimeOfDay(h * 60 + m))
    }

    /// Minutes since midnight.
    pub fn minutes(self) -> u32 {
        self.0
    }

    /// Hours and minutes without a leading zero, as Japanese text writes them: `8:30`.
    pub fn short(self) -> String {
        format!("{}:{:02}", self.0 / 60, self.0 % 60)
    }
}

impl std::fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

impl serde::Serialize for TimeOfDay {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A point in time written `YYYY-MM-DD` (a whole day) or `YYYY-MM-DDTHH:MM` (Japan time).
/// Ordered by day, a whole day before any time of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Moment {
    /// The day.
    pub date: Date,
    /// The time, or `None` for a whole day.
    pub time: Option<TimeOfDay>,
}

impl Moment {
    /// Parses `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`.
    pub fn parse(s: &str) -> Option<Moment> {
        Moment::parse_explained(s).ok()
    }

    /// Parses `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`, or says what is wrong: the form, a day that
    /// does not exist, or a time that does not.
    pub fn parse_explained(s: &str) -> Result<Moment, Text> {
        let (d, time) = match s.split_once('T') {
            Some((d, time)) => (d, Some(time)),
            None => (s, None),
        };
        if !Date::has_date_form(d) {
            return Err(t!("part.moment-form", value = s));
        }
        let date = Date::parse_explained(d)?;
        let time = match time {
            None => None,
            Some(time) => Some(
                TimeOfDay::parse(time)
                    .filter(|t| *t < TimeOfDay::END_OF_DAY)
                    .ok_or_else(|| t!("part.moment-time", value = s, time = time))?,
            ),
        };
        Ok(Moment { date, time })
    }

    /// Minutes since midnight, or `None` for a whole day.
    pub fn minute(self) -> Option<u32> {
        self.time.map(TimeOfDay::minutes)
    }
}

impl std::fmt::Display for Moment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.time {
            Some(t) => write!(f, "{}T{t}", self.date),
            None => write!(f, "{}", self.date),
        }
    }
}

impl serde::Serialize for Moment {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::Date;

    #[test]
    fn impossible_dates_say_why() {
        assert_eq!(Date::parse("2027-02-28"), Date::new(2027, 2, 28));
        let cases = [
            (
                "2027-02-30",
                "2027年2月 has 28 days, so day 30 does not exist",
            ),
            ("2028-02-30", "2028年2月 has 29 days"),
            ("2027-13-01", "there is no month 13"),
            ("2027/02/01", "not a date in the form YYYY-MM-DD"),
            ("0-01-01", "not a date in the form"),
            ("0000-01-01", "the year must have four digits"),
            ("99999-01-01", "not a date in the form"),
            ("2027-04-00", "day 0 does not exist"),
        ];
        for (text, why) in cases {
            let e = Date::parse_explained(text).unwrap_err();
            assert!(e.contains(why), "{text}: {e}");
        }
    }
}

#[cfg(test)]
mod moment_tests {
    use super::{Moment, TimeOfDay};

    #[test]
    fn moments_print_as_written_and_order_a_whole_day_first() {
        for text in ["2026-12-05", "2026-12-05T09:30", "2026-12-05T13:30"] {
            assert_eq!(Moment::parse(text).unwrap().to_string(), text);
        }
        let day = Moment::parse("2026-12-05").unwrap();
        let morning = Moment::parse("2026-12-05T09:30").unwrap();
        let afternoon = Moment::parse("2026-12-05T13:30").unwrap();
        assert!(day < morning && morning < afternoon);
        assert!(Moment::parse("2026-12-05T24:00").is_none());
        assert_eq!(TimeOfDay::parse("8:30").unwrap().to_string(), "08:30");
        assert_eq!(TimeOfDay::parse("24:00"), Some(TimeOfDay::END_OF_DAY));
        assert_eq!(TimeOfDay::parse("24:01"), None);
    }
}
