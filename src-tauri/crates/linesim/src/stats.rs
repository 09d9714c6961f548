use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Request counts of the simulated LINE API. Endpoint names: reply, push, multicast,
/// profile, content, contentPreview, transcoding, markAsRead, loading, quota, consumption,
/// botInfo, webhookEndpoint, webhookTest, validate.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Stats {
    /// Every request that reached a LINE endpoint, whatever the answer.
    pub requests: BTreeMap<String, u64>,
    /// Requests answered 2xx.
    pub accepted: BTreeMap<String, u64>,
    /// 409 answers to a repeated retry key.
    pub conflicts: u64,
    /// Other 4xx answers (validation, auth, bad tokens, unknown users).
    pub rejected: u64,
    /// Requests answered by an injected fault instead of the endpoint.
    pub faulted: u64,
    /// Webhook requests the simulator sent, and how many got a non-2xx or no answer.
    pub webhooks_sent: u64,
    pub webhook_failures: u64,
}

impl Stats {
    pub fn requests(&self, endpoint: &str) -> u64 {
        self.requests.get(endpoint).copied().unwrap_or(0)
    }

    pub fn accepted(&self, endpoint: &str) -> u64 {
        self.accepted.get(endpoint).copied().unwrap_or(0)
    }

    pub(crate) fn record(&mut self, endpoint: &str, status: u16, faulted: bool) {
        *self.requests.entry(endpoint.to_owned()).or_default() += 1;
        if faulted {
            self.faulted += 1;
        } else if (200..300).contains(&status) {
            *self.accepted.entry(endpoint.to_owned()).or_default() += 1;
        } else if status == 409 {
            self.conflicts += 1;
        } else if (400..500).contains(&status) {
            self.rejected += 1;
        }
    }
}
