//! Client-side rate limits, one bucket per LINE endpoint (LINE counts per channel and
//! per method+path). We wait for a slot instead of failing: going over earns a 429 that
//! costs a retry, and a burst of broadcasts would otherwise starve interactive replies.

use std::num::NonZeroU32;

use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Endpoint {
    Reply,
    Push,
    Multicast,
    Profile,
    Content,
    Transcoding,
    MarkAsRead,
    LoadingAnimation,
    Quota,
    QuotaConsumption,
    BotInfo,
    WebhookEndpointGet,
    WebhookEndpointSet,
    WebhookTest,
}

const ALL: [Endpoint; 14] = [
    Endpoint::Reply,
    Endpoint::Push,
    Endpoint::Multicast,
    Endpoint::Profile,
    Endpoint::Content,
    Endpoint::Transcoding,
    Endpoint::MarkAsRead,
    Endpoint::LoadingAnimation,
    Endpoint::Quota,
    Endpoint::QuotaConsumption,
    Endpoint::BotInfo,
    Endpoint::WebhookEndpointGet,
    Endpoint::WebhookEndpointSet,
    Endpoint::WebhookTest,
];

impl Endpoint {
    /// LINE's published limits; everything not listed there gets the default 2,000/s.
    fn quota(self) -> Quota {
        match self {
            Endpoint::Multicast => Quota::per_second(nz(200)),
            Endpoint::LoadingAnimation => Quota::per_second(nz(100)),
            Endpoint::WebhookEndpointGet | Endpoint::WebhookEndpointSet => {
                Quota::per_minute(nz(1000))
            }
            Endpoint::WebhookTest => Quota::per_hour(nz(60)),
            _ => Quota::per_second(nz(2000)),
        }
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            Endpoint::Reply => "reply",
            Endpoint::Push => "push",
            Endpoint::Multicast => "multicast",
            Endpoint::Profile => "profile",
            Endpoint::Content => "content",
            Endpoint::Transcoding => "transcoding",
            Endpoint::MarkAsRead => "markAsRead",
            Endpoint::LoadingAnimation => "loadingAnimation",
            Endpoint::Quota => "quota",
            Endpoint::QuotaConsumption => "quotaConsumption",
            Endpoint::BotInfo => "botInfo",
            Endpoint::WebhookEndpointGet => "getWebhookEndpoint",
            Endpoint::WebhookEndpointSet => "setWebhookEndpoint",
            Endpoint::WebhookTest => "testWebhookEndpoint",
        }
    }
}

fn nz(n: u32) -> NonZeroU32 {
    NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN)
}

pub(crate) struct RateLimits {
    limiters: Vec<DefaultDirectRateLimiter>,
}

impl RateLimits {
    pub(crate) fn new() -> Self {
        RateLimits {
            limiters: ALL.iter().map(|e| RateLimiter::direct(e.quota())).collect(),
        }
    }

    pub(crate) async fn wait(&self, endpoint: Endpoint) {
        if let Some(limiter) = self.limiters.get(endpoint as usize) {
            limiter.until_ready().await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_indexed_by_discriminant() {
        for (i, e) in ALL.iter().enumerate() {
            assert_eq!(*e as usize, i, "{} is out of place", e.name());
        }
    }
}
