//! Every request body our client sends must satisfy LINE's OpenAPI (plus the documented
//! rules the YAML leaves out), and the validator must be strict enough to catch mistakes.

use std::time::Duration;

use anyhow::{Context, Result, bail, ensure};
use line::messages::{Emoji, InputOption};
use line::{
    Action, DatetimeMode, Message, MessageObject, MulticastRequest, PushMessageRequest, QuickReply,
    QuickReplyItem, ReplyMessageRequest, Sender, Template,
};
use serde_json::{Value, json};

use crate::fake_line::{Answer, Captured, FakeLine, TOKEN};
use crate::openapi::{SchemaValidator, Spec};

fn messaging_spec() -> Result<Spec> {
    Spec::load("messaging-api.yml")?.with_docs_overlay()
}

fn text_with_emoji() -> MessageObject {
    Message::Text {
        text: "$ ご予約ありがとうございます！".into(),
        emojis: Some(vec![Emoji {
            index: 0,
            product_id: "5ac1bfd5040ab15980c9b435".into(),
            emoji_id: "001".into(),
        }]),
        quote_token: Some("q3Plxr4AgKd...".into()),
    }
    .into()
}

fn media_messages() -> Vec<MessageObject> {
    vec![
        Message::sticker("446", "1988").into(),
        Message::image(
            "https://shop.example.jp/media/a.jpg",
            "https://shop.example.jp/media/a_p.jpg",
        )
        .into(),
        Message::Video {
            original_content_url: "https://shop.example.jp/media/v.mp4".into(),
            preview_image_url: "https://shop.example.jp/media/v.jpg".into(),
            tracking_id: Some("menu-video-1".into()),
        }
        .into(),
        Message::Location {
            title: "サロン窓口 渋谷店".into(),
            address: "東京都渋谷区道玄坂1-2-3".into(),
            latitude: 35.658_034,
            longitude: 139.701_636,
        }
        .into(),
    ]
}

fn datetime_picker() -> Action {
    Action::DatetimePicker {
        label: Some("日時を選ぶ".into()),
        data: "action=pick&slot=1".into(),
        mode: DatetimeMode::Datetime,
        initial: Some("2026-08-01T10:00".into()),
        max: Some("2026-12-31T18:00".into()),
        min: Some("2026-07-01T10:00".into()),
    }
}

fn with_quick_reply() -> MessageObject {
    let mut qr = QuickReply::new([
        Action::message("はい", "はい、お願いします"),
        Action::Postback {
            label: Some("キャンセル".into()),
            data: "action=cancel&id=42".into(),
            display_text: Some("キャンセルします".into()),
            input_option: Some(InputOption::OpenKeyboard),
            fill_in_text: Some("理由: ".into()),
        },
        datetime_picker(),
        Action::uri("地図", "https://maps.example.jp/shop"),
    ]);
    qr.items.push(QuickReplyItem {
        image_url: Some("https://shop.example.jp/icons/tel.png".into()),
        ..QuickReplyItem::new(Action::uri("電話", "tel:0312345678"))
    });
    MessageObject::text("ご希望の日時をお選びください")
        .with_quick_reply(qr)
        .with_sender(Sender {
            name: Some("受付 佐藤".into()),
            icon_url: Some("https://shop.example.jp/icons/sato.png".into()),
        })
}

fn buttons_template() -> MessageObject {
    Message::Template {
        alt_text: "ご予約の確認".into(),
        template: Template::Buttons {
            text: "8月1日 10:00 カット".into(),
            title: Some("ご予約".into()),
            thumbnail_image_url: Some("https://shop.example.jp/media/thumb.jpg".into()),
            actions: vec![
                Action::uri("電話する", "tel:0312345678"),
                Action::postback("確定", "action=confirm&id=42"),
                datetime_picker(),
            ],
        },
    }
    .into()
}

fn audio() -> MessageObject {
    Message::Audio {
        original_content_url: "https://shop.example.jp/media/voice.m4a".into(),
        duration: 60_000,
    }
    .into()
}

