//! The peers from LINE's official Python SDK: `tests/bench/peer/line_sdk_parse.py` run on a
//! JSONL file of the same bodies we sent (its one-line JSON result read back), and
//! `tests/bench/peer/line_sdk_server.py`, the SDK as an HTTP webhook endpoint.

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use serde::Deserialize;

use crate::Ctx;
use crate::corpus::Body;
use crate::wire::{Conn, Target};

#[derive(Debug, Deserialize)]
pub struct SdkResult {
    pub requests_per_s: f64,
    pub sdk_version: String,
    pub python: String,
}

/// The parse loop over `bodies` for `seconds`.
pub async fn line_sdk_parse(ctx: &Ctx, bodies: &Path, seconds: f64) -> anyhow::Result<SdkResult> {
    let script = ctx.repo.join("tests/bench/peer/line_sdk_parse.py");
    let out = tokio::process::Command::new(&ctx.python)
        .arg(&script)
        .arg(bodies)
        .arg("--seconds")
        .arg(seconds.to_string())
        .env("LINE_CHANNEL_SECRET", &ctx.sim.config().channel_secret)
        .stdin(Stdio::null())
        .output()
        .await
        .with_context(|| format!("running {} (set up by scripts/bench.sh)", ctx.python.display()))?;
    if !out.status.success() {
        bail!("{} failed: {}", script.display(), String::from_utf8_lossy(&out.stderr));
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    let last = stdout.lines().last().unwrap_or_default();
    serde_json::from_str(last).with_context(|| format!("reading the peer's result {last:?}"))
}

/// `tests/bench/peer/line_sdk_server.py`, the SDK as a webhook endpoint behind uvicorn
/// (one worker per CPU), running in a process group of its own so stopping it stops
/// every worker. It stays up across rounds and is driven like our server.
pub struct SdkServer {
    child: tokio::process::Child,
    pgid: i32,
    pub target: Target,
    pub workers: usize,
}

impl SdkServer {
    pub async fn start(ctx: &Ctx, probe: &Body) -> anyhow::Result<SdkServer> {
        let script = ctx.repo.join("tests/bench/peer/line_sdk_server.py");
        // A port the kernel just handed out; the peer binds it a moment later.
        let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
        let child = tokio::process::Command::new(&ctx.python)
            .arg(&script)
            .args(["--port", &port.to_string(), "--workers", &workers.to_string()])
            .env("LINE_CHANNEL_SECRET", &ctx.sim.config().channel_secret)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .process_group(0)
            .kill_on_drop(true)
            .spawn()
            .with_context(|| format!("starting {} (set up by scripts/bench.sh)", script.display()))?;
        let pgid = child.id().context("the peer exited at once")? as i32;
        let target = Target::parse(&format!("http://127.0.0.1:{port}/webhook"))?;
        let server = SdkServer { child, pgid, target, workers };
        // Up once a signed request gets its 200.
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let answered = async {
                let mut c = Conn::connect(&server.target).await?;
                c.post(&server.target, &probe.signature, &probe.bytes).await
            };
            match answered.await {
                Ok(200) => return Ok(server),
                Ok(status) => bail!("{} answered HTTP {status} to a correctly signed body", script.display()),
                Err(_) if Instant::now() < deadline => tokio::time::sleep(Duration::from_millis(100)).await,
                Err(e) => bail!("{} did not answer within 30 s: {e:#}", script.display()),
            }
        }
    }

    /// CPU seconds used so far by the supervisor and its worker processes.
    pub fn cpu_seconds(&self) -> f64 {
        let pid = self.pgid.to_string();
        let children = std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children")).unwrap_or_default();
        std::iter::once(pid.as_str()).chain(children.split_whitespace()).filter_map(crate::stats::cpu_seconds).sum()
    }

    pub async fn stop(mut self) {
        // SAFETY (both calls): kill(2) on our own child's process group; no memory is involved.
        unsafe { libc::kill(-self.pgid, libc::SIGTERM) };
        if tokio::time::timeout(Duration::from_secs(10), self.child.wait()).await.is_err() {
            unsafe { libc::kill(-self.pgid, libc::SIGKILL) };
            let _ = self.child.wait().await;
        }
    }
}
