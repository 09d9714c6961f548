//! The webhook journal: what was acknowledged but not yet projected when the process
//! died is in the store after the next start, and a body projected twice (a crash
//! between the store's commit and the journal's clean-up) is stored once.

use std::sync::Arc;

use linesim::{SimConfig, Simulator};
use madoguchi_core::inbox::journal::{Journal, LOG_DIR};
use madoguchi_core::secrets::MemorySecretStore;
use madoguchi_core::{Core, CoreOptions};

async fn open(dir: &std::path::Path, sim: &Simulator) -> anyhow::Result<Core> {
    let c = sim.config();
    let secrets = Arc::new(MemorySecretStore::with("test", &c.channel_secret, &c.access_token));
    let mut opts = CoreOptions::new(dir, secrets);
    opts.line_api_base = sim.base_url();
    opts.line_data_base = sim.base_url();
    opts.start_workers = false;
    Ok(Core::open(opts).await?)
}

async fn count(core: &Core, text: &str) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar("SELECT count(*) FROM messages WHERE text = ?").bind(text).fetch_one(&core.store().pool).await?)
}

/// A data dir with the shop's account and no core running on it; returns the account id.
async fn closed_shop(dir: &std::path::Path, sim: &Simulator) -> anyhow::Result<i64> {
    let core = open(dir, sim).await?;
    let account = core.register_account("test", "テスト店").await?.id;
    core.shutdown().await;
    Ok(account)
}

#[tokio::test]
async fn journaled_bodies_reach_the_store_on_the_next_start_exactly_once() -> anyhow::Result<()> {
    let sim = Simulator::start(SimConfig::default()).await?;
    let dir = tempfile::tempdir()?;
    let account = closed_shop(dir.path(), &sim).await?;

    // As if the server had answered 200 and been killed before projecting: the bodies
    // are only in the journal. The second is the first again (projected twice).
    let user = sim.add_user("山田 花子");
    let (first, _) = sim.signed_body(vec![sim.event_text(&user.user_id, "ジャーナルから一通目", None)]);
    let (second, _) = sim.signed_body(vec![sim.event_text(&user.user_id, "ジャーナルから二通目", None)]);
    {
        let journal = Journal::open(dir.path(), false).await?;
        journal.append(account, first.clone()).await?;
        journal.append(account, second).await?;
        journal.append(account, first).await?;
    }
    assert!(dir.path().join(LOG_DIR).is_dir());

    let core = open(dir.path(), &sim).await?;
    assert_eq!(count(&core, "ジャーナルから一通目").await?, 1, "a body in the journal twice is stored once");
    assert_eq!(count(&core, "ジャーナルから二通目").await?, 1, "the journal is projected before Core::open returns");
    let friends: i64 = sqlx::query_scalar("SELECT count(*) FROM friends WHERE line_user_id = ?")
        .bind(&user.user_id)
        .fetch_one(&core.store().pool)
        .await?;
    assert_eq!(friends, 1);

    // Projected entries leave the journal; a later start finds nothing to redo.
    core.shutdown().await;
    drop(core);
    let journal = Journal::open(dir.path(), false).await?;
    let left = journal.reader().read_after(0, 10)?;
    assert!(left.is_empty(), "{} projected entries would be projected again", left.len());
    Ok(())
}

/// A journal left in SQLite by an older version: what it holds reaches the store, once.
#[tokio::test]
async fn a_journal_left_in_the_old_sqlite_file_is_projected_on_start() -> anyhow::Result<()> {
    let sim = Simulator::start(SimConfig::default()).await?;
    let dir = tempfile::tempdir()?;
    let account = closed_shop(dir.path(), &sim).await?;

    let user = sim.add_user("佐藤 一郎");
    let (body, _) = sim.signed_body(vec![sim.event_text(&user.user_id, "古いジャーナルから", None)]);
    let old = dir.path().join("webhook-journal.db");
    {
        let conn = rusqlite::Connection::open(&old)?;
        conn.execute_batch(
            "CREATE TABLE journal (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, received_at INTEGER NOT NULL, body BLOB NOT NULL)",
        )?;
        conn.execute("INSERT INTO journal (account_id, received_at, body) VALUES (?1, 0, ?2)", rusqlite::params![account, body])?;
    }

    let core = open(dir.path(), &sim).await?;
    assert_eq!(count(&core, "古いジャーナルから").await?, 1);
    assert!(!old.exists(), "the old file is gone once its entries are in the log");
    core.shutdown().await;
    drop(core);
    let core = open(dir.path(), &sim).await?;
    assert_eq!(count(&core, "古いジャーナルから").await?, 1, "stored once across restarts");
    core.shutdown().await;
    Ok(())
}

/// `settled()` reads `appended` to know what to wait for: an append that has answered
/// its caller must already be counted there, or a caller that acknowledged a webhook
/// and then waits for the store could be told "settled" before its own entry was read.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_answered_append_is_already_counted_as_appended() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let journal = Journal::open(dir.path(), false).await?;
    let appended = journal.appended();
    for n in 0..2_000 {
        let id = journal.append(1, format!("{{\"n\":{n}}}").into_bytes()).await?;
        let seen = *appended.borrow();
        assert!(seen >= id, "append {id} answered while appended still said {seen}");
    }
    Ok(())
}
