//! The hub: a release `madoguchi-server` on the 100k-friend / 2M-message store, a member
//! signed in, a real Caddy (`tls internal`) in front as in `packaging/hub/`.
//!
//! - idle memory: RSS after one desk opened the inbox and 60 s passed;
//! - a desk's `rpc` (first inbox page) through Caddy, p95, in alternating rounds with the
//!   same call straight to the hub (the peer: what Caddy and TLS add);
//! - fan-out: 50 desks hold event streams through Caddy while LINE's webhooks arrive
//!   through Caddy at a steady rate; for every desk, the time from LINE's 200 to the
//!   message's event at that desk.

use std::time::{Duration, Instant};

use anyhow::{Context as _, bail, ensure};
use serde_json::{Value, json};
use tokio::io::AsyncWriteExt as _;

use super::Benchmark;
use super::inbox_page;
use crate::Ctx;
use crate::caddy::Caddy;
use crate::report::{Outcome, Row, ms};
use crate::rounds::{Paired, ROUNDS};
use crate::server::Server;
use crate::stats::percentile;

pub const BENCH: Benchmark = Benchmark { name: "hub", run: |ctx| Box::pin(run(ctx)) };

const DESKS: usize = 50;
/// Webhook requests per second during the fan-out phase, one message each.
const RATE: f64 = 20.0;
const PER_ROUND: usize = 40;
const MEMBER: &str = "ベンチ店長";
const PASSWORD: &str = "bench-hub-password-2026";
const IDLE_GOAL_MB: f64 = 40.0;
const RPC_GOAL_MS: f64 = 30.0;
const FANOUT_GOAL_MS: f64 = 100.0;

