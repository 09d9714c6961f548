//! Injected faults: errors, hangs and slow successes.

use std::time::{Duration, Instant};

use anyhow::{Result, ensure};
use serde_json::json;

use crate::common::fixture;

#[tokio::test]
async fn a_500_then_the_retry_succeeds_once() -> Result<()> {
    let f = fixture().await?;
    let u = f.sim.add_user("松本 楓");
    f.sim.faults().fail_next("push", 500, 1);
    let body =
        json!({"to": u.user_id, "messages": [{"type": "text", "text": "明日お待ちしております"}]});
    let key = uuid::Uuid::new_v4().to_string();
    let failed = f
        .api
        .post_with_retry_key("/v2/bot/message/push", &body, &key)
        .await?
        .expect(500)?;
    ensure!(
        failed.header("x-line-request-id").is_some(),
        "fault answer without request id"
    );
    ensure!(
        f.sim.received(&u.user_id).is_empty(),
        "the failed request delivered"
    );
    f.api
        .post_with_retry_key("/v2/bot/message/push", &body, &key)
        .await?
        .expect(200)?;
    ensure!(
        f.sim.received(&u.user_id).len() == 1,
        "received {}",
        f.sim.received(&u.user_id).len()
    );
    let stats = f.sim.stats();
    ensure!(
        stats.faulted == 1 && stats.requests("push") == 2,
        "stats: {stats:?}"
    );
    Ok(())
}

#[tokio::test]
async fn faults_target_their_endpoint_and_count_down() -> Result<()> {
    let f = fixture().await?;
    f.sim.faults().fail_next("profile", 429, 2);
    f.api.get("/v2/bot/info").await?.expect(200)?;
    let u = f.sim.add_user("林 美穂");
    let path = format!("/v2/bot/profile/{}", u.user_id);
    f.api.get(&path).await?.expect(429)?;
    f.api.get(&path).await?.expect(429)?;
    f.api.get(&path).await?.expect(200)?;

    f.sim.faults().fail_all_next(503, 0);
    f.api.get("/v2/bot/info").await?.expect(503)?;
    f.api.get("/v2/bot/message/quota").await?.expect(503)?;
    f.sim.faults().clear();
    f.api.get("/v2/bot/info").await?.expect(200)?;
    Ok(())
}

#[tokio::test]
async fn a_slow_success_is_processed_and_a_hang_is_not() -> Result<()> {
    let f = fixture().await?;
    let u = f.sim.add_user("森 智子");
    let body = json!({"to": u.user_id, "messages": [{"type": "text", "text": "遅延テスト"}]});

    f.sim
        .faults()
        .delay_next("push", Duration::from_millis(300), 1);
    let key = uuid::Uuid::new_v4().to_string();
    let started = Instant::now();
    f.api
        .post_with_retry_key("/v2/bot/message/push", &body, &key)
        .await?
        .expect(200)?;
    ensure!(
        started.elapsed() >= Duration::from_millis(300),
        "the delay was not applied"
    );
    // A client that timed out and retries learns the message was already accepted.
    f.api
        .post_with_retry_key("/v2/bot/message/push", &body, &key)
        .await?
        .expect(409)?;

    f.sim
        .faults()
        .hang_next("push", Duration::from_millis(200), 1);
    let started = Instant::now();
    f.api
        .post("/v2/bot/message/push", &body)
        .await?
        .expect(504)?;
    ensure!(
        started.elapsed() >= Duration::from_millis(200),
        "the hang was not applied"
    );
    ensure!(
        f.sim.received(&u.user_id).len() == 1,
        "received {}",
        f.sim.received(&u.user_id).len()
    );
    Ok(())
}
