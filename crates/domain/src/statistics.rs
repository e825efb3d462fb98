//! Statistics of requests: counts by type and counterpart, median days to acknowledgement and to
//! execution per country pair and year, the share refused and on which grounds. Pure: the facts of
//! each request's course come in, the figures go out.

use serde::Serialize;
use std::collections::BTreeMap;

/// The facts of one request's course that statistics use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Course {
    pub kind: String,
    pub status: String,
    pub requesting_country: String,
    pub requested_country: String,
    pub sent_at: i64,
    pub acknowledged_at: Option<i64>,
    pub closed_at: Option<i64>,
    pub refusal_grounds: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairYear {
    pub requesting: String,
    pub requested: String,
    pub year: i32,
    pub requests: usize,
    /// Median days from sending to acknowledgement, over those acknowledged.
    pub median_days_to_acknowledgement: Option<f64>,
    /// Median days from sending to execution (executed or partially executed).
    pub median_days_to_execution: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Summary {
    pub total: usize,
    /// (type, counterpart pair "RU→AM") → count.
    pub by_type: BTreeMap<String, usize>,
    pub by_pair: BTreeMap<String, usize>,
    pub by_status: BTreeMap<String, usize>,
    pub pair_years: Vec<PairYear>,
    /// Of the requests answered (executed, partially executed or refused), the share refused.
    pub refused_share: Option<f64>,
    pub refusal_grounds: BTreeMap<String, usize>,
}

const DAY: f64 = 86_400_000.0;

/// (requesting, requested, year of sending)
type PairKey = (String, String, i32);
/// (requests, days to acknowledgement, days to execution)
type Durations = (usize, Vec<f64>, Vec<f64>);

/// The median of some values (the mean of the middle two for an even count).
pub fn median(mut v: Vec<f64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    Some(if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2.0 })
}

fn year_of(ms: i64) -> i32 {
    crate::date::Date::of_ms(ms).map_or(1970, |d| d.year())
}

pub fn summarise(courses: &[Course]) -> Summary {
    let mut s = Summary { total: courses.len(), ..Default::default() };
    let mut pairs: BTreeMap<PairKey, Durations> = BTreeMap::new();
    let (mut answered, mut refused) = (0usize, 0usize);
    for c in courses {
        *s.by_type.entry(c.kind.clone()).or_default() += 1;
        *s.by_pair.entry(format!("{}→{}", c.requesting_country, c.requested_country)).or_default() += 1;
        *s.by_status.entry(c.status.clone()).or_default() += 1;
        let e =
            pairs.entry((c.requesting_country.clone(), c.requested_country.clone(), year_of(c.sent_at))).or_default();
        e.0 += 1;
        if let Some(a) = c.acknowledged_at {
            e.1.push((a - c.sent_at) as f64 / DAY);
        }
        if matches!(c.status.as_str(), "executed" | "partially_executed")
            && let Some(x) = c.closed_at
        {
            e.2.push((x - c.sent_at) as f64 / DAY);
        }
        if matches!(c.status.as_str(), "executed" | "partially_executed" | "refused") {
            answered += 1;
        }
        if c.status == "refused" {
            refused += 1;
            for g in &c.refusal_grounds {
                *s.refusal_grounds.entry(g.clone()).or_default() += 1;
            }
        }
    }
    s.pair_years = pairs
        .into_iter()
        .map(|((requesting, requested, year), (n, ack, exe))| PairYear {
            requesting,
            requested,
            year,
            requests: n,
            median_days_to_acknowledgement: median(ack),
            median_days_to_execution: median(exe),
        })
        .collect();
    s.refused_share = (answered > 0).then(|| refused as f64 / answered as f64);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(
        kind: &str,
        status: &str,
        to: &str,
        sent_day: i64,
        ack: Option<i64>,
        closed: Option<i64>,
        grounds: &[&str],
    ) -> Course {
        Course {
            kind: kind.into(),
            status: status.into(),
            requesting_country: "RU".into(),
            requested_country: to.into(),
            sent_at: sent_day * 86_400_000,
            acknowledged_at: ack.map(|d| d * 86_400_000),
            closed_at: closed.map(|d| d * 86_400_000),
            refusal_grounds: grounds.iter().map(|g| g.to_string()).collect(),
        }
    }

    #[test]
    fn medians_shares_and_counts_come_out_right() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![5.0, 1.0, 3.0]), Some(3.0));
        assert_eq!(median(vec![4.0, 1.0, 3.0, 2.0]), Some(2.5));
        let day = 20_000; // 2024-10-04
        let s = summarise(&[
            c("mla", "executed", "AM", day, Some(day + 10), Some(day + 90), &[]),
            c("mla", "executed", "AM", day + 5, Some(day + 25), Some(day + 65), &[]),
            c("mla", "refused", "AM", day + 6, Some(day + 8), Some(day + 40), &["political_offence", "other"]),
            c("extradition", "sent", "UZ", day + 7, None, None, &[]),
        ]);
        assert_eq!(s.total, 4);
        assert_eq!(s.by_type["mla"], 3);
        assert_eq!(s.by_pair["RU→AM"], 3);
        let am = s.pair_years.iter().find(|p| p.requested == "AM").unwrap();
        assert_eq!(am.median_days_to_acknowledgement, Some(10.0), "10, 20 and 2 days");
        assert_eq!(am.median_days_to_execution, Some(75.0), "90 and 60 days; the refusal is not an execution");
        assert_eq!(s.refused_share, Some(1.0 / 3.0));
        assert_eq!(s.refusal_grounds["political_offence"], 1);
        let uz = s.pair_years.iter().find(|p| p.requested == "UZ").unwrap();
        assert_eq!((uz.median_days_to_acknowledgement, uz.year), (None, 2024));
    }
}
