//! Webhook parsing: one realistic example per event and message type, each checked
//! against webhook.yml (so the examples are real wire format) and parsed into the right
//! variant.

use anyhow::{Context, Result, bail, ensure};
use line::signature::{self, SignatureError};
use line::webhook::{Mode, PostbackParams, ProviderKind};
use line::{
    EventKind, MessageContent, Source, WebhookError, WebhookParseError, parse_callback,
    verify_and_parse,
};
use serde_json::{Value, json};

use crate::openapi::Spec;

pub(crate) const BOT: &str = "U0123456789abcdef0123456789abcdef";
const USER: &str = "U4af4980629d5e4f0b5e7a0f8e9c2d1a3";
const SECRET: &str = "channel-secret-for-tests";

/// The fields every event has, from a user in a 1:1 chat, plus `extra`.
pub(crate) fn event(kind: &str, n: u32, extra: Value) -> Value {
    let mut ev = json!({
        "type": kind,
        "mode": "active",
        "timestamp": 1_751_328_000_000_i64 + i64::from(n),
        "source": {"type": "user", "userId": USER},
        "webhookEventId": format!("01J1X9Z7Q8R5T6V4W3Y2A{n:05}"),
        "deliveryContext": {"isRedelivery": false},
    });
    if let (Some(ev), Some(extra)) = (ev.as_object_mut(), extra.as_object()) {
        for (k, v) in extra {
            ev.insert(k.clone(), v.clone());
        }
    }
    ev
}

pub(crate) fn message(n: u32, message: Value) -> Value {
    event(
        "message",
        n,
        json!({"replyToken": format!("reply-token-{n}"), "message": message}),
    )
}

