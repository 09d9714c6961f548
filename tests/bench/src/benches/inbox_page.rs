//! The first inbox page with 100 000 friends and 2 000 000 messages: what the owner
//! waits for when the app opens. Ours reads the denormalised `conversations` rows
//! through the API's own dispatch; the peer is the obvious schema without them (the
//! newest message per chat computed from `messages` on every open), run on the same
//! data in the same run.

use std::sync::Arc;
use std::time::Instant;

use anyhow::Context as _;
use madoguchi_core::api::{Request, Response};
use madoguchi_core::secrets::MemorySecretStore;
use madoguchi_core::{Core, CoreOptions};
use serde_json::json;

use super::Benchmark;
use crate::Ctx;
use crate::report::{Outcome, Row, ms};
use crate::rounds::{Paired, ROUNDS};
use crate::stats::percentile;

pub const BENCH: Benchmark = Benchmark { name: "inbox-page", run: |ctx| Box::pin(run(ctx)) };

pub const FRIENDS: i64 = 100_000;
pub const MESSAGES: i64 = 2_000_000;
const PAGE: u32 = 50;
const GOAL_MS: f64 = 20.0;
/// Warm pages of ours per round; the peer computes one page per round.
const PER_ROUND: usize = 40;

async fn run(ctx: &Ctx) -> anyhow::Result<Outcome> {
    let dir = ctx.work.path().join("inbox-page");
    let t = Instant::now();
    let account_id = populate(&dir).await?;
    let built = t.elapsed();

    // Cold: open the store (migrations checked, pool, WAL), then the first page on a
    // fresh connection cache, as the app does at start.
    let t = Instant::now();
    let core = open(&dir).await?;
    let opened = t.elapsed();
    let t = Instant::now();
    first_page(&core, account_id).await?;
    let cold = t.elapsed();

    // Rounds of ours (PER_ROUND pages) and the peer (one page) in turn, A B A B …
    let mut warm = Vec::with_capacity(ROUNDS * PER_ROUND);
    let mut paired = Paired::latency();
    for _ in 0..ROUNDS {
        let mut round = Vec::with_capacity(PER_ROUND);
        for _ in 0..PER_ROUND {
            let t = Instant::now();
            first_page(&core, account_id).await?;
            round.push(t.elapsed().as_micros() as u64);
        }
        round.sort_unstable();
        let t = Instant::now();
        let rows: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT conversation_id, max(created_at) AS last FROM messages
             WHERE account_id = ? GROUP BY conversation_id ORDER BY last DESC LIMIT ?",
        )
        .bind(account_id)
        .bind(i64::from(PAGE))
        .fetch_all(&core.store().pool)
        .await?;
        anyhow::ensure!(rows.len() == PAGE as usize, "peer query returned {} rows", rows.len());
        let peer_us = t.elapsed().as_micros() as u64;
        paired.push(percentile(&round, 95.0) as f64 / 1000.0, peer_us as f64 / 1000.0);
        warm.extend(round);
    }
    warm.sort_unstable();
    let p50 = percentile(&warm, 50.0);
    let p95 = (paired.ours_median() * 1000.0) as u64;
    let cold_us = cold.as_micros() as u64;
    let goal_us = (GOAL_MS * 1000.0) as u64;
    core.shutdown().await;

    Ok(Outcome {
        rows: vec![
            Row::info(format!("inbox first page, 100k friends / 2M messages: p95 (warm; median of {ROUNDS} rounds' p95)"), ms(p95))
                .paired(format!("{:.2} ms", paired.peer_median()), &paired)
                .goal(format!("< {GOAL_MS} ms"), p95 < goal_us),
            Row::info("inbox first page: p50 (warm)", ms(p50)),
            Row::info("inbox first page: cold (first query after opening)", ms(cold_us)).goal(format!("< {GOAL_MS} ms"), cold_us < goal_us),
            Row::info("opening the 2M-message store (part of app start-up)", ms(opened.as_micros() as u64)),
        ],
        notes: vec![format!(
            "inbox-page: {FRIENDS} friends, {MESSAGES} messages generated in {:.1} s; {ROUNDS} rounds of {PER_ROUND} warm {PAGE}-row pages through the API dispatch, each followed by the peer = the same page computed from `messages` (GROUP BY, what a schema without per-chat rows does); per round, our p95 against the peer: {}",
            built.as_secs_f64(),
            paired.per_round(|x| format!("{x:.2} ms"))
        )],
    })
}

