//! Everything the simulated platform remembers. One mutex guards it all: every critical
//! section is short and never awaits, and one lock makes check-then-act sequences (retry
//! keys, single-use reply tokens) atomic under concurrent requests.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::stats::Stats;

/// A simulated LINE user (a customer of the shop).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SimUser {
    pub user_id: String,
    pub display_name: String,
    pub picture_url: Option<String>,
    pub language: String,
}

/// Which send endpoint delivered a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Via {
    Reply,
    Push,
    Multicast,
}

/// One message object accepted for one recipient: the record tests use to prove
/// "delivered exactly once".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Received {
    pub user_id: String,
    pub via: Via,
    pub retry_key: Option<String>,
    /// The message object exactly as the client sent it.
    pub message: serde_json::Value,
    pub at_ms: i64,
    /// The x-line-request-id of the accepting request.
    pub request_id: String,
    /// The id returned in `sentMessages` for this message.
    pub message_id: String,
}

pub struct UserEntry {
    pub user: SimUser,
    /// False after an unfollow (block): pushes are accepted but not delivered, profile is 404.
    pub following: bool,
}

pub struct ReplyToken {
    pub user_id: String,
    pub expires_at_ms: i64,
    pub used: bool,
}

pub struct AcceptedKey {
    pub request_id: String,
    pub sent_messages: Vec<serde_json::Value>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContentKind {
    Image,
    Video { duration_ms: u64 },
    Audio { duration_ms: u64 },
    File { size: u64 },
}

pub struct Content {
    pub kind: ContentKind,
    pub file_name: Option<String>,
    /// Video/audio answer "processing" to the first transcoding poll, so clients must poll.
    pub transcoding_polls: u32,
}

#[derive(Default)]
pub struct State {
    pub users: Vec<UserEntry>,
    pub user_index: HashMap<String, usize>,
    pub reply_tokens: HashMap<String, ReplyToken>,
    pub read_tokens: HashMap<String, String>,
    pub retry_keys: HashMap<String, AcceptedKey>,
    pub content: HashMap<String, Content>,
    pub received: Vec<Received>,
    pub mark_read_calls: Vec<String>,
    pub loading_calls: Vec<(String, u32)>,
    pub webhook_url: Option<String>,
    /// `None` = quota type "none" (unlimited).
    pub quota: Option<u64>,
    /// Recipients of accepted push/multicast requests: what LINE bills against the quota.
    pub total_usage: u64,
    pub stats: Stats,
}

impl State {
    pub fn user(&self, user_id: &str) -> Option<&UserEntry> {
        self.user_index
            .get(user_id)
            .and_then(|&i| self.users.get(i))
    }

    pub fn user_mut(&mut self, user_id: &str) -> Option<&mut UserEntry> {
        match self.user_index.get(user_id) {
            Some(&i) => self.users.get_mut(i),
            None => None,
        }
    }
}
