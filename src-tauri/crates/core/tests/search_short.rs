//! Search for 1- and 2-character queries: the bigram index (migration 0016) against a
//! plain substring scan, as messages are stored, edited, unsent, cancelled and deleted,
//! and on a store made before the index existed, while its backfill runs and after.

use std::path::Path;

use madoguchi_core::api::types::SearchQuery;
use madoguchi_core::search::{self, backfill, bigram, text};
use madoguchi_core::store::{Store, DB_FILE, MIGRATOR};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use sqlx::SqlitePool;

use crate::support::{eventually, Harness};

/// Kana, kanji, Latin in both cases (ASCII and full-width), emoji, punctuation, spaces
/// and the characters that mean something to LIKE, FTS5 or JSON.
const ALPHABET: &str = "あいうかきアイウカキ予約変更色傘田中abcABCｘＸ 　😀🎉ー、。！\"*%_\\'";

fn random_text(rng: &mut StdRng, alphabet: &[char]) -> String {
    let n = rng.random_range(1..25);
    (0..n).map(|_| alphabet[rng.random_range(0..alphabet.len())]).collect()
}

/// Every 1-character query of the alphabet, and 2-character ones: cut from stored
/// texts (so they hit) and random pairs (mostly absent), in mixed case.
fn short_queries(rng: &mut StdRng, alphabet: &[char], texts: &[String]) -> Vec<String> {
    let mut qs: Vec<String> = alphabet.iter().map(|c| c.to_string()).collect();
    for i in 0..160 {
        let q: String = if i % 2 == 0 {
            let t: Vec<char> = texts[rng.random_range(0..texts.len())].chars().collect();
            let start = rng.random_range(0..t.len());
            t[start..(start + 2).min(t.len())].iter().collect()
        } else {
            (0..2).map(|_| alphabet[rng.random_range(0..alphabet.len())]).collect()
        };
        qs.push(q);
    }
    qs.extend(["Ab", "aB", "ｘ", "Ｘa", "色", "傘", "予約", "田中"].map(String::from));
    qs.retain(|q| !q.trim().is_empty());
    qs
}

async fn search_all(pool: &SqlitePool, query: &str) -> anyhow::Result<Vec<i64>> {
    let mut all = Vec::new();
    let mut before = None;
    loop {
        let q = SearchQuery { query: query.into(), account_id: None, before, limit: Some(7) };
        let page = search::messages(pool, &q).await?;
        all.extend(page.hits.iter().map(|h| h.id));
        match page.next_before {
            Some(b) => before = Some(b),
            None => return Ok(all),
        }
    }
}

/// The reference: what the thread shows, scanned in Rust, newest first.
async fn scan(pool: &SqlitePool, query: &str) -> anyhow::Result<Vec<i64>> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, text FROM messages WHERE text IS NOT NULL AND unsent = 0 AND status <> 'cancelled' ORDER BY id DESC",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().filter(|(_, t)| text::contains(t, query.trim())).map(|(id, _)| id).collect())
}

async fn all_equal_the_scan(pool: &SqlitePool, queries: &[String], stage: &str) -> anyhow::Result<usize> {
    let mut hits = 0;
    for q in queries {
        let want = scan(pool, q).await?;
        assert_eq!(search_all(pool, q).await?, want, "{stage}: query {q:?}");
        hits += want.len();
    }
    Ok(hits)
}

/// The index alone, without the visibility rules or the scan below the mark: it must
/// hold every message with text, so this is the scan plus unsent and cancelled ones.
async fn index_alone(pool: &SqlitePool, query: &str) -> anyhow::Result<Vec<i64>> {
    Ok(sqlx::query_scalar("SELECT rowid FROM messages_bigram WHERE messages_bigram MATCH ? ORDER BY rowid DESC")
        .bind(bigram::match_expr(query))
        .fetch_all(pool)
        .await?)
}

async fn every_text_contains(pool: &SqlitePool, query: &str) -> anyhow::Result<Vec<i64>> {
    let rows: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, text FROM messages WHERE text IS NOT NULL ORDER BY id DESC").fetch_all(pool).await?;
    Ok(rows.into_iter().filter(|(_, t)| text::contains(t, query)).map(|(id, _)| id).collect())
}

