//! Results of a working group per year: requests executed between the parties' states, the median days from
//! sending to execution, persons extradited and sentenced persons transferred — computed from the requests
//! where Liaison has them — and assets frozen, confiscated and returned, entered by the secretary. A value
//! the secretary enters for a year replaces the computed one (requests handled outside Liaison).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use crate::statistics::{Course, median};
use crate::validation::{FieldError, Invalid, opt_text};

named_enum! {
    pub enum Indicator {
        RequestsExecuted = "requests_executed",
        MedianDaysToExecution = "median_days_to_execution",
        PersonsExtradited = "persons_extradited",
        PersonsTransferred = "persons_transferred",
        /// In euros (the secretary converts).
        AssetsFrozen = "assets_frozen",
        AssetsConfiscated = "assets_confiscated",
        AssetsReturned = "assets_returned",
    }
}

impl Indicator {
    /// Whether Liaison computes it from the requests (otherwise only the secretary's figure counts).
    pub fn computed(self) -> bool {
        matches!(
            self,
            Indicator::RequestsExecuted
                | Indicator::MedianDaysToExecution
                | Indicator::PersonsExtradited
                | Indicator::PersonsTransferred
        )
    }
}

/// A figure the secretary entered for a year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entered {
    pub year: i32,
    pub indicator: Indicator,
    pub value: f64,
    #[serde(default)]
    pub note: Option<String>,
}

pub const FIRST_YEAR: i32 = 1990;
pub const LAST_YEAR: i32 = 2100;

impl Entered {
    pub fn check(mut self) -> Result<Entered, Invalid> {
        let mut inv = Invalid::default();
        if !(FIRST_YEAR..=LAST_YEAR).contains(&self.year) {
            inv.push(FieldError::new("year", "out_of_range", format!("between {FIRST_YEAR} and {LAST_YEAR}")));
        }
        if !self.value.is_finite() || self.value < 0.0 || self.value > 1e15 {
            inv.push(FieldError::new("value", "out_of_range", "a figure of zero or more"));
        }
        opt_text(&mut inv, "note", &mut self.note, 1_000);
        inv.into_result().map(|()| self)
    }
}

/// Where a figure comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    Computed,
    Entered,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    pub indicator: Indicator,
    pub value: Option<f64>,
    pub source: Option<Source>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Year {
    pub year: i32,
    pub figures: Vec<Figure>,
}

const DAY: f64 = 86_400_000.0;

fn year_of(ms: i64) -> Option<i32> {
    crate::date::Date::of_ms(ms).map(|d| d.year())
}

/// What the requests between the parties show per year of their execution.
fn computed(courses: &[Course]) -> BTreeMap<(i32, Indicator), f64> {
    let mut days: BTreeMap<i32, Vec<f64>> = BTreeMap::new();
    let mut out = BTreeMap::new();
    for c in courses {
        if !matches!(c.status.as_str(), "executed" | "partially_executed") {
            continue;
        }
        let Some(year) = c.closed_at.and_then(year_of) else { continue };
        *out.entry((year, Indicator::RequestsExecuted)).or_insert(0.0) += 1.0;
        if let Some(closed) = c.closed_at {
            days.entry(year).or_default().push(((closed - c.sent_at) as f64 / DAY).max(0.0));
        }
        let person = match c.kind.as_str() {
            "extradition" => Some(Indicator::PersonsExtradited),
            "transfer_of_sentenced_persons" => Some(Indicator::PersonsTransferred),
            _ => None,
        };
        if let Some(i) = person {
            *out.entry((year, i)).or_insert(0.0) += 1.0;
        }
    }
    for (year, d) in days {
        if let Some(m) = median(d) {
            out.insert((year, Indicator::MedianDaysToExecution), (m * 10.0).round() / 10.0);
        }
    }
    out
}

