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
//! The writer is an OS thread of its own with a plain (rusqlite) connection: a commit is
//! BEGIN, the inserts, COMMIT and the fsync in one thread, one hand-off in and one out.
//! As a task on the shared runtime, behind sqlx's connection thread, each of its steps
//! waited for a worker that was busy answering HTTP, and for another thread hand-off;
//! with every core busy each such wait costs up to a scheduler slice, and a commit
//! cycle took ~3 ms for a 0.4 ms fsync.
//!
//! Checkpoints run beside the writer, in two steps. A PASSIVE one copies what was
//! committed while the writer goes on; it almost never ends in a moment when the busy
//! writer has not appended again, so on its own SQLite would never restart the WAL, and
//! the WAL would grow for as long as LINE keeps sending, each commit extending the file
//! (a sync that must record a new size waits for the file system's own journal, behind
//! everything else being written). A RESTART right after it copies the few frames
//! appended meanwhile, holding the writer only for those, and lets the next commit
//! start the WAL again from its beginning, rewritten in place.

use std::path::Path;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Connection, SqliteConnection, SqlitePool};
use tokio::sync::{mpsc, oneshot, watch};

use crate::time::now_ms;
use crate::{CoreError, Result};

pub const JOURNAL_FILE: &str = "webhook-journal.db";

/// How many waiting bodies one commit may take: bounded so one commit stays short.
const MAX_BATCH: usize = 512;
/// How long the writer and the readers wait for another connection's lock (a checkpoint,
/// a second process opening the same data dir) before giving up.
const BUSY_WAIT: Duration = Duration::from_secs(10);
/// After a burst the WAL is cut back to this instead of keeping its peak size on disk.
const WAL_SIZE_LIMIT: u64 = 8 << 20;

/// How long a checkpoint waits for the writer or a reader before it gives up until the next.
const CHECKPOINT_WAIT: Duration = Duration::from_millis(20);
/// At most this many projected entries are deleted per commit. A DELETE of the few
/// thousand a burst leaves behind took 25-57 ms inside a commit that LINE was waiting
/// on; in chunks, the rest goes into quiet moments and the next commits.
const FORGET_CHUNK: i64 = 128;

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

