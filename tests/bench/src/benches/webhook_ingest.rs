//! Webhook ingest: signature check + parse + durable commit (SQLite, synchronous=FULL,
//! group commit) of bodies with two text events each, against LINE's official Python SDK
//! doing signature check + parse only (no storage) on the same bodies.
//!
//! The goal's peer is the SDK as a webhook endpoint (uvicorn, one worker per CPU), driven
//! by the same closed loop: both sides then pay for HTTP over loopback and share the
//! cores with the load generator. The SDK's bare parse loop (one core, no HTTP) is a row
//! of its own, for scale: a server can only be compared with it on a machine where the
//! load generator and the network stack cost nothing.
//!
//! Phases: closed loop with `senders` concurrent senders (warm-up, then measured), open
//! loop at `rate` req/s for the latency percentiles, SIGKILL the server and check that
//! every acknowledged event is in the store, then the two Python peers.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context as _;

use super::Benchmark;
use crate::corpus::{self, Body};
use crate::report::{Outcome, Row, ms, thousands};
use crate::server::{self, Server};
use crate::stats::{cpu_seconds, percentile};
use crate::{Ctx, floor, load, peer};

pub const BENCH: Benchmark = Benchmark { name: "webhook-ingest", run: |ctx| Box::pin(run(ctx)) };

const EVENTS_PER_BODY: usize = 2;
/// The bodies written for the Python peer, which loops over them.
const PEER_BODIES: usize = 50_000;
const THROUGHPUT_GOAL: f64 = 5.0;
const P99_GOAL_MS: f64 = 20.0;

