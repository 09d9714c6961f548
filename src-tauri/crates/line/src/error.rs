//! What can go wrong talking to LINE, sorted by the one question the outbox asks:
//! "could LINE have accepted this anyway?"

use serde::{Deserialize, Serialize};

/// One entry of LINE's `ErrorResponse.details`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ErrorDetail {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The JSON field (e.g. `messages[0].text`) or query parameter LINE complained about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub property: Option<String>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LineError {
    /// 4xx other than 409-with-retry-key and 429: this attempt was not accepted.
    #[error(
        "LINE rejected the request (HTTP {status}): {}",
        describe(message, details)
    )]
    Api {
        status: u16,
        message: String,
        details: Vec<ErrorDetail>,
        request_id: Option<String>,
        /// An earlier attempt of the same call timed out or got a 5xx, so LINE may have
        /// accepted that one (a retried reply then fails with "invalid reply token").
        after_ambiguous_attempt: bool,
    },
    /// 429 still after all attempts (LINE also answers 429 when the monthly limit is used up).
    #[error("LINE is rate limiting this channel: {message}")]
    RateLimited {
        message: String,
        /// See [`LineError::Api::after_ambiguous_attempt`].
        after_ambiguous_attempt: bool,
    },
    /// 5xx still after all attempts.
    #[error("LINE server error (HTTP {status}): {message}")]
    Server { status: u16, message: String },
    #[error("LINE did not answer in time")]
    Timeout,
    #[error("could not reach LINE: {0}")]
    Transport(String),
    /// LINE answered 2xx but the body was not what the spec promises.
    #[error("unexpected response from LINE: {0}")]
    Decode(String),
    /// Refused before sending: the request breaks a rule LINE would reject it for.
    #[error("invalid request: {0}")]
    InvalidRequest(String),
}

impl LineError {
    /// True when LINE certainly did not accept the request, so reporting failure or
    /// falling back (e.g. reply → push) cannot produce a duplicate.
    pub fn is_definitely_rejected(&self) -> bool {
        match self {
            LineError::Api {
                after_ambiguous_attempt,
                ..
            }
            | LineError::RateLimited {
                after_ambiguous_attempt,
                ..
            } => !after_ambiguous_attempt,
            LineError::InvalidRequest(_) => true,
            // A 2xx that we could not read was still accepted.
            LineError::Decode(_) => false,
            LineError::Server { .. } | LineError::Timeout | LineError::Transport(_) => false,
        }
    }

    /// A short reason to show a shop owner. Holds only what LINE said back and our own
    /// wording, so no credential can leak through it.
    pub fn reason(&self) -> String {
        match self {
            LineError::Api {
                status,
                message,
                details,
                ..
            } => {
                format!("LINE {status}: {}", describe(message, details))
            }
            LineError::RateLimited { message, .. } => format!("LINE 429: {message}"),
            LineError::Server { status, .. } => format!("LINE {status}: server error"),
            LineError::Timeout => "LINE did not answer in time".to_owned(),
            LineError::Transport(_) => "could not reach LINE".to_owned(),
            LineError::Decode(_) => "unexpected response from LINE".to_owned(),
            LineError::InvalidRequest(why) => why.clone(),
        }
    }

    /// The `x-line-request-id` LINE gave, for support enquiries.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            LineError::Api { request_id, .. } => request_id.as_deref(),
            _ => None,
        }
    }
}

/// "message (property: detail, property: detail)" — names the fields so the owner (or
/// we) can see which part of the message LINE disliked.
fn describe(message: &str, details: &[ErrorDetail]) -> String {
    let parts: Vec<String> = details
        .iter()
        .filter_map(|d| match (&d.property, &d.message) {
            (Some(p), Some(m)) => Some(format!("{p}: {m}")),
            (Some(p), None) => Some(p.clone()),
            (None, Some(m)) => Some(m.clone()),
            (None, None) => None,
        })
        .collect();
    if parts.is_empty() {
        message.to_owned()
    } else {
        format!("{message} ({})", parts.join(", "))
    }
}
