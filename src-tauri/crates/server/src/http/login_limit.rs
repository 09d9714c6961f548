//! Failed sign-ins: after `MAX_FAILURES` within `WINDOW` for one name or one address,
//! further attempts get 429 with `Retry-After` until the oldest failure ages out.
//!
//! A sliding window over failures, not a token bucket (governor): only failures count,
//! and the check must look without spending, which a GCRA limiter cannot do.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub const MAX_FAILURES: usize = 5;
pub const WINDOW: Duration = Duration::from_secs(15 * 60);
/// Keys remembered at most; past it the stalest go first (a flood of made-up names
/// must not grow memory without bound).
const MAX_KEYS: usize = 10_000;

#[derive(Default)]
pub struct LoginLimit {
    failures: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl LoginLimit {
    /// How long to wait, if any of `keys` has had too many failures lately.
    pub fn retry_after(&self, keys: &[String]) -> Option<Duration> {
        let now = Instant::now();
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        keys.iter()
            .filter_map(|k| {
                let q = map.get_mut(k)?;
                prune(q, now);
                (q.len() >= MAX_FAILURES).then(|| q.front().map_or(WINDOW, |oldest| WINDOW.saturating_sub(now - *oldest)))
            })
            .max()
    }

    pub fn failed(&self, keys: &[String]) {
        let now = Instant::now();
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() >= MAX_KEYS {
            map.retain(|_, q| {
                prune(q, now);
                !q.is_empty()
            });
            if map.len() >= MAX_KEYS {
                let stalest = map.iter().min_by_key(|(_, q)| q.back().copied()).map(|(k, _)| k.clone());
                if let Some(k) = stalest {
                    map.remove(&k);
                }
            }
        }
        for k in keys {
            let q = map.entry(k.clone()).or_default();
            q.push_back(now);
            while q.len() > MAX_FAILURES {
                q.pop_front();
            }
        }
    }

    /// A successful sign-in clears the name's count (not the address's).
    pub fn succeeded(&self, key: &str) {
        self.failures.lock().unwrap_or_else(|p| p.into_inner()).remove(key);
    }
}

fn prune(q: &mut VecDeque<Instant>, now: Instant) {
    while q.front().is_some_and(|t| now.duration_since(*t) >= WINDOW) {
        q.pop_front();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_failures_for_a_name_or_an_address_lock_it() {
        let limit = LoginLimit::default();
        let name = vec!["name:山田".to_string(), "addr:192.0.2.1".to_string()];
        for _ in 0..MAX_FAILURES - 1 {
            limit.failed(&name);
            assert!(limit.retry_after(&name).is_none());
        }
        limit.failed(&name);
        let wait = limit.retry_after(&name).expect("locked after five");
        assert!(wait > WINDOW - Duration::from_secs(5) && wait <= WINDOW, "{wait:?}");
        let same_address = vec!["name:佐藤".to_string(), "addr:192.0.2.1".to_string()];
        assert!(limit.retry_after(&same_address).is_some(), "the address is locked for any name");
        let elsewhere = vec!["name:佐藤".to_string(), "addr:192.0.2.2".to_string()];
        assert!(limit.retry_after(&elsewhere).is_none());
    }
}