async fn insert(pool: &SqlitePool, account: i64, conversation: i64, text: Option<&str>, status: &str) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO messages (account_id, conversation_id, direction, kind, text, payload_json, created_at, status)
         VALUES (?, ?, CASE WHEN ?4 = 'received' THEN 'in' ELSE 'out' END, 'text', ?3, '{}', 1790000000000, ?4) RETURNING id",
    )
    .bind(account)
    .bind(conversation)
    .bind(text)
    .bind(status)
    .fetch_one(pool)
    .await?)
}

/// Edits, unsends, cancels and deletes a few messages, as the app and LINE do.
async fn churn(pool: &SqlitePool, rng: &mut StdRng, alphabet: &[char], ids: &[i64]) -> anyhow::Result<()> {
    for _ in 0..12 {
        let id = ids[rng.random_range(0..ids.len())];
        let new_text = random_text(rng, alphabet);
        match rng.random_range(0..5) {
            0 => sqlx::query("UPDATE messages SET text = ? WHERE id = ?").bind(new_text).bind(id).execute(pool).await?,
            1 => sqlx::query("UPDATE messages SET text = NULL WHERE id = ?").bind(id).execute(pool).await?,
            2 => sqlx::query("UPDATE messages SET unsent = 1 WHERE id = ?").bind(id).execute(pool).await?,
            3 => sqlx::query("UPDATE messages SET status = 'cancelled' WHERE id = ?").bind(id).execute(pool).await?,
            _ => sqlx::query("DELETE FROM messages WHERE id = ?").bind(id).execute(pool).await?,
        };
    }
    Ok(())
}

#[tokio::test]
async fn short_queries_equal_a_substring_scan() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    let pool = h.core.store().pool.clone();
    let u = h.sim.add_user("客");
    h.ingest(vec![h.sim.event_text(&u.user_id, "はじめまして", None)]).await?;
    let conv = h.conversation_of(&u.user_id).await?;
    let alphabet: Vec<char> = ALPHABET.chars().collect();
    let mut rng = StdRng::seed_from_u64(20261207);
    let texts: Vec<String> = (0..400).map(|_| random_text(&mut rng, &alphabet)).collect();
    let mut ids = Vec::new();
    for (i, t) in texts.iter().enumerate() {
        let status = if i % 9 == 0 { "cancelled" } else { "received" };
        ids.push(insert(&pool, h.account_id, conv, Some(t), status).await?);
    }
    assert_eq!(backfill::indexed_from(&pool).await?, 0, "a new store's index is complete from the start");
    let queries = short_queries(&mut rng, &alphabet, &texts);
    let hits = all_equal_the_scan(&pool, &queries, "stored").await?;
    assert!(hits > 1000, "the queries find many messages ({hits})");
    churn(&pool, &mut rng, &alphabet, &ids).await?;
    all_equal_the_scan(&pool, &queries, "after edits").await?;
    for q in ["予", "約", "Ab", "😀"] {
        assert_eq!(index_alone(&pool, q).await?, every_text_contains(&pool, q).await?, "index holds {q:?}");
    }
    Ok(())
}

/// The schema of the version before the short-query index: every migration up to 0015.
async fn old_store(dir: &Path, texts: &[String]) -> anyhow::Result<Vec<i64>> {
    let opts = SqliteConnectOptions::new().filename(dir.join(DB_FILE)).create_if_missing(true);
    let pool = SqlitePoolOptions::new().max_connections(1).connect_with(opts).await?;
    MIGRATOR.run_to(15, &pool).await?;
    let tables: i64 = sqlx::query_scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'messages_bigram'").fetch_one(&pool).await?;
    assert_eq!(tables, 0, "the old schema has no bigram index");
    sqlx::raw_sql(
        "INSERT INTO accounts (id, name, secret_key, created_at) VALUES (1, '店', 'k', 0);
         INSERT INTO friends (id, account_id, line_user_id, display_name, first_seen_at, last_seen_at) VALUES (1, 1, 'U1', '客', 0, 0);
         INSERT INTO conversations (id, account_id, friend_id) VALUES (1, 1, 1);",
    )
    .execute(&pool)
    .await?;
    let mut ids = Vec::new();
    for (i, t) in texts.iter().enumerate() {
        let text = if i % 50 == 7 { None } else { Some(t.as_str()) };
        let status = if i % 13 == 0 { "cancelled" } else { "received" };
        ids.push(insert(&pool, 1, 1, text, status).await?);
    }
    sqlx::query("UPDATE messages SET unsent = 1 WHERE id % 17 = 0").execute(&pool).await?;
    pool.close().await;
    Ok(ids)
}

