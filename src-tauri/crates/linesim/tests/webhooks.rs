//! Webhook events: signed, in webhook.yml's shape, redelivered as LINE does.

use anyhow::{Context, Result, bail, ensure};
use linesim::LineEmoji;
use serde_json::{Value, json};

use crate::common::{SECRET, fixture, only_event};
use crate::openapi::Spec;

fn callback_validator() -> Result<crate::openapi::SchemaValidator> {
    Spec::load("webhook.yml")?.component_validator("CallbackRequest")
}

#[tokio::test]
async fn every_event_kind_arrives_signed_and_matches_webhook_yml() -> Result<()> {
    let f = fixture().await?;
    let u = f.sim.add_user("佐藤 美咲");
    let id = u.user_id.as_str();
    let heart = LineEmoji::new("5ac1bfd5040ab15980c9b435", "001", "(love)");
    let mut deliveries = vec![
        f.sim.follow(id, false).await?,
        f.sim.send_text(id, "こんにちは、予約できますか？").await?,
        f.sim
            .send_text_with_emoji(id, "🌸ありがとう$です", &[heart])
            .await?,
        f.sim
            .send_sticker(id, "446", "1988", &["ありがとう"])
            .await?,
        f.sim.send_image(id).await?,
        f.sim.send_video(id).await?,
        f.sim.send_audio(id).await?,
        f.sim.send_file(id, "メニュー.pdf", 2048).await?,
        f.sim
            .send_location(id, "表参道駅", "東京都港区北青山3丁目", 35.665, 139.712)
            .await?,
        f.sim
            .postback(
                id,
                "action=reserve",
                Some(json!({"datetime": "2026-07-01T15:00"})),
            )
            .await?,
    ];
    let text_id = deliveries[1]
        .message_ids
        .first()
        .cloned()
        .context("text delivery has no message id")?;
    deliveries.push(f.sim.unsend(id, &text_id).await?);
    deliveries.push(f.sim.unfollow(id).await?);

    for d in &deliveries {
        ensure!(
            d.status == 200,
            "receiver answered {} for {:?}",
            d.status,
            d.events
        );
    }
    ensure!(
        f.receiver.bad_signatures() == 0,
        "{} webhook(s) failed signature verification",
        f.receiver.bad_signatures()
    );
    let bodies = f.receiver.bodies();
    ensure!(
        bodies.len() == deliveries.len(),
        "receiver accepted {} of {} webhooks",
        bodies.len(),
        deliveries.len()
    );

    let validator = callback_validator()?;
    for body in &bodies {
        validator.check(body)?;
        ensure!(
            body["destination"] == json!(f.sim.config().bot_user_id),
            "wrong destination in {body}"
        );
    }
    let kinds: Vec<String> = f
        .receiver
        .events()
        .iter()
        .map(|e| match e["type"].as_str() {
            Some("message") => format!("message/{}", e["message"]["type"].as_str().unwrap_or("?")),
            other => other.unwrap_or("?").to_owned(),
        })
        .collect();
    let expected = [
        "follow",
        "message/text",
        "message/text",
        "message/sticker",
        "message/image",
        "message/video",
        "message/audio",
        "message/file",
        "message/location",
        "postback",
        "unsend",
        "unfollow",
    ];
    ensure!(kinds == expected, "event kinds arrived as {kinds:?}");

    // Reply tokens exactly where LINE gives them.
    for (d, kind) in deliveries.iter().zip(expected) {
        let has_token = !d.reply_tokens.is_empty();
        let should = !matches!(kind, "unsend" | "unfollow");
        ensure!(
            has_token == should,
            "{kind}: reply token present = {has_token}"
        );
    }

    // LINE emoji: "(love)" sits after "🌸ありがとう" = 2 + 5 UTF-16 units.
    let emoji_event = only_event(&deliveries[2])?;
    ensure!(
        emoji_event["message"]["text"] == json!("🌸ありがとう(love)です"),
        "emoji text: {emoji_event}"
    );
    ensure!(
        emoji_event["message"]["emojis"]
            == json!([{"index": 7, "length": 6, "productId": "5ac1bfd5040ab15980c9b435", "emojiId": "001"}]),
        "emojis: {}",
        emoji_event["message"]["emojis"]
    );
    ensure!(
        only_event(&deliveries[4])?["message"]["contentProvider"] == json!({"type": "line"}),
        "image provider"
    );
    Ok(())
}

