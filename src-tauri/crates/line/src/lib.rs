//! LINE Messaging API: typed client, webhook types and the signature check.
//! No database and no Tauri here: `core` owns what happens with the data.

pub mod client;
pub mod error;
pub mod limits;
pub mod messages;
mod picture;
mod ratelimit;
pub mod responses;
mod retry;
pub mod signature;
pub mod webhook;

pub use client::{LineClient, LineConfig, SendOutcome, SentMessage};
pub use error::{ErrorDetail, LineError};
pub use messages::{
    Action, DatetimeMode, Message, MessageObject, MulticastRequest, PushMessageRequest, QuickReply,
    QuickReplyItem, ReplyMessageRequest, Sender, Template, utf16_len,
};
pub use responses::{
    BotInfo, Content, MessageQuota, QuotaConsumption, QuotaType, TestWebhookEndpointResponse,
    TranscodingStatus, UserProfile, WebhookEndpointInfo,
};
pub use webhook::{
    CallbackRequest, Event, EventKind, MessageContent, Source, WebhookError, WebhookParseError,
    check_callback, parse_callback, parse_callback_keeping_unreadable, verify_and_parse,
};
