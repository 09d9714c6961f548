//! What each webhook event means for the store, decided in Rust (where LINE's types
//! are) and handed to the batch SQL in `ingest.rs` as one flat JSON object per event.

use line::webhook::{Event, EventKind, MessageContent, Source};
use serde::Serialize;
use serde_json::Value;

/// Keys are short: this is serialized for every event on the hot path.
#[derive(Debug, Serialize)]
pub struct EventRow<'a> {
    pub account: i64,
    pub id: &'a str,
    /// LINE's own spelling of the event type, also for types this build does not know.
    pub ty: &'a str,
    pub at: i64,
    pub redelivery: bool,
    pub mode: &'a str,
    /// Only 1:1 chats become conversations; group and room events stay in webhook_events.
    pub user: Option<&'a str>,
    /// Only `webhook_events` keeps it; emptied (and left out) once that row is written.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub raw: String,
    pub rt: Option<&'a str>,
    /// Timeline entry (None: the event is not shown in the chat).
    pub kind: Option<&'static str>,
    pub text: Option<&'a str>,
    pub payload: Option<String>,
    pub mid: Option<&'a str>,
    pub qt: Option<&'a str>,
    pub mrt: Option<&'a str>,
    /// Content hosted by LINE that the media worker must download.
    pub media: bool,
    pub unread: u8,
    /// Some(true) follow, Some(false) unfollow (= blocked).
    pub follow: Option<bool>,
    pub unsend: Option<&'a str>,
}

impl<'a> EventRow<'a> {
    pub fn new(account: i64, e: &'a Event) -> serde_json::Result<EventRow<'a>> {
        let raw_str = |key: &str| e.raw.get(key).and_then(Value::as_str).unwrap_or("");
        let user = match &e.source {
            Some(Source::User { user_id, .. }) => Some(user_id.as_str()),
            _ => None,
        };
        let mut row = EventRow {
            account,
            id: &e.webhook_event_id,
            ty: raw_str("type"),
            at: e.timestamp,
            redelivery: e.is_redelivery,
            mode: raw_str("mode"),
            user,
            raw: serde_json::to_string(&e.raw)?,
            rt: e.reply_token.as_deref(),
            kind: None,
            text: None,
            payload: None,
            mid: None,
            qt: None,
            mrt: None,
            media: false,
            unread: 0,
            follow: None,
            unsend: None,
        };
        match &e.kind {
            EventKind::Message(m) => {
                let from_line =
                    e.raw.pointer("/message/contentProvider/type").and_then(Value::as_str) == Some("line");
                let (kind, media) = match m {
                    MessageContent::Text { .. } => ("text", false),
                    MessageContent::Sticker { .. } => ("sticker", false),
                    MessageContent::Image { .. } => ("image", from_line),
                    MessageContent::Video { .. } => ("video", from_line),
                    MessageContent::Audio { .. } => ("audio", from_line),
                    MessageContent::File { .. } => ("file", true),
                    MessageContent::Location { .. } => ("location", false),
                    MessageContent::Unknown { .. } => ("unknown", false),
                };
                row.kind = Some(kind);
                row.media = media;
                row.text = m.text();
                row.mid = Some(m.id());
                row.qt = e.raw.pointer("/message/quoteToken").and_then(Value::as_str);
                row.mrt = m.mark_as_read_token();
                row.payload = Some(json_of(e.raw.get("message"))?);
                row.unread = 1;
            }
            EventKind::Postback { data, .. } => {
                row.kind = Some("postback");
                row.text = Some(data);
                row.payload = Some(json_of(e.raw.get("postback"))?);
                row.unread = 1;
            }
            EventKind::Follow { is_unblocked } => {
                row.kind = Some("follow");
                row.payload = Some(serde_json::json!({ "isUnblocked": is_unblocked }).to_string());
                row.follow = Some(true);
            }
            EventKind::Unfollow => {
                row.kind = Some("unfollow");
                row.payload = Some("{}".into());
                row.follow = Some(false);
            }
            EventKind::Unsend { message_id } => row.unsend = Some(message_id),
            _ => {}
        }
        Ok(row)
    }
}

fn json_of(v: Option<&Value>) -> serde_json::Result<String> {
    serde_json::to_string(v.unwrap_or(&Value::Null))
}