fn confirm_template() -> MessageObject {
    Message::Template {
        alt_text: "来店確認".into(),
        template: Template::Confirm {
            text: "明日のご来店はいかがですか？".into(),
            actions: vec![
                Action::message("行きます", "行きます"),
                Action::message("変更", "予約を変更したい"),
            ],
        },
    }
    .into()
}

fn find<'a>(reqs: &'a [Captured], path: &str) -> Result<&'a Captured> {
    reqs.iter().find(|r| r.path == path).with_context(|| {
        format!(
            "the client never called {path}; it called {:?}",
            reqs.iter().map(|r| &r.path).collect::<Vec<_>>()
        )
    })
}

fn check_auth(req: &Captured) -> Result<()> {
    let expected = format!("Bearer {TOKEN}");
    ensure!(
        req.header("authorization") == Some(expected.as_str()),
        "{} sent authorization {:?}, expected the bearer token",
        req.path,
        req.header("authorization")
    );
    Ok(())
}

#[tokio::test]
async fn send_requests_match_the_openapi_request_bodies() -> Result<()> {
    let spec = messaging_spec()?;
    let fake = FakeLine::start(|_, req| match req.path.as_str() {
        "/v2/bot/message/multicast" => Answer::json(200, "{}"),
        _ => Answer::ok_sent("1001"),
    })
    .await?;
    let client = fake.client(1, Duration::from_secs(5))?;

    let mut reply_msgs = vec![text_with_emoji()];
    reply_msgs.extend(media_messages());
    let reply = ReplyMessageRequest::new("nHuyWiB7yP5Zw52FIkcQobQuGDXCTA", reply_msgs);
    let push = PushMessageRequest {
        notification_disabled: Some(true),
        ..PushMessageRequest::new(
            "U4af4980629d5e4f0b5e7a0f8e9c2d1a3",
            vec![
                with_quick_reply(),
                buttons_template(),
                audio(),
                confirm_template(),
            ],
        )
    };
    let multicast = MulticastRequest::new(
        vec![
            "U4af4980629d5e4f0b5e7a0f8e9c2d1a3".into(),
            "U0c229f96c4e5d6f7a8b9c0d1e2f3a4b5".into(),
        ],
        vec![
            MessageObject::text("本日は臨時休業です"),
            buttons_template(),
        ],
    );
    let push_key = uuid::Uuid::new_v4();
    let multicast_key = uuid::Uuid::new_v4();

    client
        .reply(&reply)
        .await
        .context("reply against the fake")?;
    client
        .push(&push, push_key)
        .await
        .context("push against the fake")?;
    client
        .multicast(&multicast, multicast_key)
        .await
        .context("multicast against the fake")?;

    let reqs = fake.requests();
    for (path, op, key) in [
        ("/v2/bot/message/reply", "replyMessage", None),
        ("/v2/bot/message/push", "pushMessage", Some(push_key)),
        (
            "/v2/bot/message/multicast",
            "multicast",
            Some(multicast_key),
        ),
    ] {
        let req = find(&reqs, path)?;
        ensure!(req.method == "POST", "{path} was sent as {}", req.method);
        check_auth(req)?;
        ensure!(
            req.header("content-type") == Some("application/json"),
            "{path} content-type was {:?}",
            req.header("content-type")
        );
        let sent_key = req.header("x-line-retry-key");
        match key {
            Some(k) => ensure!(
                sent_key == Some(k.hyphenated().to_string().as_str()),
                "{path} must carry X-Line-Retry-Key {k}, sent {sent_key:?}"
            ),
            None => ensure!(
                sent_key.is_none(),
                "{path} must not carry X-Line-Retry-Key (LINE answers 400), sent {sent_key:?}"
            ),
        }
        spec.request_validator(op)?.check(&req.json()?)?;
    }
    Ok(())
}