async fn run(ctx: &Ctx) -> anyhow::Result<Outcome> {
    // The inbox-page bench's store when it ran before, else one made the same way.
    let mut data = ctx.work.path().join("inbox-page");
    if let Some(kept) = std::env::var_os("BENCH_HUB_STORE").map(std::path::PathBuf::from) {
        // Populating takes minutes; when iterating on the hub, make the store once and
        // run on a fresh copy of it each time (the run adds a member and messages).
        if !kept.join("madoguchi.db").exists() {
            inbox_page::populate(&kept).await?;
        }
        data = ctx.work.path().join("hub-store");
        copy_dir(&kept, &data)?;
    } else if !data.join("madoguchi.db").exists() {
        data = ctx.work.path().join("hub-store");
        inbox_page::populate(&data).await?;
    }
    add_owner(ctx, &data).await?;
    let hub = Server::start_in(ctx, "hub", &data).await?;
    let direct = hub.base.clone();
    let token = login(&ctx.http, &direct).await?;
    let account = full_account(&ctx.http, &direct, &token).await?;

    // Idle: one desk opened the inbox, then nothing for a minute.
    let idle = Duration::from_secs_f64(std::env::var("BENCH_HUB_IDLE").ok().and_then(|s| s.parse().ok()).unwrap_or(60.0));
    first_page(&ctx.http, &direct, &token, account).await?;
    tokio::time::sleep(idle).await;
    let rss_mb = status_kib(&hub.pid, "VmRSS").context("reading the hub's RSS")? as f64 / 1024.0;
    let rss_parts = ["RssAnon", "RssFile", "RssShmem"]
        .map(|k| format!("{k} {:.1} MB", status_kib(&hub.pid, k).unwrap_or(0) as f64 / 1024.0))
        .join(", ");
    let where_kib = rss_by_mapping(&hub.pid).context("reading the hub's smaps")?;

    let hub_port: u16 = direct.rsplit(':').next().and_then(|p| p.parse().ok()).context("the hub's port")?;
    let caddy = Caddy::start(&ctx.repo, &ctx.work.path().join("caddy"), crate::caddy::free_port()?, hub_port).await?;
    let front = caddy.base.clone();
    let tls = tls_client(&caddy.root_pem)?;
    first_page(&tls, &front, &token, account).await.context("the first page through Caddy")?;

    let mut rpc = Paired::latency();
    for _ in 0..ROUNDS {
        let through = timed_pages(&tls, &front, &token, account).await?;
        let straight = timed_pages(&ctx.http, &direct, &token, account).await?;
        rpc.push(through, straight);
    }
    let rpc_p95 = rpc.ours_median();

    let fan = fan_out(ctx, &hub, &caddy, &front, &token).await?;
    caddy.stop().await;
    let mut lat = fan.latencies_us;
    lat.sort_unstable();
    let (p50, p99) = (percentile(&lat, 50.0), percentile(&lat, 99.0));

    Ok(Outcome {
        rows: vec![
            Row::info(format!("hub idle memory: RSS after {} s, 100k friends / 2M messages (release)", idle.as_secs()), format!("{rss_mb:.1} MB"))
                .goal(format!("< {IDLE_GOAL_MB} MB"), rss_mb < IDLE_GOAL_MB),
            Row::info(format!("hub: a desk's rpc through Caddy (first inbox page), p95 (median of {ROUNDS} rounds' p95)"), format!("{rpc_p95:.2} ms"))
                .peer(format!("{:.2} ms (straight to the hub)", rpc.peer_median()), rpc.ratio())
                .goal(format!("< {RPC_GOAL_MS} ms"), rpc_p95 < RPC_GOAL_MS),
            Row::info(format!("hub fan-out: LINE's 200 → event at each of {DESKS} desks (through Caddy), p50"), ms(p50)),
            Row::info(format!("hub fan-out: LINE's 200 → event at each of {DESKS} desks (through Caddy), p99"), ms(p99))
                .goal(format!("< {FANOUT_GOAL_MS} ms"), (p99 as f64) < FANOUT_GOAL_MS * 1000.0),
        ],
        notes: vec![
            format!(
                "hub idle memory: {rss_parts}; by mapping: {} (file pages are clean: the kernel can drop them and read them again)",
                where_kib.iter().map(|(what, kib)| format!("{what} {:.1} MB", *kib as f64 / 1024.0)).collect::<Vec<_>>().join(", ")
            ),
            format!(
                "hub: rpc rounds of {PER_ROUND} first pages through Caddy (TLS, tls internal) then {PER_ROUND} straight to the hub; per round: {}",
                rpc.per_round(|x| format!("{x:.2} ms"))
            ),
            format!(
                "hub fan-out: {} webhooks at {RATE} req/s through Caddy, {DESKS} desks, {} events timed ({} arrived before the 200 reached the sender, counted as 0); hub CPU during the phase {:.1} s",
                fan.webhooks,
                lat.len(),
                fan.early,
                fan.hub_cpu_s
            ),
        ],
    })
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target).with_context(|| format!("copying {}", entry.path().display()))?;
        }
    }
    Ok(())
}

async fn add_owner(ctx: &Ctx, data: &std::path::Path) -> anyhow::Result<()> {
    let mut child = tokio::process::Command::new(&ctx.server_bin)
        .args(["member", "add", "--data-dir"])
        .arg(data)
        .args(["--name", MEMBER, "--role", "owner"])
        .env_remove("MADOGUCHI_DATA_DIR")
        .env("RUST_LOG", "warn")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()?;
    let mut stdin = child.stdin.take().context("member add's stdin")?;
    stdin.write_all(format!("{PASSWORD}\n").as_bytes()).await?;
    drop(stdin);
    let out = child.wait_with_output().await?;
    ensure!(out.status.success(), "member add: {}", String::from_utf8_lossy(&out.stderr));
    Ok(())
}

async fn login(http: &reqwest::Client, base: &str) -> anyhow::Result<String> {
    let r: Value = http
        .post(format!("{base}/api/login"))
        .json(&json!({ "name": MEMBER, "password": PASSWORD, "deviceName": "bench" }))
        .send()
        .await?
        .json()
        .await?;
    Ok(r["token"].as_str().with_context(|| format!("login: {r}"))?.to_owned())
}

