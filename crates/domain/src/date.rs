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

    /// The date `days` after 1970-01-01 (before, when negative); `None` outside years 1000–9999.
    pub fn from_days_from_epoch(days: i64) -> Option<Date> {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(i32::try_from(year).ok()?, month, day)
    }

    /// The date `days` later (earlier when negative).
    pub fn add_days(&self, days: i64) -> Option<Date> {
        Date::from_days_from_epoch(self.days_from_epoch() + days)
    }

    /// The UTC day of a time in milliseconds since the epoch.
    pub fn of_ms(ms: i64) -> Option<Date> {
        Date::from_days_from_epoch(ms.div_euclid(86_400_000))
    }

    /// Midnight UTC at the start of this day, in milliseconds since the epoch.
    pub fn start_ms(&self) -> i64 {
        self.days_from_epoch() * 86_400_000
    }
}

/// A date that may be known only to the year or month (dates of birth often are): `YYYY`, `YYYY-MM`
/// or `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PartialDate {
    year: i32,
    month: Option<u8>,
    day: Option<u8>,
}

impl PartialDate {
    pub fn parse(s: &str) -> Result<PartialDate, FieldError> {
        let t = s.trim();
        let bad = || {
            FieldError::new(
                "date",
                "invalid_format",
                format!("'{t}' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"),
            )
        };
        match t.len() {
            10 => Date::parse(t).map(|d| PartialDate { year: d.year, month: Some(d.month), day: Some(d.day) }),
            7 | 4 => {
                let (y, m) = t.split_once('-').map_or((t, None), |(y, m)| (y, Some(m)));
                if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(bad());
                }
                let year: i32 = y.parse().map_err(|_| bad())?;
                let month = match m {
                    None => None,
                    Some(m) if m.len() == 2 && m.bytes().all(|b| b.is_ascii_digit()) => {
                        Some(m.parse::<u8>().map_err(|_| bad())?)
                    }
                    Some(_) => return Err(bad()),
                };
                Date::new(year, month.unwrap_or(1), 1).ok_or_else(|| {
                    FieldError::new("date", "invalid_value", format!("'{t}' is not a month of the calendar"))
                })?;
                Ok(PartialDate { year, month, day: None })
            }
            _ => Err(bad()),
        }
    }

    pub fn year(&self) -> i32 {
        self.year
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

impl TryFrom<String> for PartialDate {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        PartialDate::parse(&s).map_err(|e| e.message)
    }
}

impl From<PartialDate> for String {
    fn from(d: PartialDate) -> String {
        d.to_string()
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

    #[test]
    fn days_convert_both_ways() {
        for s in ["1970-01-01", "2000-02-29", "2024-12-31", "1969-07-20", "2100-03-01"] {
            let d = Date::parse(s).unwrap();
            assert_eq!(Date::from_days_from_epoch(d.days_from_epoch()), Some(d));
        }
        assert_eq!(Date::parse("2024-02-28").unwrap().add_days(2).unwrap().to_string(), "2024-03-01");
        assert_eq!(Date::of_ms(-1).unwrap().to_string(), "1969-12-31");
        assert_eq!(Date::parse("1970-01-02").unwrap().start_ms(), 86_400_000);
    }

    #[test]
    fn partial_dates_keep_what_is_known() {
        assert_eq!(PartialDate::parse("1975").unwrap().to_string(), "1975");
        assert_eq!(PartialDate::parse("1975-04").unwrap().to_string(), "1975-04");
        assert_eq!(PartialDate::parse("1975-04-30").unwrap().to_string(), "1975-04-30");
        assert_eq!(PartialDate::parse("1975-13").unwrap_err().code, "invalid_value");
        assert_eq!(PartialDate::parse("1975-02-30").unwrap_err().code, "invalid_value");
        assert_eq!(PartialDate::parse("75").unwrap_err().code, "invalid_format");
        assert_eq!(PartialDate::parse("1975/04").unwrap_err().code, "invalid_format");
    }
}