#[tokio::test]
async fn other_request_bodies_match_the_openapi() -> Result<()> {
    let spec = messaging_spec()?;
    let fake = FakeLine::start(|_, req| match req.path.as_str() {
        "/v2/bot/channel/webhook/test" => Answer::json(
            200,
            r#"{"success":true,"timestamp":"2026-07-01T05:38:20.031Z","statusCode":200,"reason":"OK","detail":"200"}"#,
        ),
        "/v2/bot/chat/loading/start" => Answer::json(202, "{}"),
        _ => Answer::json(200, "{}"),
    })
    .await?;
    let client = fake.client(1, Duration::from_secs(5))?;

    client
        .mark_as_read("nz0x74mZT2mRn")
        .await
        .context("mark as read")?;
    client
        .show_loading_animation("U4af4980629d5e4f0b5e7a0f8e9c2d1a3", 20)
        .await
        .context("loading animation")?;
    client
        .set_webhook_endpoint("https://shop.example.jp/webhook")
        .await
        .context("set webhook")?;
    let tested = client
        .test_webhook_endpoint(Some("https://shop.example.jp/webhook"))
        .await
        .context("test webhook")?;
    ensure!(
        tested.status_code == 200 && tested.success == Some(true),
        "webhook test result read wrong: {tested:?}"
    );
    client
        .test_webhook_endpoint(None)
        .await
        .context("test webhook without endpoint")?;

    let reqs = fake.requests();
    for (path, op, method) in [
        (
            "/v2/bot/chat/markAsRead",
            "markMessagesAsReadByToken",
            "POST",
        ),
        ("/v2/bot/chat/loading/start", "showLoadingAnimation", "POST"),
        (
            "/v2/bot/channel/webhook/endpoint",
            "setWebhookEndpoint",
            "PUT",
        ),
        (
            "/v2/bot/channel/webhook/test",
            "testWebhookEndpoint",
            "POST",
        ),
    ] {
        let validator = spec.request_validator(op)?;
        let matching: Vec<_> = reqs.iter().filter(|r| r.path == path).collect();
        ensure!(!matching.is_empty(), "the client never called {path}");
        for req in matching {
            ensure!(
                req.method == method,
                "{path} was sent as {}, LINE expects {method}",
                req.method
            );
            check_auth(req)?;
            ensure!(
                req.header("x-line-retry-key").is_none(),
                "{path} must not carry X-Line-Retry-Key"
            );
            validator.check(&req.json()?)?;
        }
    }
    Ok(())
}

