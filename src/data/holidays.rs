//! Japanese national holidays (国民の祝日に関する法律, as amended for 2020 and later), computed
//! by rule: fixed days, Happy Monday days, the equinoxes (by the usual astronomical
//! approximation, valid 1980–2099; the official dates are announced each February in the
//! 官報 and have matched it), substitute holidays (振替休日) and citizens' holidays (国民の休日).
//! Years before 2022 are not supported (2020 and 2021 had one-off moves for the Olympics).

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

#[cfg(test)]
mod parse_tests {
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

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

/// The first year this module computes.
pub const FIRST_YEAR: i32 = 2022;

/// The `n`-th Monday (1-based) of a month.
fn nth_monday(year: i32, month: u32, n: u32) -> Date {
    let first = Date {
        year,
        month,
        day: 1,
    };
    let offset = (8 - first.weekday()) % 7; // days to the first Monday
    Date {
        year,
        month,
        day: 1 + offset + 7 * (n - 1),
    }
}

fn equinox(year: i32, base: f64) -> u32 {
    let y = f64::from(year - 1980);
    (base + 0.242194 * y - (y / 4.0).floor()).floor() as u32
}

/// The holidays of `year` with their names, in date order. Empty before [`FIRST_YEAR`].
pub fn holidays(year: i32) -> Vec<(Date, &'static str)> {
    if year < FIRST_YEAR {
        return Vec::new();
    }
    let d = |m, day| Date {
        year,
        month: m,
        day,
    };
    let mut list = vec![
        (d(1, 1), "元日"),
        (nth_monday(year, 1, 2), "成人の日"),
        (d(2, 11), "建国記念の日"),
        (d(2, 23), "天皇誕生日"),
        (d(3, equinox(year, 20.8431)), "春分の日"),
        (d(4, 29), "昭和の日"),
        (d(5, 3), "憲法記念日"),
        (d(5, 4), "みどりの日"),
        (d(5, 5), "こどもの日"),
        (nth_monday(year, 7, 3), "海の日"),
        (d(8, 11), "山の日"),
        (nth_monday(year, 9, 3), "敬老の日"),
        (d(9, equinox(year, 23.2488)), "秋分の日"),
        (nth_monday(year, 10, 2), "スポーツの日"),
        (d(11, 3), "文化の日"),
        (d(11, 23), "勤労感謝の日"),
    ];
    list.sort();
    let is_holiday = |list: &[(Date, &str)], x: Date| list.iter().any(|(h, _)| *h == x);
    // 国民の休日: a weekday between two holidays.
    let mut extra = Vec::new();
    for w in list.windows(2) {
        let between = w[0].0.plus_days(1);
        if w[1].0 == w[0].0.plus_days(2) && between.weekday() != 0 && !is_holiday(&list, between) {
            extra.push((between, "国民の休日"));
        }
    }
    list.extend(extra);
    list.sort();
    // 振替休日: a holiday on Sunday moves to the next day that is not a holiday.
    let mut substitutes = Vec::new();
    for (h, _) in &list {
        if h.weekday() == 0 {
            let mut next = h.plus_days(1);
            while is_holiday(&list, next) {
                next = next.plus_days(1);
            }
            substitutes.push((next, "休日"));
        }
    }
    list.extend(substitutes);
    list.sort();
    list.dedup_by_key(|(d, _)| *d);
    list
}

/// Whether `date` is a national holiday.
pub fn is_holiday(date: Date) -> bool {
    holidays(date.year).iter().any(|(d, _)| *d == date)
}

/// Whether `date` falls in the year-end and New Year closure (年末年始, 12月29日〜1月3日) that
/// public offices observe.
pub fn is_year_end(date: Date) -> bool {
    (date.month == 12 && date.day >= 29) || (date.month == 1 && date.day <= 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(year: i32) -> Vec<String> {
        holidays(year)
            .iter()
            .map(|(d, _)| format!("{:02}-{:02}", d.month, d.day))
            .collect()
    }

    #[test]
    fn weekdays_and_arithmetic() {
        assert_eq!(Date::new(2026, 11, 25).unwrap().weekday(), 3); // Wednesday
        assert_eq!(
            Date::new(2024, 2, 29).unwrap().plus_days(1),
            Date::new(2024, 3, 1).unwrap()
        );
        assert_eq!(
            Date::new(2025, 12, 31).unwrap().plus_days(1),
            Date::new(2026, 1, 1).unwrap()
        );
        assert!(Date::new(2025, 2, 29).is_none());
        assert_eq!(Date::parse("2026-05-06").unwrap().to_string(), "2026-05-06");
    }

    #[test]
    fn published_holidays_2024_to_2026() {
        assert_eq!(
            dates(2024),
            [
                "01-01", "01-08", "02-11", "02-12", "02-23", "03-20", "04-29", "05-03", "05-04",
                "05-05", "05-06", "07-15", "08-11", "08-12", "09-16", "09-22", "09-23", "10-14",
                "11-03", "11-04", "11-23"
            ]
        );
        assert_eq!(
            dates(2025),
            [
                "01-01", "01-13", "02-11", "02-23", "02-24", "03-20", "04-29", "05-03", "05-04",
                "05-05", "05-06", "07-21", "08-11", "09-15", "09-23", "10-13", "11-03", "11-23",
                "11-24"
            ]
        );
        assert_eq!(
            dates(2026),
            [
                "01-01", "01-12", "02-11", "02-23", "03-20", "04-29", "05-03", "05-04", "05-05",
                "05-06", "07-20", "08-11", "09-21", "09-22", "09-23", "10-12", "11-03", "11-23"
            ]
        );
    }

    #[test]
    fn year_end_closure() {
        assert!(
            is_year_end(Date::new(2026, 12, 29).unwrap())
                && is_year_end(Date::new(2027, 1, 3).unwrap())
        );
        assert!(
            !is_year_end(Date::new(2027, 1, 4).unwrap())
                && !is_year_end(Date::new(2026, 12, 28).unwrap())
        );
    }
}