/// (name, event JSON) for every event and message type in webhook.yml.
pub(crate) fn examples() -> Vec<(&'static str, Value)> {
    vec![
        (
            "text",
            message(
                1,
                json!({
                    "type": "text", "id": "468789577898262530", "quoteToken": "q3Plxr4AgKd",
                    "markAsReadToken": "30yhdy232", "text": "$ 明日10時に予約できますか？",
                    "emojis": [{"index": 0, "length": 1, "productId": "5ac1bfd5040ab15980c9b435", "emojiId": "001"}],
                    "quotedMessageId": "468789532432007169"
                }),
            ),
        ),
        (
            "image from LINE",
            message(
                2,
                json!({
                    "type": "image", "id": "354718705033693859", "quoteToken": "q1", "markAsReadToken": "m2",
                    "contentProvider": {"type": "line"},
                    "imageSet": {"id": "E005D41A7288F41B65593ED38FF6E9834B046AB36A37921A56BC236F13A91855", "index": 1, "total": 2}
                }),
            ),
        ),
        (
            "image external",
            message(
                3,
                json!({
                    "type": "image", "id": "354718705033693860", "quoteToken": "q2",
                    "contentProvider": {"type": "external", "originalContentUrl": "https://example.com/original.jpg", "previewImageUrl": "https://example.com/preview.jpg"}
                }),
            ),
        ),
        (
            "video",
            message(
                4,
                json!({
                    "type": "video", "id": "325708", "quoteToken": "q3", "duration": 60000, "markAsReadToken": "m4",
                    "contentProvider": {"type": "line"}
                }),
            ),
        ),
        (
            "audio",
            message(
                5,
                json!({
                    "type": "audio", "id": "325709", "duration": 12000, "contentProvider": {"type": "line"}, "markAsReadToken": "m5"
                }),
            ),
        ),
        (
            "file",
            message(
                6,
                json!({
                    "type": "file", "id": "325710", "fileName": "見積書.pdf", "fileSize": 2138, "markAsReadToken": "m6"
                }),
            ),
        ),
        (
            "location",
            message(
                7,
                json!({
                    "type": "location", "id": "325711", "title": "my location", "address": "日本、〒102-8282 東京都千代田区紀尾井町1番3号",
                    "latitude": 35.67966, "longitude": 139.73669, "markAsReadToken": "m7"
                }),
            ),
        ),
        (
            "sticker",
            message(
                8,
                json!({
                    "type": "sticker", "id": "1501597916", "quoteToken": "q8", "stickerId": "52002738", "packageId": "11537",
                    "stickerResourceType": "ANIMATION", "keywords": ["cony", "sally", "Staring", "hi"], "markAsReadToken": "m8"
                }),
            ),
        ),
        (
            "message sticker",
            message(
                9,
                json!({
                    "type": "sticker", "id": "1501597917", "quoteToken": "q9", "stickerId": "738839", "packageId": "12287",
                    "stickerResourceType": "MESSAGE", "keywords": ["Anticipation"], "text": "予約したよ！"
                }),
            ),
        ),
        (
            "follow",
            event(
                "follow",
                10,
                json!({"replyToken": "rt-10", "follow": {"isUnblocked": true}}),
            ),
        ),
        ("unfollow", event("unfollow", 11, json!({}))),
        (
            "join",
            event(
                "join",
                12,
                json!({"replyToken": "rt-12", "source": {"type": "group", "groupId": "Ca56f94637c"}}),
            ),
        ),
        (
            "leave",
            event(
                "leave",
                13,
                json!({"source": {"type": "group", "groupId": "Ca56f94637c"}}),
            ),
        ),
        (
            "memberJoined",
            event(
                "memberJoined",
                14,
                json!({
                    "replyToken": "rt-14", "source": {"type": "room", "roomId": "Ra8dbf4673c"},
                    "joined": {"members": [{"type": "user", "userId": "U4af4980629"}, {"type": "user", "userId": "U91eeaf62d9"}]}
                }),
            ),
        ),
        (
            "memberLeft",
            event(
                "memberLeft",
                15,
                json!({
                    "source": {"type": "group", "groupId": "Ca56f94637c"},
                    "left": {"members": [{"type": "user", "userId": "U4af4980629"}]}
                }),
            ),
        ),
        (
            "postback",
            event(
                "postback",
                16,
                json!({
                    "replyToken": "rt-16",
                    "postback": {"data": "action=reserve&slot=1", "params": {"datetime": "2026-08-01T10:00"}}
                }),
            ),
        ),
        (
            "postback rich menu",
            event(
                "postback",
                17,
                json!({
                    "replyToken": "rt-17",
                    "postback": {"data": "switch", "params": {"newRichMenuAliasId": "richmenu-alias-b", "status": "SUCCESS"}}
                }),
            ),
        ),
        (
            "unsend",
            event("unsend", 18, json!({"unsend": {"messageId": "325708"}})),
        ),
        (
            "videoPlayComplete",
            event(
                "videoPlayComplete",
                19,
                json!({"replyToken": "rt-19", "videoPlayComplete": {"trackingId": "menu-video-1"}}),
            ),
        ),
        (
            "beacon",
            event(
                "beacon",
                20,
                json!({"replyToken": "rt-20", "beacon": {"hwid": "d41d8cd98f", "type": "enter", "dm": "1234"}}),
            ),
        ),
        (
            "accountLink",
            event(
                "accountLink",
                21,
                json!({"replyToken": "rt-21", "link": {"result": "ok", "nonce": "xxxxxxxxxxxxxxx"}}),
            ),
        ),
        (
            "membership",
            event(
                "membership",
                22,
                json!({"replyToken": "rt-22", "membership": {"type": "joined", "membershipId": 3189}}),
            ),
        ),
        (
            "module attached",
            event(
                "module",
                23,
                json!({"module": {"type": "attached", "botId": "U0123456789", "scopes": ["message:send", "message:receive"]}}),
            ),
        ),
        (
            "module detached",
            event(
                "module",
                24,
                json!({"module": {"type": "detached", "botId": "U0123456789", "reason": "bot_deleted"}}),
            ),
        ),
        (
            "activated",
            event(
                "activated",
                25,
                json!({"chatControl": {"expireAt": 1_751_331_600_000_i64}}),
            ),
        ),
        ("deactivated", event("deactivated", 26, json!({}))),
        ("botSuspended", event("botSuspended", 27, json!({}))),
        ("botResumed", event("botResumed", 28, json!({}))),
        (
            "delivery",
            event(
                "delivery",
                29,
                json!({"delivery": {"data": "d41d8cd98f00b204e9800998ecf8427e"}}),
            ),
        ),
    ]
}

