//! `http-floor` (src/bin/http-floor.rs) as a child process, driven by the same closed
//! loop as our server and the peer: how fast this machine and this load generator let
//! any webhook endpoint answer, and what verify + parse alone cost in our code.

use std::process::Stdio;

use anyhow::{Context as _, bail};
use tokio::io::{AsyncBufReadExt as _, BufReader};

use crate::Ctx;
use crate::corpus::Body;
use crate::server::printed;
use crate::wire::{Conn, Target};

/// A running `http-floor`, up across rounds.
pub struct Floor {
    child: tokio::process::Child,
    pub target: Target,
}

impl Floor {
    /// `mode` is `answer` or `verify-parse` (see the binary's top comment).
    pub async fn start(ctx: &Ctx, mode: &str, probe: &Body) -> anyhow::Result<Floor> {
        let bin = std::env::current_exe()?.with_file_name("http-floor");
        let mut child = tokio::process::Command::new(&bin)
            .args(["--mode", mode])
            .env("LINE_CHANNEL_SECRET", &ctx.sim.config().channel_secret)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .with_context(|| format!("starting {} (built with madoguchi-bench)", bin.display()))?;
        let mut lines = BufReader::new(child.stdout.take().context("http-floor stdout")?).lines();
        let [addr] = printed(&mut lines, ["MADOGUCHI_LISTEN"]).await.context("starting http-floor")?;
        let target = Target::parse(&format!("http://{addr}/webhook"))?;
        let status = Conn::connect(&target).await?.post(&target, &probe.signature, &probe.bytes).await?;
        if status != 200 {
            bail!("http-floor --mode {mode} answered HTTP {status} to a correctly signed body");
        }
        Ok(Floor { child, target })
    }

    pub async fn stop(mut self) -> anyhow::Result<()> {
        self.child.start_kill()?;
        self.child.wait().await?;
        Ok(())
    }
}
