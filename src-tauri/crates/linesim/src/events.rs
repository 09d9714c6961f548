//! Webhook event objects in the `webhook.yml` shape, and the `send_*` conveniences that
//! build one event and deliver it.
//!
//! Building an event also registers what LINE would know about it: its reply token (valid,
//! single-use, expiring `reply_token_ttl` after the event's timestamp, so events with a
//! past timestamp come with already-expired tokens), its markAsRead token, and content
//! for media messages.

use anyhow::bail;
use serde_json::{Map, Value, json};

use crate::clock::now_ms;
use crate::ids::splitmix;
use crate::sim::Simulator;
use crate::state::{Content, ContentKind, ReplyToken};
use crate::webhook_sender::Delivery;

/// A LINE emoji in an inbound text. In `send_text_with_emoji` each `$` of the text is
/// replaced by `alt` (LINE shows e.g. "(love)") and described in `emojis[]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineEmoji {
    pub product_id: String,
    pub emoji_id: String,
    pub alt: String,
}

impl LineEmoji {
    pub fn new(product_id: &str, emoji_id: &str, alt: &str) -> Self {
        LineEmoji {
            product_id: product_id.to_owned(),
            emoji_id: emoji_id.to_owned(),
            alt: alt.to_owned(),
        }
    }
}

impl Simulator {
    pub fn event_text(&self, user_id: &str, text: &str, timestamp_ms: Option<i64>) -> Value {
        self.event_text_with_emoji(user_id, text, &[], timestamp_ms)
    }

    /// `text` holds one `$` marker per entry of `emojis` (extra markers stay literal `$`).
    pub fn event_text_with_emoji(
        &self,
        user_id: &str,
        text: &str,
        emojis: &[LineEmoji],
        timestamp_ms: Option<i64>,
    ) -> Value {
        let mut out = String::with_capacity(text.len());
        let mut described = Vec::new();
        let mut pending = emojis.iter();
        for ch in text.chars() {
            let emoji = if ch == '$' { pending.next() } else { None };
            match emoji {
                Some(e) => {
                    // index/length count UTF-16 units, like the outbound `emojis`.
                    let index = out.encode_utf16().count();
                    described.push(json!({
                        "index": index,
                        "length": e.alt.encode_utf16().count(),
                        "productId": e.product_id,
                        "emojiId": e.emoji_id,
                    }));
                    out.push_str(&e.alt);
                }
                None => out.push(ch),
            }
        }
        let mut message = Map::new();
        message.insert("type".into(), json!("text"));
        message.insert("text".into(), json!(out));
        if !described.is_empty() {
            message.insert("emojis".into(), Value::Array(described));
        }
        self.message_event(user_id, message, None, timestamp_ms)
    }

    pub fn event_sticker(
        &self,
        user_id: &str,
        package_id: &str,
        sticker_id: &str,
        keywords: &[&str],
        timestamp_ms: Option<i64>,
    ) -> Value {
        let mut message = Map::new();
        message.insert("type".into(), json!("sticker"));
        message.insert("packageId".into(), json!(package_id));
        message.insert("stickerId".into(), json!(sticker_id));
        message.insert("stickerResourceType".into(), json!("STATIC"));
        if !keywords.is_empty() {
            // webhook.yml: at most 15 keywords.
            message.insert(
                "keywords".into(),
                json!(keywords.iter().take(15).collect::<Vec<_>>()),
            );
        }
        self.message_event(user_id, message, None, timestamp_ms)
    }

    pub fn event_image(&self, user_id: &str, timestamp_ms: Option<i64>) -> Value {
        self.media_event(user_id, "image", ContentKind::Image, timestamp_ms)
    }

    pub fn event_video(&self, user_id: &str, timestamp_ms: Option<i64>) -> Value {
        let duration_ms = 5_000 + splitmix(self.inner.cfg.seed ^ 0x71D) % 25_000;
        self.media_event(
            user_id,
            "video",
            ContentKind::Video { duration_ms },
            timestamp_ms,
        )
    }

    pub fn event_audio(&self, user_id: &str, timestamp_ms: Option<i64>) -> Value {
        let duration_ms = 3_000 + splitmix(self.inner.cfg.seed ^ 0xA0D) % 40_000;
        self.media_event(
            user_id,
            "audio",
            ContentKind::Audio { duration_ms },
            timestamp_ms,
        )
    }

