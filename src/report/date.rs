//! A calendar date for the record: the day it is dated, and the months its checkpoints and
//! revisit triggers fall in. The record never reads the clock; the CLI decides the date.

use std::fmt;

use serde::{Serialize, Serializer};

/// A day of the Gregorian calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    /// 1-12.
    pub month: u32,
    /// 1-31.
    pub day: u32,
}

impl Date {
    /// Parses `YYYY-MM-DD`, refusing days that do not exist.
    pub fn parse(text: &str) -> Result<Date, String> {
        let parts: Vec<&str> = text.split('-').collect();
        let expected = || format!("\"{text}\" is not a date: expected YYYY-MM-DD, e.g. 2026-03-31");
        let [year, month, day] = parts[..] else {
            return Err(expected());
        };
        let number = |s: &str, len: usize| {
            (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<u32>().ok())
                .flatten()
        };
        let (Some(year), Some(month), Some(day)) =
            (number(year, 4), number(month, 2), number(day, 2))
        else {
            return Err(expected());
        };
        let year = year as i32;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return Err(format!("{text} is not a day of the calendar"));
        }
        Ok(Date { year, month, day })
    }

    /// The civil date `days` days after 1970-01-01 (negative: before), for the CLI to turn the
    /// clock into a date.
    pub fn from_days_since_epoch(days: i64) -> Date {
        // Howard Hinnant's days-to-civil algorithm.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// The date `months` later, on the same day or the month's last when it is shorter.
    pub fn plus_months(self, months: u32) -> Date {
        let index = self.year as i64 * 12 + i64::from(self.month - 1) + i64::from(months);
        let year = index.div_euclid(12) as i32;
        let month = index.rem_euclid(12) as u32 + 1;
        Date {
            year,
            month,
            day: self.day.min(days_in_month(year, month)),
        }
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

impl fmt::Display for Date {
    /// ISO 8601: 2026-03-31.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_strictly_and_add_months_at_the_end_of_short_ones() {
        let date = Date::parse("2026-01-31").unwrap();
        assert_eq!(date.plus_months(1).to_string(), "2026-02-28");
        assert_eq!(date.plus_months(13).to_string(), "2027-02-28");
        assert_eq!(Date::parse("2028-02-29").map(|d| d.day), Ok(29));
        assert!(Date::parse("2027-02-29").is_err());
        assert!(Date::parse("2026-1-5").is_err());
        assert!(Date::parse("tomorrow").is_err());
        assert_eq!(Date::from_days_since_epoch(0).to_string(), "1970-01-01");
        assert_eq!(
            Date::from_days_since_epoch(20_605).to_string(),
            "2026-06-01"
        );
    }
}
