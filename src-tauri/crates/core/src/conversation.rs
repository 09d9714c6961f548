//! What every request about one chat names it by, and a chat's status (要対応 / 対応済み):
//! shared by the domains that act on a chat (inbox, assignment, reply times, outbox).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConversationRef {
    #[ts(type = "number")]
    pub conversation_id: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ConversationStatus {
    Open,
    NeedsAction,
    Resolved,
}

impl ConversationStatus {
    pub fn parse(s: &str) -> ConversationStatus {
        match s {
            "needsAction" => ConversationStatus::NeedsAction,
            "resolved" => ConversationStatus::Resolved,
            _ => ConversationStatus::Open,
        }
    }
}
