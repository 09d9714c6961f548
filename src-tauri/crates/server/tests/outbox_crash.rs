//! Crash safety of the outbox: 200 sends while the server is SIGKILLed and restarted on
//! the same data dir, and while the simulated LINE answers some requests 500 or slowly.
//! Every send that was accepted must reach the customer exactly once; a send whose
//! answer was lost in the kill may arrive at most once; nothing arrives twice.

use std::collections::{BTreeSet, HashMap};
use std::time::Duration;

use anyhow::{bail, ensure, Context, Result};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::json;

use crate::support::{self, eventually, received_texts, Server, ServerOpts};

const SENDS: usize = 200;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accepted_sends_arrive_exactly_once_across_sigkills() -> Result<()> {
    let seed = support::seed("MADOGUCHI_OUTBOX_SEED", "outbox_crash");
    let mut rng = StdRng::seed_from_u64(seed);
    let sim = support::sim().await?;
    let dir = tempfile::tempdir()?;
    let opts = ServerOpts::undo(0);
    let mut server = Server::start(dir.path(), &sim, &opts).await?;
    let user = sim.add_user("田中 美咲");
    let first = sim.send_text(&user.user_id, "こんにちは、予約したいです").await?;
    ensure!(first.status == 200, "the customer's message answered {}", first.status);
    let conv = server.conversation_of(&user.user_id).await?;

    // LINE trouble while we send: some 500s (retried with the same X-Line-Retry-Key) and
    // slow answers.
    sim.faults().fail_next("push", 500, 3);
    sim.faults().delay_next("push", Duration::from_millis(300), 2);

    // At least 3 kills, at random sends (not the very first, which uses the reply token).
    let mut kill_at = BTreeSet::new();
    let kills = rng.random_range(3..=6);
    while kill_at.len() < kills {
        kill_at.insert(rng.random_range(10..SENDS));
    }
    eprintln!("outbox_crash: killing at sends {kill_at:?}");

    let mut accepted: Vec<String> = Vec::new();
    let mut maybe: Vec<String> = Vec::new();
    let mut restarts = 0;
    for i in 0..SENDS {
        let mut text = format!("msg-{i:03}");
        let mut attempt = 0;
        loop {
            let result = if attempt == 0 && kill_at.contains(&i) {
                // Fire the send and SIGKILL the server a random moment later (maybe
                // before, during or after its commit, maybe while the sender pushes).
                let client = server.client.clone();
                let url = format!("{}/api/rpc", server.base);
                let token = server.token.clone();
                let body = json!({ "method": "sendMessage", "params": { "conversationId": conv, "content": { "type": "text", "text": text } } });
                let req = tokio::spawn(async move {
                    let resp = client.post(url).bearer_auth(token).json(&body).send().await?;
                    let status = resp.status().as_u16();
                    let v: serde_json::Value = resp.json().await?;
                    ensure!(status == 200 && v["kind"] == "sendAccepted", "sendMessage answered {status}: {v}");
                    Ok::<_, anyhow::Error>(v["data"].clone())
                });
                tokio::time::sleep(Duration::from_micros(rng.random_range(0..8_000))).await;
                server.kill();
                let r = req.await?;
                server = Server::start(dir.path(), &sim, &opts).await?;
                restarts += 1;
                if restarts == 1 {
                    // More trouble after a restart: the resumed sender meets it.
                    sim.faults().fail_next("push", 503, 2);
                }
                r
            } else {
                server.send_text(conv, &text).await
            };
            match result {
                Ok(data) => {
                    ensure!(data["outboxId"].is_i64(), "sendAccepted without outboxId: {data}");
                    if i == 0 {
                        // The one reply goes out before any kill: a reply caught by a kill
                        // cannot be resent (its token is single-use) and would rightly fail.
                        ensure!(data["route"] == "reply", "the first answer took route {}", data["route"]);
                        let id = data["messageId"].clone();
                        eventually(30, "the first answer (a reply) to be sent", || async {
                            let thread = server.thread(conv).await?;
                            Ok(thread.iter().any(|m| m["id"] == id && m["status"] == "sent").then_some(()))
                        })
                        .await?;
                    }
                    accepted.push(text);
                    break;
                }
                Err(e) => {
                    // No sendAccepted: it may or may not be committed. Retry under a new text
                    // so "exactly once" stays checkable for each.
                    eprintln!("outbox_crash: {text} got no sendAccepted ({e:#}); retrying under a new text");
                    ensure!(attempt < 5, "{text}: sendMessage keeps failing: {e:#}");
                    maybe.push(text.clone());
                    attempt += 1;
                    text = format!("msg-{i:03}-retry{attempt}");
                }
            }
        }
    }
    ensure!(restarts >= 3, "only {restarts} restarts happened");

    // Drain: every outbound message sent (none pending, sending or failed).
    eventually(60, "the outbox to drain (every outbound message `sent`)", || async {
        let thread = server.thread(conv).await?;
        let out: Vec<_> = thread.iter().filter(|m| m["direction"] == "out").collect();
        if let Some(f) = out.iter().find(|m| m["status"] == "failed") {
            bail!("an outbound message failed: {f}");
        }
        let texts: BTreeSet<&str> = out.iter().filter_map(|m| m["text"].as_str()).collect();
        let all_accepted_there = accepted.iter().all(|t| texts.contains(t.as_str()));
        Ok((all_accepted_there && out.iter().all(|m| m["status"] == "sent")).then_some(()))
    })
    .await?;

    let got = received_texts(&sim, &user.user_id);
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for t in &got {
        *counts.entry(t.as_str()).or_insert(0) += 1;
    }
    let stats = sim.stats();
    eprintln!(
        "outbox_crash: seed {seed}: {} accepted, {} without answer, {} delivered; stats: push requests {}, accepted {}, \
         409 conflicts {}, faulted {}, reply accepted {}",
        accepted.len(),
        maybe.len(),
        got.len(),
        stats.requests("push"),
        stats.accepted("push"),
        stats.conflicts,
        stats.faulted,
        stats.accepted("reply")
    );
    for t in &accepted {
        let n = counts.get(t.as_str()).copied().unwrap_or(0);
        ensure!(n == 1, "accepted send {t:?} arrived {n} times (seed {seed})");
    }
    for t in &maybe {
        let n = counts.get(t.as_str()).copied().unwrap_or(0);
        ensure!(n <= 1, "unanswered send {t:?} arrived {n} times (seed {seed})");
    }
    let twice: Vec<_> = counts.iter().filter(|(_, n)| **n > 1).collect();
    ensure!(twice.is_empty(), "texts delivered more than once (seed {seed}): {twice:?}");
    let known: BTreeSet<&str> = accepted.iter().chain(maybe.iter()).map(String::as_str).collect();
    let strangers: Vec<_> = got.iter().filter(|t| !known.contains(t.as_str())).collect();
    ensure!(strangers.is_empty(), "the customer received texts nobody sent: {strangers:?}");
    // The first send used the customer's reply token; the rest were pushes.
    let vias: Vec<linesim::Via> = sim.received(&user.user_id).iter().map(|r| r.via).collect();
    let replies = vias.iter().filter(|v| **v == linesim::Via::Reply).count();
    ensure!(replies == 1, "expected exactly one reply (msg-000), got {replies}");
    let first = sim
        .received(&user.user_id)
        .into_iter()
        .find(|r| r.message["text"] == "msg-000")
        .context("msg-000 never arrived")?;
    ensure!(first.via == linesim::Via::Reply, "msg-000 did not use the reply token: {first:?}");
    // Every injected 500/503 was answered instead of the endpoint, and the messages still
    // arrived: those were retries with the same key.
    ensure!(stats.faulted >= 5, "the injected faults were not all hit (faulted = {})", stats.faulted);
    ensure!(
        stats.requests("push") > stats.accepted("push"),
        "no push was ever retried (requests {} = accepted {})",
        stats.requests("push"),
        stats.accepted("push")
    );
    Ok(())
}
