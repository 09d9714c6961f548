//! The inbox as the API shows it: chats, their pages and filters, threads and messages.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::assignment::{AssigneeFilter, LastReply, MemberName};
use crate::conversation::ConversationStatus;
use crate::events::{ActedBy, MessageStatus};
use crate::tags::TagExpr;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ListConversations {
    #[ts(type = "number | null")]
    #[serde(default)]
    pub account_id: Option<i64>,
    #[serde(default)]
    pub filter: ConversationFilter,
    /// Opaque cursor from the previous page's `nextCursor`.
    #[serde(default)]
    pub before: Option<String>,
    #[serde(default)]
    pub limit: Option<u32>,
    /// Only chats whose friend matches this tag expression (customers).
    #[ts(optional = nullable)]
    #[serde(default)]
    pub tags: Option<TagExpr>,
    /// Default: recent.
    #[ts(optional = nullable)]
    #[serde(default)]
    pub sort: Option<ConversationSort>,
    /// Assignment: everyone's chats (default), the acting member's (自分の担当) or nobody's (未割り当て).
    #[ts(optional = nullable)]
    #[serde(default)]
    pub assignee: Option<AssigneeFilter>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ConversationFilter {
    #[default]
    All,
    Unread,
    /// 要対応
    NeedsAction,
    /// 対応済み
    Resolved,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ConversationSort {
    /// Pinned first, then the newest message first.
    #[default]
    Recent,
    /// Chats waiting for an answer first, the longest wait on top; then the rest, newest first.
    Waiting,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GetThread {
    #[ts(type = "number")]
    pub conversation_id: i64,
    /// Page backwards from this message id (exclusive).
    #[ts(type = "number | null")]
    #[serde(default)]
    pub before: Option<i64>,
    #[serde(default)]
    pub limit: Option<u32>,
    /// Search: load the page around this message instead (from a few older ones up to
    /// the newest, so the view has no gap); `before` is then ignored.
    #[ts(optional, type = "number | null")]
    #[serde(default)]
    pub around: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FriendView {
    #[ts(type = "number")]
    pub id: i64,
    pub line_user_id: String,
    pub display_name: Option<String>,
    pub picture_url: Option<String>,
    /// The profile picture's stored copy (`<sha-256>.<ext>`), served like other media;
    /// screens show this, never `picture_url` (LINE's address).
    pub picture_file: Option<String>,
    pub followed: bool,
    /// The shop's own name for the friend (customers).
    pub private_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConversationView {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub account_id: i64,
    pub friend: FriendView,
    pub last_preview: Option<String>,
    pub last_kind: Option<String>,
    pub last_direction: Option<Direction>,
    #[ts(type = "number | null")]
    pub last_message_at: Option<i64>,
    #[ts(type = "number")]
    pub unread_count: i64,
    pub status: ConversationStatus,
    pub pinned: bool,
    /// Since when the customer has waited for an answer; null when nobody waits.
    #[ts(type = "number | null")]
    pub waiting_since: Option<i64>,
    #[ts(type = "number[]")]
    pub tag_ids: Vec<i64>,
    /// The member who handles this chat (担当者); null: nobody.
    pub assignee: Option<MemberName>,
    /// The last reply a member sent here (for 「…さんが30秒前に返信しました」).
    pub last_reply_by: Option<LastReply>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConversationPage {
    pub items: Vec<ConversationView>,
    pub next_cursor: Option<String>,
    /// A wait longer than this is overdue (the reply-time setting).
    #[ts(type = "number")]
    pub wait_limit_ms: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Direction {
    In,
    Out,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Route {
    Reply,
    Push,
    Multicast,
}

impl Route {
    pub fn as_str(self) -> &'static str {
        match self {
            Route::Reply => "reply",
            Route::Push => "push",
            Route::Multicast => "multicast",
        }
    }

    pub fn parse(s: &str) -> Option<Route> {
        match s {
            "reply" => Some(Route::Reply),
            "push" => Some(Route::Push),
            "multicast" => Some(Route::Multicast),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MessageView {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub conversation_id: i64,
    pub direction: Direction,
    pub kind: String,
    pub text: Option<String>,
    #[ts(type = "unknown")]
    pub payload: serde_json::Value,
    #[ts(type = "number")]
    pub created_at: i64,
    pub status: MessageStatus,
    pub error: Option<String>,
    /// The stored media file's name (`<sha-256>.<ext>`), when the message has media. Each
    /// transport turns it into its own URL (the server's `/api/media/…`, the window's
    /// `media:` scheme): a path only one of them answers never reaches the other.
    pub media_file: Option<String>,
    pub unsent: bool,
    #[ts(type = "number | null")]
    pub outbox_id: Option<i64>,
    pub route: Option<Route>,
    /// Who sent it (members): null for a customer's message, the owner at this PC, an
    /// automatic reply and a reminder.
    pub sent_by: Option<ActedBy>,
    /// An automatic reply (keyword, away, greeting): the thread says 自動応答.
    pub auto_reply: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ThreadPage {
    pub conversation: ConversationView,
    /// Oldest first.
    pub messages: Vec<MessageView>,
    pub has_more: bool,
}