/// The figures of each year from `from` to `to`: the secretary's where entered, Liaison's otherwise; a
/// computed count with no request is 0, a median with none is unknown, an uncomputed figure not entered is
/// unknown.
pub fn yearly(courses: &[Course], entered: &[Entered], from: i32, to: i32) -> Vec<Year> {
    let computed = computed(courses);
    (from..=to)
        .map(|year| Year {
            year,
            figures: Indicator::ALL
                .iter()
                .map(|&indicator| {
                    if let Some(e) = entered.iter().find(|e| e.year == year && e.indicator == indicator) {
                        return Figure {
                            indicator,
                            value: Some(e.value),
                            source: Some(Source::Entered),
                            note: e.note.clone(),
                        };
                    }
                    let value = computed.get(&(year, indicator)).copied().or(match indicator {
                        Indicator::RequestsExecuted | Indicator::PersonsExtradited | Indicator::PersonsTransferred => {
                            Some(0.0)
                        }
                        _ => None,
                    });
                    Figure { indicator, value, source: value.map(|_| Source::Computed), note: None }
                })
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(date: &str) -> i64 {
        crate::date::Date::parse(date).unwrap().start_ms()
    }

    fn course(kind: &str, status: &str, sent: &str, closed: Option<&str>) -> Course {
        Course {
            kind: kind.into(),
            status: status.into(),
            requesting_country: "RU".into(),
            requested_country: "UZ".into(),
            sent_at: ms(sent),
            acknowledged_at: None,
            closed_at: closed.map(ms),
            refusal_grounds: Vec::new(),
        }
    }

    fn value(years: &[Year], year: i32, i: Indicator) -> (Option<f64>, Option<Source>) {
        let f = years.iter().find(|y| y.year == year).unwrap().figures.iter().find(|f| f.indicator == i).unwrap();
        (f.value, f.source)
    }

    #[test]
    fn figures_come_from_executed_requests_and_the_secretary_overrides_them() {
        let courses = [
            course("mla", "executed", "2024-12-01", Some("2025-01-31")),
            course("mla", "partially_executed", "2025-01-01", Some("2025-04-11")),
            course("extradition", "executed", "2025-02-01", Some("2025-03-03")),
            course("mla", "refused", "2025-01-01", Some("2025-02-01")),
            course("mla", "in_execution", "2025-01-01", None),
            course("transfer_of_sentenced_persons", "executed", "2025-05-01", Some("2026-01-05")),
        ];
        let entered = [
            Entered { year: 2025, indicator: Indicator::AssetsFrozen, value: 1_500_000.0, note: Some("EUR".into()) },
            Entered { year: 2026, indicator: Indicator::RequestsExecuted, value: 7.0, note: None },
        ];
        let y = yearly(&courses, &entered, 2024, 2026);
        assert_eq!(y.len(), 3);
        assert_eq!(value(&y, 2025, Indicator::RequestsExecuted), (Some(3.0), Some(Source::Computed)));
        // 61, 100 and 30 days: the median is 61.
        assert_eq!(value(&y, 2025, Indicator::MedianDaysToExecution), (Some(61.0), Some(Source::Computed)));
        assert_eq!(value(&y, 2025, Indicator::PersonsExtradited).0, Some(1.0));
        assert_eq!(value(&y, 2026, Indicator::PersonsTransferred).0, Some(1.0));
        assert_eq!(value(&y, 2025, Indicator::AssetsFrozen), (Some(1_500_000.0), Some(Source::Entered)));
        assert_eq!(value(&y, 2026, Indicator::RequestsExecuted), (Some(7.0), Some(Source::Entered)));
        assert_eq!(value(&y, 2024, Indicator::RequestsExecuted), (Some(0.0), Some(Source::Computed)));
        assert_eq!(value(&y, 2024, Indicator::MedianDaysToExecution), (None, None));
        assert_eq!(value(&y, 2024, Indicator::AssetsReturned), (None, None));
    }

    #[test]
    fn entered_figures_are_checked() {
        let bad = Entered { year: 1800, indicator: Indicator::AssetsReturned, value: -1.0, note: None };
        let fields: Vec<String> = bad.check().unwrap_err().0.into_iter().map(|f| f.field).collect();
        assert_eq!(fields, vec!["year", "value"]);
        let nan = Entered { year: 2025, indicator: Indicator::AssetsReturned, value: f64::NAN, note: None };
        assert!(nan.check().is_err());
    }
}
