//! Injected failures, so clients can be tested against LINE outages, throttling and slow
//! answers without a real outage.

use std::sync::Mutex;
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// One rule: the next `count` requests to `endpoint` (every LINE endpoint when `None`)
/// wait `delay_ms`, then either answer `status` without doing anything, or, when `status`
/// is `None`, are processed normally (a slow success: the client may time out although
/// LINE accepted the request, which is exactly the case retry keys exist for).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FaultRule {
    #[serde(default)]
    pub endpoint: Option<String>,
    #[serde(default)]
    pub status: Option<u16>,
    /// 0 means "until cleared".
    #[serde(default)]
    pub count: u32,
    #[serde(default)]
    pub delay_ms: u64,
    /// Process the request first, then wait `delay_ms`, then answer normally or, with a
    /// `status`, answer that instead: LINE accepted it but the client may never learn so
    /// (a lost answer, or a client killed meanwhile). A retry with the same retry key
    /// must then get 409, never a second delivery.
    #[serde(default)]
    pub after_processing: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FaultAction {
    pub status: Option<u16>,
    pub delay: Duration,
    pub after_processing: bool,
}

#[derive(Default)]
pub struct Faults {
    rules: Mutex<Vec<(FaultRule, u32)>>,
}

impl Faults {
    pub fn add(&self, rule: FaultRule) {
        let left = if rule.count == 0 {
            u32::MAX
        } else {
            rule.count
        };
        self.lock().push((rule, left));
    }

    /// The next `count` requests to `endpoint` answer `status` (e.g. 429, 500).
    pub fn fail_next(&self, endpoint: &str, status: u16, count: u32) {
        self.add(FaultRule {
            endpoint: Some(endpoint.to_owned()),
            status: Some(status),
            count,
            delay_ms: 0,
            after_processing: false,
        });
    }

    /// Like `fail_next`, for every LINE endpoint.
    pub fn fail_all_next(&self, status: u16, count: u32) {
        self.add(FaultRule {
            endpoint: None,
            status: Some(status),
            count,
            delay_ms: 0,
            after_processing: false,
        });
    }

    /// The next `count` requests hang for `delay`, then answer 504 without being processed.
    pub fn hang_next(&self, endpoint: &str, delay: Duration, count: u32) {
        self.add(FaultRule {
            endpoint: Some(endpoint.to_owned()),
            status: Some(504),
            count,
            delay_ms: duration_ms(delay),
            after_processing: false,
        });
    }

    /// The next `count` requests are processed normally, but only after `delay`.
    pub fn delay_next(&self, endpoint: &str, delay: Duration, count: u32) {
        self.add(FaultRule {
            endpoint: Some(endpoint.to_owned()),
            status: None,
            count,
            delay_ms: duration_ms(delay),
            after_processing: false,
        });
    }

    /// The next `count` requests are processed (accepted, delivered) but answered `status`.
    pub fn lose_answer_next(&self, endpoint: &str, status: u16, count: u32) {
        self.add(FaultRule {
            endpoint: Some(endpoint.to_owned()),
            status: Some(status),
            count,
            delay_ms: 0,
            after_processing: true,
        });
    }

    /// The next `count` requests (0 = until cleared) are processed at once but answered
    /// only after `delay`.
    pub fn delay_answer_next(&self, endpoint: &str, delay: Duration, count: u32) {
        self.add(FaultRule {
            endpoint: Some(endpoint.to_owned()),
            status: None,
            count,
            delay_ms: duration_ms(delay),
            after_processing: true,
        });
    }

    pub fn clear(&self) {
        self.lock().clear();
    }

    pub fn rules(&self) -> Vec<FaultRule> {
        self.lock().iter().map(|(r, _)| r.clone()).collect()
    }

    /// Consumes one use of the first rule matching `endpoint`.
    pub(crate) fn take(&self, endpoint: &str) -> Option<FaultAction> {
        let mut rules = self.lock();
        let pos = rules
            .iter()
            .position(|(r, _)| r.endpoint.as_deref().is_none_or(|e| e == endpoint))?;
        let (rule, left) = &mut rules[pos];
        let action = FaultAction {
            status: rule.status,
            delay: Duration::from_millis(rule.delay_ms),
            after_processing: rule.after_processing,
        };
        *left -= 1;
        if *left == 0 {
            rules.remove(pos);
        }
        Some(action)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<(FaultRule, u32)>> {
        // A panic elsewhere must not turn every later request into a panic too.
        self.rules.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn duration_ms(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}