/// Bodies that LINE would refuse, with a fragment of the error we expect (so a case
/// cannot pass by failing for some other reason). Each must be rejected, or the
/// contract test above proves nothing.
fn wrong_bodies() -> Vec<(&'static str, &'static str, &'static str, Value)> {
    let ok_text = json!({"type": "text", "text": "hi"});
    vec![
        (
            "text message without text",
            "\"text\" is a required",
            "replyMessage",
            json!({"replyToken": "t", "messages": [{"type": "text"}]}),
        ),
        (
            "sticker without stickerId",
            "\"stickerId\" is a required",
            "replyMessage",
            json!({"replyToken": "t", "messages": [{"type": "sticker", "packageId": "446"}]}),
        ),
        (
            "unknown message type",
            "\"nope\" is not one of",
            "replyMessage",
            json!({"replyToken": "t", "messages": [{"type": "nope", "text": "hi"}]}),
        ),
        (
            "message without type",
            "\"type\" is a required",
            "replyMessage",
            json!({"replyToken": "t", "messages": [{"text": "hi"}]}),
        ),
        (
            "six messages",
            "has more than 5 items",
            "replyMessage",
            json!({"replyToken": "t", "messages": [ok_text, ok_text, ok_text, ok_text, ok_text, ok_text]}),
        ),
        (
            "no messages",
            "has less than 1 item",
            "pushMessage",
            json!({"to": "U1", "messages": []}),
        ),
        (
            "reply without replyToken",
            "\"replyToken\" is a required",
            "replyMessage",
            json!({"messages": [ok_text]}),
        ),
        (
            "push without to",
            "\"to\" is a required",
            "pushMessage",
            json!({"messages": [ok_text]}),
        ),
        (
            "multicast to 501 users",
            "has more than 500 items",
            "multicast",
            json!({"to": vec!["U1"; 501], "messages": [ok_text]}),
        ),
        (
            "image URL that is no URL",
            "is not a \"uri\"",
            "pushMessage",
            json!({"to": "U1", "messages": [{"type": "image", "originalContentUrl": "not a url", "previewImageUrl": "https://x.jp/p.jpg"}]}),
        ),
        (
            "video without previewImageUrl",
            "\"previewImageUrl\" is a required",
            "pushMessage",
            json!({"to": "U1", "messages": [{"type": "video", "originalContentUrl": "https://x.jp/v.mp4"}]}),
        ),
        (
            "audio without duration",
            "\"duration\" is a required",
            "pushMessage",
            json!({"to": "U1", "messages": [{"type": "audio", "originalContentUrl": "https://x.jp/a.m4a"}]}),
        ),
        (
            "location with latitude as text",
            "is not of type \"number\"",
            "pushMessage",
            json!({"to": "U1", "messages": [{"type": "location", "title": "a", "address": "b", "latitude": "35.6", "longitude": 139.7}]}),
        ),
        (
            "template without altText",
            "\"altText\" is a required",
            "pushMessage",
            json!({"to": "U1", "messages": [{"type": "template", "template": {"type": "confirm", "text": "ok?", "actions": []}}]}),
        ),
        (
            "unknown template type",
            "\"nope\" is not one of",
            "pushMessage",
            json!({"to": "U1", "messages": [{"type": "template", "altText": "a", "template": {"type": "nope", "text": "x", "actions": []}}]}),
        ),
        (
            "datetimepicker with mode week",
            "\"week\" is not one of",
            "pushMessage",
            json!({"to": "U1", "messages": [{"type": "template", "altText": "a", "template": {"type": "buttons", "text": "x", "actions": [{"type": "datetimepicker", "label": "l", "data": "d", "mode": "week"}]}}]}),
        ),
        (
            "unknown action type in quick reply",
            "\"nope\" is not one of",
            "pushMessage",
            json!({"to": "U1", "messages": [{"type": "text", "text": "x", "quickReply": {"items": [{"type": "action", "action": {"type": "nope", "label": "l"}}]}}]}),
        ),
        (
            "sender name over 20 characters",
            "is longer than 20 characters",
            "pushMessage",
            json!({"to": "U1", "messages": [{"type": "text", "text": "x", "sender": {"name": "あいうえおかきくけこさしすせそたちつてとな"}}]}),
        ),
        (
            "14 quick reply items",
            "has more than 13 items",
            "pushMessage",
            json!({"to": "U1", "messages": [{"type": "text", "text": "x", "quickReply": {"items": vec![json!({"type": "action", "action": {"type": "message", "label": "l", "text": "t"}}); 14]}}]}),
        ),
        (
            "notificationDisabled as string",
            "is not of type \"boolean\"",
            "pushMessage",
            json!({"to": "U1", "messages": [ok_text], "notificationDisabled": "yes"}),
        ),
    ]
}