async fn run(ctx: &Ctx) -> anyhow::Result<Outcome> {
    let o = &ctx.opts;
    let mut notes = Vec::new();
    let server = Server::start(ctx, "webhook-ingest").await?;
    let target = crate::wire::Target::parse(&server.webhook_url())?;

    // Warm-up: new friends, profile fetches, page cache, connection pool.
    let t = Instant::now();
    let warm = Arc::new(corpus::bodies(&ctx.sim, &ctx.users, 20_000, EVENTS_PER_BODY, 1));
    eprintln!("bench: {} warm-up bodies built in {:.1} s", warm.len(), t.elapsed().as_secs_f64());
    let w = load::closed_loop(&target, warm.clone(), o.senders, ctx.warmup()).await;
    let warm_rate = w.requests_per_s();
    eprintln!("bench: warm-up {} ok, {} errors, {:.0} req/s", w.ok, w.errors, warm_rate);

    // Enough distinct bodies for the measured phase at 1.5× the warm-up rate, so no
    // request is a redelivery (a duplicate would be cheaper to ingest).
    let t = Instant::now();
    let want = ((warm_rate * o.seconds * 1.5) as usize + o.senders).max(10_000);
    let main = Arc::new(corpus::bodies(&ctx.sim, &ctx.users, want, EVENTS_PER_BODY, 2));
    let open_bodies = (f64::from(o.rate) * (o.seconds + 1.0)) as usize + 1;
    let open = Arc::new(corpus::bodies(&ctx.sim, &ctx.users, open_bodies, EVENTS_PER_BODY, 3));
    eprintln!("bench: {} + {} bodies built in {:.1} s", main.len(), open.len(), t.elapsed().as_secs_f64());

    // Throughput, closed loop.
    let (srv0, me0) = (server.cpu_seconds(), cpu_seconds("self").unwrap_or(f64::NAN));
    let c = load::closed_loop(&target, main.clone(), o.senders, ctx.measure()).await;
    let (srv1, me1) = (server.cpu_seconds(), cpu_seconds("self").unwrap_or(f64::NAN));
    let secs = c.elapsed.as_secs_f64();
    let rps = c.requests_per_s();
    let eps = rps * EVENTS_PER_BODY as f64;
    let server_cpu = srv1 - srv0;
    let client_cpu = me1 - me0;
    eprintln!("bench: closed loop {} ok, {} errors, {:.0} req/s", c.ok, c.errors, rps);
    if c.exhausted {
        notes.push(format!("webhook-ingest: the closed loop used up its {} bodies after {secs:.1} s; the rate is over that time", main.len()));
    }

    // The answer waits only for the journal; the inbox (the projector) catches up after.
    // The steady-rate phase starts from a settled server, not from the closed loop's backlog.
    let (srv2, stored_before) = (server.cpu_seconds(), c.ok + w.ok);
    let drain = server.wait_projected(&ctx.http, Duration::from_secs(600)).await?;
    let drain_cpu = server.cpu_seconds() - srv2;
    eprintln!("bench: backlog projected {:.1} s after the closed loop", drain.as_secs_f64());

    // Latency, open loop; 1 s of lead-in is sent but not measured.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let lead = Duration::from_secs(1);
    let l = load::open_loop(&target, open.clone(), o.rate, lead, ctx.measure()).await;
    let (p50, p99, max) = (percentile(&l.latency_us, 50.0), percentile(&l.latency_us, 99.0), l.latency_us.last().copied().unwrap_or(0));
    eprintln!("bench: open loop p50 {} p99 {} max {}", ms(p50), ms(p99), ms(max));

    // Durability: SIGKILL (no graceful shutdown), then read the store back.
    let (data_dir, log) = server.kill().await?;
    let (exported, stored) = server::exported_event_ids(&ctx.server_bin, &data_dir).await?;
    let acked: Vec<&Body> = w.acked.iter().map(|&i| &warm[i]).chain(c.acked.iter().map(|&i| &main[i])).chain(l.acked.iter().map(|&i| &open[i])).collect();
    let acked_ids: HashSet<&str> = acked.iter().flat_map(|b| b.event_ids.iter().map(String::as_str)).collect();
    let missing = acked_ids.iter().filter(|id| !stored.contains(**id)).count();
    let warnings = std::fs::read_to_string(&log).map(|s| s.lines().count()).unwrap_or(0);

    // The peer, on the same bodies, with the server gone (it gets the CPU to itself).
    // Its input file is written only now: written before the measured phases, its tens
    // of megabytes reached the disk when the kernel's write-back expired them (30 s
    // later), in the middle of the steady-rate phase, and stalled the journal's syncs.
    let jsonl = ctx.work.path().join("bodies.jsonl");
    corpus::write_jsonl(&jsonl, &main[..main.len().min(PEER_BODIES)])?;
    let sdk = peer::line_sdk_parse(ctx, &jsonl).await.context("the line-bot-sdk peer")?;
    eprintln!("bench: line-bot-sdk parse loop {:.0} req/s", sdk.requests_per_s);

    // The like-for-like peer: the SDK as a webhook endpoint, loaded by the same closed
    // loop with the same bodies, so it too pays for HTTP and shares the cores with the
    // load generator. It stores nothing, so sending it bodies again costs it nothing extra.
    let http = peer::line_sdk_server(ctx, main.clone()).await.context("the line-bot-sdk HTTP peer")?;
    let p = &http.run;
    let peer_rps = p.requests_per_s();
    let peer_eps = peer_rps * EVENTS_PER_BODY as f64;
    let (peer_workers, peer_cpu) = (http.workers, http.cpu_seconds);
    eprintln!("bench: line-bot-sdk behind uvicorn {peer_rps:.0} req/s, {} errors", p.errors);
    if let Some(e) = &p.first_error {
        notes.push(format!("webhook-ingest HTTP peer: {} requests answered other than 200, first: {e}", p.errors));
    }
    // Where the time goes on this machine: the same harness against an endpoint that
    // only answers (no endpoint can be faster here), and against our verify + parse alone.
    let answer = floor::measure(ctx, "answer", main.clone()).await.context("http-floor --mode answer")?;
    let verify = floor::measure(ctx, "verify-parse", main.clone()).await.context("http-floor --mode verify-parse")?;
    let (answer_rps, verify_rps) = (answer.run.requests_per_s(), verify.run.requests_per_s());
    eprintln!("bench: http-floor answer {answer_rps:.0} req/s, verify-parse {verify_rps:.0} req/s");
    for (name, f) in [("answer", &answer), ("verify-parse", &verify)] {
        if let Some(e) = &f.run.first_error {
            notes.push(format!("webhook-ingest http-floor --mode {name}: {} requests answered other than 200, first: {e}", f.run.errors));
        }
    }
    let sdk_cpu_rate = p.ok as f64 / peer_cpu.max(1e-9);
    let our_cpu_rate = c.ok as f64 / server_cpu.max(1e-9);
    // What a request costs in all, answer and inbox, so moving work behind the answer
    // shows up here even when it does not in the requests/s.
    let all_in_us = 1e6 * (server_cpu / c.ok.max(1) as f64 + drain_cpu / (stored_before as f64).max(1.0));
    let peer_us = 1e6 * peer_cpu / p.ok.max(1) as f64;

    let errors = w.errors + c.errors + l.errors;
    let first_error = w.first_error.or(c.first_error).or(l.first_error);
    let peer_name = format!("line-bot-sdk {} (Python {})", sdk.sdk_version, sdk.python);
    let rows = vec![
        Row::info(
            format!(
                "Webhook ingest over HTTP, {} senders, {EVENTS_PER_BODY} events/body: requests/s (ours: verify + JSON check + durable write before the answer, the typed parse and the inbox after it; peer: line-bot-sdk behind uvicorn, {peer_workers} workers, verify + parse only)",
                o.senders
            ),
            thousands(rps),
        )
        .peer(thousands(peer_rps), rps / peer_rps)
        // A peer that answered nothing, or not always 200, measured nothing to compare with.
        .goal(format!("≥ {THROUGHPUT_GOAL}× peer"), p.ok > 0 && p.errors == 0 && rps >= THROUGHPUT_GOAL * peer_rps),
        Row::info("Webhook ingest: events/s", thousands(eps)).peer(thousands(peer_eps), eps / peer_eps),
        Row::info("Webhook ingest: requests per CPU-second (ours: server process only; peer: its processes)", thousands(our_cpu_rate))
            .peer(thousands(sdk_cpu_rate), our_cpu_rate / sdk_cpu_rate),
        Row::info(
            "CPU µs per request, all of it (ours: the answer, plus the typed parse and projection into the inbox during the catch-up; peer: its processes)",
            format!("{all_in_us:.0}"),
        )
        .peer(format!("{peer_us:.0}"), peer_us / all_in_us),
        Row::info("line-bot-sdk's parse alone, for scale: one Python loop on one core, no HTTP, no storage (peer column), against our requests/s over HTTP", thousands(rps))
            .peer(thousands(sdk.requests_per_s), rps / sdk.requests_per_s),
        Row::info(
            "For scale, on this machine with this load generator: our HTTP stack (axum, tokio) answering 200 once it has read the request (no verify, no parse, no storage: the ceiling for any endpoint built on it here), against the same peer",
            thousands(answer_rps),
        )
        .peer(thousands(peer_rps), answer_rps / peer_rps),
        Row::info("For scale: our verify + parse over HTTP, nothing stored (the peer's work, in our code), against the same peer", thousands(verify_rps))
            .peer(thousands(peer_rps), verify_rps / peer_rps),
        Row::info("Inbox caught up after the closed loop (all acknowledged events projected into chats and messages)", format!("{:.1} s later", drain.as_secs_f64())),
        Row::info(format!("Latency at a steady {} req/s, open loop, from scheduled send: p50", thousands(f64::from(o.rate))), ms(p50)),
        Row::info("Latency at a steady rate: p99", ms(p99)).goal(format!("< {P99_GOAL_MS} ms"), (p99 as f64) < P99_GOAL_MS * 1000.0),
        Row::info("Latency at a steady rate: max", ms(max)),
        Row::info("Webhook requests answered other than 200 (all phases)", format!("{} of {}", thousands(errors as f64), thousands((w.ok + c.ok + l.acked.len() as u64 + errors) as f64)))
            .goal("0", errors == 0),
        Row::info("Durability: acknowledged events found in the store after SIGKILL", format!("{} of {}", thousands((acked_ids.len() - missing) as f64), thousands(acked_ids.len() as f64)))
            .goal("all", missing == 0),
    ];

    notes.push(format!(
        "peer: {peer_name}, `WebhookParser(secret).parse(body, signature)` in the handler of a bare ASGI app under uvicorn (httptools, uvloop, {peer_workers} workers), \
         {} requests in {:.1} s of closed loop from the same {} senders, {peer_cpu:.1} CPU-s",
        p.ok,
        p.elapsed.as_secs_f64(),
        o.senders
    ));
    notes.push(format!(
        "http-floor (tests/bench/src/bin/http-floor.rs, same axum and tokio set-up as madoguchi-server): answer-only {} requests in {:.1} s, {:.1} CPU-s; verify + parse {} requests in {:.1} s, {:.1} CPU-s",
        answer.run.ok,
        answer.run.elapsed.as_secs_f64(),
        answer.cpu_seconds,
        verify.run.ok,
        verify.run.elapsed.as_secs_f64(),
        verify.cpu_seconds
    ));
    notes.push(format!("peer, parse only: the same call in one Python loop over {} distinct bodies of the measured set, {:.1} s, {:.1} CPU-s", sdk.distinct_bodies, sdk.seconds, sdk.cpu_seconds));
    notes.push(format!(
        "webhook-ingest closed loop: {} requests in {secs:.1} s; CPU used in that window: server {server_cpu:.1} s, load generator + simulator {client_cpu:.1} s, of {:.0} CPU-s the machine offered",
        c.ok,
        secs * std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1) as f64
    ));
    notes.push(format!(
        "webhook-ingest closed loop, acknowledged requests per second: warm-up {:?}, measured {:?}",
        w.per_second, c.per_second
    ));
    notes.push(format!(
        "webhook-ingest open loop: {} measured requests; send → response p50 {} / p99 {} (what a closed-loop tool would show); the generator's own send lag p99 {} is included in the latencies above",
        l.measured,
        ms(percentile(&l.service_us, 50.0)),
        ms(percentile(&l.service_us, 99.0)),
        ms(l.send_lag_p99_us)
    ));
    notes.push(format!(
        "webhook-ingest: the answer to LINE waits for the durable journal commit; projecting into the store follows on a lower-priority thread. \
         After the closed loop ({} requests, warm-up included) the projector needed {:.1} s more ({drain_cpu:.1} CPU-s) to catch up; \
         the steady-rate phase started after that",
        thousands(stored_before as f64),
        drain.as_secs_f64()
    ));
    notes.push(format!("webhook-ingest store: {exported} messages exported after the kill; server log had {warnings} warning/error lines"));
    if let Some(e) = first_error {
        notes.push(format!("webhook-ingest first error: {e}"));
    }
    Ok(Outcome { rows, notes })
}