async fn rpc(http: &reqwest::Client, base: &str, token: &str, body: Value) -> anyhow::Result<Value> {
    let r = http.post(format!("{base}/api/rpc")).bearer_auth(token).json(&body).send().await?;
    let status = r.status();
    let v: Value = r.json().await?;
    ensure!(status.is_success(), "{body} answered {status}: {v}");
    Ok(v)
}

/// The account holding the 100k friends (the server adds one of its own for the
/// simulator's channel).
async fn full_account(http: &reqwest::Client, base: &str, token: &str) -> anyhow::Result<i64> {
    let accounts = rpc(http, base, token, json!({ "method": "listAccounts" })).await?;
    for a in accounts["data"].as_array().context("listAccounts")? {
        let id = a["id"].as_i64().context("account id")?;
        if first_page(http, base, token, id).await.is_ok() {
            return Ok(id);
        }
    }
    bail!("no account with a full first page: {accounts}")
}

async fn first_page(http: &reqwest::Client, base: &str, token: &str, account: i64) -> anyhow::Result<()> {
    let page = rpc(http, base, token, json!({ "method": "listConversations", "params": { "accountId": account, "limit": 50 } })).await?;
    let n = page["data"]["items"].as_array().map_or(0, Vec::len);
    ensure!(n == 50, "a short first page ({n} rows)");
    Ok(())
}

/// p95 of `PER_ROUND` first pages, in ms.
async fn timed_pages(http: &reqwest::Client, base: &str, token: &str, account: i64) -> anyhow::Result<f64> {
    let mut us = Vec::with_capacity(PER_ROUND);
    for _ in 0..PER_ROUND {
        let t = Instant::now();
        first_page(http, base, token, account).await?;
        us.push(t.elapsed().as_micros() as u64);
    }
    us.sort_unstable();
    Ok(percentile(&us, 95.0) as f64 / 1000.0)
}

fn tls_client(root_pem: &[u8]) -> anyhow::Result<reqwest::Client> {
    Ok(reqwest::Client::builder()
        .no_proxy()
        .add_root_certificate(reqwest::Certificate::from_pem(root_pem)?)
        .tcp_nodelay(true)
        .timeout(Duration::from_secs(30))
        .build()?)
}

struct FanOut {
    webhooks: usize,
    latencies_us: Vec<u64>,
    early: usize,
    hub_cpu_s: f64,
}

/// Each desk's own connection and stream; each webhook a new customer's first message,
/// so a desk's n-th new conversation in `messageArrived` events is the n-th webhook
/// (automatic replies arrive for a conversation already seen).
async fn fan_out(ctx: &Ctx, hub: &Server, caddy: &Caddy, front: &str, token: &str) -> anyhow::Result<FanOut> {
    let webhooks = ((RATE * ctx.opts.seconds) as usize).clamp(10, ctx.users.len());
    let mut desks = Vec::with_capacity(DESKS);
    for _ in 0..DESKS {
        let client = tls_client(&caddy.root_pem)?;
        let resp = client.get(format!("{front}/api/events?token={token}")).send().await?;
        ensure!(resp.status() == 200, "a desk's event stream: {}", resp.status());
        desks.push(tokio::spawn(first_arrivals(resp, webhooks)));
    }
    // Let every stream settle before the first webhook.
    tokio::time::sleep(Duration::from_millis(500)).await;

    let sender = tls_client(&caddy.root_pem)?;
    let cpu_before = hub.cpu_seconds();
    let started = Instant::now();
    let mut answered = Vec::with_capacity(webhooks);
    for (i, user) in ctx.users.iter().take(webhooks).enumerate() {
        let (body, signature) = ctx.sim.signed_body(vec![ctx.sim.event_text(&user.user_id, &format!("ハブ経由のメッセージ {i}"), None)]);
        let r = sender.post(format!("{front}/webhook")).header("x-line-signature", signature).body(body).send().await?;
        let at = Instant::now();
        ensure!(r.status() == 200, "webhook {i} through Caddy answered {}", r.status());
        answered.push(at);
        let next = started + Duration::from_secs_f64((i + 1) as f64 / RATE);
        tokio::time::sleep_until(next.into()).await;
    }

    let hub_cpu_s = hub.cpu_seconds() - cpu_before;
    let mut latencies_us = Vec::with_capacity(webhooks * DESKS);
    let mut early = 0;
    for desk in desks {
        let arrivals = tokio::time::timeout(Duration::from_secs(60), desk).await.context("a desk still waiting after 60 s")???;
        ensure!(arrivals.len() == webhooks, "a desk saw {} of {webhooks} messages", arrivals.len());
        for (seen, sent) in arrivals.iter().zip(&answered) {
            match seen.checked_duration_since(*sent) {
                Some(d) => latencies_us.push(d.as_micros() as u64),
                None => {
                    early += 1;
                    latencies_us.push(0);
                }
            }
        }
    }
    Ok(FanOut { webhooks, latencies_us, early, hub_cpu_s })
}