/// Wrong only by LINE's documented rules that the YAML omits (see the overlay).
fn wrong_by_docs_only() -> Vec<(&'static str, &'static str, &'static str, Value)> {
    vec![
        (
            "quick reply action without label",
            "\"label\" is a required",
            "pushMessage",
            json!({"to": "U1", "messages": [{"type": "text", "text": "x", "quickReply": {"items": [{"type": "action", "action": {"type": "message", "text": "t"}}]}}]}),
        ),
        (
            "quick reply item without action",
            "\"action\" is a required",
            "pushMessage",
            json!({"to": "U1", "messages": [{"type": "text", "text": "x", "quickReply": {"items": [{"type": "action"}]}}]}),
        ),
        (
            "message action without text",
            "\"text\" is a required",
            "pushMessage",
            json!({"to": "U1", "messages": [{"type": "template", "altText": "a", "template": {"type": "buttons", "text": "x", "actions": [{"type": "message", "label": "l"}]}}]}),
        ),
        (
            "postback action without data",
            "\"data\" is a required",
            "pushMessage",
            json!({"to": "U1", "messages": [{"type": "template", "altText": "a", "template": {"type": "buttons", "text": "x", "actions": [{"type": "postback", "label": "l"}]}}]}),
        ),
        (
            "uri action without uri",
            "\"uri\" is a required",
            "pushMessage",
            json!({"to": "U1", "messages": [{"type": "template", "altText": "a", "template": {"type": "buttons", "text": "x", "actions": [{"type": "uri", "label": "l"}]}}]}),
        ),
        (
            "buttons template action without label",
            "\"label\" is a required",
            "pushMessage",
            json!({"to": "U1", "messages": [{"type": "template", "altText": "a", "template": {"type": "buttons", "text": "x", "actions": [{"type": "uri", "uri": "https://x.jp"}]}}]}),
        ),
        (
            "confirm template with three actions",
            "has more than 2 items",
            "pushMessage",
            json!({"to": "U1", "messages": [{"type": "template", "altText": "a", "template": {"type": "confirm", "text": "x", "actions": [
            {"type": "message", "label": "a", "text": "a"}, {"type": "message", "label": "b", "text": "b"}, {"type": "message", "label": "c", "text": "c"}]}}]}),
        ),
    ]
}

fn validators(spec: &Spec, ops: &[&str]) -> Result<Vec<(String, SchemaValidator)>> {
    ops.iter()
        .map(|op| Ok((op.to_string(), spec.request_validator(op)?)))
        .collect()
}

fn get<'a>(vs: &'a [(String, SchemaValidator)], op: &str) -> Result<&'a SchemaValidator> {
    vs.iter()
        .find(|(o, _)| o == op)
        .map(|(_, v)| v)
        .with_context(|| format!("no validator for {op}"))
}

const OPS: [&str; 3] = ["replyMessage", "pushMessage", "multicast"];

/// `None` when `validator` rejects `body` with an error containing `expect`, else why not.
fn misjudged(
    validator: &SchemaValidator,
    what: &str,
    expect: &str,
    body: &Value,
) -> Option<String> {
    let errors = validator.errors(body);
    if errors.is_empty() {
        Some(format!("accepted: {what}"))
    } else if !errors.iter().any(|e| e.contains(expect)) {
        Some(format!(
            "rejected '{what}' for another reason than '{expect}': {errors:?}"
        ))
    } else {
        None
    }
}

#[test]
fn the_spec_alone_rejects_wrong_bodies() -> Result<()> {
    let spec_only = validators(&Spec::load("messaging-api.yml")?, &OPS)?;
    let with_docs = validators(&messaging_spec()?, &OPS)?;
    let mut lax = Vec::new();
    for (what, expect, op, body) in wrong_bodies() {
        lax.extend(
            misjudged(get(&spec_only, op)?, what, expect, &body).map(|m| format!("spec only: {m}")),
        );
        lax.extend(
            misjudged(get(&with_docs, op)?, what, expect, &body).map(|m| format!("spec+docs: {m}")),
        );
    }
    if !lax.is_empty() {
        bail!("the validator is too lax:\n  {}", lax.join("\n  "));
    }
    Ok(())
}

#[test]
fn the_docs_overlay_rejects_what_the_yaml_allows() -> Result<()> {
    let spec_only = validators(&Spec::load("messaging-api.yml")?, &OPS)?;
    let with_docs = validators(&messaging_spec()?, &OPS)?;
    let mut problems = Vec::new();
    for (what, expect, op, body) in wrong_by_docs_only() {
        // If the YAML starts rejecting these, the overlay entry can go.
        if !get(&spec_only, op)?.accepts(&body) {
            problems.push(format!(
                "the YAML itself now rejects '{what}'; drop it from the overlay"
            ));
        }
        problems.extend(misjudged(get(&with_docs, op)?, what, expect, &body));
    }
    if !problems.is_empty() {
        bail!("{}", problems.join("\n"));
    }
    Ok(())
}

