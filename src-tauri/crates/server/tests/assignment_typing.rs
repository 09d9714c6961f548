//! 「入力中」 over HTTP: one member's typing reaches another member's event stream, and
//! nothing of it is written to the store.

use std::path::Path;
use std::time::Duration;

use anyhow::{ensure, Context, Result};
use serde_json::{json, Value};

use crate::support::{self, eventually, Server, ServerOpts};

async fn login(server: &Server, name: &str, password: &str) -> Result<(String, i64)> {
    let resp = server.client.post(format!("{}/api/login", server.base)).json(&json!({ "name": name, "password": password })).send().await?;
    ensure!(resp.status() == 200, "login {name}: {}", resp.status());
    let body: Value = resp.json().await?;
    Ok((body["token"].as_str().context("token")?.to_string(), body["member"]["id"].as_i64().context("member id")?))
}

/// Rows per table, but the device tokens (each call notes its last use) and the search
/// indexes' virtual tables (their own tables are counted).
async fn table_counts(data: &Path) -> Result<Vec<(String, i64)>> {
    let url = format!("sqlite://{}?mode=ro", data.join(madoguchi_core::store::DB_FILE).display());
    let pool = sqlx::SqlitePool::connect(&url).await?;
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'member_tokens'
           AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name",
    )
    .fetch_all(&pool)
    .await?;
    let mut counts = Vec::new();
    for t in tables {
        let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT count(*) FROM \"{t}\""))).fetch_one(&pool).await?;
        counts.push((t, n));
    }
    pool.close().await;
    Ok(counts)
}

/// A hub with an owner and a staff member signed in, and one customer's chat.
struct Counter {
    _sim: linesim::Simulator,
    dir: tempfile::TempDir,
    server: Server,
    owner: String,
    staff: String,
    staff_id: i64,
    conversation: i64,
}

async fn counter_with_a_chat() -> Result<Counter> {
    let sim = support::sim().await?;
    let dir = tempfile::tempdir()?;
    let data = dir.path().join("data");
    for (name, role) in [("店長", "owner"), ("佐藤", "staff")] {
        let out = support::member_add(&data, name, role, "himitsu-no-pass-2026").await?;
        ensure!(out.status.success(), "member add {name}: {}", String::from_utf8_lossy(&out.stderr));
    }
    let server = Server::start(&data, &sim, &ServerOpts::default()).await?;
    let (owner, _) = login(&server, "店長", "himitsu-no-pass-2026").await?;
    let (staff, staff_id) = login(&server, "佐藤", "himitsu-no-pass-2026").await?;

    let user = sim.add_user("小林 さくら");
    let (body, sig) = sim.signed_body(vec![sim.event_text(&user.user_id, "来週の土曜日は空いていますか", None)]);
    ensure!(server.post_webhook(body, Some(&sig)).await? == 200);
    let conversation = eventually(10, "the customer's chat", || async {
        let (_, page) = server.rpc_raw("listConversations", json!({ "limit": 50 }), Some(&owner)).await?;
        Ok(page["data"]["items"].as_array().and_then(|a| a.iter().find(|c| c["friend"]["lineUserId"] == user.user_id)).and_then(|c| c["id"].as_i64()))
    })
    .await?;
    Ok(Counter { _sim: sim, dir, server, owner, staff, staff_id, conversation })
}

