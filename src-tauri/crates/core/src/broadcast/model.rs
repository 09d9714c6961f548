//! The broadcast API's request and response types.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::outbox::model::OutgoingContent;
use crate::tags::TagExpr;

/// Who receives a broadcast. Blocked friends never do, whatever the audience.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum BroadcastAudience {
    All,
    Tags { expr: TagExpr },
}

impl BroadcastAudience {
    pub fn expr(&self) -> TagExpr {
        match self {
            BroadcastAudience::All => TagExpr::default(),
            BroadcastAudience::Tags { expr } => expr.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PreviewBroadcast {
    /// The default account when absent.
    #[ts(type = "number | null")]
    #[serde(default)]
    pub account_id: Option<i64>,
    pub audience: BroadcastAudience,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CreateBroadcast {
    #[ts(type = "number | null")]
    #[serde(default)]
    pub account_id: Option<i64>,
    /// 1..5 bubbles: text, image (a local file) or sticker.
    pub contents: Vec<OutgoingContent>,
    pub audience: BroadcastAudience,
    /// Epoch ms; absent or in the past = now.
    #[ts(type = "number | null")]
    #[serde(default)]
    pub send_at: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BroadcastRef {
    #[ts(type = "number")]
    pub broadcast_id: i64,
}

/// What a send would cost, shown before sending.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BroadcastPreview {
    /// Followed friends the audience selects now.
    #[ts(type = "number")]
    pub recipients: i64,
    /// Friends the audience selects who blocked the account (left out).
    #[ts(type = "number")]
    pub blocked_excluded: i64,
    pub quota: Option<QuotaImpact>,
    /// Why the quota is unknown (LINE unreachable, no credentials), bilingual.
    pub quota_error: Option<String>,
    pub would_exceed: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QuotaImpact {
    /// This month's limit; None = no limit on this plan.
    #[ts(type = "number | null")]
    pub limit: Option<i64>,
    /// What LINE counts as used this month.
    #[ts(type = "number")]
    pub used: i64,
    /// Recipients of broadcasts already started whose batches are not sent yet.
    #[ts(type = "number")]
    pub pending: i64,
    /// used + pending + this broadcast's recipients.
    #[ts(type = "number")]
    pub after: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum BroadcastStatus {
    Scheduled,
    Sending,
    Done,
    Failed,
    Cancelled,
}

impl BroadcastStatus {
    pub fn parse(s: &str) -> BroadcastStatus {
        match s {
            "scheduled" => BroadcastStatus::Scheduled,
            "sending" => BroadcastStatus::Sending,
            "done" => BroadcastStatus::Done,
            "cancelled" => BroadcastStatus::Cancelled,
            _ => BroadcastStatus::Failed,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BroadcastView {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub account_id: i64,
    pub status: BroadcastStatus,
    /// The first text bubble.
    pub summary: Option<String>,
    pub bubble_kinds: Vec<String>,
    pub audience: BroadcastAudience,
    #[ts(type = "number")]
    pub send_at: i64,
    #[ts(type = "number | null")]
    pub started_at: Option<i64>,
    #[ts(type = "number | null")]
    pub finished_at: Option<i64>,
    pub error: Option<String>,
    #[ts(type = "number")]
    pub created_at: i64,
    #[ts(type = "number")]
    pub batches_total: i64,
    #[ts(type = "number")]
    pub batches_sent: i64,
    #[ts(type = "number")]
    pub batches_failed: i64,
    #[ts(type = "number")]
    pub batches_cancelled: i64,
    /// Audience size: while scheduled, the followed friends the audience selects now;
    /// frozen when the broadcast starts.
    #[ts(type = "number")]
    pub recipients_total: i64,
    /// Recipients of batches LINE accepted (blocked-since-start left out).
    #[ts(type = "number")]
    pub recipients_sent: i64,
    /// The member who created it (who did what); null for the owner at this PC.
    pub created_by: Option<crate::events::ActedBy>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum BatchStatus {
    Pending,
    Sending,
    Sent,
    Failed,
    Cancelled,
}

impl BatchStatus {
    pub fn parse(s: &str) -> BatchStatus {
        match s {
            "pending" => BatchStatus::Pending,
            "sending" => BatchStatus::Sending,
            "sent" => BatchStatus::Sent,
            "cancelled" => BatchStatus::Cancelled,
            _ => BatchStatus::Failed,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BatchView {
    #[ts(type = "number")]
    pub seq: i64,
    pub status: BatchStatus,
    #[ts(type = "number")]
    pub recipients: i64,
    /// Recipients actually requested (blocked since the start left out); None before the first attempt.
    #[ts(type = "number | null")]
    pub sent_count: Option<i64>,
    #[ts(type = "number")]
    pub attempts: i64,
    /// LINE's x-line-request-id for the accepted request.
    pub request_id: Option<String>,
    /// Why it failed, or why the last attempt did not go through.
    pub error: Option<String>,
    #[ts(type = "number")]
    pub updated_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BroadcastDetail {
    pub broadcast: BroadcastView,
    pub batches: Vec<BatchView>,
}

/// A tag the audience picker offers, with how many followed friends carry it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AudienceTag {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub color: String,
    #[ts(type = "number")]
    pub friends: i64,
}

/// A request that names an account (the default account when absent).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BroadcastAccount {
    #[ts(type = "number | null")]
    #[serde(default)]
    pub account_id: Option<i64>,
}
