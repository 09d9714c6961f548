//! A write to the store gets in between a busy writer's transactions (the webhook
//! projector working off a backlog) instead of waiting through several of them.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use madoguchi_core::store::Store;

/// Like the projector during a burst: long transactions, short gaps between them.
const HOLD: Duration = Duration::from_millis(200);
const GAP: Duration = Duration::from_millis(10);
/// Writes started at different moments of the busy writer's cycle. SQLite's own busy
/// timeout (tries at 1, 2, 5 … then every 100 ms) gets about half of them in within
/// two transactions, so all of them passing by chance is unlikely.
const WRITES: u64 = 8;

#[tokio::test]
async fn a_write_waits_at_most_about_one_transaction_of_a_busy_writer() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let store = Store::open(dir.path()).await?;
    sqlx::query("CREATE TABLE lock_test (who TEXT NOT NULL)").execute(&store.pool).await?;

    let commits = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let (started_tx, started) = tokio::sync::oneshot::channel();
    let mut busy = store.dedicated_connection().await?;
    let writer = tokio::spawn({
        let (commits, stop) = (commits.clone(), stop.clone());
        async move {
            let mut started_tx = Some(started_tx);
            while !stop.load(Ordering::SeqCst) {
                sqlx::query("BEGIN IMMEDIATE").execute(&mut busy).await?;
                sqlx::query("INSERT INTO lock_test (who) VALUES ('busy')").execute(&mut busy).await?;
                if let Some(tx) = started_tx.take() {
                    let _ = tx.send(());
                }
                tokio::time::sleep(HOLD).await;
                sqlx::query("COMMIT").execute(&mut busy).await?;
                commits.fetch_add(1, Ordering::SeqCst);
                tokio::time::sleep(GAP).await;
            }
            anyhow::Ok(())
        }
    });
    started.await?;

    let cycle = (HOLD + GAP).as_millis() as u64;
    for i in 0..WRITES {
        // Spread the starts over the writer's cycle.
        tokio::time::sleep(Duration::from_millis((i * 61) % cycle + 1)).await;
        let before = commits.load(Ordering::SeqCst);
        sqlx::query("INSERT INTO lock_test (who) VALUES ('waiter')").execute(&store.pool).await?;
        let waited = commits.load(Ordering::SeqCst) - before;
        assert!(waited <= 2, "write {i} waited through {waited} of the busy writer's transactions");
    }
    stop.store(true, Ordering::SeqCst);
    writer.await??;

    let waiters: i64 = sqlx::query_scalar("SELECT count(*) FROM lock_test WHERE who = 'waiter'").fetch_one(&store.pool).await?;
    assert_eq!(waiters, WRITES as i64);
    Ok(())
}
