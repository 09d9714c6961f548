//! Demo seeding and chatter.

use std::time::Duration;

use anyhow::{Result, ensure};
use serde_json::{Value, json};

use crate::common::fixture;
use crate::openapi::Spec;

fn has_japanese(s: &str) -> bool {
    s.chars()
        .any(|c| ('\u{3040}'..='\u{30ff}').contains(&c) || ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[tokio::test]
async fn seed_shop_delivers_a_plausible_history_in_order() -> Result<()> {
    let f = fixture().await?;
    let users = linesim::seed_shop(&f.sim, 12).await?;
    ensure!(
        users.len() == 12 && f.sim.users().len() == 12,
        "{} users",
        users.len()
    );
    ensure!(
        users.iter().all(|u| !u.display_name.is_empty()),
        "empty display name"
    );
    ensure!(
        f.receiver.bad_signatures() == 0,
        "bad signatures while seeding"
    );

    let validator = Spec::load("webhook.yml")?.component_validator("CallbackRequest")?;
    for body in f.receiver.bodies() {
        validator.check(&body)?;
        let n = body["events"].as_array().map_or(0, Vec::len);
        ensure!((1..=5).contains(&n), "a seeding request carried {n} events");
    }
    let events = f.receiver.events();
    let stamps: Vec<i64> = events
        .iter()
        .filter_map(|e| e["timestamp"].as_i64())
        .collect();
    ensure!(
        stamps.windows(2).all(|w| w[0] <= w[1]),
        "events are not in chronological order"
    );
    let now = linesim_now();
    let span = stamps.last().unwrap_or(&0) - stamps.first().unwrap_or(&0);
    ensure!(
        stamps
            .iter()
            .all(|t| *t > now - 61 * 86_400_000 && *t < now),
        "timestamps outside the last 60 days"
    );
    ensure!(span > 7 * 86_400_000, "history spans only {span} ms");

    let follows = events
        .iter()
        .filter(|e| e["type"] == json!("follow"))
        .count();
    ensure!(follows == 12, "{follows} follow events");
    let texts: Vec<&str> = events
        .iter()
        .filter_map(|e| e["message"]["text"].as_str())
        .collect();
    ensure!(texts.len() >= 12, "only {} texts", texts.len());
    ensure!(
        texts.iter().all(|t| has_japanese(t)),
        "non-Japanese text in {texts:?}"
    );
    Ok(())
}

fn linesim_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

#[tokio::test]
async fn chatter_writes_and_answers_the_shop() -> Result<()> {
    let f = fixture().await?;
    let users = linesim::seed_shop(&f.sim, 5).await?;
    let before = f.receiver.events().len();

    // Frequent chatter: new customer messages arrive on their own.
    let chatter = linesim::start_chatter(
        &f.sim,
        Duration::from_millis(50)..Duration::from_millis(100),
    );
    let mut grew = false;
    for _ in 0..60 {
        tokio::time::sleep(Duration::from_millis(50)).await;
        if f.receiver.events().len() >= before + 3 {
            grew = true;
            break;
        }
    }
    chatter.abort();
    ensure!(grew, "chatter sent nothing new in 3 s");

    // Rare chatter, then the shop pushes to everyone: someone answers within seconds.
    let chatter =
        linesim::start_chatter(&f.sim, Duration::from_secs(3600)..Duration::from_secs(3601));
    tokio::time::sleep(Duration::from_millis(50)).await;
    let before = f.receiver.events().len();
    for u in &users {
        let body = json!({"to": u.user_id, "messages": [{"type": "text", "text": "15時はいかがでしょうか？"}]});
        f.api
            .post("/v2/bot/message/push", &body)
            .await?
            .expect(200)?;
    }
    let mut answers: Vec<Value> = Vec::new();
    for _ in 0..100 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        answers = f.receiver.events().split_off(before);
        if !answers.is_empty() {
            break;
        }
    }
    chatter.abort();
    ensure!(
        !answers.is_empty(),
        "no customer answered the shop within 10 s"
    );
    ensure!(
        answers
            .iter()
            .all(|e| e["message"]["text"].as_str().is_some_and(has_japanese)),
        "answers: {answers:?}"
    );
    Ok(())
}
