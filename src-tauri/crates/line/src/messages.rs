//! Message objects we send, and the request bodies that carry them.
//!
//! Field names follow `messaging-api.yml` exactly; `None` fields are left out because
//! LINE rejects some explicit `null`s. The same types deserialize, so `core` can store
//! the JSON of an outbox row and read it back.

use serde::{Deserialize, Serialize};

use crate::error::LineError;

pub use crate::limits::{MAX_MESSAGES, MAX_QUICK_REPLY_ITEMS, MAX_TEXT_UTF16};
pub const MAX_MULTICAST_RECIPIENTS: usize = 500;

/// Length as LINE counts it: UTF-16 code units (an emoji outside the BMP counts 2).
pub fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

/// One message object: the type-specific body plus the properties every type accepts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MessageObject {
    #[serde(flatten)]
    pub body: Message,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quick_reply: Option<QuickReply>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender: Option<Sender>,
}

impl MessageObject {
    pub fn text(text: impl Into<String>) -> Self {
        Message::text(text).into()
    }

    pub fn with_quick_reply(mut self, quick_reply: QuickReply) -> Self {
        self.quick_reply = Some(quick_reply);
        self
    }

    pub fn with_sender(mut self, sender: Sender) -> Self {
        self.sender = Some(sender);
        self
    }
}

