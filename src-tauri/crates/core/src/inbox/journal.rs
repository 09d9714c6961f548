//! The webhook journal: every verified LINE request body, appended to a log of its own
//! (the `journal` crate) and flushed to disk (`fdatasync`) before LINE hears 200. Requests that
//! arrive together share one write and one flush.
//!
//! Turning bodies into friends, chats and messages (deduplicated on `webhookEventId`)
//! is `ingest`'s projector, after the answer. The log is not in the store because SQLite
//! has one writer per database: there, every acknowledgement would wait behind the
//! projector's and the app's transactions. A body leaves the journal only after the
//! store has committed what it holds; a crash in between projects it again, which the
//! dedupe makes a no-op.
//!
//! The writer is an OS thread of its own: a batch is one write and one flush in one
//! thread, with one hand-off in and one out. As a task on the shared runtime each step
//! waited for a worker busy answering HTTP; with every core busy each such wait costs up
//! to a scheduler slice.

use std::path::{Path, PathBuf};
use std::time::Duration;

use tokio::sync::{mpsc, oneshot, watch};

use journal::{LogReader, LogWriter};
use crate::time::now_ms;
use crate::{CoreError, Result};

pub use journal::LOG_DIR;

/// Where versions before the log kept the journal, in SQLite. Read once on start.
const OLD_SQLITE_FILE: &str = "webhook-journal.db";

/// How long a new owner waits for the previous one (a process still shutting down).
const OWNER_WAIT: Duration = Duration::from_secs(10);
/// How many waiting bodies one write may take: bounded so one flush stays short.
const MAX_BATCH: usize = 512;

/// One stored request body, as verified: which account's secret signed it, and the bytes.
pub use journal::LogEntry as JournalEntry;

/// A body waiting for the writer's next batch, and who is waiting for its id.
struct Append {
    account_id: i64,
    body: Vec<u8>,
    done: oneshot::Sender<Result<i64>>,
}

enum Command {
    Append(Append),
    /// Every entry up to this id is in the store now.
    Forget { upto: i64 },
    /// The core is shutting down: let go of the files (and the lock) now, not when the last
    /// handle goes, so a new core on the same data dir can open them.
    Close(oneshot::Sender<()>),
}

/// The journal's handle: appends go to its one writer thread, reads have their own files.
#[derive(Clone)]
pub struct Journal {
    tx: mpsc::Sender<Command>,
    appended: watch::Receiver<i64>,
    data_dir: PathBuf,
    /// False when another process writes the journal: appends are refused.
    owner: bool,
}

/// The projector's view of the journal: entries in order, up to the newest flushed one.
pub struct JournalReader {
    log: LogReader,
    appended: watch::Receiver<i64>,
}

impl Journal {
    /// Opens (creating if needed) the journal under `data_dir` and starts its writer,
    /// which ends when the last handle is dropped. Another process may own the journal
    /// (a server running on this data dir while `export` reads it): a `reader_if_busy`
    /// opener then gets a journal it can read but not append to; anyone else waits a
    /// while for the other process to finish, as after a restart.
    pub async fn open(data_dir: &Path, reader_if_busy: bool) -> Result<Journal> {
        let (tx, rx) = mpsc::channel(8192);
        let (appended_tx, appended) = watch::channel(0);
        let (ready_tx, ready) = oneshot::channel();
        let dir = data_dir.to_path_buf();
        let wait = if reader_if_busy { Duration::ZERO } else { OWNER_WAIT };
        std::thread::Builder::new().name("webhook-journal".into()).spawn(move || match open_log(&dir, wait) {
            Ok(Some(log)) => {
                appended_tx.send_replace(log.next_id() - 1);
                let _ = ready_tx.send(Ok(true));
                write_loop(log, rx, appended_tx);
            }
            Ok(None) => {
                let newest = LogReader::new(&dir).newest().map_err(CoreError::from);
                let _ = ready_tx.send(newest.map(|n| {
                    appended_tx.send_replace(n);
                    false
                }));
            }
            Err(e) => {
                let _ = ready_tx.send(Err(e));
            }
        })?;
        let owner = ready.await.map_err(|_| CoreError::Closed)??;
        if !owner && !reader_if_busy {
            return Err(CoreError::Internal(format!(
                "このデータフォルダは別の窓口（Madoguchi）が使っています / another Madoguchi process is using this data folder: {}",
                data_dir.display()
            )));
        }
        Ok(Journal { tx, appended, data_dir: data_dir.to_path_buf(), owner })
    }

    pub fn reader(&self) -> JournalReader {
        JournalReader { log: LogReader::new(&self.data_dir), appended: self.appended.clone() }
    }

