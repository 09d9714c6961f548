//! Webhook bodies LINE posts to us (`webhook.yml`).
//!
//! Each event is read into a `serde_json::Value` once (kept as `raw` for storage) and the
//! typed view is deserialized from that value, borrowing its strings where it can.
//! Types and enum values newer than this crate are kept as `Unknown`/`Other`, never an
//! error: LINE adds event types without notice and dropping a delivery loses data. A
//! known type missing a field the spec requires is an error.
//!
//! `check_callback` is the cheap gate before a body is acknowledged; it accepts exactly
//! what `parse_callback_keeping_unreadable` can read.

mod check;
mod message;

use serde::Deserialize;
use serde_json::Value;

use crate::signature::{self, SignatureError};

pub use message::{ContentProvider, Emoji, ImageSet, MessageContent, ProviderKind};

#[derive(Debug, Clone, PartialEq)]
pub struct CallbackRequest {
    /// The bot's user ID (which channel this is for).
    pub destination: String,
    /// May be empty: LINE's connection check.
    pub events: Vec<Event>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// ULID, unique per event: the dedupe key.
    pub webhook_event_id: String,
    /// Milliseconds since the epoch, when the event happened (also on redelivery).
    pub timestamp: i64,
    pub mode: Mode,
    pub is_redelivery: bool,
    pub source: Option<Source>,
    pub reply_token: Option<String>,
    pub kind: EventKind,
    /// The event's whole JSON, for storage.
    pub raw: Value,
}

impl Event {
    /// The wire `type` value.
    pub fn type_name(&self) -> &str {
        self.kind.type_name()
    }

    pub fn user_id(&self) -> Option<&str> {
        self.source.as_ref().and_then(Source::user_id)
    }
}

/// `Standby`: another channel (a module) has the chat; we must not send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Active,
    Standby,
    Other(String),
}

