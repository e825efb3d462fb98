//! In-memory sliding-window limits on login attempts per client address. Account lockout (in the
//! database, so it holds across nodes) is separate; this stops one address from trying many accounts.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

pub struct RateLimiter {
    max: usize,
    window_ms: i64,
    hits: Mutex<HashMap<String, VecDeque<i64>>>,
}

impl RateLimiter {
    pub fn new(max: usize, window_ms: i64) -> Self {
        Self { max, window_ms, hits: Mutex::new(HashMap::new()) }
    }

    /// Records an attempt by `key` at `now_ms`; `Err(retry_after_seconds)` when over the limit.
    pub fn check(&self, key: &str, now_ms: i64) -> Result<(), u64> {
        let mut map = self.hits.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() > 100_000 {
            // Bound memory under a flood of distinct addresses: forget windows that have passed.
            map.retain(|_, q| q.back().is_some_and(|t| *t > now_ms - self.window_ms));
        }
        let q = map.entry(key.to_string()).or_default();
        while q.front().is_some_and(|t| *t <= now_ms - self.window_ms) {
            q.pop_front();
        }
        if q.len() >= self.max {
            let oldest = q.front().copied().unwrap_or(now_ms);
            let wait = (oldest + self.window_ms - now_ms).max(1000) / 1000;
            return Err(wait as u64);
        }
        q.push_back(now_ms);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_per_key_within_the_window() {
        let r = RateLimiter::new(3, 60_000);
        for i in 0..3 {
            assert!(r.check("10.0.0.1", i).is_ok());
        }
        assert_eq!(r.check("10.0.0.1", 10), Err(59));
        assert!(r.check("10.0.0.2", 10).is_ok(), "other addresses are not affected");
        assert!(r.check("10.0.0.1", 60_001).is_ok(), "the window slides");
    }
}