pub(crate) fn body(events: Vec<Value>) -> Vec<u8> {
    json!({"destination": BOT, "events": events})
        .to_string()
        .into_bytes()
}

#[test]
fn examples_are_valid_against_webhook_yml() -> Result<()> {
    let spec = Spec::load("webhook.yml")?;
    let callback = spec.component_validator("CallbackRequest")?;
    for (name, ev) in examples() {
        let b = json!({"destination": BOT, "events": [ev]});
        callback
            .check(&b)
            .with_context(|| format!("the {name} example is not LINE's wire format"))?;
    }
    Ok(())
}

#[test]
fn webhook_yml_validator_rejects_wrong_events() -> Result<()> {
    let spec = Spec::load("webhook.yml")?;
    let callback = spec.component_validator("CallbackRequest")?;
    let strip = |mut ev: Value, path: &[&str]| {
        let mut node = &mut ev;
        for p in &path[..path.len() - 1] {
            node = &mut node[*p];
        }
        if let Some(o) = node.as_object_mut() {
            o.remove(path[path.len() - 1]);
        }
        ev
    };
    let by_name = |n: &str| {
        examples()
            .into_iter()
            .find(|(name, _)| *name == n)
            .map(|(_, v)| v)
            .unwrap_or(Value::Null)
    };
    let cases = vec![
        (
            "text without message.text",
            strip(by_name("text"), &["message", "text"]),
        ),
        (
            "message without id",
            strip(by_name("text"), &["message", "id"]),
        ),
        (
            "event without webhookEventId",
            strip(by_name("follow"), &["webhookEventId"]),
        ),
        (
            "follow without follow",
            strip(by_name("follow"), &["follow"]),
        ),
        (
            "image without contentProvider",
            strip(by_name("image from LINE"), &["message", "contentProvider"]),
        ),
        ("unknown event type", event("hologram", 90, json!({}))),
        (
            "unknown message type",
            message(91, json!({"type": "hologram", "id": "1"})),
        ),
        ("mode that is not active/standby", {
            let mut ev = by_name("unfollow");
            ev["mode"] = json!("sleeping");
            ev
        }),
    ];
    let mut lax = Vec::new();
    for (what, ev) in cases {
        if callback.accepts(&json!({"destination": BOT, "events": [ev]})) {
            lax.push(what);
        }
    }
    ensure!(lax.is_empty(), "webhook.yml validator accepted: {lax:?}");
    ensure!(
        !callback.accepts(&json!({"destination": "not-a-bot", "events": []})),
        "destination pattern not enforced"
    );
    Ok(())
}

