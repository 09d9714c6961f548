//! The SQLite store: one file in the data dir, WAL, foreign keys on, and
//! `synchronous=FULL` because we answer LINE 200 and accept a send only after commit:
//! NORMAL can lose the last commits on power loss.
//!
//! On macOS `fsync` only hands the data to the drive, whose cache can still lose it on
//! power loss; `F_FULLFSYNC` asks the drive to write it out. SQLite uses it only with
//! `fullfsync` (commits) and `checkpoint_fullfsync` (checkpoints) on. Both are set on
//! every system: SQLite ignores them where there is no `F_FULLFSYNC`, and one set of
//! options means the Linux tests read back what a Mac runs with.

use std::path::{Path, PathBuf};
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Connection, SqliteConnection, SqlitePool};

use crate::Result;

mod busy;

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

pub const DB_FILE: &str = "madoguchi.db";

/// How long a statement waits for another connection's write lock before it fails.
const LOCK_WAIT: Duration = Duration::from_secs(10);

#[derive(Clone)]
pub struct Store {
    pub pool: SqlitePool,
    data_dir: PathBuf,
}

impl Store {
    /// Opens (creating if needed) the store under `data_dir` and runs migrations.
    pub async fn open(data_dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(data_dir)?;
        std::fs::create_dir_all(data_dir.join("media"))?;
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .after_connect(|conn, _| Box::pin(busy::poll_for_locks(conn, LOCK_WAIT)))
            .connect_with(connect_options(&data_dir.join(DB_FILE))?)
            .await?;
        MIGRATOR.run(&pool).await?;
        Ok(Store { pool, data_dir: data_dir.to_path_buf() })
    }

    /// The same store, migrated, then reopened so that no statement can change it
    /// (`query_only`): a copy someone looks through must stay what it was. A write
    /// fails with SQLite's read-only error, which the API names as such.
    pub async fn open_read_only(data_dir: &Path) -> Result<Store> {
        Store::open(data_dir).await?.close().await;
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(connect_options(&data_dir.join(DB_FILE))?.pragma("query_only", "ON"))
            .await?;
        Ok(Store { pool, data_dir: data_dir.to_path_buf() })
    }

    /// A connection of its own, outside the pool, for the webhook projector. Its commits
    /// never start a checkpoint by themselves; the projector runs them between commits.
    pub async fn dedicated_connection(&self) -> Result<SqliteConnection> {
        let opts = connect_options(&self.db_path())?.pragma("wal_autocheckpoint", "0");
        let mut conn = SqliteConnection::connect_with(&opts).await?;
        busy::poll_for_locks(&mut conn, LOCK_WAIT).await?;
        Ok(conn)
    }

    /// A connection for checkpoints that waits at most `wait` for a lock: a RESTART holds
    /// the writer while it waits for readers, so it has to give up quickly.
    pub async fn checkpoint_connection(&self, wait: Duration) -> Result<SqliteConnection> {
        let opts = connect_options(&self.db_path())?.busy_timeout(wait);
        Ok(SqliteConnection::connect_with(&opts).await?)
    }

    /// Copies committed WAL pages into the database file without blocking writers.
    pub async fn checkpoint(&self) -> Result<()> {
        sqlx::query("PRAGMA wal_checkpoint(PASSIVE)").execute(&self.pool).await?;
        Ok(())
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub fn db_path(&self) -> PathBuf {
        self.data_dir.join(DB_FILE)
    }

    pub fn media_dir(&self) -> PathBuf {
        self.data_dir.join("media")
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

fn connect_options(path: &Path) -> Result<SqliteConnectOptions> {
    Ok(SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .pragma("fullfsync", "ON")
        .pragma("checkpoint_fullfsync", "ON")
        .foreign_keys(true)
        .busy_timeout(LOCK_WAIT)
        // The default 2 MB page cache made every statement re-read pages through the
        // kernel once the store outgrew it; memory-mapped reads avoid the copies.
        .pragma("cache_size", "-32768")
        .pragma("mmap_size", "268435456")
        .pragma("temp_store", "memory"))
}
