//! Prometheus metrics: request counts by route and status class, a latency histogram, login outcomes.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;

const BUCKETS_MS: [f64; 12] = [1.0, 2.5, 5.0, 10.0, 25.0, 50.0, 100.0, 250.0, 500.0, 1000.0, 2500.0, 10000.0];

#[derive(Default)]
struct Histogram {
    counts: [u64; BUCKETS_MS.len()],
    sum_ms: f64,
    count: u64,
}

#[derive(Default)]
pub struct Metrics {
    requests: Mutex<BTreeMap<(String, String, u16), u64>>,
    latency: Mutex<BTreeMap<String, Histogram>>,
    logins: Mutex<BTreeMap<&'static str, u64>>,
}

impl Metrics {
    pub fn observe(&self, method: &str, route: &str, status: u16, ms: f64) {
        if let Ok(mut m) = self.requests.lock() {
            *m.entry((method.to_string(), route.to_string(), status)).or_default() += 1;
        }
        if let Ok(mut m) = self.latency.lock() {
            let h = m.entry(route.to_string()).or_default();
            for (i, b) in BUCKETS_MS.iter().enumerate() {
                if ms <= *b {
                    h.counts[i] += 1;
                }
            }
            h.sum_ms += ms;
            h.count += 1;
        }
    }

    pub fn login(&self, outcome: &'static str) {
        if let Ok(mut m) = self.logins.lock() {
            *m.entry(outcome).or_default() += 1;
        }
    }

    /// The exposition text format.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# HELP liaison_http_requests_total HTTP requests by method, route and status.");
        let _ = writeln!(out, "# TYPE liaison_http_requests_total counter");
        if let Ok(m) = self.requests.lock() {
            for ((method, route, status), n) in m.iter() {
                let _ = writeln!(
                    out,
                    "liaison_http_requests_total{{method=\"{method}\",route=\"{}\",status=\"{status}\"}} {n}",
                    escape(route)
                );
            }
        }
        let _ = writeln!(out, "# HELP liaison_http_request_duration_seconds Time to answer, by route.");
        let _ = writeln!(out, "# TYPE liaison_http_request_duration_seconds histogram");
        if let Ok(m) = self.latency.lock() {
            for (route, h) in m.iter() {
                let r = escape(route);
                for (i, b) in BUCKETS_MS.iter().enumerate() {
                    let _ = writeln!(
                        out,
                        "liaison_http_request_duration_seconds_bucket{{route=\"{r}\",le=\"{}\"}} {}",
                        b / 1000.0,
                        h.counts[i]
                    );
                }
                let _ = writeln!(
                    out,
                    "liaison_http_request_duration_seconds_bucket{{route=\"{r}\",le=\"+Inf\"}} {}",
                    h.count
                );
                let _ =
                    writeln!(out, "liaison_http_request_duration_seconds_sum{{route=\"{r}\"}} {}", h.sum_ms / 1000.0);
                let _ = writeln!(out, "liaison_http_request_duration_seconds_count{{route=\"{r}\"}} {}", h.count);
            }
        }
        let _ = writeln!(out, "# HELP liaison_logins_total Login attempts by outcome.");
        let _ = writeln!(out, "# TYPE liaison_logins_total counter");
        if let Ok(m) = self.logins.lock() {
            for (outcome, n) in m.iter() {
                let _ = writeln!(out, "liaison_logins_total{{outcome=\"{outcome}\"}} {n}");
            }
        }
        out
    }
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_counters_and_cumulative_buckets() {
        let m = Metrics::default();
        m.observe("GET", "/api/v1/me", 200, 3.0);
        m.observe("GET", "/api/v1/me", 200, 30.0);
        m.login("success");
        let text = m.render();
        assert!(text.contains("liaison_http_requests_total{method=\"GET\",route=\"/api/v1/me\",status=\"200\"} 2"));
        assert!(text.contains("liaison_http_request_duration_seconds_bucket{route=\"/api/v1/me\",le=\"0.005\"} 1"));
        assert!(text.contains("liaison_http_request_duration_seconds_bucket{route=\"/api/v1/me\",le=\"0.05\"} 2"));
        assert!(text.contains("liaison_logins_total{outcome=\"success\"} 1"));
    }
}