async fn open(dir: &std::path::Path) -> anyhow::Result<Core> {
    let mut opts = CoreOptions::new(dir, Arc::new(MemorySecretStore::default()));
    opts.start_workers = false;
    Core::open(opts).await.context("open the bench store")
}

async fn first_page(core: &Core, account_id: i64) -> anyhow::Result<()> {
    // Built from JSON so fields added to the request later keep their defaults.
    let req: Request = serde_json::from_value(json!({
        "method": "listConversations",
        "params": { "accountId": account_id, "limit": PAGE }
    }))?;
    match core.dispatch(req).await {
        Ok(Response::Conversations(page)) => {
            anyhow::ensure!(page.items.len() == PAGE as usize, "short page: {}", page.items.len());
            Ok(())
        }
        other => anyhow::bail!("unexpected answer: {other:?}"),
    }
}

/// 100k friends with one chat each and 20 messages per chat, in one transaction of
/// set-based inserts (recursive CTEs), then the per-chat summary the ingest keeps.
pub async fn populate(dir: &std::path::Path) -> anyhow::Result<i64> {
    std::fs::create_dir_all(dir)?;
    let core = open(dir).await?;
    let pool = &core.store().pool;
    let account = madoguchi_core::accounts::ensure(pool, "bench", "ベンチ店").await?;
    let per_chat = MESSAGES / FRIENDS;
    let now = madoguchi_core::time::now_ms();
    let mut tx = pool.begin().await?;
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?2)
         INSERT INTO friends (id, account_id, line_user_id, display_name, followed, profile_fetched_at, first_seen_at, last_seen_at)
         SELECT i, ?1, printf('U%032x', i), 'お客様' || i, 1, ?3, ?3, ?3 FROM n",
    )
    .bind(account.id)
    .bind(FRIENDS)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sqlx::query("INSERT INTO conversations (id, account_id, friend_id) SELECT id, account_id, id FROM friends")
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ?2 - 1)
         INSERT INTO messages (account_id, conversation_id, direction, kind, text, payload_json, created_at, status)
         SELECT ?1, (i % ?3) + 1, CASE WHEN i % 3 = 0 THEN 'out' ELSE 'in' END, 'text',
                '予約の確認です。明日の' || (i % 12 + 9) || '時でお願いします #' || i, '{}',
                ?4 - (?2 - i) * 1000, CASE WHEN i % 3 = 0 THEN 'sent' ELSE 'received' END
         FROM n",
    )
    .bind(account.id)
    .bind(FRIENDS * per_chat)
    .bind(FRIENDS)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE conversations SET
           last_message_at = (SELECT max(created_at) FROM messages m WHERE m.conversation_id = conversations.id),
           last_preview = (SELECT text FROM messages m WHERE m.conversation_id = conversations.id ORDER BY created_at DESC LIMIT 1),
           last_kind = 'text', last_direction = 'in', unread_count = id % 4",
    )
    .execute(&mut *tx)
    .await?;
    // A live store's background workers (away replies, keyword tag rules) have seen every
    // message as it arrived; left at 0 they would chew through 2M "new" messages at the
    // next start, which no real shop's app ever does.
    for advance in [
        "UPDATE auto_reply_cursor SET last_message_id = (SELECT max(id) FROM messages)",
        "UPDATE tag_rule_cursor SET last_message_id = (SELECT max(id) FROM messages)",
    ] {
        sqlx::query(advance).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    // A running app checkpoints in the background; without this the next open would
    // first index a 700 MB write-ahead log that no real shop has.
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(pool).await?;
    core.shutdown().await;
    Ok(account.id)
}
