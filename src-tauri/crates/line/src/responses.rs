//! Response bodies of the endpoints we call (`messaging-api.yml` schemas).

use serde::{Deserialize, Serialize};

/// What LINE did with a send request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SendOutcome {
    Accepted {
        sent_messages: Vec<SentMessage>,
        request_id: Option<String>,
    },
    /// 409 on a request carrying X-Line-Retry-Key: LINE already accepted an earlier attempt.
    AlreadyAccepted {
        accepted_request_id: Option<String>,
        sent_messages: Vec<SentMessage>,
    },
}

impl SendOutcome {
    pub fn sent_messages(&self) -> &[SentMessage] {
        match self {
            SendOutcome::Accepted { sent_messages, .. }
            | SendOutcome::AlreadyAccepted { sent_messages, .. } => sent_messages,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SentMessage {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote_token: Option<String>,
}

/// `ReplyMessageResponse` / `PushMessageResponse`; multicast answers `{}`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SendResponse {
    #[serde(default)]
    pub sent_messages: Vec<SentMessage>,
}

/// LINE's `ErrorResponse`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ErrorResponse {
    #[serde(default)]
    pub message: String,
    #[serde(default)]
    pub details: Vec<crate::error::ErrorDetail>,
    #[serde(default)]
    pub sent_messages: Vec<SentMessage>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserProfile {
    pub display_name: String,
    pub user_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub picture_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

/// Binary content a user sent (image, video, audio, file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Content {
    pub bytes: bytes::Bytes,
    pub content_type: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TranscodingStatus {
    Processing,
    Succeeded,
    Failed,
}

#[derive(Debug, Deserialize)]
pub(crate) struct TranscodingResponse {
    pub status: TranscodingStatus,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageQuota {
    #[serde(rename = "type")]
    pub kind: QuotaType,
    /// Monthly target; present when `kind` is `Limited`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuotaType {
    /// Wire value `none`: no target limit is set.
    #[serde(rename = "none")]
    Unlimited,
    #[serde(rename = "limited")]
    Limited,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QuotaConsumption {
    pub total_usage: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BotInfo {
    pub user_id: String,
    pub basic_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub premium_id: Option<String>,
    pub display_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub picture_url: Option<String>,
    pub chat_mode: ChatMode,
    pub mark_as_read_mode: MarkAsReadMode,
}

/// `chat`: Chat is on in OA Manager (so messages stay unread until we mark them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChatMode {
    Chat,
    Bot,
    /// A value newer than this crate; kept so bot info still loads.
    #[serde(other)]
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MarkAsReadMode {
    Auto,
    Manual,
    #[serde(other)]
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookEndpointInfo {
    pub endpoint: String,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TestWebhookEndpointResponse {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success: Option<bool>,
    pub timestamp: String,
    /// Zero or negative when LINE got no HTTP answer at all.
    pub status_code: i32,
    pub reason: String,
    pub detail: String,
}
