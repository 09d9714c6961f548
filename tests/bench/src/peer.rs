//! Runs `tests/bench/peer/line_sdk_parse.py` (LINE's official Python SDK) on a JSONL file
//! of the same bodies we sent, and reads its one-line JSON result.

use std::path::Path;
use std::process::Stdio;

use anyhow::{Context as _, bail};
use serde::Deserialize;

use crate::Ctx;

#[derive(Debug, Deserialize)]
pub struct SdkResult {
    pub requests_per_s: f64,
    pub events_per_s: f64,
    pub requests: u64,
    pub seconds: f64,
    pub cpu_seconds: f64,
    pub distinct_bodies: u64,
    pub sdk_version: String,
    pub python: String,
}

pub async fn line_sdk_parse(ctx: &Ctx, bodies: &Path) -> anyhow::Result<SdkResult> {
    let script = ctx.repo.join("tests/bench/peer/line_sdk_parse.py");
    let out = tokio::process::Command::new(&ctx.python)
        .arg(&script)
        .arg(bodies)
        .arg("--seconds")
        .arg(ctx.opts.seconds.to_string())
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
