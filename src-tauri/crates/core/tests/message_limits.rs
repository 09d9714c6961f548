//! LINE's limits on message objects are checked when a message object is saved for
//! later sending (here through keyword rules, which take any message object), not only
//! when it is sent: each limit exactly at its value is accepted, one over is refused
//! with an error naming the field in both languages.

use madoguchi_core::api::types::*;
use madoguchi_core::api::{ApiError, Request, Response};
use serde_json::{json, Value};

use crate::support::Harness;

fn chars(n: usize) -> String {
    "あ".repeat(n)
}

/// An https URL exactly `n` characters long.
fn url(n: usize) -> String {
    let head = "https://example.com/";
    format!("{head}{}", "a".repeat(n - head.len()))
}

fn text_with(extra: Value) -> Value {
    let mut m = json!({ "type": "text", "text": "こんにちは" });
    if let (Some(m), Some(extra)) = (m.as_object_mut(), extra.as_object()) {
        m.extend(extra.clone());
    }
    m
}

fn quick_reply(items: Vec<Value>) -> Value {
    text_with(json!({ "quickReply": { "items": items } }))
}

fn qr_item(action: Value) -> Value {
    json!({ "type": "action", "action": action })
}

fn message_action(label: &str) -> Value {
    json!({ "type": "message", "label": label, "text": "はい" })
}

fn buttons(title: Option<&str>, text: &str, actions: Vec<Value>) -> Value {
    let mut template = json!({ "type": "buttons", "text": text, "actions": actions });
    if let Some(t) = title {
        template["title"] = json!(t);
    }
    json!({ "type": "template", "altText": "メニュー", "template": template })
}

fn n_actions(n: usize) -> Vec<Value> {
    (0..n).map(|i| message_action(&format!("選択{i}"))).collect()
}