    pub fn event_file(
        &self,
        user_id: &str,
        file_name: &str,
        size: u64,
        timestamp_ms: Option<i64>,
    ) -> Value {
        let mut message = Map::new();
        message.insert("type".into(), json!("file"));
        message.insert("fileName".into(), json!(file_name));
        message.insert("fileSize".into(), json!(size));
        let content = Content {
            kind: ContentKind::File { size },
            file_name: Some(file_name.to_owned()),
            transcoding_polls: 0,
        };
        self.message_event(user_id, message, Some(content), timestamp_ms)
    }

    pub fn event_location(
        &self,
        user_id: &str,
        title: &str,
        address: &str,
        lat: f64,
        lon: f64,
        timestamp_ms: Option<i64>,
    ) -> Value {
        let mut message = Map::new();
        message.insert("type".into(), json!("location"));
        message.insert("title".into(), json!(title));
        message.insert("address".into(), json!(address));
        message.insert("latitude".into(), json!(lat));
        message.insert("longitude".into(), json!(lon));
        self.message_event(user_id, message, None, timestamp_ms)
    }

    pub fn event_follow(
        &self,
        user_id: &str,
        is_unblocked: bool,
        timestamp_ms: Option<i64>,
    ) -> Value {
        if let Some(u) = self.lock().user_mut(user_id) {
            u.following = true;
        }
        let ts = timestamp_ms.unwrap_or_else(now_ms);
        let mut e = self.base_event("follow", user_id, ts);
        e.insert(
            "replyToken".into(),
            json!(self.issue_reply_token(user_id, ts)),
        );
        e.insert("follow".into(), json!({ "isUnblocked": is_unblocked }));
        Value::Object(e)
    }

    /// Unfollow (block) events carry no reply token.
    pub fn event_unfollow(&self, user_id: &str, timestamp_ms: Option<i64>) -> Value {
        if let Some(u) = self.lock().user_mut(user_id) {
            u.following = false;
        }
        Value::Object(self.base_event("unfollow", user_id, timestamp_ms.unwrap_or_else(now_ms)))
    }

    pub fn event_postback(
        &self,
        user_id: &str,
        data: &str,
        params: Option<Value>,
        timestamp_ms: Option<i64>,
    ) -> Value {
        let ts = timestamp_ms.unwrap_or_else(now_ms);
        let mut e = self.base_event("postback", user_id, ts);
        e.insert(
            "replyToken".into(),
            json!(self.issue_reply_token(user_id, ts)),
        );
        let mut postback = Map::new();
        postback.insert("data".into(), json!(data));
        if let Some(p) = params {
            postback.insert("params".into(), p);
        }
        e.insert("postback".into(), Value::Object(postback));
        Value::Object(e)
    }

    pub fn event_unsend(
        &self,
        user_id: &str,
        message_id: &str,
        timestamp_ms: Option<i64>,
    ) -> Value {
        let mut e = self.base_event("unsend", user_id, timestamp_ms.unwrap_or_else(now_ms));
        e.insert("unsend".into(), json!({ "messageId": message_id }));
        Value::Object(e)
    }

    pub async fn send_text(&self, user_id: &str, text: &str) -> anyhow::Result<Delivery> {
        self.known(user_id)?;
        self.deliver(vec![self.event_text(user_id, text, None)])
            .await
    }

    pub async fn send_text_with_emoji(
        &self,
        user_id: &str,
        text: &str,
        emojis: &[LineEmoji],
    ) -> anyhow::Result<Delivery> {
        self.known(user_id)?;
        self.deliver(vec![
            self.event_text_with_emoji(user_id, text, emojis, None),
        ])
        .await
    }

    pub async fn send_sticker(
        &self,
        user_id: &str,
        package_id: &str,
        sticker_id: &str,
        keywords: &[&str],
    ) -> anyhow::Result<Delivery> {
        self.known(user_id)?;
        self.deliver(vec![
            self.event_sticker(user_id, package_id, sticker_id, keywords, None),
        ])
        .await
    }

    pub async fn send_image(&self, user_id: &str) -> anyhow::Result<Delivery> {
        self.known(user_id)?;
        self.deliver(vec![self.event_image(user_id, None)]).await
    }

    pub async fn send_video(&self, user_id: &str) -> anyhow::Result<Delivery> {
        self.known(user_id)?;
        self.deliver(vec![self.event_video(user_id, None)]).await
    }

    pub async fn send_audio(&self, user_id: &str) -> anyhow::Result<Delivery> {
        self.known(user_id)?;
        self.deliver(vec![self.event_audio(user_id, None)]).await
    }

    pub async fn send_file(
        &self,
        user_id: &str,
        file_name: &str,
        size: u64,
    ) -> anyhow::Result<Delivery> {
        self.known(user_id)?;
        self.deliver(vec![self.event_file(user_id, file_name, size, None)])
            .await
    }

