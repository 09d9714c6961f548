//! A release `madoguchi-server` as a child process, pointed at the in-process simulator.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use tokio::io::{AsyncBufReadExt as _, BufReader, Lines};
use tokio::process::{Child, ChildStdout, Command};

use crate::Ctx;

pub struct Server {
    child: Child,
    pub pid: String,
    pub base: String,
    pub data_dir: PathBuf,
    pub log: PathBuf,
    /// The session token for `/api/rpc` (printed right after the address).
    pub token: String,
}

impl Server {
    /// `serve --data-dir <fresh dir> --listen 127.0.0.1:0` with the simulator's channel
    /// credentials and API hosts (so profile fetches go to the simulator, not to LINE).
    pub async fn start(ctx: &Ctx, name: &str) -> anyhow::Result<Server> {
        let data_dir = ctx.work.path().join(format!("{name}-data"));
        std::fs::create_dir_all(&data_dir)?;
        Server::start_in(ctx, name, &data_dir).await
    }

    /// The same on an existing data dir (a store made beforehand).
    pub async fn start_in(ctx: &Ctx, name: &str, data_dir: &Path) -> anyhow::Result<Server> {
        let data_dir = data_dir.to_path_buf();
        let log = ctx.work.path().join(format!("{name}-server.log"));
        let cfg = ctx.sim.config();
        let mut child = Command::new(&ctx.server_bin)
            .arg("serve")
            .arg("--data-dir")
            .arg(&data_dir)
            .args(["--listen", "127.0.0.1:0"])
            .env("LINE_CHANNEL_SECRET", &cfg.channel_secret)
            .env("LINE_CHANNEL_ACCESS_TOKEN", &cfg.access_token)
            .env("LINE_API_BASE", ctx.sim.base_url())
            .env("LINE_API_DATA_BASE", ctx.sim.base_url())
            .env("RUST_LOG", "warn")
            .env_remove("MADOGUCHI_DATA_DIR")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&log)?)
            .kill_on_drop(true)
            .spawn()
            .with_context(|| format!("starting {}", ctx.server_bin.display()))?;
        let pid = child.id().context("server exited at once")?.to_string();
        let stdout = child.stdout.take().context("server stdout")?;
        let mut lines = BufReader::new(stdout).lines();
        let [addr, token] = printed(&mut lines, ["MADOGUCHI_LISTEN", "MADOGUCHI_TOKEN"])
            .await
            .with_context(|| format!("starting the server (log: {})", log.display()))?;
        // Keep draining stdout so a later println! in the server never blocks on a full pipe.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });

        let base = format!("http://{addr}");
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            match ctx.http.get(format!("{base}/healthz")).send().await {
                Ok(r) if r.status().is_success() => break,
                _ if Instant::now() > deadline => bail!("{base}/healthz did not answer within 30 s (log: {})", log.display()),
                _ => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        }
        Ok(Server { child, pid, base, data_dir, log, token })
    }

    /// Waits until every acknowledged webhook request is in the store (`/healthz` reports
    /// the journal's backlog); returns how long that took.
    pub async fn wait_projected(&self, http: &reqwest::Client, limit: Duration) -> anyhow::Result<Duration> {
        let t = Instant::now();
        loop {
            let v: serde_json::Value = http.get(format!("{}/healthz", self.base)).send().await?.json().await?;
            let backlog = v["webhookBacklog"].as_i64().context("healthz without webhookBacklog")?;
            if backlog == 0 {
                return Ok(t.elapsed());
            }
            anyhow::ensure!(t.elapsed() < limit, "{backlog} webhook requests still not projected after {limit:?}");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    pub fn webhook_url(&self) -> String {
        format!("{}/webhook", self.base)
    }

    pub fn cpu_seconds(&self) -> f64 {
        crate::stats::cpu_seconds(&self.pid).unwrap_or(f64::NAN)
    }

    /// SIGKILL, no graceful shutdown: whatever was acknowledged must already be on disk.
    pub async fn kill(mut self) -> anyhow::Result<(PathBuf, PathBuf)> {
        self.child.start_kill()?;
        self.child.wait().await?;
        Ok((self.data_dir.clone(), self.log.clone()))
    }
}

/// The values of `KEY=value` lines a child prints on start-up, in the order of `keys`;
/// other lines are skipped. Gives up after 30 s or when the child closes its stdout.
pub async fn printed<const N: usize>(lines: &mut Lines<BufReader<ChildStdout>>, keys: [&str; N]) -> anyhow::Result<[String; N]> {
    let found = tokio::time::timeout(Duration::from_secs(30), async {
        let mut found: [Option<String>; N] = std::array::from_fn(|_| None);
        while let Some(line) = lines.next_line().await? {
            if let Some((key, value)) = line.split_once('=')
                && let Some(i) = keys.iter().position(|k| *k == key)
            {
                found[i] = Some(value.trim().to_owned());
            }
            if found.iter().all(Option::is_some) {
                return Ok(found.map(Option::unwrap_or_default));
            }
        }
        bail!("stdout closed without {}", keys.join(" and "))
    })
    .await;
    found.with_context(|| format!("waiting for {}", keys.join(" and ")))?
}

/// The webhookEventIds of every stored message, read back with `madoguchi-server export`.
pub async fn exported_event_ids(server_bin: &Path, data_dir: &Path) -> anyhow::Result<(usize, HashSet<String>)> {
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Line {
        webhook_event_id: Option<String>,
    }
    let out = Command::new(server_bin)
        .arg("export")
        .arg("--data-dir")
        .arg(data_dir)
        .env("RUST_LOG", "warn")
        .env_remove("LINE_CHANNEL_SECRET")
        .stdin(Stdio::null())
        .output()
        .await
        .context("running madoguchi-server export")?;
    if !out.status.success() {
        bail!("madoguchi-server export failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    let mut ids = HashSet::new();
    let mut lines = 0;
    for line in out.stdout.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
        lines += 1;
        let l: Line = serde_json::from_slice(line).context("parsing an export line")?;
        if let Some(id) = l.webhook_event_id {
            ids.insert(id);
        }
    }
    Ok((lines, ids))
}