impl From<Message> for MessageObject {
    fn from(body: Message) -> Self {
        MessageObject {
            body,
            quick_reply: None,
            sender: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Message {
    Text {
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        emojis: Option<Vec<Emoji>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        quote_token: Option<String>,
    },
    Sticker {
        package_id: String,
        sticker_id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        quote_token: Option<String>,
    },
    Image {
        original_content_url: String,
        preview_image_url: String,
    },
    Video {
        original_content_url: String,
        preview_image_url: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        tracking_id: Option<String>,
    },
    Audio {
        original_content_url: String,
        /// Milliseconds.
        duration: i64,
    },
    Location {
        title: String,
        address: String,
        latitude: f64,
        longitude: f64,
    },
    Template {
        alt_text: String,
        template: Template,
    },
}

impl Message {
    pub fn text(text: impl Into<String>) -> Self {
        Message::Text {
            text: text.into(),
            emojis: None,
            quote_token: None,
        }
    }

    pub fn sticker(package_id: impl Into<String>, sticker_id: impl Into<String>) -> Self {
        Message::Sticker {
            package_id: package_id.into(),
            sticker_id: sticker_id.into(),
            quote_token: None,
        }
    }

    pub fn image(
        original_content_url: impl Into<String>,
        preview_image_url: impl Into<String>,
    ) -> Self {
        Message::Image {
            original_content_url: original_content_url.into(),
            preview_image_url: preview_image_url.into(),
        }
    }

    /// The wire `type` value.
    pub fn type_name(&self) -> &'static str {
        match self {
            Message::Text { .. } => "text",
            Message::Sticker { .. } => "sticker",
            Message::Image { .. } => "image",
            Message::Video { .. } => "video",
            Message::Audio { .. } => "audio",
            Message::Location { .. } => "location",
            Message::Template { .. } => "template",
        }
    }
}

/// A LINE emoji inside a text message; `index` is in UTF-16 units of `text`, which must
/// hold a `$` at that position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Emoji {
    pub index: u32,
    pub product_id: String,
    pub emoji_id: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Template {
    Buttons {
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        title: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        thumbnail_image_url: Option<String>,
        actions: Vec<Action>,
    },
    Confirm {
        text: String,
        actions: Vec<Action>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "type",
    rename_all = "lowercase",
    rename_all_fields = "camelCase"
)]
pub enum Action {
    Postback {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        label: Option<String>,
        data: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        display_text: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        input_option: Option<InputOption>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        fill_in_text: Option<String>,
    },
    Message {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        label: Option<String>,
        text: String,
    },
    Uri {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        label: Option<String>,
        uri: String,
    },
    DatetimePicker {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        label: Option<String>,
        data: String,
        mode: DatetimeMode,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        initial: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<String>,
    },
}

impl Action {
    pub fn label(&self) -> Option<&str> {
        match self {
            Action::Postback { label, .. }
            | Action::Message { label, .. }
            | Action::Uri { label, .. }
            | Action::DatetimePicker { label, .. } => label.as_deref(),
        }
    }

    pub fn message(label: impl Into<String>, text: impl Into<String>) -> Self {
        Action::Message {
            label: Some(label.into()),
            text: text.into(),
        }
    }

    pub fn uri(label: impl Into<String>, uri: impl Into<String>) -> Self {
        Action::Uri {
            label: Some(label.into()),
            uri: uri.into(),
        }
    }

    pub fn postback(label: impl Into<String>, data: impl Into<String>) -> Self {
        Action::Postback {
            label: Some(label.into()),
            data: data.into(),
            display_text: None,
            input_option: None,
            fill_in_text: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatetimeMode {
    Date,
    Time,
    Datetime,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum InputOption {
    CloseRichMenu,
    OpenRichMenu,
    OpenKeyboard,
    OpenVoice,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuickReply {
    pub items: Vec<QuickReplyItem>,
}

impl QuickReply {
    pub fn new(actions: impl IntoIterator<Item = Action>) -> Self {
        QuickReply {
            items: actions.into_iter().map(QuickReplyItem::new).collect(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QuickReplyItem {
    #[serde(rename = "type", default)]
    pub kind: QuickReplyItemType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_url: Option<String>,
    pub action: Action,
}

impl QuickReplyItem {
    pub fn new(action: Action) -> Self {
        QuickReplyItem {
            kind: QuickReplyItemType::Action,
            image_url: None,
            action,
        }
    }
}

/// `"action"` is the only item type LINE defines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuickReplyItemType {
    #[default]
    Action,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Sender {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon_url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReplyMessageRequest {
    pub reply_token: String,
    pub messages: Vec<MessageObject>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notification_disabled: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PushMessageRequest {
    pub to: String,
    pub messages: Vec<MessageObject>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notification_disabled: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MulticastRequest {
    pub to: Vec<String>,
    pub messages: Vec<MessageObject>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notification_disabled: Option<bool>,
}

impl ReplyMessageRequest {
    pub fn new(reply_token: impl Into<String>, messages: Vec<MessageObject>) -> Self {
        ReplyMessageRequest {
            reply_token: reply_token.into(),
            messages,
            notification_disabled: None,
        }
    }

    /// The checks LINE would fail us on, done before spending a request (or a reply token).
    pub fn validate(&self) -> Result<(), LineError> {
        non_empty("replyToken", &self.reply_token)?;
        validate_messages(&self.messages)
    }
}

impl PushMessageRequest {
    pub fn new(to: impl Into<String>, messages: Vec<MessageObject>) -> Self {
        PushMessageRequest {
            to: to.into(),
            messages,
            notification_disabled: None,
        }
    }

    pub fn validate(&self) -> Result<(), LineError> {
        non_empty("to", &self.to)?;
        validate_messages(&self.messages)
    }
}

impl MulticastRequest {
    pub fn new(to: Vec<String>, messages: Vec<MessageObject>) -> Self {
        MulticastRequest {
            to,
            messages,
            notification_disabled: None,
        }
    }

    pub fn validate(&self) -> Result<(), LineError> {
        if self.to.is_empty() || self.to.len() > MAX_MULTICAST_RECIPIENTS {
            return Err(invalid(format!(
                "multicast needs 1 to {MAX_MULTICAST_RECIPIENTS} recipients, got {}",
                self.to.len()
            )));
        }
        for (i, to) in self.to.iter().enumerate() {
            non_empty(&format!("to[{i}]"), to)?;
        }
        validate_messages(&self.messages)
    }
}

fn invalid(why: String) -> LineError {
    LineError::InvalidRequest(why)
}

fn non_empty(field: &str, value: &str) -> Result<(), LineError> {
    if value.trim().is_empty() {
        Err(invalid(format!("{field} is empty")))
    } else {
        Ok(())
    }
}

/// The request-level form of [`crate::limits::check_messages`].
pub fn validate_messages(messages: &[MessageObject]) -> Result<(), LineError> {
    crate::limits::check_messages(messages).map_err(|v| invalid(v.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_counts_surrogate_pairs() {
        assert_eq!(utf16_len("abc"), 3);
        assert_eq!(utf16_len("予約"), 2);
        assert_eq!(utf16_len("😀"), 2);
    }

    #[test]
    fn text_limit_is_in_utf16_units() {
        let ok = MessageObject::text("😀".repeat(2500));
        assert!(validate_messages(&[ok]).is_ok());
        let long = MessageObject::text("😀".repeat(2501));
        assert!(matches!(
            validate_messages(&[long]),
            Err(LineError::InvalidRequest(_))
        ));
    }

    #[test]
    fn media_must_be_https() {
        let m: MessageObject = Message::image("http://x/a.jpg", "https://x/p.jpg").into();
        assert!(validate_messages(&[m]).is_err());
        let m: MessageObject = Message::image("https://x/a.jpg", "https://x/p.jpg").into();
        assert!(validate_messages(&[m]).is_ok());
    }

    #[test]
    fn plain_text_round_trips_without_nulls() -> Result<(), serde_json::Error> {
        let m = MessageObject::text("hi");
        let json = serde_json::to_string(&m)?;
        assert_eq!(json, r#"{"type":"text","text":"hi"}"#);
        let back: MessageObject = serde_json::from_str(&json)?;
        assert_eq!(back, m);
        Ok(())
    }
}