    pub async fn send_location(
        &self,
        user_id: &str,
        title: &str,
        address: &str,
        lat: f64,
        lon: f64,
    ) -> anyhow::Result<Delivery> {
        self.known(user_id)?;
        self.deliver(vec![
            self.event_location(user_id, title, address, lat, lon, None),
        ])
        .await
    }

    pub async fn follow(&self, user_id: &str, is_unblocked: bool) -> anyhow::Result<Delivery> {
        self.known(user_id)?;
        self.deliver(vec![self.event_follow(user_id, is_unblocked, None)])
            .await
    }

    pub async fn unfollow(&self, user_id: &str) -> anyhow::Result<Delivery> {
        self.known(user_id)?;
        self.deliver(vec![self.event_unfollow(user_id, None)]).await
    }

    pub async fn postback(
        &self,
        user_id: &str,
        data: &str,
        params: Option<Value>,
    ) -> anyhow::Result<Delivery> {
        self.known(user_id)?;
        self.deliver(vec![self.event_postback(user_id, data, params, None)])
            .await
    }

    pub async fn unsend(&self, user_id: &str, message_id: &str) -> anyhow::Result<Delivery> {
        self.known(user_id)?;
        self.deliver(vec![self.event_unsend(user_id, message_id, None)])
            .await
    }

    fn known(&self, user_id: &str) -> anyhow::Result<()> {
        if self.lock().user(user_id).is_none() {
            bail!("unknown simulated user {user_id}");
        }
        Ok(())
    }

    fn base_event(&self, kind: &str, user_id: &str, timestamp_ms: i64) -> Map<String, Value> {
        let mut e = Map::new();
        e.insert("type".into(), json!(kind));
        e.insert("timestamp".into(), json!(timestamp_ms));
        e.insert("mode".into(), json!("active"));
        e.insert(
            "webhookEventId".into(),
            json!(self.inner.ids.event_id(timestamp_ms)),
        );
        e.insert("deliveryContext".into(), json!({ "isRedelivery": false }));
        e.insert(
            "source".into(),
            json!({ "type": "user", "userId": user_id }),
        );
        e
    }

    fn issue_reply_token(&self, user_id: &str, timestamp_ms: i64) -> String {
        let token = self.inner.ids.reply_token();
        let ttl = i64::try_from(self.inner.cfg.reply_token_ttl.as_millis()).unwrap_or(i64::MAX);
        self.lock().reply_tokens.insert(
            token.clone(),
            ReplyToken {
                user_id: user_id.to_owned(),
                expires_at_ms: timestamp_ms.saturating_add(ttl),
                used: false,
            },
        );
        token
    }

    fn media_event(
        &self,
        user_id: &str,
        kind: &str,
        content: ContentKind,
        timestamp_ms: Option<i64>,
    ) -> Value {
        let mut message = Map::new();
        message.insert("type".into(), json!(kind));
        if let ContentKind::Video { duration_ms } | ContentKind::Audio { duration_ms } = content {
            message.insert("duration".into(), json!(duration_ms));
        }
        message.insert("contentProvider".into(), json!({ "type": "line" }));
        let content = Content {
            kind: content,
            file_name: None,
            transcoding_polls: 0,
        };
        self.message_event(user_id, message, Some(content), timestamp_ms)
    }

    /// Completes `message` (id, quoteToken where webhook.yml requires one, markAsReadToken)
    /// and wraps it in a message event.
    fn message_event(
        &self,
        user_id: &str,
        mut message: Map<String, Value>,
        content: Option<Content>,
        timestamp_ms: Option<i64>,
    ) -> Value {
        let ts = timestamp_ms.unwrap_or_else(now_ms);
        let ids = &self.inner.ids;
        let message_id = ids.message_id();
        let kind = message
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        message.insert("id".into(), json!(message_id));
        if matches!(kind.as_str(), "text" | "image" | "video" | "sticker") {
            message.insert("quoteToken".into(), json!(ids.quote_token()));
        }
        let read_token = ids.read_token();
        message.insert("markAsReadToken".into(), json!(read_token));
        {
            let mut st = self.lock();
            st.read_tokens.insert(read_token, user_id.to_owned());
            if let Some(c) = content {
                st.content.insert(message_id, c);
            }
        }
        let mut e = self.base_event("message", user_id, ts);
        e.insert(
            "replyToken".into(),
            json!(self.issue_reply_token(user_id, ts)),
        );
        e.insert("message".into(), Value::Object(message));
        Value::Object(e)
    }
}
