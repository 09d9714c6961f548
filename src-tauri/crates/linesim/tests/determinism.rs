//! Same seed, same simulation: only wall-clock timestamps may differ.

use anyhow::{Result, ensure};
use serde_json::Value;

use crate::common::{config, fixture_with};

/// Runs a fixed script and returns (user ids, events without their time-dependent parts).
async fn run(seed: u64) -> Result<(Vec<String>, Vec<Value>)> {
    let f = fixture_with(config(seed)).await?;
    let a = f.sim.add_user("佐藤 美咲");
    let b = f.sim.add_user("たかはし");
    f.sim.follow(&a.user_id, false).await?;
    f.sim.send_text(&a.user_id, "こんにちは").await?;
    f.sim.send_image(&b.user_id).await?;
    f.sim.send_sticker(&b.user_id, "446", "1988", &[]).await?;
    f.sim.postback(&a.user_id, "action=reserve", None).await?;
    let events = f
        .receiver
        .events()
        .into_iter()
        .map(|mut e| {
            if let Some(o) = e.as_object_mut() {
                o.remove("timestamp");
                // A ULID is 10 characters of time, then 16 of randomness (from the seed).
                if let Some(id) = o.get("webhookEventId").and_then(Value::as_str) {
                    let random = id.get(10..).unwrap_or_default().to_owned();
                    o.insert("webhookEventId".into(), Value::String(random));
                }
            }
            e
        })
        .collect();
    Ok((
        f.sim.users().into_iter().map(|u| u.user_id).collect(),
        events,
    ))
}

#[tokio::test]
async fn same_seed_gives_the_same_users_and_events() -> Result<()> {
    let (users1, events1) = run(7).await?;
    let (users2, events2) = run(7).await?;
    ensure!(
        users1 == users2,
        "user ids differ: {users1:?} vs {users2:?}"
    );
    ensure!(
        events1.len() == 5,
        "expected 5 events, got {}",
        events1.len()
    );
    ensure!(
        events1 == events2,
        "event sequences differ:\n{events1:#?}\nvs\n{events2:#?}"
    );

    let (users3, events3) = run(8).await?;
    ensure!(users3 != users1, "another seed gave the same user ids");
    ensure!(events3 != events1, "another seed gave the same events");
    Ok(())
}
