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
//! Phases: warm-ups; then rounds (at least five) of closed loop with `senders` concurrent
//! senders, each round ours, then the HTTP peer, the parse loop and the two http-floor
//! endpoints on the same bodies, so every ratio is the median of per-round ratios; open
//! loop at `rate` req/s for the latency percentiles; SIGKILL the server and check that
//! every acknowledged event is in the store.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context as _;

use super::Benchmark;
use crate::corpus;
use crate::report::{Outcome, Row, ms, thousands};
use crate::rounds::{median, Paired, ROUNDS};
use crate::server::{self, Server};
use crate::stats::{cpu_seconds, percentile};
use crate::{Ctx, floor, load, peer};

pub const BENCH: Benchmark = Benchmark { name: "webhook-ingest", run: |ctx| Box::pin(run(ctx)) };

const EVENTS_PER_BODY: usize = 2;
const THROUGHPUT_GOAL: f64 = 5.0;
const P99_GOAL_MS: f64 = 20.0;

/// Share of `--seconds` that one side's closed loop runs in a round: five rounds of four
/// sides stay about as long as the single pair of phases they replace.
const ROUND_SHARE: f64 = 0.3;

/// One round's figures.
struct Round {
    ours_rps: f64,
    ours_ok: u64,
    ours_cpu: f64,
    client_cpu: f64,
    ours_secs: f64,
    drain_s: f64,
    drain_cpu: f64,
    peer_rps: f64,
    peer_ok: u64,
    peer_cpu: f64,
    parse_rps: f64,
    answer_rps: f64,
    verify_rps: f64,
}