impl From<String> for Mode {
    fn from(s: String) -> Self {
        match s.as_str() {
            "active" => Mode::Active,
            "standby" => Mode::Standby,
            _ => Mode::Other(s),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    User {
        user_id: String,
    },
    Group {
        group_id: String,
        user_id: Option<String>,
    },
    Room {
        room_id: String,
        user_id: Option<String>,
    },
    /// A source type newer than this crate, or one without the ID that makes it usable.
    Unknown(Value),
}

impl Source {
    pub fn user_id(&self) -> Option<&str> {
        match self {
            Source::User { user_id } => Some(user_id),
            Source::Group { user_id, .. } | Source::Room { user_id, .. } => user_id.as_deref(),
            Source::Unknown(_) => None,
        }
    }

    /// Lenient on purpose: a source we can't read must not cost us the event.
    fn from_json(v: &Value) -> Source {
        let str_field = |name: &str| v.get(name).and_then(Value::as_str).map(str::to_owned);
        let parsed = match v.get("type").and_then(Value::as_str) {
            Some("user") => str_field("userId").map(|user_id| Source::User { user_id }),
            Some("group") => str_field("groupId").map(|group_id| Source::Group {
                group_id,
                user_id: str_field("userId"),
            }),
            Some("room") => str_field("roomId").map(|room_id| Source::Room {
                room_id,
                user_id: str_field("userId"),
            }),
            _ => None,
        };
        parsed.unwrap_or_else(|| Source::Unknown(v.clone()))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum EventKind {
    Message(MessageContent),
    Unsend {
        message_id: String,
    },
    /// `is_unblocked`: an existing friend unblocked us rather than a new friend adding us.
    Follow {
        is_unblocked: bool,
    },
    Unfollow,
    Join,
    Leave,
    MemberJoined {
        user_ids: Vec<String>,
    },
    MemberLeft {
        user_ids: Vec<String>,
    },
    Postback {
        data: String,
        params: Option<PostbackParams>,
    },
    VideoPlayComplete {
        tracking_id: String,
    },
    /// `beacon_type`: enter, banner or stay.
    Beacon {
        hwid: String,
        beacon_type: String,
        dm: Option<String>,
    },
    /// `result`: ok or failed.
    AccountLink {
        result: String,
        nonce: String,
    },
    /// `kind`: joined, left or renewed.
    Membership {
        kind: String,
        membership_id: i64,
    },
    /// `kind`: attached (with bot_id and scopes) or detached (with bot_id and reason).
    Module {
        kind: String,
        bot_id: Option<String>,
        scopes: Vec<String>,
        reason: Option<String>,
    },
    /// Chat control moved to this module channel until `expire_at` (ms).
    Activated {
        expire_at: i64,
    },
    Deactivated,
    BotSuspended,
    BotResumed,
    /// LINE notification message delivered; `data` is the hashed phone number or delivery tag.
    Delivery {
        data: String,
    },
    /// An event type newer than this crate, or (from `parse_callback_keeping_unreadable`)
    /// a known type whose own part could not be read; `Event::raw` keeps it whole.
    Unknown {
        type_name: String,
    },
}

impl EventKind {
    pub fn type_name(&self) -> &str {
        match self {
            EventKind::Message(_) => "message",
            EventKind::Unsend { .. } => "unsend",
            EventKind::Follow { .. } => "follow",
            EventKind::Unfollow => "unfollow",
            EventKind::Join => "join",
            EventKind::Leave => "leave",
            EventKind::MemberJoined { .. } => "memberJoined",
            EventKind::MemberLeft { .. } => "memberLeft",
            EventKind::Postback { .. } => "postback",
            EventKind::VideoPlayComplete { .. } => "videoPlayComplete",
            EventKind::Beacon { .. } => "beacon",
            EventKind::AccountLink { .. } => "accountLink",
            EventKind::Membership { .. } => "membership",
            EventKind::Module { .. } => "module",
            EventKind::Activated { .. } => "activated",
            EventKind::Deactivated => "deactivated",
            EventKind::BotSuspended => "botSuspended",
            EventKind::BotResumed => "botResumed",
            EventKind::Delivery { .. } => "delivery",
            EventKind::Unknown { type_name } => type_name,
        }
    }
}

/// What a datetime picker or rich menu switch sent along with a postback.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PostbackParams {
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub time: Option<String>,
    #[serde(default)]
    pub datetime: Option<String>,
    #[serde(default)]
    pub new_rich_menu_alias_id: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WebhookParseError {
    #[error("webhook body is not a LINE callback: {0}")]
    Body(String),
    #[error("webhook event {index}: {message}")]
    Event { index: usize, message: String },
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WebhookError {
    #[error(transparent)]
    Signature(#[from] SignatureError),
    #[error(transparent)]
    Parse(#[from] WebhookParseError),
}

/// Checks `x-line-signature` on the raw bytes first; a forged body is never parsed.
pub fn verify_and_parse(
    channel_secret: &str,
    body: &[u8],
    signature: Option<&str>,
) -> Result<CallbackRequest, WebhookError> {
    signature::verify(channel_secret, body, signature)?;
    Ok(parse_callback(body)?)
}

/// Parses a body whose signature was already checked (or that came from our own store).
pub fn parse_callback(body: &[u8]) -> Result<CallbackRequest, WebhookParseError> {
    read_callback(body, false).map(|(request, _)| request)
}

/// What must hold before a body is journaled and acknowledged: authentic (the caller
/// checked the signature), JSON, and every event has the fields dedupe and ordering need;
/// the typed view is built later by the projector. Accepts exactly the bodies
/// `parse_callback_keeping_unreadable` reads, with the same errors, but builds no `Value`.
/// Returns the number of events.
pub fn check_callback(body: &[u8]) -> Result<usize, WebhookParseError> {
    let wire: check::Wire =
        serde_json::from_slice(body).map_err(|e| WebhookParseError::Body(e.to_string()))?;
    match wire.events.first_error {
        Some((index, message)) => Err(WebhookParseError::Event { index, message }),
        None => Ok(wire.events.count),
    }
}

/// `parse_callback` for a body that was already acknowledged: one event of a known type
/// whose own part can't be read must not cost the others, so it is kept as
/// `EventKind::Unknown` and listed as (event index, reason) for the caller to log.
pub fn parse_callback_keeping_unreadable(
    body: &[u8],
) -> Result<(CallbackRequest, Vec<(usize, String)>), WebhookParseError> {
    read_callback(body, true)
}

fn read_callback(
    body: &[u8],
    keep_unreadable: bool,
) -> Result<(CallbackRequest, Vec<(usize, String)>), WebhookParseError> {
    #[derive(Deserialize)]
    struct Wire {
        destination: String,
        events: Vec<Value>,
    }
    let wire: Wire =
        serde_json::from_slice(body).map_err(|e| WebhookParseError::Body(e.to_string()))?;
    let mut events = Vec::with_capacity(wire.events.len());
    let mut unreadable = Vec::new();
    for (index, raw) in wire.events.into_iter().enumerate() {
        let failed = |message| WebhookParseError::Event { index, message };
        let (event, kind_error) = read_event(raw).map_err(failed)?;
        if let Some(message) = kind_error {
            if !keep_unreadable {
                return Err(failed(message));
            }
            unreadable.push((index, message));
        }
        events.push(event);
    }
    let request = CallbackRequest {
        destination: wire.destination,
        events,
    };
    Ok((request, unreadable))
}

/// One event from its JSON, e.g. read back from storage.
pub fn parse_event(raw: Value) -> Result<Event, String> {
    match read_event(raw)? {
        (event, None) => Ok(event),
        (_, Some(message)) => Err(message),
    }
}

/// An event whose common fields read; if its type-specific part does not, it comes back
/// as `EventKind::Unknown` with the reason beside it.
fn read_event(raw: Value) -> Result<(Event, Option<String>), String> {
    // `check::Event` mirrors this struct: keep the two in step.
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Common<'a> {
        #[serde(rename = "type")]
        kind: &'a str,
        timestamp: i64,
        mode: String,
        webhook_event_id: String,
        delivery_context: DeliveryContext,
        #[serde(default)]
        reply_token: Option<String>,
    }
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct DeliveryContext {
        is_redelivery: bool,
    }

    if !raw.is_object() {
        return Err("event is not a JSON object".to_owned());
    }
    let common = Common::deserialize(&raw).map_err(|e| format!("event: {e}"))?;
    let (kind, kind_error) = match parse_kind(common.kind, &raw) {
        Ok(kind) => (kind, None),
        Err(message) => {
            let type_name = common.kind.to_owned();
            (EventKind::Unknown { type_name }, Some(message))
        }
    };
    let source = raw
        .get("source")
        .filter(|s| !s.is_null())
        .map(Source::from_json);
    let event = Event {
        webhook_event_id: common.webhook_event_id,
        timestamp: common.timestamp,
        mode: Mode::from(common.mode),
        is_redelivery: common.delivery_context.is_redelivery,
        source,
        reply_token: common.reply_token,
        kind,
        raw,
    };
    Ok((event, kind_error))
}

/// The typed payload of a known event type, read from the event's own JSON.
fn parse_kind(type_name: &str, ev: &Value) -> Result<EventKind, String> {
    fn part<'v, T: Deserialize<'v>>(ev: &'v Value, event: &str, field: &str) -> Result<T, String> {
        let v = ev
            .get(field)
            .ok_or_else(|| format!("{event} event without `{field}`"))?;
        T::deserialize(v).map_err(|e| format!("{event} event: {field}: {e}"))
    }
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Unsend {
        message_id: String,
    }
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Follow {
        is_unblocked: bool,
    }
    #[derive(Deserialize)]
    struct Members {
        members: Vec<Member>,
    }
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Member {
        #[serde(default)]
        user_id: Option<String>,
    }
    #[derive(Deserialize)]
    struct Postback {
        data: String,
        #[serde(default)]
        params: Option<PostbackParams>,
    }
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct VideoPlayComplete {
        tracking_id: String,
    }
    #[derive(Deserialize)]
    struct Beacon {
        hwid: String,
        #[serde(rename = "type")]
        kind: String,
        #[serde(default)]
        dm: Option<String>,
    }
    #[derive(Deserialize)]
    struct Link {
        result: String,
        nonce: String,
    }
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Membership {
        #[serde(rename = "type")]
        kind: String,
        membership_id: i64,
    }
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Module {
        #[serde(rename = "type")]
        kind: String,
        #[serde(default)]
        bot_id: Option<String>,
        #[serde(default)]
        scopes: Vec<String>,
        #[serde(default)]
        reason: Option<String>,
    }
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct ChatControl {
        expire_at: i64,
    }
    #[derive(Deserialize)]
    struct Delivery {
        data: String,
    }
    let user_ids = |m: Members| m.members.into_iter().filter_map(|m| m.user_id).collect();

    Ok(match type_name {
        "message" => {
            let message = ev.get("message").ok_or("message event without `message`")?;
            EventKind::Message(MessageContent::from_json(message)?)
        }
        "unsend" => {
            let u: Unsend = part(ev, type_name, "unsend")?;
            EventKind::Unsend {
                message_id: u.message_id,
            }
        }
        "follow" => {
            let f: Follow = part(ev, type_name, "follow")?;
            EventKind::Follow {
                is_unblocked: f.is_unblocked,
            }
        }
        "unfollow" => EventKind::Unfollow,
        "join" => EventKind::Join,
        "leave" => EventKind::Leave,
        "memberJoined" => EventKind::MemberJoined {
            user_ids: user_ids(part(ev, type_name, "joined")?),
        },
        "memberLeft" => EventKind::MemberLeft {
            user_ids: user_ids(part(ev, type_name, "left")?),
        },
        "postback" => {
            let p: Postback = part(ev, type_name, "postback")?;
            EventKind::Postback {
                data: p.data,
                params: p.params,
            }
        }
        "videoPlayComplete" => {
            let v: VideoPlayComplete = part(ev, type_name, "videoPlayComplete")?;
            EventKind::VideoPlayComplete {
                tracking_id: v.tracking_id,
            }
        }
        "beacon" => {
            let b: Beacon = part(ev, type_name, "beacon")?;
            EventKind::Beacon {
                hwid: b.hwid,
                beacon_type: b.kind,
                dm: b.dm,
            }
        }
        "accountLink" => {
            let l: Link = part(ev, type_name, "link")?;
            EventKind::AccountLink {
                result: l.result,
                nonce: l.nonce,
            }
        }
        "membership" => {
            let m: Membership = part(ev, type_name, "membership")?;
            EventKind::Membership {
                kind: m.kind,
                membership_id: m.membership_id,
            }
        }
        "module" => {
            let m: Module = part(ev, type_name, "module")?;
            EventKind::Module {
                kind: m.kind,
                bot_id: m.bot_id,
                scopes: m.scopes,
                reason: m.reason,
            }
        }
        "activated" => {
            let c: ChatControl = part(ev, type_name, "chatControl")?;
            EventKind::Activated {
                expire_at: c.expire_at,
            }
        }
        "deactivated" => EventKind::Deactivated,
        "botSuspended" => EventKind::BotSuspended,
        "botResumed" => EventKind::BotResumed,
        "delivery" => {
            let d: Delivery = part(ev, type_name, "delivery")?;
            EventKind::Delivery { data: d.data }
        }
        other => EventKind::Unknown {
            type_name: other.to_owned(),
        },
    })
}
