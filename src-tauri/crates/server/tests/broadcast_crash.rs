//! Crash safety of broadcasts: 10 000 followed friends (and some who blocked the
//! account) get one broadcast while `madoguchi-server` is SIGKILLed at random moments —
//! during the create request, between LINE accepting a batch and the server recording
//! it — and restarted on the same data dir, while the simulated LINE answers late and
//! loses some answers after accepting. Every followed friend must receive exactly one
//! copy; blocked friends none.

use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

use anyhow::{ensure, Context, Result};
use linesim::Simulator;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::ConnectOptions;

use crate::support::{self, eventually, Server, ServerOpts};

const FOLLOWED: usize = 10_000;
const BLOCKED: usize = 40;
const MARKER: &str = "【一斉配信】年末セールのお知らせ";

/// Friends straight into the server's store (stopped), users into the simulator. The
/// blocked ones still follow in the simulator, so a broadcast that failed to leave
/// them out would be recorded as delivered.
async fn seed(data_dir: &Path, sim: &Simulator) -> Result<(Vec<String>, Vec<String>)> {
    let mut conn = SqliteConnectOptions::new()
        .filename(data_dir.join("madoguchi.db"))
        .busy_timeout(Duration::from_secs(10))
        .connect()
        .await
        .context("opening the server's store")?;
    let account: i64 = sqlx::query_scalar("SELECT id FROM accounts ORDER BY id LIMIT 1").fetch_one(&mut conn).await?;
    let mut followed = Vec::with_capacity(FOLLOWED);
    let mut blocked = Vec::with_capacity(BLOCKED);
    let mut tx = sqlx::Connection::begin(&mut conn).await?;
    for i in 0..FOLLOWED + BLOCKED {
        let user = sim.add_user(&format!("お客様{i:05}"));
        let is_blocked = i >= FOLLOWED;
        sqlx::query(
            "INSERT INTO friends (account_id, line_user_id, display_name, followed, profile_fetched_at, first_seen_at, last_seen_at)
             VALUES (?, ?, ?, ?, 1, 1, 1)",
        )
        .bind(account)
        .bind(&user.user_id)
        .bind(&user.display_name)
        .bind(!is_blocked)
        .execute(&mut *tx)
        .await?;
        if is_blocked { blocked.push(user.user_id) } else { followed.push(user.user_id) }
    }
    tx.commit().await?;
    Ok((followed, blocked))
}

fn create_body() -> Value {
    json!({ "method": "createBroadcast", "params": {
        "contents": [{ "type": "text", "text": MARKER }],
        "audience": { "type": "all" }
    }})
}

