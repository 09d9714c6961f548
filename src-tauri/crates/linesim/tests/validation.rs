//! Message-object validation: LINE's 400 ErrorResponse with `details[].property`.

use anyhow::{Result, ensure};
use serde_json::{Value, json};

use crate::common::{Fixture, fixture};
use crate::openapi::Spec;

async fn push(f: &Fixture, messages: Value) -> Result<crate::common::Answer> {
    let u = f.sim.users().into_iter().next();
    let to = match u {
        Some(u) => u.user_id,
        None => f.sim.add_user("検証 太郎").user_id,
    };
    f.api
        .post(
            "/v2/bot/message/push",
            &json!({"to": to, "messages": messages}),
        )
        .await
}

#[tokio::test]
async fn six_messages_are_refused_with_the_property() -> Result<()> {
    let f = fixture().await?;
    let six: Vec<Value> = (1..=6)
        .map(|i| json!({"type": "text", "text": format!("{i}通目")}))
        .collect();
    let a = push(&f, json!(six)).await?.expect(400)?;
    Spec::load("messaging-api.yml")?
        .component_validator("ErrorResponse")?
        .check(&a.body)?;
    ensure!(a.properties() == ["messages"], "400 body: {}", a.body);
    let five: Vec<Value> = six.into_iter().take(5).collect();
    push(&f, json!(five)).await?.expect(200)?;
    ensure!(
        f.sim.all_received().len() == 5,
        "received {}",
        f.sim.all_received().len()
    );
    Ok(())
}

#[tokio::test]
async fn text_length_counts_utf16_units() -> Result<()> {
    let f = fixture().await?;
    // 2500 emoji = 5000 UTF-16 units but only 2500 characters: a char-counting check
    // would accept 5001 units.
    let at_limit = "😀".repeat(2500);
    push(&f, json!([{"type": "text", "text": at_limit}]))
        .await?
        .expect(200)?;
    let over = format!("{at_limit}a");
    let a = push(&f, json!([{"type": "text", "text": over}]))
        .await?
        .expect(400)?;
    ensure!(
        a.properties() == ["messages[0].text"],
        "400 body: {}",
        a.body
    );
    let empty = push(&f, json!([{"type": "text", "text": ""}]))
        .await?
        .expect(400)?;
    ensure!(
        empty.properties() == ["messages[0].text"],
        "empty text: {}",
        empty.body
    );
    Ok(())
}

#[tokio::test]
async fn media_urls_must_be_https() -> Result<()> {
    let f = fixture().await?;
    let a = push(
        &f,
        json!([{"type": "image", "originalContentUrl": "http://shop.example/a.png", "previewImageUrl": "https://shop.example/p.png"}]),
    )
    .await?
    .expect(400)?;
    ensure!(
        a.properties() == ["messages[0].originalContentUrl"],
        "400 body: {}",
        a.body
    );
    let long = format!("https://shop.example/{}", "a".repeat(2000));
    let b = push(&f, json!([{"type": "video", "originalContentUrl": "https://shop.example/v.mp4", "previewImageUrl": long}]))
        .await?
        .expect(400)?;
    ensure!(
        b.properties() == ["messages[0].previewImageUrl"],
        "400 body: {}",
        b.body
    );
    push(&f, json!([{"type": "image", "originalContentUrl": "https://shop.example/a.png", "previewImageUrl": "https://shop.example/p.png"}]))
        .await?
        .expect(200)?;
    Ok(())
}

#[tokio::test]
async fn message_types_are_checked() -> Result<()> {
    let f = fixture().await?;
    let cases = [
        (
            json!({"type": "file", "fileName": "a.pdf"}),
            "messages[0].type",
        ),
        (json!({"text": "no type"}), "messages[0].type"),
        (
            json!({"type": "sticker", "packageId": "446"}),
            "messages[0].stickerId",
        ),
        (
            json!({"type": "template", "template": {"type": "buttons"}}),
            "messages[0].altText",
        ),
        (
            json!({"type": "flex", "altText": "お知らせ"}),
            "messages[0].contents",
        ),
        (
            json!({"type": "location", "title": "店", "address": "東京", "latitude": 35.6}),
            "messages[0].longitude",
        ),
        (
            json!({"type": "audio", "originalContentUrl": "https://a.example/a.m4a"}),
            "messages[0].duration",
        ),
    ];
    for (message, property) in cases {
        let a = push(&f, json!([message])).await?.expect(400)?;
        ensure!(a.properties() == [property], "{message} gave {}", a.body);
    }
    let good = json!([
        {"type": "flex", "altText": "予約確認", "contents": {"type": "bubble", "body": {"type": "box", "layout": "vertical", "contents": []}}},
        {"type": "template", "altText": "確認", "template": {"type": "confirm", "text": "来店しますか？", "actions": []}},
        {"type": "location", "title": "窓口サロン", "address": "東京都渋谷区", "latitude": 35.6, "longitude": 139.7},
    ]);
    push(&f, good).await?.expect(200)?;
    ensure!(
        f.sim.all_received().len() == 3,
        "only the valid request may deliver"
    );
    Ok(())
}

#[tokio::test]
async fn unparseable_body_is_400() -> Result<()> {
    let f = fixture().await?;
    let a = f
        .api
        .post("/v2/bot/message/push", &json!("just a string"))
        .await?
        .expect(400)?;
    ensure!(a.body["message"].is_string(), "body: {}", a.body);
    Ok(())
}
