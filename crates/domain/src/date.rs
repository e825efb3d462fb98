//! Calendar dates (`YYYY-MM-DD`, proleptic Gregorian) for treaty events; ordering is chronological.

use crate::validation::FieldError;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        ((1000..=9999).contains(&year) && (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    pub fn parse(s: &str) -> Result<Date, FieldError> {
        let bad = || FieldError::new("date", "invalid_format", format!("'{s}' is not a date of the form YYYY-MM-DD"));
        let t = s.trim();
        let b = t.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(bad());
        }
        let num = |r: std::ops::Range<usize>| {
            t.get(r).filter(|x| x.bytes().all(|c| c.is_ascii_digit())).and_then(|x| x.parse::<i32>().ok())
        };
        let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else { return Err(bad()) };
        Date::new(y, m as u8, d as u8)
            .ok_or_else(|| FieldError::new("date", "invalid_value", format!("'{t}' is not a day of the calendar")))
    }

    pub fn year(&self) -> i32 {
        self.year
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_from_epoch(&self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Days from `earlier` to `self`.
    pub fn days_since(&self, earlier: Date) -> i64 {
        self.days_from_epoch() - earlier.days_from_epoch()
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl TryFrom<String> for Date {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Date::parse(&s).map_err(|e| e.message)
    }
}

impl From<Date> for String {
    fn from(d: Date) -> String {
        d.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_validate_and_order() {
        assert_eq!(Date::parse("2004-05-26").unwrap().to_string(), "2004-05-26");
        assert!(Date::parse("2024-02-29").is_ok());
        assert_eq!(Date::parse("2023-02-29").unwrap_err().code, "invalid_value");
        assert_eq!(Date::parse("2023-13-01").unwrap_err().code, "invalid_value");
        assert_eq!(Date::parse("26.05.2004").unwrap_err().code, "invalid_format");
        assert_eq!(Date::parse("2004-5-26").unwrap_err().code, "invalid_format");
        assert!(Date::parse("1999-12-31").unwrap() < Date::parse("2000-01-01").unwrap());
        assert_eq!(Date::parse("1970-01-01").unwrap().days_from_epoch(), 0);
        assert_eq!(Date::parse("2000-03-01").unwrap().days_from_epoch(), 11_017);
        assert_eq!(Date::parse("2025-01-01").unwrap().days_since(Date::parse("2024-01-01").unwrap()), 366);
    }
}
