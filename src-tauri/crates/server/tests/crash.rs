//! Crash safety of webhook ingest: the server is SIGKILLed at random moments while
//! concurrent signed webhooks arrive, then restarted on the same data dir. Every event
//! of every request that was answered 200 must be in the store exactly once, and no
//! event may ever be stored twice (also when LINE re-sends acknowledged bodies).

use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{ensure, Result};
use linesim::{SimUser, Simulator};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};

use crate::support::{self, count_by_event_id, export, Server, ServerOpts};

const TASKS: u64 = 8;

/// One request that was answered 200: its body (to re-post later) and its event ids.
#[derive(Clone)]
struct Acked {
    body: Vec<u8>,
    signature: String,
    event_ids: Vec<String>,
}

fn random_event(sim: &Simulator, users: &[SimUser], rng: &mut StdRng, n: u64) -> Value {
    let u = &users[rng.random_range(0..users.len())].user_id;
    match rng.random_range(0..10) {
        0 => sim.event_sticker(u, "446", "1988", &[], None),
        1 => sim.event_location(u, "店", "東京都", 35.0, 139.0, None),
        2 => sim.event_postback(u, &format!("crash-postback-{n}"), Some(json!({ "date": "2025-01-01" })), None),
        _ => sim.event_text(u, &format!("crash-text-{n} 😀"), None),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_webhooks_survive_sigkill_exactly_once() -> Result<()> {
    let rounds: u64 = std::env::var("MADOGUCHI_CRASH_ROUNDS").ok().and_then(|s| s.parse().ok()).unwrap_or(20);
    let seed = support::seed("MADOGUCHI_CRASH_SEED", "crash");
    let mut rng = StdRng::seed_from_u64(seed);
    let sim = support::sim().await?;
    let users: Arc<Vec<SimUser>> = Arc::new((0..6).map(|i| sim.add_user(&format!("客{i}"))).collect());
    let dir = tempfile::tempdir()?;
    let acked: Arc<Mutex<Vec<Acked>>> = Arc::default();
    let mut attempted = 0u64;
    let mut failed = 0u64;
    let mut duplicates_posted = 0u64;

    for round in 0..rounds {
        let mut server = Server::start(dir.path(), &sim, &ServerOpts::default()).await?;
        let url = server.webhook_url();
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let mut tasks = Vec::new();
        for t in 0..TASKS {
            let sim = sim.clone();
            let users = users.clone();
            let acked = acked.clone();
            let client = server.client.clone();
            let url = url.clone();
            let stop = stop.clone();
            let mut trng = StdRng::seed_from_u64(seed ^ (round << 8 | t).wrapping_mul(0x9E37_79B9_7F4A_7C15));
            tasks.push(tokio::spawn(async move {
                let (mut tries, mut errors, mut dups) = (0u64, 0u64, 0u64);
                let mut n = 0u64;
                while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                    // Now and then LINE re-sends a body we already acknowledged.
                    let earlier = {
                        let a = acked.lock().unwrap();
                        (!a.is_empty() && trng.random_ratio(1, 6)).then(|| a[trng.random_range(0..a.len())].clone())
                    };
                    let (body, signature, event_ids, dup) = match earlier {
                        Some(a) => (a.body, a.signature, a.event_ids, true),
                        None => {
                            let count = trng.random_range(1..=2);
                            let events: Vec<Value> = (0..count)
                                .map(|_| {
                                    n += 1;
                                    random_event(&sim, &users, &mut trng, round * 1_000_000 + t * 100_000 + n)
                                })
                                .collect();
                            let ids = events.iter().map(|e| e["webhookEventId"].as_str().unwrap_or_default().to_owned()).collect();
                            let (body, sig) = sim.signed_body(events);
                            (body, sig, ids, false)
                        }
                    };
                    tries += 1;
                    dups += u64::from(dup);
                    match support::post_webhook(&client, &url, body.clone(), Some(&signature)).await {
                        Ok(200) => {
                            if !dup {
                                acked.lock().unwrap().push(Acked { body, signature, event_ids });
                            }
                        }
                        // The kill: connection refused / reset / incomplete answer. Fine.
                        Ok(other) => {
                            errors += 1;
                            if other != 500 {
                                return Err(anyhow::anyhow!("a webhook answered {other} (only 200, or 500 when storing failed, are acceptable)"));
                            }
                        }
                        Err(_) => {
                            errors += 1;
                            // Nothing listens any more: stop instead of spinning.
                            tokio::time::sleep(Duration::from_millis(5)).await;
                        }
                    }
                }
                Ok::<_, anyhow::Error>((tries, errors, dups))
            }));
        }
        let alive = rng.random_range(100..=1500);
        tokio::time::sleep(Duration::from_millis(alive)).await;
        server.kill();
        stop.store(true, std::sync::atomic::Ordering::SeqCst);
        for t in tasks {
            let (tries, errors, dups) = t.await??;
            attempted += tries;
            failed += errors;
            duplicates_posted += dups;
        }
        eprintln!("crash: round {round}: killed after {alive} ms, {} requests acknowledged so far", acked.lock().unwrap().len());
    }

    let rows = export(dir.path()).await?;
    support::ensure_oldest_first(&rows)?;
    let counts = count_by_event_id(&rows);
    let acked = acked.lock().unwrap().clone();
    let acked_events: usize = acked.iter().map(|a| a.event_ids.len()).sum();
    eprintln!(
        "crash: seed {seed}, {rounds} rounds, {attempted} requests ({duplicates_posted} re-posts of acknowledged bodies), \
         {failed} without 200, {} acknowledged with {acked_events} events, {} messages stored",
        acked.len(),
        rows.len()
    );
    ensure!(acked.len() as u64 >= rounds, "too few requests were acknowledged ({}) for the test to mean anything", acked.len());
    let mut missing = Vec::new();
    for a in &acked {
        for id in &a.event_ids {
            match counts.get(id).copied().unwrap_or(0) {
                1 => {}
                0 => missing.push(id.clone()),
                n => anyhow::bail!("acknowledged event {id} is stored {n} times (seed {seed})"),
            }
        }
    }
    ensure!(missing.is_empty(), "{} acknowledged events are missing after SIGKILL (seed {seed}): {missing:?}", missing.len());
    let twice: Vec<_> = counts.iter().filter(|(_, n)| **n > 1).collect();
    ensure!(twice.is_empty(), "webhookEventIds stored more than once (seed {seed}): {twice:?}");
    ensure!(
        rows.iter().all(|r| r["webhookEventId"].is_string()),
        "an inbound message without webhookEventId in the export"
    );
    Ok(())
}
