//! Japanese national holidays (国民の祝日に関する法律, as amended for 2020 and later), computed
//! by rule: fixed days, Happy Monday days, the equinoxes (by the usual astronomical
//! approximation, valid 1980–2099; the official dates are announced each February in the
//! 官報 and have matched it), substitute holidays (振替休日) and citizens' holidays (国民の休日).
//! Years before 2022 are not supported (2020 and 2021 had one-off moves for the Olympics).

pub use crate::date::Date;

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
