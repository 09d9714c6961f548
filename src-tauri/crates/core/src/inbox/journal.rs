//! The webhook journal: every verified LINE request body, appended to a SQLite file of
//! its own and committed (WAL, synchronous=FULL) before LINE hears 200. Requests that
//! arrive together share one commit, so a burst costs one small fsync per batch.
//!
//! Turning bodies into friends, chats and messages (deduplicated on `webhookEventId`)
//! is `ingest`'s projector, after the answer. A file of its own because SQLite has one
//! writer per database: in the store, every acknowledgement would wait behind the
//! projector's and the app's transactions. A body leaves the journal only after the
//! store has committed what it holds; a crash in between projects it again, which the
//! dedupe makes a no-op.
//!
//! The writer also copies its WAL back into the journal file itself, between commits.
//! A checkpoint from another connection almost never finishes in a moment when the
//! busy writer has not appended again, so SQLite never restarts the WAL and it grows
//! for as long as LINE keeps sending. Every commit then extends the file, and a sync
//! that must record a new file size waits for the file system's own journal, behind
//! everything else being written; a WAL that is rewritten in place costs one flush.

use std::path::Path;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sqlx::{Connection, QueryBuilder, Sqlite, SqliteConnection};
use tokio::sync::{mpsc, oneshot, watch};

use crate::time::now_ms;
use crate::{CoreError, Result};

pub const JOURNAL_FILE: &str = "webhook-journal.db";

/// How many waiting bodies one commit may take: bounded so one commit stays short, and
/// one multi-row insert of them stays under SQLite's 32 766 bound values (4 per row).
const MAX_BATCH: usize = 512;

/// After about this many bytes appended, the writer checkpoints as soon as no request
/// is waiting for it; the WAL then starts again from its beginning on the next commit.
const CHECKPOINT_AFTER: usize = 1 << 20;
/// ...and after this many, even with requests waiting (a long burst).
const CHECKPOINT_AT_MOST: usize = 8 << 20;
/// A quiet writer checkpoints what it still holds after this long.
const CHECKPOINT_IDLE: Duration = Duration::from_secs(1);
/// What a `forget` (a DELETE) counts for in the tally above.
const FORGET_BYTES: usize = 64 << 10;

/// One stored request body, as verified: which account's secret signed it, and the bytes.
#[derive(Debug, Clone)]
pub struct JournalEntry {
    pub id: i64,
    pub account_id: i64,
    pub body: Vec<u8>,
}

/// A body waiting for the writer's next commit, and who is waiting for its id.
struct Append {
    account_id: i64,
    body: Vec<u8>,
    done: oneshot::Sender<Result<i64>>,
}

enum Command {
    Append(Append),
    /// Every entry up to this id is in the store now.
    Forget { upto: i64 },
}

/// The journal's handle: appends go to its one writer task, reads use their own connection.
#[derive(Clone)]
pub struct Journal {
    tx: mpsc::Sender<Command>,
    appended: watch::Receiver<i64>,
    opts: SqliteConnectOptions,
}

/// A read connection of its own, for the projector: its SQLite thread is created by the
/// thread that opens it (and inherits that thread's priority).
pub struct JournalReader {
    conn: SqliteConnection,
}

impl Journal {
    /// Opens (creating if needed) the journal under `data_dir` and starts its writer,
    /// which ends when the last handle is dropped.
    pub async fn open(data_dir: &Path) -> Result<Journal> {
        let path = data_dir.join(JOURNAL_FILE);
        let opts = SqliteConnectOptions::new()
            .filename(&path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .busy_timeout(Duration::from_secs(10))
            // After a burst the WAL is cut back instead of keeping its peak size on disk.
            .pragma("journal_size_limit", "8388608");
        let mut writer = SqliteConnection::connect_with(&opts).await?;
        sqlx::query(
            "CREATE TABLE IF NOT EXISTS journal (
                id          INTEGER PRIMARY KEY,
                account_id  INTEGER NOT NULL,
                received_at INTEGER NOT NULL,
                body        BLOB NOT NULL
            )",
        )
        .execute(&mut writer)
        .await?;
        let last: i64 = sqlx::query_scalar("SELECT coalesce(max(id), 0) FROM journal").fetch_one(&mut writer).await?;
        let (tx, rx) = mpsc::channel(8192);
        let (appended_tx, appended) = watch::channel(last);
        tokio::spawn(write_loop(writer, rx, appended_tx, last));
        Ok(Journal { tx, appended, opts })
    }

    pub async fn reader(&self) -> Result<JournalReader> {
        Ok(JournalReader { conn: SqliteConnection::connect_with(&self.opts).await? })
    }

    /// Appends one verified body; returns its id once it is durably committed.
    pub async fn append(&self, account_id: i64, body: Vec<u8>) -> Result<i64> {
        let (done, wait) = oneshot::channel();
        self.tx
            .send(Command::Append(Append { account_id, body, done }))
            .await
            .map_err(|_| CoreError::Closed)?;
        wait.await.map_err(|_| CoreError::Closed)?
    }