async fn broadcasts(server: &Server) -> Result<Vec<Value>> {
    let v = server.rpc("listBroadcasts", json!({}), "broadcasts").await?;
    Ok(v.as_array().cloned().unwrap_or_default())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn broadcast_to_10000_reaches_each_followed_friend_once_across_sigkills() -> Result<()> {
    let seed_value = support::seed("MADOGUCHI_BROADCAST_SEED", "broadcast_crash");
    let mut rng = StdRng::seed_from_u64(seed_value);
    let sim = support::sim().await?;
    sim.set_quota(None);
    let dir = tempfile::tempdir()?;
    let opts = ServerOpts::default();

    // First start creates the store and the account; then seed it while stopped.
    let mut server = Server::start(dir.path(), &sim, &opts).await?;
    server.kill();
    let (followed, blocked) = seed(dir.path(), &sim).await?;
    server = Server::start(dir.path(), &sim, &opts).await?;

    // Multicasts are accepted at once but answered 250 ms later, so kills land between
    // LINE accepting a batch and the server recording it; a few answers are lost
    // outright. Only a same-key 409 can resolve those. (The first matching rule
    // applies: the lost answers come first.)
    sim.faults().lose_answer_next("multicast", 500, 3);
    sim.faults().delay_answer_next("multicast", Duration::from_millis(250), 0);

    // Kill 1: a random moment during the create request itself.
    let client = server.client.clone();
    let url = format!("{}/api/rpc", server.base);
    let token = server.token.clone();
    let req = tokio::spawn(async move { client.post(url).bearer_auth(token).json(&create_body()).send().await });
    tokio::time::sleep(Duration::from_micros(rng.random_range(0..1_500_000))).await;
    server.kill();
    let answered = matches!(req.await?, Ok(r) if r.status() == 200);
    server = Server::start(dir.path(), &sim, &opts).await?;
    let mut list = broadcasts(&server).await?;
    eprintln!("broadcast_crash: create {} before the kill; {} broadcast(s) stored", if answered { "answered" } else { "not answered" }, list.len());
    ensure!(!answered || list.len() == 1, "the create was answered but no broadcast is stored");
    if list.is_empty() {
        server.rpc("createBroadcast", create_body()["params"].clone(), "broadcast").await?;
        list = broadcasts(&server).await?;
    }
    ensure!(list.len() == 1, "expected one broadcast, found {}", list.len());
    let id = list[0]["id"].as_i64().context("broadcast without id")?;

    // Kills 2..: random moments while batches are being sent.
    let kills = rng.random_range(3..=5);
    let mut done_early = false;
    for k in 0..kills {
        tokio::time::sleep(Duration::from_millis(rng.random_range(100..900))).await;
        let d = server.rpc("getBroadcast", json!({ "broadcastId": id }), "broadcastDetail").await?;
        eprintln!(
            "broadcast_crash: kill {} at {} / {} batches sent",
            k + 2,
            d["broadcast"]["batchesSent"],
            d["broadcast"]["batchesTotal"]
        );
        if d["broadcast"]["status"] == "done" {
            done_early = true;
            break;
        }
        server.kill();
        server = Server::start(dir.path(), &sim, &opts).await?;
    }
    sim.faults().clear();

    let d = eventually(180, "the broadcast to finish", || async {
        let d = server.rpc("getBroadcast", json!({ "broadcastId": id }), "broadcastDetail").await?;
        let status = d["broadcast"]["status"].as_str().unwrap_or_default().to_owned();
        ensure!(status != "failed" && status != "cancelled", "broadcast ended {status}: {d}");
        Ok((status == "done").then_some(d))
    })
    .await?;

    let mut copies: HashMap<String, usize> = HashMap::new();
    for r in sim.all_received() {
        if r.message.get("text").and_then(Value::as_str) == Some(MARKER) {
            ensure!(r.via == linesim::Via::Multicast, "delivered through {:?}, not multicast", r.via);
            *copies.entry(r.user_id).or_insert(0) += 1;
        }
    }
    let stats = sim.stats();
    eprintln!(
        "broadcast_crash: seed {seed_value}: {} recipients got it; multicast requests {}, accepted {}, 409 conflicts {}, faulted {}; \
         done before all kills: {done_early}",
        copies.len(),
        stats.requests("multicast"),
        stats.accepted("multicast"),
        stats.conflicts,
        stats.faulted
    );
    let missing = followed.iter().filter(|u| !copies.contains_key(*u)).count();
    let twice: Vec<_> = copies.iter().filter(|(_, n)| **n > 1).collect();
    ensure!(missing == 0, "{missing} followed friends got nothing (seed {seed_value})");
    ensure!(twice.is_empty(), "{} friends got more than one copy, e.g. {:?} (seed {seed_value})", twice.len(), twice.first());
    let to_blocked = blocked.iter().filter(|u| copies.contains_key(*u)).count();
    ensure!(to_blocked == 0, "{to_blocked} blocked friends received the broadcast");
    ensure!(copies.len() == FOLLOWED, "{} recipients, expected {FOLLOWED}", copies.len());
    ensure!(stats.accepted("multicast") == 20, "LINE accepted {} multicasts; 20 batches of 500", stats.accepted("multicast"));
    let batches = d["batches"].as_array().context("batches")?;
    ensure!(batches.len() == 20 && batches.iter().all(|b| b["status"] == "sent"), "batches: {batches:?}");
    ensure!(d["broadcast"]["recipientsSent"] == FOLLOWED, "recipientsSent {}", d["broadcast"]["recipientsSent"]);
    Ok(())
}