#[tokio::test]
async fn schema_check_rejects_an_event_without_required_fields() -> Result<()> {
    // The webhook.yml check above must be able to fail: drop a required field.
    let f = fixture().await?;
    let u = f.sim.add_user("たかはし");
    let mut e = f.sim.event_text(&u.user_id, "テスト", None);
    let validator = callback_validator()?;
    validator.check(&json!({"destination": f.sim.config().bot_user_id, "events": [e.clone()]}))?;
    if let Some(m) = e["message"].as_object_mut() {
        m.remove("quoteToken");
    }
    if validator
        .check(&json!({"destination": f.sim.config().bot_user_id, "events": [e]}))
        .is_ok()
    {
        bail!("a text message event without quoteToken passed the webhook.yml check");
    }
    Ok(())
}

#[tokio::test]
async fn redelivery_keeps_event_ids_and_sets_the_flag() -> Result<()> {
    let f = fixture().await?;
    let u = f.sim.add_user("Yuki☆");
    let first = f
        .sim
        .send_text(&u.user_id, "明日の予約を変更したいです")
        .await?;
    let again = f.sim.redeliver(&first).await?;
    ensure!(
        again.webhook_event_ids == first.webhook_event_ids,
        "ids changed on redelivery"
    );
    ensure!(
        again.body != first.body,
        "redelivered body is identical, so isRedelivery was not set"
    );

    let events = f.receiver.events();
    ensure!(events.len() == 2, "receiver saw {} events", events.len());
    ensure!(
        events[0]["deliveryContext"]["isRedelivery"] == json!(false),
        "first: {}",
        events[0]
    );
    ensure!(
        events[1]["deliveryContext"]["isRedelivery"] == json!(true),
        "second: {}",
        events[1]
    );
    ensure!(
        events[0]["webhookEventId"] == events[1]["webhookEventId"],
        "webhookEventId differs"
    );
    ensure!(
        f.receiver.bad_signatures() == 0,
        "redelivery was not re-signed correctly"
    );
    Ok(())
}

#[tokio::test]
async fn several_events_with_past_timestamps_in_one_request() -> Result<()> {
    let f = fixture().await?;
    let u = f.sim.add_user("鈴木 陽菜");
    let past = 1_700_000_000_000_i64;
    let events = vec![
        f.sim.event_follow(&u.user_id, false, Some(past)),
        f.sim
            .event_text(&u.user_id, "はじめまして", Some(past + 1_000)),
        f.sim
            .event_sticker(&u.user_id, "446", "1988", &[], Some(past + 2_000)),
    ];
    let d = f.sim.deliver(events).await?;
    ensure!(
        d.webhook_event_ids.len() == 3 && d.message_ids.len() == 2,
        "delivery summary: {d:?}"
    );
    let bodies = f.receiver.bodies();
    ensure!(
        bodies.len() == 1,
        "expected one request, got {}",
        bodies.len()
    );
    let stamps: Vec<i64> = f
        .receiver
        .events()
        .iter()
        .filter_map(|e| e["timestamp"].as_i64())
        .collect();
    ensure!(
        stamps == [past, past + 1_000, past + 2_000],
        "timestamps {stamps:?}"
    );
    // A ULID's first 10 characters encode its time: ids must follow the event time.
    let prefix = ulid::Ulid::from_parts(past as u64, 0).to_string()[..10].to_owned();
    ensure!(
        d.webhook_event_ids[0].starts_with(&prefix),
        "event id {} not at {past}",
        d.webhook_event_ids[0]
    );
    Ok(())
}

#[tokio::test]
async fn signed_body_verifies_and_tampering_does_not() -> Result<()> {
    let f = fixture().await?;
    let u = f.sim.add_user("田中 さくら");
    let (body, sig) = f
        .sim
        .signed_body(vec![f.sim.event_text(&u.user_id, "テスト", None)]);
    line::signature::verify(SECRET, &body, Some(&sig)).context("signature of signed_body")?;
    let mut tampered = body.clone();
    tampered.push(b' ');
    ensure!(
        line::signature::verify(SECRET, &tampered, Some(&sig)).is_err(),
        "tampered body verified"
    );
    let parsed: Value = serde_json::from_slice(&body)?;
    ensure!(
        parsed["events"].as_array().map(Vec::len) == Some(1),
        "body: {parsed}"
    );
    Ok(())
}

#[tokio::test]
async fn a_failing_receiver_is_reported_not_hidden() -> Result<()> {
    let f = fixture().await?;
    let u = f.sim.add_user("伊藤 健太");
    f.receiver.answer_with(500);
    let d = f.sim.send_text(&u.user_id, "届いてますか？").await?;
    ensure!(d.status == 500, "status {}", d.status);
    ensure!(
        f.sim.stats().webhook_failures == 1,
        "stats: {:?}",
        f.sim.stats()
    );
    Ok(())
}
