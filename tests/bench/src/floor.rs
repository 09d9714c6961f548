//! `http-floor` (src/bin/http-floor.rs) as a child process, driven by the same closed
//! loop as our server and the peer: how fast this machine and this load generator let
//! any webhook endpoint answer, and what verify + parse alone cost in our code.

use std::process::Stdio;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context as _, bail};
use tokio::io::{AsyncBufReadExt as _, BufReader};

use crate::Ctx;
use crate::corpus::Body;
use crate::load::{self, Closed};
use crate::wire::{Conn, Target};

/// What `http-floor --mode <mode>` did in its measured closed loop, and its CPU seconds.
pub struct Floor {
    pub run: Closed,
    pub cpu_seconds: f64,
}

/// `mode` is `answer` or `verify-parse` (see the binary's top comment).
pub async fn measure(ctx: &Ctx, mode: &str, bodies: Arc<Vec<Body>>) -> anyhow::Result<Floor> {
    let bin = std::env::current_exe()?.with_file_name("http-floor");
    let mut child = tokio::process::Command::new(&bin)
        .args(["--mode", mode])
        .env("LINE_CHANNEL_SECRET", &ctx.sim.config().channel_secret)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .with_context(|| format!("starting {} (built with madoguchi-bench)", bin.display()))?;
    let pid = child.id().context("http-floor exited at once")?.to_string();
    let mut lines = BufReader::new(child.stdout.take().context("http-floor stdout")?).lines();
    let addr = tokio::time::timeout(Duration::from_secs(10), async {
        while let Some(line) = lines.next_line().await? {
            if let Some(a) = line.strip_prefix("MADOGUCHI_LISTEN=") {
                return Ok(a.trim().to_owned());
            }
        }
        bail!("http-floor closed stdout without printing MADOGUCHI_LISTEN")
    })
    .await
    .context("waiting for http-floor")??;
    let target = Target::parse(&format!("http://{addr}/webhook"))?;
    let probe = &bodies[0];
    let status = Conn::connect(&target).await?.post(&target, &probe.signature, &probe.bytes).await?;
    if status != 200 {
        bail!("http-floor --mode {mode} answered HTTP {status} to a correctly signed body");
    }
    let _ = load::closed_loop(&target, bodies.clone(), ctx.opts.senders, ctx.warmup()).await;
    let cpu0 = crate::stats::cpu_seconds(&pid).unwrap_or(f64::NAN);
    let run = load::closed_loop(&target, bodies, ctx.opts.senders, ctx.measure()).await;
    let cpu_seconds = crate::stats::cpu_seconds(&pid).unwrap_or(f64::NAN) - cpu0;
    child.start_kill()?;
    child.wait().await?;
    Ok(Floor { run, cpu_seconds })
}
