//! Evidence beside the name: date of birth (often partial, sometimes with day and month swapped or the year
//! off by one in the source) and nationality.

use serde::Serialize;

/// A date of birth as far as it is known: a year, perhaps a month, perhaps a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct BirthDate {
    year: u16,
    month: Option<u8>,
    day: Option<u8>,
}

impl BirthDate {
    /// Reads `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or the same with slashes (INTERPOL writes `1970/05/21`).
    /// Zero months and days (`1993/00/00`, as INTERPOL writes an unknown part) count as unknown.
    pub fn parse(text: &str) -> Option<BirthDate> {
        let mut all: Vec<&str> = text.trim().split(['-', '/']).collect();
        while all.len() > 1 && all.last().is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b == b'0')) {
            all.pop();
        }
        let mut parts = all.into_iter();
        let year: u16 = parts.next().filter(|p| p.len() == 4)?.parse().ok()?;
        let number = |p: Option<&str>, max: u8| -> Option<Option<u8>> {
            match p {
                None => Some(None),
                Some(p) if (1..=2).contains(&p.len()) => {
                    p.parse::<u8>().ok().filter(|n| (1..=max).contains(n)).map(Some)
                }
                Some(_) => None,
            }
        };
        let month = number(parts.next(), 12)?;
        let day = number(parts.next(), 31)?;
        if parts.next().is_some() || (month.is_none() && day.is_some()) || !(1800..=2200).contains(&year) {
            return None;
        }
        Some(BirthDate { year, month, day })
    }

    pub fn year(&self) -> u16 {
        self.year
    }
}

impl std::fmt::Display for BirthDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

/// How two dates of birth compare, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateEvidence {
    /// The same full date.
    Exact,
    /// Agree as far as both are known (one gives only the year, or year and month).
    Consistent,
    /// Day and month swapped (05/03 against 03/05).
    Swapped,
    /// Everything else equal but the year differs by one.
    YearOffByOne,
    /// Either side has no date.
    Unknown,
    /// Different dates.
    Conflict,
}

impl DateEvidence {
    /// How the evidence moves a name score. Only agreement raises it; nothing that disagrees ever does.
    pub fn apply(self, score: f32) -> f32 {
        match self {
            DateEvidence::Exact => score + (1.0 - score) * 0.4,
            DateEvidence::Consistent => score + (1.0 - score) * 0.15,
            DateEvidence::Unknown => score,
            DateEvidence::Swapped => score * 0.95,
            DateEvidence::YearOffByOne => score * 0.9,
            DateEvidence::Conflict => score * 0.55,
        }
    }
}

fn compare_one(a: &BirthDate, b: &BirthDate) -> DateEvidence {
    let full = |d: &BirthDate| d.month.is_some() && d.day.is_some();
    if a == b {
        return if full(a) { DateEvidence::Exact } else { DateEvidence::Consistent };
    }
    let agree = |x: Option<u8>, y: Option<u8>| x.is_none() || y.is_none() || x == y;
    if a.year == b.year && agree(a.month, b.month) && agree(a.day, b.day) {
        return DateEvidence::Consistent;
    }
    if a.year == b.year && full(a) && full(b) && a.month == b.day && a.day == b.month {
        return DateEvidence::Swapped;
    }
    if a.year.abs_diff(b.year) == 1 && a.month == b.month && a.day == b.day {
        return DateEvidence::YearOffByOne;
    }
    DateEvidence::Conflict
}

/// The best agreement between any date of one side and any of the other. Symmetric.
pub fn compare_dates(a: &[BirthDate], b: &[BirthDate]) -> DateEvidence {
    a.iter().flat_map(|x| b.iter().map(move |y| compare_one(x, y))).min().unwrap_or(DateEvidence::Unknown)
}

/// How two sets of nationalities compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NationalityEvidence {
    Shared,
    Unknown,
    Different,
}

impl NationalityEvidence {
    pub fn apply(self, score: f32) -> f32 {
        match self {
            NationalityEvidence::Shared => score + (1.0 - score) * 0.1,
            NationalityEvidence::Unknown => score,
            NationalityEvidence::Different => score * 0.95,
        }
    }
}

/// Nationalities as ISO 3166-1 alpha-2 codes in any case.
pub fn compare_nationalities(a: &[String], b: &[String]) -> NationalityEvidence {
    if a.is_empty() || b.is_empty() {
        NationalityEvidence::Unknown
    } else if a.iter().any(|x| b.iter().any(|y| x.eq_ignore_ascii_case(y))) {
        NationalityEvidence::Shared
    } else {
        NationalityEvidence::Different
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> BirthDate {
        BirthDate::parse(s).unwrap_or_else(|| unreachable!("test date {s}"))
    }

    #[test]
    fn parses_full_and_partial_dates_in_both_notations() {
        assert_eq!(d("1970/05/21"), d("1970-05-21"));
        assert_eq!(d("1970").to_string(), "1970");
        assert_eq!(d("1970-5").to_string(), "1970-05");
        assert_eq!(d("1993/00/00").to_string(), "1993");
        for bad in ["", "70", "1970-13", "1970-02-32", "1970-02-03-04", "19x0", "1970--03", "0001"] {
            assert_eq!(BirthDate::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn compares() {
        let cmp = |a: &str, b: &str| compare_dates(&[d(a)], &[d(b)]);
        assert_eq!(cmp("1970-05-21", "1970-05-21"), DateEvidence::Exact);
        assert_eq!(cmp("1970", "1970-05-21"), DateEvidence::Consistent);
        assert_eq!(cmp("1970-05-03", "1970-03-05"), DateEvidence::Swapped);
        assert_eq!(cmp("1970-05-21", "1971-05-21"), DateEvidence::YearOffByOne);
        assert_eq!(cmp("1970-05-21", "1982-01-02"), DateEvidence::Conflict);
        assert_eq!(compare_dates(&[], &[d("1970")]), DateEvidence::Unknown);
        assert_eq!(compare_dates(&[d("1980"), d("1970-05-21")], &[d("1970-05-21")]), DateEvidence::Exact);
    }

    #[test]
    fn nothing_that_disagrees_raises_a_score() {
        for s in [0.0f32, 0.3, 0.7, 1.0] {
            for e in [DateEvidence::Swapped, DateEvidence::YearOffByOne, DateEvidence::Conflict] {
                assert!(e.apply(s) <= s);
            }
            assert!(NationalityEvidence::Different.apply(s) <= s);
            assert!(DateEvidence::Exact.apply(s) <= 1.0);
        }
    }
}