async fn run(ctx: &Ctx) -> anyhow::Result<Outcome> {
    let o = &ctx.opts;
    let mut notes = Vec::new();
    let server = Server::start(ctx, "webhook-ingest").await?;
    let target = crate::wire::Target::parse(&server.webhook_url())?;
    let round = Duration::from_secs_f64((o.seconds * ROUND_SHARE).max(1.0));

    // Warm-up: new friends, profile fetches, page cache, connection pool.
    let t = Instant::now();
    let warm = Arc::new(corpus::bodies(&ctx.sim, &ctx.users, 20_000, EVENTS_PER_BODY, 1));
    eprintln!("bench: {} warm-up bodies built in {:.1} s", warm.len(), t.elapsed().as_secs_f64());
    let w = load::closed_loop(&target, warm.clone(), o.senders, ctx.warmup()).await;
    let warm_rate = w.requests_per_s();
    eprintln!("bench: warm-up {} ok, {} errors, {:.0} req/s", w.ok, w.errors, warm_rate);
    let mut acked_ids: HashSet<String> = w.acked.iter().flat_map(|&i| warm[i].event_ids.iter().cloned()).collect();

    // The peers stay up for all rounds; each gets an unmeasured warm-up of its own. The
    // parse loop's input is synced to disk now: left to the kernel's write-back, its tens
    // of megabytes reached the disk 30 s later, mid-phase, and stalled the journal's syncs.
    let jsonl = ctx.work.path().join("bodies.jsonl");
    corpus::write_jsonl(&jsonl, &warm)?;
    std::fs::File::open(&jsonl)?.sync_all()?;
    let probe = &warm[0];
    let sdk_http = peer::SdkServer::start(ctx, probe).await.context("the line-bot-sdk HTTP peer")?;
    let answer = floor::Floor::start(ctx, "answer", probe).await.context("http-floor --mode answer")?;
    let verify = floor::Floor::start(ctx, "verify-parse", probe).await.context("http-floor --mode verify-parse")?;
    for t in [&sdk_http.target, &answer.target, &verify.target] {
        load::closed_loop(t, warm.clone(), o.senders, ctx.warmup()).await;
    }
    server.wait_projected(&ctx.http, Duration::from_secs(600)).await?;

    // Rounds: ours, then the peers on the same bodies, A B A B … Each round's bodies are
    // new to our server (a redelivery would be cheaper to ingest); the peers store
    // nothing, so the same bodies cost them nothing extra. Before a peer runs, our
    // projector has caught up, so it does not compete with the peer for the CPUs.
    let mut rounds = Vec::new();
    let mut first_error = w.first_error.clone();
    let mut errors = w.errors;
    let mut peer_errors: Vec<String> = Vec::new();
    let mut exhausted = 0;
    let mut per_second = Vec::new();
    let mut sdk_meta = None;
    let (mut ours_total, mut ours_secs) = (0u64, 0.0f64);
    for r in 0..ROUNDS {
        let want = ((warm_rate * round.as_secs_f64() * 1.5) as usize + o.senders).max(10_000);
        let bodies = Arc::new(corpus::bodies(&ctx.sim, &ctx.users, want, EVENTS_PER_BODY, 100 + r as u64));

        let (srv0, me0) = (server.cpu_seconds(), cpu_seconds("self").unwrap_or(f64::NAN));
        let c = load::closed_loop(&target, bodies.clone(), o.senders, round).await;
        let ours_cpu = server.cpu_seconds() - srv0;
        let client_cpu = cpu_seconds("self").unwrap_or(f64::NAN) - me0;
        let srv1 = server.cpu_seconds();
        let drain = server.wait_projected(&ctx.http, Duration::from_secs(600)).await?;
        let drain_cpu = server.cpu_seconds() - srv1;
        acked_ids.extend(c.acked.iter().flat_map(|&i| bodies[i].event_ids.iter().cloned()));
        errors += c.errors;
        first_error = first_error.or(c.first_error.clone());
        exhausted += usize::from(c.exhausted);
        per_second.push(c.per_second.clone());
        ours_total += c.ok;
        ours_secs += c.elapsed.as_secs_f64();

        let p0 = sdk_http.cpu_seconds();
        let p = load::closed_loop(&sdk_http.target, bodies.clone(), o.senders, round).await;
        let peer_cpu = sdk_http.cpu_seconds() - p0;
        let sdk = peer::line_sdk_parse(ctx, &jsonl, round.as_secs_f64()).await.context("the line-bot-sdk peer")?;
        let a = load::closed_loop(&answer.target, bodies.clone(), o.senders, round).await;
        let v = load::closed_loop(&verify.target, bodies.clone(), o.senders, round).await;
        for (name, run) in [("line-bot-sdk behind uvicorn", &p), ("http-floor --mode answer", &a), ("http-floor --mode verify-parse", &v)] {
            if let Some(e) = &run.first_error {
                peer_errors.push(format!("webhook-ingest round {}: {name}: {} requests answered other than 200, first: {e}", r + 1, run.errors));
            }
        }
        let round_figures = Round {
            ours_rps: c.requests_per_s(),
            ours_ok: c.ok,
            ours_cpu,
            client_cpu,
            ours_secs: c.elapsed.as_secs_f64(),
            drain_s: drain.as_secs_f64(),
            drain_cpu,
            peer_rps: p.requests_per_s(),
            peer_ok: p.ok,
            peer_cpu,
            parse_rps: sdk.requests_per_s,
            answer_rps: a.requests_per_s(),
            verify_rps: v.requests_per_s(),
        };
        eprintln!(
            "bench: round {}: ours {:.0} req/s (projected {:.1} s later), line-bot-sdk {:.0} req/s, parse loop {:.0}, http-floor answer {:.0}, verify-parse {:.0}",
            r + 1,
            round_figures.ours_rps,
            round_figures.drain_s,
            round_figures.peer_rps,
            round_figures.parse_rps,
            round_figures.answer_rps,
            round_figures.verify_rps
        );
        sdk_meta = Some((sdk.sdk_version, sdk.python));
        rounds.push(round_figures);
        if p.ok == 0 || p.errors > 0 {
            peer_errors.push(format!("webhook-ingest round {}: the HTTP peer answered {} requests, {} errors", r + 1, p.ok, p.errors));
        }
    }
    let peer_workers = sdk_http.workers;
    sdk_http.stop().await;
    answer.stop().await?;
    verify.stop().await?;

    // Latency, open loop, from a settled server; 1 s of lead-in is sent but not measured.
    let open_bodies = (f64::from(o.rate) * (o.seconds + 1.0)) as usize + 1;
    let open = Arc::new(corpus::bodies(&ctx.sim, &ctx.users, open_bodies, EVENTS_PER_BODY, 3));
    tokio::time::sleep(Duration::from_millis(500)).await;
    let lead = Duration::from_secs(1);
    let l = load::open_loop(&target, open.clone(), o.rate, lead, ctx.measure()).await;
    let (p50, p99, max) = (percentile(&l.latency_us, 50.0), percentile(&l.latency_us, 99.0), l.latency_us.last().copied().unwrap_or(0));
    eprintln!("bench: open loop p50 {} p99 {} max {}", ms(p50), ms(p99), ms(max));
    acked_ids.extend(l.acked.iter().flat_map(|&i| open[i].event_ids.iter().cloned()));
    errors += l.errors;
    first_error = first_error.or(l.first_error.clone());

    // Durability: SIGKILL (no graceful shutdown), then read the store back.
    let (data_dir, log) = server.kill().await?;
    let (exported, stored) = server::exported_event_ids(&ctx.server_bin, &data_dir).await?;
    let missing = acked_ids.iter().filter(|id| !stored.contains(id.as_str())).count();
    let warnings = std::fs::read_to_string(&log).map(|s| s.lines().count()).unwrap_or(0);

    let paired = |ours: fn(&Round) -> f64, peer: fn(&Round) -> f64, higher_is_better: bool| {
        let mut p = if higher_is_better { Paired::throughput() } else { Paired::latency() };
        for r in &rounds {
            p.push(ours(r), peer(r));
        }
        p
    };
    let rps = paired(|r| r.ours_rps, |r| r.peer_rps, true);
    let eps = paired(|r| r.ours_rps * EVENTS_PER_BODY as f64, |r| r.peer_rps * EVENTS_PER_BODY as f64, true);
    let per_cpu = paired(|r| r.ours_ok as f64 / r.ours_cpu.max(1e-9), |r| r.peer_ok as f64 / r.peer_cpu.max(1e-9), true);
    // What a request costs in all, answer and inbox, so moving work behind the answer
    // shows up here even when it does not in the requests/s.
    let all_in = paired(|r| 1e6 * (r.ours_cpu + r.drain_cpu) / r.ours_ok.max(1) as f64, |r| 1e6 * r.peer_cpu / r.peer_ok.max(1) as f64, false);
    let parse = paired(|r| r.ours_rps, |r| r.parse_rps, true);
    let floor_answer = paired(|r| r.answer_rps, |r| r.peer_rps, true);
    let floor_verify = paired(|r| r.verify_rps, |r| r.peer_rps, true);
    let drain_s: Vec<f64> = rounds.iter().map(|r| r.drain_s).collect();
    let k = |x: f64| thousands(x);
    let (sdk_version, python) = sdk_meta.unwrap_or_default();
    let peer_name = format!("line-bot-sdk {sdk_version} (Python {python})");
    let peer_ok = peer_errors.is_empty();
    let rows = vec![
        Row::info(
            format!(
                "Webhook ingest over HTTP, {} senders, {EVENTS_PER_BODY} events/body: requests/s, median of {} alternating rounds of {:.1} s (ours: verify + JSON check + durable write before the answer, the typed parse and the inbox with both search indexes after it; peer: line-bot-sdk behind uvicorn, {peer_workers} workers, verify + parse only)",
                o.senders,
                rps.rounds(),
                round.as_secs_f64()
            ),
            k(rps.ours_median()),
        )
        .paired(k(rps.peer_median()), &rps)
        // A peer that answered nothing, or not always 200, measured nothing to compare with.
        .goal(format!("≥ {THROUGHPUT_GOAL}× peer (median ratio)"), peer_ok && rps.ratio() >= THROUGHPUT_GOAL),
        Row::info("Webhook ingest: events/s", k(eps.ours_median())).paired(k(eps.peer_median()), &eps),
        Row::info("Webhook ingest: requests per CPU-second (ours: server process only; peer: its processes)", k(per_cpu.ours_median()))
            .paired(k(per_cpu.peer_median()), &per_cpu),
        Row::info(
            "CPU µs per request, all of it (ours: the answer, plus the typed parse and projection into the inbox during the catch-up; peer: its processes)",
            format!("{:.0}", all_in.ours_median()),
        )
        .paired(format!("{:.0}", all_in.peer_median()), &all_in),
        Row::info("line-bot-sdk's parse alone, for scale: one Python loop on one core, no HTTP, no storage (peer column), against our requests/s over HTTP", k(parse.ours_median()))
            .paired(k(parse.peer_median()), &parse),
        Row::info(
            "For scale, on this machine with this load generator: our HTTP stack (axum, tokio) answering 200 once it has read the request (no verify, no parse, no storage: the ceiling for any endpoint built on it here), against the same peer",
            k(floor_answer.ours_median()),
        )
        .paired(k(floor_answer.peer_median()), &floor_answer),
        Row::info("For scale: our verify + parse over HTTP, nothing stored (the peer's work, in our code), against the same peer", k(floor_verify.ours_median()))
            .paired(k(floor_verify.peer_median()), &floor_verify),
        Row::info("Inbox caught up after each round's closed loop (all acknowledged events projected into chats and messages): median", format!("{:.1} s later", median(&drain_s))),
        Row::info(format!("Latency at a steady {} req/s, open loop, from scheduled send: p50", thousands(f64::from(o.rate))), ms(p50)),
        Row::info("Latency at a steady rate: p99", ms(p99)).goal(format!("< {P99_GOAL_MS} ms"), (p99 as f64) < P99_GOAL_MS * 1000.0),
        Row::info("Latency at a steady rate: max", ms(max)),
        Row::info("Webhook requests answered other than 200 (all phases)", format!("{} of {}", thousands(errors as f64), thousands((w.ok + ours_total + l.acked.len() as u64 + errors) as f64)))
            .goal("0", errors == 0),
        Row::info("Durability: acknowledged events found in the store after SIGKILL", format!("{} of {}", thousands((acked_ids.len() - missing) as f64), thousands(acked_ids.len() as f64)))
            .goal("all", missing == 0),
    ];

    notes.push(format!("webhook-ingest rounds, requests/s (ours then the HTTP peer, same bodies): {}", rps.per_round(k)));
    notes.push(format!("webhook-ingest rounds, CPU µs per request all in: {}", all_in.per_round(|x| format!("{x:.0}"))));
    notes.push(format!(
        "webhook-ingest rounds, for scale: http-floor answer-only {}; verify + parse {}; the SDK's parse loop {}",
        floor_answer.per_round(k),
        floor_verify.per_round(k),
        parse.per_round(k)
    ));
    notes.push(format!(
        "peer: {peer_name}, `WebhookParser(secret).parse(body, signature)` in the handler of a bare ASGI app under uvicorn (httptools, uvloop, {peer_workers} workers), \
         driven by the same closed loop from the same {} senders; all endpoints stay up through the rounds, each runs only in its turn",
        o.senders
    ));
    notes.push(format!(
        "webhook-ingest: the answer to LINE waits for the durable journal commit; projecting into the store (messages, the trigram and the bigram search indexes) follows on a lower-priority thread. \
         After each round the projector needed {} s more to catch up (before the peers' turn); {} requests of ours in {ours_secs:.1} s of closed loop in all",
        drain_s.iter().map(|d| format!("{d:.1}")).collect::<Vec<_>>().join(" / "),
        thousands(ours_total as f64)
    ));
    notes.push(format!("webhook-ingest closed loop, acknowledged requests per second of each round: {per_second:?}"));
    let cpus = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1) as f64;
    notes.push(format!(
        "webhook-ingest, where the CPUs went in our rounds (server / load generator + simulator / CPU-s the machine offered): {}",
        rounds.iter().map(|r| format!("{:.1} / {:.1} / {:.1}", r.ours_cpu, r.client_cpu, r.ours_secs * cpus)).collect::<Vec<_>>().join("; ")
    ));
    if exhausted > 0 {
        notes.push(format!("webhook-ingest: in {exhausted} rounds the closed loop used up its bodies before the round's end; the rate is over the time it ran"));
    }
    notes.push(format!(
        "webhook-ingest open loop: {} measured requests; send → response p50 {} / p99 {} (what a closed-loop tool would show); the generator's own send lag p99 {} is included in the latencies above",
        l.measured,
        ms(percentile(&l.service_us, 50.0)),
        ms(percentile(&l.service_us, 99.0)),
        ms(l.send_lag_p99_us)
    ));
    notes.push(format!("webhook-ingest store: {exported} messages exported after the kill; server log had {warnings} warning/error lines"));
    notes.extend(peer_errors);
    if let Some(e) = first_error {
        notes.push(format!("webhook-ingest first error: {e}"));
    }
    Ok(Outcome { rows, notes })
}