#[tokio::test]
async fn typing_reaches_another_members_event_stream_and_is_never_stored() -> Result<()> {
    let Counter { dir, server, owner, staff, staff_id, conversation, _sim } = counter_with_a_chat().await?;
    let data = dir.path().join("data");

    let mut stream = server.client.get(format!("{}/api/events?token={owner}", server.base)).send().await?;
    ensure!(stream.status() == 200, "the owner's event stream: {}", stream.status());
    let before = table_counts(&data).await?;

    let (status, answer) = server.rpc_raw("reportTyping", json!({ "conversationId": conversation }), Some(&staff)).await?;
    ensure!(status == 200, "reportTyping: {status} {answer}");
    let heard = tokio::time::timeout(Duration::from_secs(10), async {
        let mut text = String::new();
        while let Some(chunk) = stream.chunk().await? {
            text.push_str(&String::from_utf8_lossy(&chunk));
            for line in text.lines() {
                if let Some(event) = line.strip_prefix("data:").map(str::trim).and_then(|d| serde_json::from_str::<Value>(d).ok())
                    && event["type"] == "memberTyping"
                {
                    return Ok::<Value, anyhow::Error>(event);
                }
            }
        }
        anyhow::bail!("the event stream ended")
    })
    .await
    .context("no memberTyping event on the owner's stream within 10 s")??;
    ensure!(
        heard["conversationId"] == conversation && heard["memberId"] == staff_id && heard["name"] == "佐藤",
        "the event names the chat and the member: {heard}"
    );

    let after = table_counts(&data).await?;
    ensure!(before == after, "typing changed the store:\n{before:?}\n{after:?}");
    // Someone not signed in is refused, as for every method.
    let (status, _) = server.rpc_raw("reportTyping", json!({ "conversationId": conversation }), None).await?;
    ensure!(status == 401, "without a token: {status}");
    Ok(())
}

/// A desk that reports every keystroke (20 in a burst) costs the other desks one
/// 「入力中」 event per member and chat per two seconds: the throttle is the core's, not
/// the screen's. The events heard are counted up to a marker the same member sends
/// after the burst (assigning the chat, which the history records), so nothing waits
/// on a clock.
#[tokio::test]
async fn a_burst_of_typing_reaches_the_other_desks_throttled() -> Result<()> {
    let Counter { server, owner, staff, staff_id, conversation, _sim, .. } = counter_with_a_chat().await?;
    let mut stream = server.client.get(format!("{}/api/events?token={owner}", server.base)).send().await?;
    ensure!(stream.status() == 200, "the owner's event stream: {}", stream.status());

    let burst = std::time::Instant::now();
    for i in 0..20 {
        let (status, answer) = server.rpc_raw("reportTyping", json!({ "conversationId": conversation }), Some(&staff)).await?;
        ensure!(status == 200, "reportTyping #{i}: {status} {answer}");
    }
    let took = burst.elapsed();
    let (status, answer) =
        server.rpc_raw("assignConversation", json!({ "conversationId": conversation, "memberId": staff_id }), Some(&staff)).await?;
    ensure!(status == 200, "the marker: {status} {answer}");

    let typing = tokio::time::timeout(Duration::from_secs(10), async {
        let (mut text, mut typing) = (String::new(), 0usize);
        while let Some(chunk) = stream.chunk().await? {
            text.push_str(&String::from_utf8_lossy(&chunk));
            // Whole lines only; the rest waits for the next chunk.
            let Some(end) = text.rfind('\n') else { continue };
            let lines: String = text.drain(..=end).collect();
            for event in lines.lines().filter_map(|l| l.strip_prefix("data:")).filter_map(|d| serde_json::from_str::<Value>(d.trim()).ok()) {
                match event["type"].as_str() {
                    Some("memberTyping") => {
                        ensure!(event["conversationId"] == conversation && event["memberId"] == staff_id, "{event}");
                        typing += 1;
                    }
                    // Only the marker's own event: the chat is also updated by work of the
                    // hub's own (the customer's profile arriving), at any moment.
                    Some("memberActed") if event["conversationId"] == conversation && event["by"]["memberId"] == staff_id => return Ok(typing),
                    _ => {}
                }
            }
        }
        anyhow::bail!("the event stream ended")
    })
    .await
    .context("no marker on the owner's stream within 10 s")??;
    // One for the first report, and one more for each full window the burst spanned
    // (a slow machine may take longer than a window for 20 calls).
    let allowed = 1 + (took.as_millis() / madoguchi_core::assignment::typing::EVERY.as_millis()) as usize;
    eprintln!("assignment_typing: 20 reports in {took:?} → {typing} memberTyping events (at most {allowed})");
    ensure!(typing >= 1 && typing <= allowed, "20 reports in {took:?}: {typing} memberTyping events reached the owner, expected 1..={allowed}");
    Ok(())
}