#[test]
fn every_example_parses_into_its_variant() -> Result<()> {
    let all = examples();
    let parsed = parse_callback(&body(all.iter().map(|(_, v)| v.clone()).collect()))
        .context("parsing all examples")?;
    ensure!(
        parsed.destination == BOT,
        "destination {}",
        parsed.destination
    );
    ensure!(
        parsed.events.len() == all.len(),
        "{} events parsed out of {}",
        parsed.events.len(),
        all.len()
    );

    for ((name, raw), ev) in all.iter().zip(&parsed.events) {
        ensure!(&ev.raw == raw, "{name}: raw JSON not kept as received");
        ensure!(
            ev.webhook_event_id == raw["webhookEventId"].as_str().unwrap_or_default(),
            "{name}: webhookEventId"
        );
        ensure!(
            ev.timestamp == raw["timestamp"].as_i64().unwrap_or_default(),
            "{name}: timestamp"
        );
        ensure!(
            ev.mode == Mode::Active && !ev.is_redelivery,
            "{name}: mode/redelivery"
        );
        ensure!(
            ev.type_name() == raw["type"].as_str().unwrap_or_default(),
            "{name}: type_name {}",
            ev.type_name()
        );
        ensure!(
            ev.reply_token.as_deref() == raw["replyToken"].as_str(),
            "{name}: reply token"
        );
        let ok = match (*name, &ev.kind) {
            (
                "text",
                EventKind::Message(
                    m @ MessageContent::Text {
                        text,
                        emojis,
                        quote_token,
                        quoted_message_id,
                        ..
                    },
                ),
            ) => {
                text == "$ 明日10時に予約できますか？"
                    && emojis.len() == 1
                    && emojis[0].product_id == "5ac1bfd5040ab15980c9b435"
                    && emojis[0].length == 1
                    && quote_token == "q3Plxr4AgKd"
                    && quoted_message_id.as_deref() == Some("468789532432007169")
                    && m.id() == "468789577898262530"
                    && m.mark_as_read_token() == Some("30yhdy232")
                    && m.text() == Some(text.as_str())
            }
            (
                "image from LINE",
                EventKind::Message(MessageContent::Image {
                    content_provider,
                    image_set,
                    ..
                }),
            ) => {
                content_provider.kind == ProviderKind::Line
                    && image_set
                        .as_ref()
                        .is_some_and(|s| s.index == Some(1) && s.total == Some(2))
            }
            (
                "image external",
                EventKind::Message(MessageContent::Image {
                    content_provider,
                    image_set,
                    mark_as_read_token,
                    ..
                }),
            ) => {
                content_provider.kind == ProviderKind::External
                    && content_provider.original_content_url.as_deref()
                        == Some("https://example.com/original.jpg")
                    && content_provider.preview_image_url.as_deref()
                        == Some("https://example.com/preview.jpg")
                    && image_set.is_none()
                    && mark_as_read_token.is_none()
            }
            (
                "video",
                EventKind::Message(MessageContent::Video {
                    duration,
                    content_provider,
                    ..
                }),
            ) => *duration == Some(60000) && content_provider.kind == ProviderKind::Line,
            ("audio", EventKind::Message(m @ MessageContent::Audio { duration, .. })) => {
                *duration == Some(12000) && m.type_name() == "audio" && m.quote_token().is_none()
            }
            (
                "file",
                EventKind::Message(MessageContent::File {
                    file_name,
                    file_size,
                    ..
                }),
            ) => file_name == "見積書.pdf" && *file_size == 2138,
            (
                "location",
                EventKind::Message(MessageContent::Location {
                    title,
                    latitude,
                    longitude,
                    ..
                }),
            ) => {
                title.as_deref() == Some("my location")
                    && (*latitude - 35.67966).abs() < 1e-9
                    && (*longitude - 139.73669).abs() < 1e-9
            }
            (
                "sticker",
                EventKind::Message(
                    m @ MessageContent::Sticker {
                        package_id,
                        sticker_id,
                        sticker_resource_type,
                        keywords,
                        text,
                        ..
                    },
                ),
            ) => {
                package_id == "11537"
                    && sticker_id == "52002738"
                    && sticker_resource_type == "ANIMATION"
                    && keywords.len() == 4
                    && text.is_none()
                    && m.text().is_none()
            }
            ("message sticker", EventKind::Message(m @ MessageContent::Sticker { .. })) => {
                m.text() == Some("予約したよ！")
            }
            ("follow", EventKind::Follow { is_unblocked }) => *is_unblocked,
            ("unfollow", EventKind::Unfollow) => ev.user_id() == Some(USER),
            ("join", EventKind::Join) => {
                matches!(&ev.source, Some(Source::Group { group_id, user_id: None }) if group_id == "Ca56f94637c")
            }
            ("leave", EventKind::Leave) => ev.user_id().is_none(),
            ("memberJoined", EventKind::MemberJoined { user_ids }) => {
                user_ids == &["U4af4980629", "U91eeaf62d9"]
                    && matches!(&ev.source, Some(Source::Room { room_id, .. }) if room_id == "Ra8dbf4673c")
            }
            ("memberLeft", EventKind::MemberLeft { user_ids }) => user_ids == &["U4af4980629"],
            ("postback", EventKind::Postback { data, params }) => {
                data == "action=reserve&slot=1"
                    && params.as_ref()
                        == Some(&PostbackParams {
                            datetime: Some("2026-08-01T10:00".into()),
                            ..PostbackParams::default()
                        })
            }
            (
                "postback rich menu",
                EventKind::Postback {
                    params: Some(p), ..
                },
            ) => {
                p.new_rich_menu_alias_id.as_deref() == Some("richmenu-alias-b")
                    && p.status.as_deref() == Some("SUCCESS")
            }
            ("unsend", EventKind::Unsend { message_id }) => message_id == "325708",
            ("videoPlayComplete", EventKind::VideoPlayComplete { tracking_id }) => {
                tracking_id == "menu-video-1"
            }
            (
                "beacon",
                EventKind::Beacon {
                    hwid,
                    beacon_type,
                    dm,
                },
            ) => hwid == "d41d8cd98f" && beacon_type == "enter" && dm.as_deref() == Some("1234"),
            ("accountLink", EventKind::AccountLink { result, nonce }) => {
                result == "ok" && nonce == "xxxxxxxxxxxxxxx"
            }
            (
                "membership",
                EventKind::Membership {
                    kind,
                    membership_id,
                },
            ) => kind == "joined" && *membership_id == 3189,
            (
                "module attached",
                EventKind::Module {
                    kind,
                    bot_id,
                    scopes,
                    reason,
                },
            ) => {
                kind == "attached"
                    && bot_id.as_deref() == Some("U0123456789")
                    && scopes.len() == 2
                    && reason.is_none()
            }
            ("module detached", EventKind::Module { kind, reason, .. }) => {
                kind == "detached" && reason.as_deref() == Some("bot_deleted")
            }
            ("activated", EventKind::Activated { expire_at }) => *expire_at == 1_751_331_600_000,
            ("deactivated", EventKind::Deactivated) => true,
            ("botSuspended", EventKind::BotSuspended) => true,
            ("botResumed", EventKind::BotResumed) => true,
            ("delivery", EventKind::Delivery { data }) => {
                data == "d41d8cd98f00b204e9800998ecf8427e"
            }
            _ => false,
        };
        ensure!(
            ok,
            "{name} parsed into the wrong variant or lost fields: {:?}",
            ev.kind
        );
    }
    Ok(())
}

