//! Sends as the API takes and answers them: what the desk sends, the route it takes,
//! what became of it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::inbox::model::Route;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SendMessage {
    #[ts(type = "number")]
    pub conversation_id: i64,
    pub content: OutgoingContent,
    /// The desk's own key for this send (a UUID made per message typed): the same key
    /// again answers with the row it made instead of a second message, and
    /// `GetSendByKey` says what became of it when the answer was lost.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_key: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum OutgoingContent {
    Text { text: String },
    Sticker { package_id: String, sticker_id: String },
    /// A local file; it is copied into the media store and served from the public base URL.
    Image { path: String },
    Video { path: String, preview_path: Option<String> },
    /// "電話する" (tel: link) and, when call requests are on, "電話してほしい": built from
    /// the account's phone settings.
    CallButton,
    /// A button opening the owner's payment page (https only; LINE Pay ended in Japan in
    /// April 2025).
    PaymentLink {
        url: String,
        #[ts(type = "number")]
        amount_yen: i64,
        label: String,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OutboxRef {
    #[ts(type = "number")]
    pub outbox_id: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GetSendByKey {
    pub client_key: String,
}

/// What became of a send the desk made with `clientKey`, for a desk whose answer was
/// lost: `none` means the hub never committed it (nothing was or will be sent).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SendStatus {
    pub state: SendState,
    #[ts(type = "number | null")]
    pub conversation_id: Option<i64>,
    #[ts(type = "number | null")]
    pub outbox_id: Option<i64>,
    /// The first message of the send, as the thread shows it.
    #[ts(type = "number | null")]
    pub message_id: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum SendState {
    /// No send with this key: the request never reached the store.
    None,
    /// Committed, waiting for its undo window or being sent: it will go out once.
    Queued,
    Sent,
    /// LINE refused it; the thread offers 再送.
    Failed,
    /// Undone (取り消す) before it left.
    Cancelled,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SendAccepted {
    #[ts(type = "number")]
    pub outbox_id: i64,
    #[ts(type = "number")]
    pub message_id: i64,
    pub route: Route,
    /// When the sender may take it: the end of the undo window.
    #[ts(type = "number")]
    pub send_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoutePreview {
    pub route: Route,
    /// While a free reply is possible: until when.
    #[ts(type = "number | null")]
    pub reply_expires_at: Option<i64>,
}