/// (what, the field the error must name, the message at the limit, one over).
fn cases() -> Vec<(&'static str, &'static str, Value, Value)> {
    vec![
        ("text length", "メッセージ", json!({ "type": "text", "text": chars(5000) }), json!({ "type": "text", "text": chars(5001) })),
        ("sender name", "sender.name", text_with(json!({ "sender": { "name": chars(20) } })), text_with(json!({ "sender": { "name": chars(21) } }))),
        (
            "sender icon URL",
            "sender.iconUrl",
            text_with(json!({ "sender": { "iconUrl": url(2000) } })),
            text_with(json!({ "sender": { "iconUrl": url(2001) } })),
        ),
        (
            "sender icon https",
            "sender.iconUrl",
            text_with(json!({ "sender": { "iconUrl": "https://example.com/i.png" } })),
            text_with(json!({ "sender": { "iconUrl": "http://example.com/i.png" } })),
        ),
        (
            "postback data",
            "quickReply.items[0].action.data",
            quick_reply(vec![qr_item(json!({ "type": "postback", "label": "予約", "data": "d".repeat(300) }))]),
            quick_reply(vec![qr_item(json!({ "type": "postback", "label": "予約", "data": "d".repeat(301) }))]),
        ),
        (
            "postback displayText",
            "quickReply.items[0].action.displayText",
            quick_reply(vec![qr_item(json!({ "type": "postback", "label": "予約", "data": "a", "displayText": chars(300) }))]),
            quick_reply(vec![qr_item(json!({ "type": "postback", "label": "予約", "data": "a", "displayText": chars(301) }))]),
        ),
        (
            "datetime picker data",
            "quickReply.items[0].action.data",
            quick_reply(vec![qr_item(json!({ "type": "datetimepicker", "label": "日時", "data": "d".repeat(300), "mode": "date" }))]),
            quick_reply(vec![qr_item(json!({ "type": "datetimepicker", "label": "日時", "data": "d".repeat(301), "mode": "date" }))]),
        ),
        (
            "quick-reply image URL",
            "quickReply.items[0].imageUrl",
            quick_reply(vec![json!({ "type": "action", "imageUrl": url(2000), "action": message_action("はい") })]),
            quick_reply(vec![json!({ "type": "action", "imageUrl": url(2001), "action": message_action("はい") })]),
        ),
        (
            "quick-reply image https",
            "quickReply.items[0].imageUrl",
            quick_reply(vec![json!({ "type": "action", "imageUrl": "https://example.com/a.png", "action": message_action("はい") })]),
            quick_reply(vec![json!({ "type": "action", "imageUrl": "http://example.com/a.png", "action": message_action("はい") })]),
        ),
        (
            "quick-reply items",
            "quickReply.items",
            quick_reply((0..13).map(|i| qr_item(message_action(&format!("{i}")))).collect()),
            quick_reply((0..14).map(|i| qr_item(message_action(&format!("{i}")))).collect()),
        ),
        (
            "quick-reply label",
            "quickReply.items[0].action.label",
            quick_reply(vec![qr_item(message_action(&chars(20)))]),
            quick_reply(vec![qr_item(message_action(&chars(21)))]),
        ),
        (
            "message action text",
            "quickReply.items[0].action.text",
            quick_reply(vec![qr_item(json!({ "type": "message", "label": "はい", "text": chars(300) }))]),
            quick_reply(vec![qr_item(json!({ "type": "message", "label": "はい", "text": chars(301) }))]),
        ),
        (
            "URI action uri",
            "quickReply.items[0].action.uri",
            quick_reply(vec![qr_item(json!({ "type": "uri", "label": "地図", "uri": url(1000) }))]),
            quick_reply(vec![qr_item(json!({ "type": "uri", "label": "地図", "uri": url(1001) }))]),
        ),
        (
            "image https",
            "originalContentUrl",
            json!({ "type": "image", "originalContentUrl": "https://example.com/a.jpg", "previewImageUrl": "https://example.com/p.jpg" }),
            json!({ "type": "image", "originalContentUrl": "http://example.com/a.jpg", "previewImageUrl": "https://example.com/p.jpg" }),
        ),
        (
            "image URL",
            "previewImageUrl",
            json!({ "type": "image", "originalContentUrl": url(2000), "previewImageUrl": url(2000) }),
            json!({ "type": "image", "originalContentUrl": url(2000), "previewImageUrl": url(2001) }),
        ),
        (
            "video tracking id",
            "trackingId",
            json!({ "type": "video", "originalContentUrl": url(30), "previewImageUrl": url(30), "trackingId": "t".repeat(100) }),
            json!({ "type": "video", "originalContentUrl": url(30), "previewImageUrl": url(30), "trackingId": "t".repeat(101) }),
        ),
        (
            "location title",
            "title",
            json!({ "type": "location", "title": chars(100), "address": "東京都", "latitude": 35.0, "longitude": 139.0 }),
            json!({ "type": "location", "title": chars(101), "address": "東京都", "latitude": 35.0, "longitude": 139.0 }),
        ),
        (
            "location address",
            "address",
            json!({ "type": "location", "title": "店", "address": chars(100), "latitude": 35.0, "longitude": 139.0 }),
            json!({ "type": "location", "title": "店", "address": chars(101), "latitude": 35.0, "longitude": 139.0 }),
        ),
        ("buttons actions", "template.actions", buttons(None, "どれにしますか", n_actions(4)), buttons(None, "どれにしますか", n_actions(5))),
        (
            "button label",
            "template.actions[0].label",
            buttons(None, "どれにしますか", vec![message_action(&chars(20))]),
            buttons(None, "どれにしますか", vec![message_action(&chars(21))]),
        ),
        ("buttons text", "template.text", buttons(None, &chars(160), n_actions(1)), buttons(None, &chars(161), n_actions(1))),
        (
            "buttons text under a title",
            "template.text",
            buttons(Some("メニュー"), &chars(60), n_actions(1)),
            buttons(Some("メニュー"), &chars(61), n_actions(1)),
        ),
        ("buttons title", "template.title", buttons(Some(&chars(40)), "はい", n_actions(1)), buttons(Some(&chars(41)), "はい", n_actions(1))),
        (
            "buttons thumbnail https",
            "template.thumbnailImageUrl",
            json!({ "type": "template", "altText": "a", "template": { "type": "buttons", "text": "t", "thumbnailImageUrl": "https://example.com/t.jpg", "actions": n_actions(1) } }),
            json!({ "type": "template", "altText": "a", "template": { "type": "buttons", "text": "t", "thumbnailImageUrl": "http://example.com/t.jpg", "actions": n_actions(1) } }),
        ),
        (
            "alt text",
            "altText",
            json!({ "type": "template", "altText": chars(1500), "template": { "type": "buttons", "text": "t", "actions": n_actions(1) } }),
            json!({ "type": "template", "altText": chars(1501), "template": { "type": "buttons", "text": "t", "actions": n_actions(1) } }),
        ),
        (
            "confirm text",
            "template.text",
            json!({ "type": "template", "altText": "a", "template": { "type": "confirm", "text": chars(240), "actions": n_actions(2) } }),
            json!({ "type": "template", "altText": "a", "template": { "type": "confirm", "text": chars(241), "actions": n_actions(2) } }),
        ),
        (
            "confirm actions",
            "template.actions",
            json!({ "type": "template", "altText": "a", "template": { "type": "confirm", "text": "はい", "actions": n_actions(2) } }),
            json!({ "type": "template", "altText": "a", "template": { "type": "confirm", "text": "はい", "actions": n_actions(3) } }),
        ),
    ]
}