    /// Drops the entries up to `upto` (the store holds them now), in the writer's next commit.
    pub fn forget(&self, upto: i64) {
        // Only fails when the writer is gone; the entries are then projected again on the
        // next start, which the dedupe turns into a no-op.
        let _ = self.tx.try_send(Command::Forget { upto });
    }

    /// The id of the newest committed entry; changes after every commit.
    pub fn appended(&self) -> watch::Receiver<i64> {
        self.appended.clone()
    }
}

impl JournalReader {
    /// The entries after `after`, oldest first, at most `limit`.
    pub async fn read_after(&mut self, after: i64, limit: i64) -> Result<Vec<JournalEntry>> {
        let rows: Vec<(i64, i64, Vec<u8>)> =
            sqlx::query_as("SELECT id, account_id, body FROM journal WHERE id > ? ORDER BY id LIMIT ?")
                .bind(after)
                .bind(limit)
                .fetch_all(&mut self.conn)
                .await?;
        Ok(rows.into_iter().map(|(id, account_id, body)| JournalEntry { id, account_id, body }).collect())
    }
}

async fn write_loop(mut conn: SqliteConnection, mut rx: mpsc::Receiver<Command>, appended: watch::Sender<i64>, mut last: i64) {
    // Checkpoints are this loop's own, between commits (see the top of this file).
    if let Err(e) = sqlx::query("PRAGMA wal_autocheckpoint = 0").execute(&mut conn).await {
        tracing::warn!(error = %e, "journal: could not turn off automatic checkpoints");
    }
    let mut batch = Vec::with_capacity(MAX_BATCH);
    // Bytes committed to the WAL since the last checkpoint (roughly).
    let mut unchecked = 0usize;
    loop {
        let first = if unchecked == 0 {
            rx.recv().await
        } else {
            match tokio::time::timeout(CHECKPOINT_IDLE, rx.recv()).await {
                Ok(c) => c,
                Err(_) => {
                    unchecked = checkpoint(&mut conn, unchecked).await;
                    continue;
                }
            }
        };
        let Some(first) = first else { break };
        batch.push(first);
        while batch.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(c) => batch.push(c),
                Err(_) => break,
            }
        }
        let mut appends = Vec::with_capacity(batch.len());
        let mut forget = None;
        for c in batch.drain(..) {
            match c {
                Command::Append(a) => appends.push(a),
                Command::Forget { upto } => forget = forget.max(Some(upto)),
            }
        }
        // Ids are handed out here, by the only writer, so a batch's ids are known before
        // the insert and follow arrival order.
        let first_id = last + 1;
        match commit(&mut conn, first_id, &appends, forget).await {
            Ok(()) => {
                last += appends.len() as i64;
                unchecked += appends.iter().map(|a| a.body.len()).sum::<usize>() + forget.map_or(0, |_| FORGET_BYTES);
                for (i, a) in appends.into_iter().enumerate() {
                    let _ = a.done.send(Ok(first_id + i as i64));
                }
                appended.send_replace(last);
            }
            Err(e) => {
                tracing::error!(error = %e, requests = appends.len(), "journal commit failed");
                for a in appends {
                    let _ = a.done.send(Err(CoreError::Invalid(format!("journal commit failed: {e}"))));
                }
            }
        }
        if unchecked >= CHECKPOINT_AT_MOST || (unchecked >= CHECKPOINT_AFTER && rx.is_empty()) {
            unchecked = checkpoint(&mut conn, unchecked).await;
        }
    }
}

/// Copies the WAL into the journal file; returns what is still unchecked (0 unless it failed).
async fn checkpoint(conn: &mut SqliteConnection, unchecked: usize) -> usize {
    // PASSIVE: a projector read in progress only shortens this one; the next one completes.
    match sqlx::query("PRAGMA wal_checkpoint(PASSIVE)").execute(&mut *conn).await {
        Ok(_) => 0,
        Err(e) => {
            tracing::warn!(error = %e, "webhook journal checkpoint failed");
            unchecked
        }
    }
}

async fn commit(conn: &mut SqliteConnection, first_id: i64, appends: &[Append], forget: Option<i64>) -> Result<()> {
    let mut tx = conn.begin_with("BEGIN IMMEDIATE").await?;
    if !appends.is_empty() {
        let now = now_ms();
        let mut q: QueryBuilder<Sqlite> = QueryBuilder::new("INSERT INTO journal (id, account_id, received_at, body) ");
        q.push_values(appends.iter().enumerate(), |mut row, (i, a)| {
            row.push_bind(first_id + i as i64).push_bind(a.account_id).push_bind(now).push_bind(a.body.as_slice());
        });
        q.build().execute(&mut *tx).await?;
    }
    if let Some(upto) = forget {
        sqlx::query("DELETE FROM journal WHERE id <= ?").bind(upto).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(())
}
