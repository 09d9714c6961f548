//! The reply-time API's types.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::conversation::ConversationStatus;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SetConversationStatus {
    #[ts(type = "number")]
    pub conversation_id: i64,
    pub status: ConversationStatus,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReplyTimeSettings {
    /// A chat waiting longer than this is highlighted (default 24).
    #[ts(type = "number")]
    pub wait_limit_hours: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ReportBucket {
    Day,
    Week,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReplyTimeQuery {
    #[ts(type = "number")]
    pub account_id: i64,
    pub bucket: ReportBucket,
    /// How many days back from today (shop time), today included; default 14, at most 366.
    #[serde(default)]
    pub days: Option<u32>,
}

/// First-response times answered in one day (or one week, starting Monday), in the
/// shop's time zone. Only periods with answers are listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReplyTimeRow {
    /// `YYYY-MM-DD` of the day, or of the week's Monday.
    pub start: String,
    #[ts(type = "number")]
    pub count: i64,
    #[ts(type = "number")]
    pub median_ms: i64,
    #[ts(type = "number")]
    pub average_ms: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReplyTimeReport {
    pub bucket: ReportBucket,
    pub rows: Vec<ReplyTimeRow>,
    /// Chats waiting now, and how many of them longer than the limit.
    #[ts(type = "number")]
    pub waiting: i64,
    #[ts(type = "number")]
    pub over_limit: i64,
}