#[test]
fn unknown_types_and_values_are_kept_not_rejected() -> Result<()> {
    let future_event = event(
        "hologram",
        40,
        json!({"hologram": {"depth": 3}, "mode": "standby", "source": {"type": "space", "spaceId": "S1"}}),
    );
    let future_message = message(41, json!({"type": "hologram", "id": "999", "depth": 3}));
    let odd_provider = message(
        42,
        json!({"type": "image", "id": "1000", "quoteToken": "q", "contentProvider": {"type": "cdn"}}),
    );
    let mut redelivered = event("unfollow", 43, json!({"mode": "dreaming"}));
    redelivered["deliveryContext"]["isRedelivery"] = json!(true);
    let parsed = parse_callback(&body(vec![
        future_event.clone(),
        future_message.clone(),
        odd_provider,
        redelivered,
    ]))
    .context("unknown types must parse")?;
    let [a, b, c, d] = parsed.events.as_slice() else {
        bail!("expected 4 events, got {}", parsed.events.len())
    };

    ensure!(
        matches!(&a.kind, EventKind::Unknown { type_name } if type_name == "hologram"),
        "event: {:?}",
        a.kind
    );
    ensure!(a.raw == future_event, "unknown event's raw JSON not kept");
    ensure!(a.mode == Mode::Standby, "mode {:?}", a.mode);
    ensure!(
        matches!(&a.source, Some(Source::Unknown(v)) if v["spaceId"] == "S1"),
        "source {:?}",
        a.source
    );

    match &b.kind {
        EventKind::Message(m @ MessageContent::Unknown { .. }) => {
            ensure!(
                m.id() == "999" && m.type_name() == "hologram",
                "unknown message read as {m:?}"
            );
        }
        other => bail!("unknown message type parsed as {other:?}"),
    }
    ensure!(
        b.raw == future_message,
        "unknown message's raw JSON not kept"
    );
    ensure!(
        matches!(&c.kind, EventKind::Message(MessageContent::Image { content_provider, .. }) if content_provider.kind == ProviderKind::Other("cdn".into())),
        "odd provider: {:?}",
        c.kind
    );
    ensure!(
        d.is_redelivery && d.mode == Mode::Other("dreaming".into()),
        "redelivery/mode: {d:?}"
    );
    Ok(())
}

