use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

/// How a simulator instance behaves. Everything random derives from `seed`, so two
/// simulators with the same config produce the same users, ids and event sequence.
#[derive(Debug, Clone)]
pub struct SimConfig {
    pub seed: u64,
    pub channel_secret: String,
    pub access_token: String,
    /// The bot's own user id ("U" + 32 hex): the `destination` of every webhook body.
    pub bot_user_id: String,
    pub webhook_url: Option<String>,
    /// LINE documents "use within one minute"; tests shorten it to see expiry quickly.
    pub reply_token_ttl: Duration,
    pub listen: SocketAddr,
    /// Extra roots (PEM) the webhook sender trusts besides the system's, as LINE trusts
    /// public CAs: a test's HTTPS front with a private CA (Caddy's `tls internal`).
    pub webhook_root_certificates: Vec<Vec<u8>>,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            seed: 0,
            channel_secret: "linesim-channel-secret".to_owned(),
            access_token: "linesim-access-token".to_owned(),
            bot_user_id: "U5e1f0c0de0000000000000000000b07a".to_owned(),
            webhook_url: None,
            reply_token_ttl: Duration::from_secs(60),
            // Port 0: parallel tests and benchmarks never fight over a fixed port.
            listen: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            webhook_root_certificates: Vec::new(),
        }
    }
}