#[tokio::test]
async fn a_store_from_before_the_index_is_searched_exactly_while_it_builds_and_after() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let alphabet: Vec<char> = ALPHABET.chars().collect();
    let mut rng = StdRng::seed_from_u64(27);
    let texts: Vec<String> = (0..1500).map(|_| random_text(&mut rng, &alphabet)).collect();
    let mut ids = old_store(dir.path(), &texts).await?;
    let queries: Vec<String> = short_queries(&mut rng, &alphabet, &texts).into_iter().step_by(3).collect();

    let store = Store::open(dir.path()).await?;
    let pool = store.pool.clone();
    let newest = *ids.last().unwrap_or(&0);
    assert_eq!(backfill::indexed_from(&pool).await?, newest + 1, "the migration indexes nothing itself");
    assert_eq!(backfill::remaining(&pool).await?, 1470);
    all_equal_the_scan(&pool, &queries, "before the backfill").await?;

    let mut steps = 0;
    while let Some(added) = backfill::step(&pool, 400).await? {
        steps += 1;
        assert!(added <= 400);
        // New messages arrive, and old ones are edited, on both sides of the mark.
        ids.push(insert(&pool, 1, 1, Some(&random_text(&mut rng, &alphabet)), "received").await?);
        churn(&pool, &mut rng, &alphabet, &ids).await?;
        all_equal_the_scan(&pool, &queries, &format!("after step {steps}")).await?;
    }
    assert_eq!(steps, 5, "1 500 messages in steps of 400, and one to find nothing left");
    assert_eq!(backfill::indexed_from(&pool).await?, 0);
    assert_eq!(backfill::remaining(&pool).await?, 0);
    // The index alone now answers: it holds every message with text.
    for q in &queries {
        assert_eq!(index_alone(&pool, q).await?, every_text_contains(&pool, q).await?, "index holds {q:?}");
    }
    store.close().await;
    Ok(())
}

#[tokio::test]
async fn the_worker_builds_the_index_and_reports_progress() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    let pool = h.core.store().pool.clone();
    let u = h.sim.add_user("客");
    h.ingest(vec![h.sim.event_text(&u.user_id, "はじめまして", None)]).await?;
    let conv = h.conversation_of(&u.user_id).await?;
    let n = (backfill::CHUNK * 2 + 10) as usize;
    for i in 0..n {
        insert(&pool, h.account_id, conv, Some(&format!("{}番目の色", i)), "received").await?;
    }
    // As if these messages had been stored before the index existed.
    sqlx::raw_sql(
        "INSERT INTO messages_bigram (messages_bigram) VALUES ('delete-all');
         UPDATE search_bigram_state SET indexed_from = (SELECT max(id) + 1 FROM messages);",
    )
    .execute(&pool)
    .await?;
    assert!(index_alone(&pool, "色").await?.is_empty());
    assert_eq!(search_all(&pool, "色").await?.len(), n, "the scan answers below the mark");
    tokio::spawn(backfill::worker(h.core.clone()));
    let progress = h.core.short_search_index().clone();
    eventually(60, "the index built", || {
        let (pool, progress) = (pool.clone(), progress.clone());
        async move {
            let done = backfill::indexed_from(&pool).await? == 0 && !progress.snapshot().building;
            Ok(done.then_some(()))
        }
    })
    .await?;
    let s = progress.snapshot();
    assert_eq!((s.indexed, s.total), (n as u64 + 1, n as u64 + 1));
    assert_eq!(index_alone(&pool, "色").await?.len(), n);
    assert_eq!(search_all(&pool, "色").await?.len(), n);
    Ok(())
}