#[test]
fn the_validator_accepts_what_the_docs_show() -> Result<()> {
    // LINE's own examples, written by hand from the reference (not by our serializer).
    let spec = messaging_spec()?;
    spec.request_validator("pushMessage")?.check(&json!({
        "to": "U4af4980629...",
        "messages": [
            {"type": "text", "text": "$ LINE emoji $", "emojis": [
                {"index": 0, "productId": "5ac1bfd5040ab15980c9b435", "emojiId": "001"},
                {"index": 13, "productId": "5ac1bfd5040ab15980c9b435", "emojiId": "002"}]},
            {"type": "sticker", "packageId": "446", "stickerId": "1988"},
            {"type": "text", "text": "Select your favorite food category or send me your location!",
             "quickReply": {"items": [
                {"type": "action", "imageUrl": "https://example.com/sushi.png",
                 "action": {"type": "message", "label": "Sushi", "text": "Sushi"}},
                {"type": "action", "action": {"type": "location", "label": "Send location"}}]}},
        ]
    }))
}

#[tokio::test]
async fn the_client_refuses_invalid_requests_before_sending() -> Result<()> {
    let fake = FakeLine::scripted(vec![Answer::ok_sent("1")]).await?;
    let client = fake.client(1, Duration::from_secs(5))?;
    let key = uuid::Uuid::new_v4();
    let six = vec![MessageObject::text("x"); 6];
    let cases: Vec<(&str, Result<line::SendOutcome, line::LineError>)> = vec![
        (
            "six messages",
            client.push(&PushMessageRequest::new("U1", six), key).await,
        ),
        (
            "no messages",
            client.reply(&ReplyMessageRequest::new("t", vec![])).await,
        ),
        (
            "empty text",
            client
                .reply(&ReplyMessageRequest::new(
                    "t",
                    vec![MessageObject::text("")],
                ))
                .await,
        ),
        (
            "5001 UTF-16 units",
            client
                .reply(&ReplyMessageRequest::new(
                    "t",
                    vec![MessageObject::text("あ".repeat(5001))],
                ))
                .await,
        ),
        (
            "http image",
            client
                .push(
                    &PushMessageRequest::new(
                        "U1",
                        vec![Message::image("http://x.jp/a.jpg", "https://x.jp/p.jpg").into()],
                    ),
                    key,
                )
                .await,
        ),
        (
            "501 recipients",
            client
                .multicast(
                    &MulticastRequest::new(vec!["U1".into(); 501], vec![MessageObject::text("x")]),
                    key,
                )
                .await,
        ),
        (
            "no recipients",
            client
                .multicast(
                    &MulticastRequest::new(vec![], vec![MessageObject::text("x")]),
                    key,
                )
                .await,
        ),
        (
            "empty reply token",
            client
                .reply(&ReplyMessageRequest::new(
                    " ",
                    vec![MessageObject::text("x")],
                ))
                .await,
        ),
        (
            "quick reply without label",
            client
                .push(
                    &PushMessageRequest::new(
                        "U1",
                        vec![MessageObject::text("x").with_quick_reply(QuickReply::new([
                            Action::Message {
                                label: None,
                                text: "t".into(),
                            },
                        ]))],
                    ),
                    key,
                )
                .await,
        ),
    ];
    for (what, result) in cases {
        match result {
            Err(e @ line::LineError::InvalidRequest(_)) => {
                ensure!(
                    e.is_definitely_rejected(),
                    "{what}: InvalidRequest must count as definitely rejected"
                );
            }
            other => bail!("{what}: expected InvalidRequest, got {other:?}"),
        }
    }
    ensure!(
        fake.requests().is_empty(),
        "invalid requests reached the server: {:?}",
        fake.requests()
    );
    Ok(())
}