async fn save(h: &Harness, message: Value) -> Result<Response, ApiError> {
    let rule = KeywordRuleInput {
        id: None,
        match_kind: MatchKind::Exact,
        pattern: "メニュー".into(),
        messages: vec![message],
        active_from: None,
        active_until: None,
        active_hours: None,
        enabled: true,
    };
    h.core.dispatch(Request::SaveKeywordRules(SaveKeywordRules { account_id: h.account_id, rules: vec![rule] })).await
}

#[tokio::test]
async fn keyword_rule_messages_are_held_to_lines_limits_when_saved() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    let mut wrong = Vec::new();
    for (what, field, at_limit, over) in cases() {
        if let Err(e) = save(&h, at_limit).await {
            wrong.push(format!("{what}: at the limit refused: {}", e.message));
        }
        match save(&h, over).await {
            Ok(_) => wrong.push(format!("{what}: one over the limit accepted")),
            Err(e) => {
                let named = e.message.contains(field) || (field == "メッセージ" && e.message.contains("message"));
                if e.code != "invalid" || !named || !e.message_ja.contains(field) {
                    wrong.push(format!("{what}: error does not name {field}: {} / {} ({})", e.message, e.message_ja, e.code));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    Ok(())
}

#[tokio::test]
async fn a_text_saved_for_later_is_held_to_the_same_length_limit() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    let over = chars(5001);
    let greeting = h
        .core
        .dispatch(Request::SetGreeting(SetGreeting {
            account_id: h.account_id,
            greeting: GreetingSettings { enabled: true, follow_text: over.clone(), unblock_text: None },
        }))
        .await;
    let away = h
        .core
        .dispatch(Request::SetAwayReply(SetAwayReply {
            account_id: h.account_id,
            away: AwayReplySettings { enabled: true, text: over.clone() },
        }))
        .await;
    for (what, r) in [("greeting", greeting), ("away reply", away)] {
        let e = r.err().ok_or_else(|| anyhow::anyhow!("{what}: 5001 characters accepted"))?;
        assert!(e.message_ja.contains("5000"), "{what}: {}", e.message_ja);
    }
    Ok(())
}