/// When each new conversation first appeared in a `messageArrived` event, until `n`.
async fn first_arrivals(mut resp: reqwest::Response, n: usize) -> anyhow::Result<Vec<Instant>> {
    let mut seen = std::collections::HashSet::new();
    let mut arrivals = Vec::with_capacity(n);
    let mut buf = String::new();
    while arrivals.len() < n {
        let Some(chunk) = resp.chunk().await? else { bail!("the stream ended after {} messages", arrivals.len()) };
        let at = Instant::now();
        buf.push_str(&String::from_utf8_lossy(&chunk));
        while let Some(end) = buf.find("\n\n") {
            let block: String = buf.drain(..end + 2).collect();
            for data in block.lines().filter_map(|l| l.strip_prefix("data:")) {
                let Ok(v) = serde_json::from_str::<Value>(data.trim()) else { continue };
                if v["type"] == "messageArrived"
                    && let Some(c) = v["conversationId"].as_i64()
                    && seen.insert(c)
                {
                    arrivals.push(at);
                }
            }
        }
    }
    Ok(arrivals)
}

/// A `kB` field of /proc/<pid>/status.
fn status_kib(pid: &str, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status.lines().find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))?.split_whitespace().next()?.parse().ok()
}

/// Resident kB of the hub's mappings, in four groups: its own binary (code and data read
/// from the file), the store's memory map, other files (shared libraries), and anonymous
/// memory (heap, thread stacks).
fn rss_by_mapping(pid: &str) -> Option<[(&'static str, u64); 4]> {
    let smaps = std::fs::read_to_string(format!("/proc/{pid}/smaps")).ok()?;
    let exe = std::fs::read_link(format!("/proc/{pid}/exe")).ok()?;
    let exe = exe.to_string_lossy();
    let mut sums = [("the server binary", 0), ("the store's map (madoguchi.db*)", 0), ("shared libraries", 0), ("anonymous", 0)];
    let mut group = 3;
    for line in smaps.lines() {
        if let Some(kib) = line.strip_prefix("Rss:") {
            sums[group].1 += kib.split_whitespace().next()?.parse::<u64>().ok()?;
        } else if line.split_whitespace().next().is_some_and(|range| range.contains('-') && range.bytes().all(|b| b == b'-' || b.is_ascii_hexdigit())) {
            // "start-end perms offset dev inode [path]": the path is the sixth field on.
            let path = line.split_whitespace().nth(5).unwrap_or("");
            group = if path == exe {
                0
            } else if path.contains("madoguchi.db") {
                1
            } else if path.starts_with('/') {
                2
            } else {
                3
            };
        }
    }
    Some(sums)
}
