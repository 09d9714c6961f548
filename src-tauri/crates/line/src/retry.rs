//! When to try again and how long to wait. LINE sends no Retry-After, so the wait is
//! exponential backoff with full jitter (spreads a herd of retries over the window).

use std::time::Duration;

use rand::Rng as _;

/// No single wait exceeds this, however many attempts are configured.
const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// Wait before attempt `attempt + 1` (attempt counts from 1): uniform in
/// `0..=min(MAX_BACKOFF, base * 2^(attempt-1))`.
pub(crate) fn backoff(base: Duration, attempt: u32) -> Duration {
    let factor = 1u32
        .checked_shl(attempt.saturating_sub(1).min(16))
        .unwrap_or(u32::MAX);
    let ceiling = base.saturating_mul(factor).min(MAX_BACKOFF);
    let nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
    if nanos == 0 {
        return Duration::ZERO;
    }
    Duration::from_nanos(rand::rng().random_range(0..=nanos))
}

/// Why one attempt failed, as far as retrying is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Failure {
    /// 429: LINE refused before doing anything.
    RateLimited,
    /// 5xx, timeout, or the connection broke after the request went out: LINE may have
    /// acted on it.
    Ambiguous,
    /// The connection was never made, so nothing reached LINE.
    NotSent,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_stays_under_the_doubling_ceiling() {
        let base = Duration::from_millis(100);
        for attempt in 1..=6 {
            let ceiling = base * 2u32.pow(attempt - 1);
            for _ in 0..50 {
                assert!(backoff(base, attempt) <= ceiling);
            }
        }
        assert!(backoff(Duration::from_secs(10), 40) <= MAX_BACKOFF);
        assert_eq!(backoff(Duration::ZERO, 3), Duration::ZERO);
    }
}