/// The journal's handle: appends go to its one writer thread, reads use their own connection.
#[derive(Clone)]
pub struct Journal {
    tx: mpsc::Sender<Command>,
    appended: watch::Receiver<i64>,
    opts: SqliteConnectOptions,
    /// For checkpoints, from whichever task runs them.
    pool: SqlitePool,
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
            .busy_timeout(BUSY_WAIT)
            .pragma("journal_size_limit", WAL_SIZE_LIMIT.to_string());
        let (tx, rx) = mpsc::channel(8192);
        let (appended_tx, appended) = watch::channel(0);
        let (ready_tx, ready) = oneshot::channel();
        std::thread::Builder::new().name("webhook-journal".into()).spawn(move || {
            let opened = open_writer(&path).and_then(|conn| {
                let (last, forgotten) = conn.query_row("SELECT coalesce(max(id), 0), coalesce(min(id), 1) - 1 FROM journal", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
                Ok((conn, last, forgotten))
            });
            match opened {
                Ok((conn, last, forgotten)) => {
                    appended_tx.send_replace(last);
                    let _ = ready_tx.send(Ok(()));
                    write_loop(conn, rx, appended_tx, last, forgotten);
                }
                Err(e) => {
                    let _ = ready_tx.send(Err(CoreError::Invalid(format!("opening the webhook journal: {e}"))));
                }
            }
        })?;
        ready.await.map_err(|_| CoreError::Closed)??;
        // The checkpoints' connection waits only briefly: its RESTART holds the writer
        // while it waits, and LINE is waiting on the writer.
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(opts.clone().busy_timeout(CHECKPOINT_WAIT))
            .await?;
        Ok(Journal { tx, appended, opts, pool })
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

    /// Copies committed WAL pages into the journal file (see the top of this file).
    pub async fn checkpoint(&self) -> Result<()> {
        let mut conn = self.pool.acquire().await?;
        sqlx::query("PRAGMA wal_checkpoint(PASSIVE)").execute(&mut *conn).await?;
        sqlx::query("PRAGMA wal_checkpoint(RESTART)").execute(&mut *conn).await?;
        Ok(())
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

/// The writer's connection: WAL, a full fsync per commit, no automatic checkpoints
/// (`Journal::checkpoint`'s job, off the path that keeps LINE waiting).
fn open_writer(path: &Path) -> rusqlite::Result<rusqlite::Connection> {
    let conn = rusqlite::Connection::open(path)?;
    conn.busy_timeout(BUSY_WAIT)?;
    // Some of these answer with a row (the new value), which `execute` refuses.
    let size_limit = format!("journal_size_limit = {WAL_SIZE_LIMIT}");
    for pragma in ["journal_mode = WAL", "synchronous = FULL", &size_limit, "wal_autocheckpoint = 0"] {
        let mut stmt = conn.prepare(&format!("PRAGMA {pragma}"))?;
        let mut rows = stmt.query([])?;
        while rows.next()?.is_some() {}
    }
    conn.execute(
        "CREATE TABLE IF NOT EXISTS journal (
            id          INTEGER PRIMARY KEY,
            account_id  INTEGER NOT NULL,
            received_at INTEGER NOT NULL,
            body        BLOB NOT NULL
        )",
        [],
    )?;
    Ok(conn)
}

fn write_loop(mut conn: rusqlite::Connection, mut rx: mpsc::Receiver<Command>, appended: watch::Sender<i64>, mut last: i64, mut forgotten: i64) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    // Entries up to `forgotten` are deleted; up to `forget_upto` they may be.
    let mut forget_upto = forgotten;
    loop {
        // With deletes still owed, a quiet moment goes to them instead of to waiting.
        let first = if forgotten < forget_upto {
            match rx.try_recv() {
                Ok(c) => Some(c),
                Err(mpsc::error::TryRecvError::Empty) => None,
                Err(mpsc::error::TryRecvError::Disconnected) => break,
            }
        } else {
            match rx.blocking_recv() {
                Some(c) => Some(c),
                None => break,
            }
        };
        batch.extend(first);
        while !batch.is_empty() && batch.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(c) => batch.push(c),
                Err(_) => break,
            }
        }
        let mut appends = Vec::with_capacity(batch.len());
        for c in batch.drain(..) {
            match c {
                Command::Append(a) => appends.push(a),
                Command::Forget { upto } => forget_upto = forget_upto.max(upto),
            }
        }
        let forget = (forgotten < forget_upto).then(|| forget_upto.min(forgotten + FORGET_CHUNK));
        // Ids are handed out here, by the only writer, so a batch's ids are known before
        // the insert and follow arrival order.
        let first_id = last + 1;
        match commit(&mut conn, first_id, &appends, forget) {
            Ok(()) => {
                last += appends.len() as i64;
                forgotten = forget.unwrap_or(forgotten);
                for (i, a) in appends.into_iter().enumerate() {
                    let _ = a.done.send(Ok(first_id + i as i64));
                }
                appended.send_replace(last);
            }
            Err(e) => {
                tracing::error!(error = %e, requests = appends.len(), "journal commit failed");
                let idle = appends.is_empty();
                for a in appends {
                    let _ = a.done.send(Err(CoreError::Invalid(format!("journal commit failed: {e}"))));
                }
                if idle {
                    // Only deletes were owed; try them again later, not in a tight loop.
                    std::thread::sleep(Duration::from_secs(1));
                }
            }
        }
    }
}

fn commit(conn: &mut rusqlite::Connection, first_id: i64, appends: &[Append], forget: Option<i64>) -> rusqlite::Result<()> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    if !appends.is_empty() {
        let now = now_ms();
        let mut insert = tx.prepare_cached("INSERT INTO journal (id, account_id, received_at, body) VALUES (?1, ?2, ?3, ?4)")?;
        for (i, a) in appends.iter().enumerate() {
            insert.execute(rusqlite::params![first_id + i as i64, a.account_id, now, a.body.as_slice()])?;
        }
    }
    if let Some(upto) = forget {
        tx.execute("DELETE FROM journal WHERE id <= ?1", [upto])?;
    }
    tx.commit()
}
