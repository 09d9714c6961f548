//! Every connection the store opens flushes commits and checkpoints through to the
//! drive on macOS (`fullfsync`, `checkpoint_fullfsync`; SQLite keeps the setting on
//! other systems too, where it has nothing to do, so it can be read back here).

use std::time::Duration;

use madoguchi_core::store::Store;
use sqlx::SqliteConnection;

async fn flags(conn: &mut SqliteConnection) -> anyhow::Result<(i64, i64, i64)> {
    let full: i64 = sqlx::query_scalar("PRAGMA fullfsync").fetch_one(&mut *conn).await?;
    let checkpoint: i64 = sqlx::query_scalar("PRAGMA checkpoint_fullfsync").fetch_one(&mut *conn).await?;
    let synchronous: i64 = sqlx::query_scalar("PRAGMA synchronous").fetch_one(&mut *conn).await?;
    Ok((full, checkpoint, synchronous))
}

#[tokio::test]
async fn every_store_connection_asks_for_full_flushes() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let store = Store::open(dir.path()).await?;
    // SQLite's defaults are off: each must have been set by the store.
    let mut plain = <SqliteConnection as sqlx::Connection>::connect(&format!("sqlite://{}", store.db_path().display())).await?;
    assert_eq!(flags(&mut plain).await?.0, 0, "fullfsync is off unless asked for");

    // Several pooled connections, not just the first one.
    let mut pooled = Vec::new();
    for _ in 0..3 {
        pooled.push(store.pool.acquire().await?);
    }
    for conn in &mut pooled {
        assert_eq!(flags(conn).await?, (1, 1, 2), "pooled connection: fullfsync, checkpoint_fullfsync, synchronous=FULL");
    }
    let mut projector = store.dedicated_connection().await?;
    assert_eq!(flags(&mut projector).await?, (1, 1, 2), "the projector's connection");
    let mut checkpointer = store.checkpoint_connection(Duration::from_millis(50)).await?;
    assert_eq!(flags(&mut checkpointer).await?, (1, 1, 2), "the checkpoint connection");
    Ok(())
}