#[test]
fn empty_events_is_a_valid_connection_check() -> Result<()> {
    let parsed =
        parse_callback(br#"{"destination":"U0123456789abcdef0123456789abcdef","events":[]}"#)?;
    ensure!(parsed.events.is_empty(), "events: {:?}", parsed.events);
    Ok(())
}

#[test]
fn malformed_bodies_are_errors() -> Result<()> {
    let strip = |mut ev: Value, path: &[&str]| {
        let mut node = &mut ev;
        for p in &path[..path.len() - 1] {
            node = &mut node[*p];
        }
        if let Some(o) = node.as_object_mut() {
            o.remove(path[path.len() - 1]);
        }
        ev
    };
    let text = examples()
        .into_iter()
        .next()
        .map(|(_, v)| v)
        .unwrap_or(Value::Null);
    let follow = event(
        "follow",
        10,
        json!({"replyToken": "rt", "follow": {"isUnblocked": false}}),
    );

    for (what, b) in [
        ("not JSON", b"<html>".to_vec()),
        ("events missing", br#"{"destination":"U0"}"#.to_vec()),
        (
            "events not an array",
            br#"{"destination":"U0","events":{}}"#.to_vec(),
        ),
        (
            "an event that is a string",
            br#"{"destination":"U0","events":["x"]}"#.to_vec(),
        ),
    ] {
        match parse_callback(&b) {
            Err(_) => {}
            Ok(p) => bail!("{what}: parsed as {p:?}"),
        }
    }
    for (what, field, ev) in [
        (
            "missing webhookEventId",
            "webhookEventId",
            strip(follow.clone(), &["webhookEventId"]),
        ),
        (
            "missing timestamp",
            "timestamp",
            strip(follow.clone(), &["timestamp"]),
        ),
        (
            "message without id",
            "id",
            strip(text.clone(), &["message", "id"]),
        ),
        (
            "text message without text",
            "text",
            strip(text.clone(), &["message", "text"]),
        ),
        (
            "message event without message",
            "message",
            strip(text.clone(), &["message"]),
        ),
        (
            "follow without follow",
            "follow",
            strip(follow.clone(), &["follow"]),
        ),
        (
            "postback without data",
            "data",
            event("postback", 1, json!({"postback": {}})),
        ),
    ] {
        match parse_callback(&body(vec![follow.clone(), ev])) {
            Err(WebhookParseError::Event { index: 1, message }) => {
                ensure!(
                    message.contains(field),
                    "{what}: error should name `{field}`: {message}"
                );
            }
            other => bail!("{what}: expected an error for event 1, got {other:?}"),
        }
    }
    Ok(())
}

#[test]
fn the_signature_is_checked_before_parsing() -> Result<()> {
    let good = body(vec![event("unfollow", 1, json!({}))]);
    let sig = signature::sign(SECRET, &good);
    let parsed = verify_and_parse(SECRET, &good, Some(&sig)).context("valid signature")?;
    ensure!(parsed.events.len() == 1, "events: {:?}", parsed.events);

    // Garbage with a wrong signature must fail on the signature, never reach the parser.
    match verify_and_parse(SECRET, b"not json", Some(&sig)) {
        Err(WebhookError::Signature(SignatureError::Mismatch)) => {}
        other => bail!("expected a signature mismatch, got {other:?}"),
    }
    match verify_and_parse(SECRET, &good, None) {
        Err(WebhookError::Signature(SignatureError::Missing)) => {}
        other => bail!("expected a missing signature, got {other:?}"),
    }
    let bad = b"not json".to_vec();
    let bad_sig = signature::sign(SECRET, &bad);
    match verify_and_parse(SECRET, &bad, Some(&bad_sig)) {
        Err(WebhookError::Parse(_)) => Ok(()),
        other => bail!("a signed but malformed body should be a parse error, got {other:?}"),
    }
}
