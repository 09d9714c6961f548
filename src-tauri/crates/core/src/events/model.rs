//! The small values events carry: a message's status, who acted and what kind of
//! thing they did. Domains re-export them where they read naturally.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where a message is on its way: received from a customer, or queued, being sent,
/// sent, failed or cancelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum MessageStatus {
    Received,
    Pending,
    Sending,
    Sent,
    Failed,
    Cancelled,
}

/// The member who sent a message, wrote a note or changed something, as recorded then:
/// the name is a snapshot, so a removed member's name still shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ActedBy {
    #[ts(type = "number")]
    pub member_id: i64,
    pub name: String,
}

impl ActedBy {
    /// From a row's two nullable columns.
    pub fn from_columns(member_id: Option<i64>, name: Option<String>) -> Option<ActedBy> {
        Some(ActedBy { member_id: member_id?, name: name.unwrap_or_default() })
    }
}

/// What kind of thing a member did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ActivityKind {
    Send,
    Note,
    Tag,
    Status,
    Booking,
    Settings,
}

impl ActivityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ActivityKind::Send => "send",
            ActivityKind::Note => "note",
            ActivityKind::Tag => "tag",
            ActivityKind::Status => "status",
            ActivityKind::Booking => "booking",
            ActivityKind::Settings => "settings",
        }
    }
}

impl MessageStatus {
    pub fn parse(s: &str) -> MessageStatus {
        match s {
            "pending" => MessageStatus::Pending,
            "sending" => MessageStatus::Sending,
            "sent" => MessageStatus::Sent,
            "failed" => MessageStatus::Failed,
            "cancelled" => MessageStatus::Cancelled,
            _ => MessageStatus::Received,
        }
    }
}