    /// Appends one verified body; returns its id once it is on disk.
    pub async fn append(&self, account_id: i64, body: Vec<u8>) -> Result<i64> {
        if !self.owner {
            return Err(CoreError::Internal("the webhook journal belongs to another Madoguchi process".into()));
        }
        let (done, wait) = oneshot::channel();
        self.tx
            .send(Command::Append(Append { account_id, body, done }))
            .await
            .map_err(|_| CoreError::Closed)?;
        wait.await.map_err(|_| CoreError::Closed)?
    }

    /// Drops the entries up to `upto` (the store holds them now), as whole files.
    pub fn forget(&self, upto: i64) {
        // Only fails when the writer is gone; the entries are then projected again on the
        // next start, which the dedupe turns into a no-op.
        let _ = self.tx.try_send(Command::Forget { upto });
    }

    /// Ends the writer after what is queued; later appends fail.
    pub async fn close(&self) {
        let (done, closed) = oneshot::channel();
        if self.tx.send(Command::Close(done)).await.is_ok() {
            let _ = closed.await;
        }
    }

    /// The id of the newest entry on disk; changes after every write.
    pub fn appended(&self) -> watch::Receiver<i64> {
        self.appended.clone()
    }
}

impl JournalReader {
    /// The entries after `after`, oldest first, at most `limit`. Reads files on the
    /// calling thread: the projector's own.
    pub fn read_after(&mut self, after: i64, limit: usize) -> Result<Vec<JournalEntry>> {
        let committed = *self.appended.borrow();
        Ok(self.log.read_after(after, committed, limit)?)
    }
}

/// The log, with whatever a journal in the old SQLite file still held appended to it;
/// None when another process owns it.
fn open_log(data_dir: &Path, wait: Duration) -> Result<Option<LogWriter>> {
    let Some(mut log) = LogWriter::open(data_dir, wait)? else {
        return Ok(None);
    };
    let old = data_dir.join(OLD_SQLITE_FILE);
    if old.is_file() {
        let entries = read_old_journal(&old).map_err(|e| CoreError::Internal(format!("reading the old webhook journal: {e}")))?;
        for chunk in entries.chunks(MAX_BATCH) {
            let batch: Vec<(i64, &[u8])> = chunk.iter().map(|(account, body)| (*account, body.as_slice())).collect();
            log.append(&batch, now_ms())?;
        }
        tracing::info!(entries = entries.len(), "webhook journal moved from SQLite to its log");
        for suffix in ["", "-wal", "-shm"] {
            let path = data_dir.join(format!("{OLD_SQLITE_FILE}{suffix}"));
            if path.exists() {
                std::fs::remove_file(path)?;
            }
        }
    }
    Ok(Some(log))
}

fn read_old_journal(path: &Path) -> rusqlite::Result<Vec<(i64, Vec<u8>)>> {
    let conn = rusqlite::Connection::open(path)?;
    let mut stmt = conn.prepare("SELECT account_id, body FROM journal ORDER BY id")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}

fn write_loop(mut log: LogWriter, mut rx: mpsc::Receiver<Command>, appended: watch::Sender<i64>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    let mut closed = None;
    while closed.is_none()
        && let Some(first) = rx.blocking_recv()
    {
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
                Command::Close(done) => closed = Some(done),
            }
        }
        if let Some(upto) = forget
            && let Err(e) = log.forget(upto)
        {
            // The files stay; the next forget tries again.
            tracing::warn!(error = %e, "dropping projected webhook journal files failed");
        }
        if appends.is_empty() {
            continue;
        }
        append(&mut log, appends, &appended);
    }
    drop(log);
    if let Some(done) = closed {
        let _ = done.send(());
    }
}

fn append(log: &mut LogWriter, appends: Vec<Append>, appended: &watch::Sender<i64>) {
    let bodies: Vec<(i64, &[u8])> = appends.iter().map(|a| (a.account_id, a.body.as_slice())).collect();
    match log.append(&bodies, now_ms()) {
        Ok(first_id) => {
            let last = first_id + appends.len() as i64 - 1;
            // Published before anyone is answered: a caller that got its id and then asks
            // whether everything appended so far is projected must find its own entry counted.
            appended.send_replace(last);
            for (i, a) in appends.into_iter().enumerate() {
                let _ = a.done.send(Ok(first_id + i as i64));
            }
        }
        Err(e) => {
            tracing::error!(error = %e, requests = appends.len(), "webhook journal write failed");
            for a in appends {
                let _ = a.done.send(Err(CoreError::Internal(format!("webhook journal write failed: {e}"))));
            }
        }
    }
}
