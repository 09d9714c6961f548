//! Builds the short-query index (migration 0016) for messages stored before it existed.
//! New messages are indexed by the triggers as they are stored; older ones are added
//! here, newest first, a few thousand per transaction, each one lowering the mark in
//! `search_bigram_state`. Between transactions every other writer gets its turn, so a
//! store of millions of messages stays usable while this runs, and search stays exact
//! throughout: below the mark it scans.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use serde::Serialize;
use sqlx::SqlitePool;

use crate::runtime::Core;
use crate::Result;

/// Messages per transaction: a few hundred milliseconds of the write lock at most, so a
/// send or an incoming message waits no longer than that.
pub const CHUNK: i64 = 2_000;
/// Rest between transactions, for the projector and the UI's writes.
pub const PAUSE: Duration = Duration::from_millis(30);
const RETRY: Duration = Duration::from_secs(5);

/// How far the build is, for `/healthz` and the logs.
#[derive(Debug, Default)]
pub struct Progress {
    building: AtomicBool,
    indexed: AtomicU64,
    total: AtomicU64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Snapshot {
    /// True until every message stored before the index existed is in it.
    pub building: bool,
    pub indexed: u64,
    pub total: u64,
}

impl Progress {
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            building: self.building.load(Ordering::Relaxed),
            indexed: self.indexed.load(Ordering::Relaxed),
            total: self.total.load(Ordering::Relaxed),
        }
    }
}

/// Messages with an id at or above this are in the index; 0 = all of them.
pub async fn indexed_from(pool: &SqlitePool) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT indexed_from FROM search_bigram_state WHERE id = 1").fetch_one(pool).await?)
}

/// Messages with text still to be indexed (a count over the rows below the mark).
pub async fn remaining(pool: &SqlitePool) -> Result<u64> {
    let n: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM messages, search_bigram_state s WHERE s.id = 1 AND messages.id < s.indexed_from AND text IS NOT NULL",
    )
    .fetch_one(pool)
    .await?;
    Ok(n.max(0) as u64)
}

/// Indexes the (at most) `chunk` messages just below the mark and lowers it, in one
/// transaction. Returns how many messages with text were added, or None when the index
/// was already complete.
pub async fn step(pool: &SqlitePool, chunk: i64) -> Result<Option<u64>> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let from: i64 = sqlx::query_scalar("SELECT indexed_from FROM search_bigram_state WHERE id = 1").fetch_one(&mut *tx).await?;
    if from == 0 {
        return Ok(None);
    }
    let lowest: Option<i64> = sqlx::query_scalar("SELECT min(id) FROM (SELECT id FROM messages WHERE id < ?1 ORDER BY id DESC LIMIT ?2)")
        .bind(from)
        .bind(chunk)
        .fetch_one(&mut *tx)
        .await?;
    // No message below the mark: nothing older is left, every message is indexed.
    let new_from = lowest.unwrap_or(0);
    let added = sqlx::query("INSERT INTO messages_bigram (rowid, grams) SELECT id, grams FROM message_grams WHERE id >= ?1 AND id < ?2")
        .bind(new_from)
        .bind(from)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    sqlx::query("UPDATE search_bigram_state SET indexed_from = ?1 WHERE id = 1").bind(new_from).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(Some(added))
}

/// The background worker: runs until the index is complete (at once on a new store).
pub async fn worker(core: Core) {
    let pool = core.store().pool.clone();
    let progress: Arc<Progress> = core.short_search_index().clone();
    let total = loop {
        match remaining(&pool).await {
            Ok(n) => break n,
            Err(e) => tracing::warn!(error = %e, "short-query search index: cannot read the backlog"),
        }
        tokio::select! {
            _ = tokio::time::sleep(RETRY) => {}
            _ = core.shutdown_signal() => return,
        }
    };
    if total > 0 {
        progress.total.store(total, Ordering::Relaxed);
        progress.building.store(true, Ordering::Relaxed);
        tracing::info!(messages = total, "short-query search index: building for the stored history");
    }
    let mut logged_tenth = 0;
    loop {
        let result = tokio::select! {
            r = step(&pool, CHUNK) => r,
            _ = core.shutdown_signal() => return,
        };
        let pause = match result {
            Ok(Some(n)) => {
                let done = progress.indexed.fetch_add(n, Ordering::Relaxed) + n;
                let tenth = done.saturating_mul(10) / total.max(1);
                if tenth > logged_tenth {
                    logged_tenth = tenth;
                    tracing::info!(indexed = done, total, "short-query search index: {}%", (tenth * 10).min(100));
                }
                PAUSE
            }
            Ok(None) => {
                if progress.building.swap(false, Ordering::Relaxed) {
                    tracing::info!(indexed = progress.indexed.load(Ordering::Relaxed), "short-query search index: complete");
                }
                return;
            }
            Err(e) => {
                tracing::warn!(error = %e, "short-query search index: a step failed; trying again");
                RETRY
            }
        };
        tokio::select! {
            _ = tokio::time::sleep(pause) => {}
            _ = core.shutdown_signal() => return,
        }
    }
}

impl Core {
    /// How far the short-query search index is built for the stored history.
    pub fn short_search_index(&self) -> Arc<Progress> {
        self.state()
    }
}
