//! Shared fixtures: the real `madoguchi-server` binary as a child process (started,
//! SIGKILLed and restarted on one data dir), its printed address and token, a small
//! HTTP client for `/webhook` and `/api/rpc`, and the `export` / `backup` / `restore`
//! subcommands.

#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{bail, ensure, Context, Result};
use linesim::{SimConfig, Simulator};
use serde_json::{json, Value};

pub const BIN: &str = env!("CARGO_BIN_EXE_madoguchi-server");

/// How long a server may take to print its address (first start runs migrations). A hang
/// guard only.
const START_GUARD: Duration = Duration::from_secs(60);

pub fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(60))
        .build()
        .expect("building an HTTP client")
}

/// A started simulator; the server is pointed at it through the environment.
pub async fn sim() -> Result<Simulator> {
    sim_with(SimConfig::default()).await
}

pub async fn sim_with(cfg: SimConfig) -> Result<Simulator> {
    Simulator::start(cfg).await.context("starting the LINE simulator")
}

/// How to start the server. `env` entries are added after the LINE credentials.
#[derive(Clone, Default)]
pub struct ServerOpts {
    pub undo_seconds: Option<i64>,
    pub env: Vec<(String, String)>,
    /// `--listen` (default `127.0.0.1:0`): a front such as Caddy needs the port in advance.
    pub listen: Option<String>,
}

impl ServerOpts {
    pub fn undo(seconds: i64) -> Self {
        ServerOpts { undo_seconds: Some(seconds), ..Default::default() }
    }
}

/// A running `madoguchi-server serve`. Killed (SIGKILL) on drop.
pub struct Server {
    child: Option<Child>,
    pub pid: u32,
    pub addr: String,
    pub base: String,
    pub token: String,
    pub data_dir: PathBuf,
    pub client: reqwest::Client,
    stdout: Arc<Mutex<Vec<u8>>>,
    stderr: Arc<Mutex<Vec<u8>>>,
    readers: Vec<std::thread::JoinHandle<()>>,
}

impl Server {
    /// Starts the server on `data_dir` with `sim`'s credentials and API base, waits for
    /// its printed lines and for `/healthz`, and points the simulator's webhooks at it.
    pub async fn start(data_dir: &Path, sim: &Simulator, opts: &ServerOpts) -> Result<Server> {
        let cfg = sim.config();
        let mut cmd = Command::new(BIN);
        cmd.arg("serve").arg("--data-dir").arg(data_dir).arg("--listen").arg(opts.listen.as_deref().unwrap_or("127.0.0.1:0"));
        if let Some(s) = opts.undo_seconds {
            cmd.arg("--undo-seconds").arg(s.to_string());
        }
        for k in ["MADOGUCHI_DATA_DIR", "MADOGUCHI_SESSION_TOKEN", "MADOGUCHI_PUBLIC_BASE_URL", "RUST_LOG"] {
            cmd.env_remove(k);
        }
        cmd.env("LINE_CHANNEL_SECRET", &cfg.channel_secret)
            .env("LINE_CHANNEL_ACCESS_TOKEN", &cfg.access_token)
            .env("LINE_API_BASE", sim.base_url())
            .env("LINE_API_DATA_BASE", sim.base_url())
            .env("MADOGUCHI_UI_DIR", data_dir.join("no-ui"));
        for (k, v) in &opts.env {
            cmd.env(k, v);
        }
        cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = cmd.spawn().with_context(|| format!("spawning {BIN}"))?;
        let pid = child.id();

        let stdout_buf = Arc::new(Mutex::new(Vec::new()));
        let stderr_buf = Arc::new(Mutex::new(Vec::new()));
        let (line_tx, mut line_rx) = tokio::sync::mpsc::unbounded_channel::<String>();
        let mut readers = Vec::new();
        {
            let out = child.stdout.take().context("child stdout")?;
            let buf = stdout_buf.clone();
            readers.push(std::thread::spawn(move || {
                let mut r = BufReader::new(out);
                let mut line = Vec::new();
                loop {
                    line.clear();
                    match r.read_until(b'\n', &mut line) {
                        Ok(0) | Err(_) => return,
                        Ok(_) => {
                            buf.lock().unwrap().extend_from_slice(&line);
                            let _ = line_tx.send(String::from_utf8_lossy(&line).trim_end().to_owned());
                        }
                    }
                }
            }));
        }
        {
            let mut err = child.stderr.take().context("child stderr")?;
            let buf = stderr_buf.clone();
            readers.push(std::thread::spawn(move || {
                let mut chunk = [0u8; 8192];
                loop {
                    match err.read(&mut chunk) {
                        Ok(0) | Err(_) => return,
                        Ok(n) => buf.lock().unwrap().extend_from_slice(&chunk[..n]),
                    }
                }
            }));
        }

        let mut server = Server {
            child: Some(child),
            pid,
            addr: String::new(),
            base: String::new(),
            token: String::new(),
            data_dir: data_dir.to_path_buf(),
            client: http(),
            stdout: stdout_buf,
            stderr: stderr_buf,
            readers,
        };

        let deadline = Instant::now() + START_GUARD;
        let mut printed: HashMap<String, String> = HashMap::new();
        while !printed.contains_key("MADOGUCHI_URL") {
            let left = deadline.saturating_duration_since(Instant::now());
            match tokio::time::timeout(left, line_rx.recv()).await {
                Ok(Some(line)) => {
                    if let Some((k, v)) = line.split_once('=') {
                        printed.insert(k.to_owned(), v.to_owned());
                    }
                }
                Ok(None) => bail!(
                    "madoguchi-server exited before printing MADOGUCHI_URL; stderr:\n{}",
                    server.stderr_text()
                ),
                Err(_) => bail!("madoguchi-server printed no MADOGUCHI_URL within {START_GUARD:?}; stderr:\n{}", server.stderr_text()),
            }
        }
        server.addr = printed.get("MADOGUCHI_LISTEN").cloned().context("no MADOGUCHI_LISTEN line")?;
        server.token = printed.get("MADOGUCHI_TOKEN").cloned().context("no MADOGUCHI_TOKEN line")?;
        server.base = format!("http://{}", server.addr);
        let url = &printed["MADOGUCHI_URL"];
        ensure!(url.contains(&server.token), "MADOGUCHI_URL {url} does not carry the token");

        // /healthz answers once the router is serving.
        loop {
            match server.client.get(format!("{}/healthz", server.base)).send().await {
                Ok(r) if r.status() == 200 => break,
                _ => {}
            }
            ensure!(Instant::now() < deadline, "/healthz did not answer 200; stderr:\n{}", server.stderr_text());
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        sim.set_webhook_url(&server.webhook_url());
        Ok(server)
    }

    pub fn webhook_url(&self) -> String {
        format!("{}/webhook", self.base)
    }

    /// SIGKILL (std's `Child::kill` on Unix), then reap. No graceful shutdown.
    pub fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
        for r in self.readers.drain(..) {
            let _ = r.join();
        }
    }

    pub fn stdout_bytes(&self) -> Vec<u8> {
        self.stdout.lock().unwrap().clone()
    }

    pub fn stderr_bytes(&self) -> Vec<u8> {
        self.stderr.lock().unwrap().clone()
    }

    pub fn stderr_text(&self) -> String {
        String::from_utf8_lossy(&self.stderr_bytes()).into_owned()
    }

    /// POST a raw body to `/webhook` with an optional `x-line-signature`.
    pub async fn post_webhook(&self, body: Vec<u8>, signature: Option<&str>) -> Result<u16> {
        post_webhook(&self.client, &self.webhook_url(), body, signature).await
    }

    /// `/api/rpc`: the status and the JSON body, whatever the status.
    pub async fn rpc_raw(&self, method: &str, params: Value, token: Option<&str>) -> Result<(u16, Value)> {
        let body = if params.is_null() { json!({ "method": method }) } else { json!({ "method": method, "params": params }) };
        let mut req = self.client.post(format!("{}/api/rpc", self.base)).json(&body);
        if let Some(t) = token {
            req = req.header("authorization", format!("Bearer {t}"));
        }
        let resp = req.send().await.with_context(|| format!("POST /api/rpc {method}"))?;
        let status = resp.status().as_u16();
        let bytes = resp.bytes().await?;
        let v = serde_json::from_slice(&bytes).with_context(|| {
            format!("/api/rpc {method} answered {status} with non-JSON: {}", String::from_utf8_lossy(&bytes))
        })?;
        Ok((status, v))
    }

    /// `/api/rpc` with the session token; fails unless 200 and `kind == expect_kind`.
    /// Returns `data`.
    pub async fn rpc(&self, method: &str, params: Value, expect_kind: &str) -> Result<Value> {
        let (status, v) = self.rpc_raw(method, params.clone(), Some(&self.token)).await?;
        ensure!(status == 200, "{method} {params} answered {status}: {v}");
        ensure!(v["kind"] == expect_kind, "{method} answered kind {} instead of {expect_kind}: {v}", v["kind"]);
        Ok(v.get("data").cloned().unwrap_or(Value::Null))
    }

    /// The conversation of a LINE user (the headless server has one account). The 200 to
    /// the webhook means "journaled"; the chat appears once the projector has run, so
    /// this waits for it the way the inbox does.
    pub async fn conversation_of(&self, line_user_id: &str) -> Result<i64> {
        eventually(10, &format!("a conversation for {line_user_id}"), || async {
            let page = self.rpc("listConversations", json!({ "limit": 200 }), "conversations").await?;
            let items = page["items"].as_array().context("conversations page without items")?;
            Ok(items.iter().find(|c| c["friend"]["lineUserId"] == line_user_id).and_then(|c| c["id"].as_i64()))
        })
        .await
    }

    /// All messages of a conversation, oldest first (up to 500).
    pub async fn thread(&self, conversation_id: i64) -> Result<Vec<Value>> {
        let page = self
            .rpc("getThread", json!({ "conversationId": conversation_id, "limit": 500 }), "thread")
            .await?;
        Ok(page["messages"].as_array().cloned().unwrap_or_default())
    }

    pub async fn send_text(&self, conversation_id: i64, text: &str) -> Result<Value> {
        self.rpc(
            "sendMessage",
            json!({ "conversationId": conversation_id, "content": { "type": "text", "text": text } }),
            "sendAccepted",
        )
        .await
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
        // MADOGUCHI_TEST_LOGS=1 shows what each server logged (for a failing test).
        if std::env::var_os("MADOGUCHI_TEST_LOGS").is_some() {
            eprintln!("---- madoguchi-server {} (pid {}) stderr ----\n{}", self.addr, self.pid, self.stderr_text());
        }
    }
}

pub async fn post_webhook(client: &reqwest::Client, url: &str, body: Vec<u8>, signature: Option<&str>) -> Result<u16> {
    let mut req = client.post(url).header("content-type", "application/json; charset=utf-8").body(body);
    if let Some(s) = signature {
        req = req.header("x-line-signature", s);
    }
    let resp = req.send().await.context("POST /webhook")?;
    Ok(resp.status().as_u16())
}

/// Output of one subcommand run.
pub struct Run {
    pub status: std::process::ExitStatus,
    pub stdout: Vec<u8>,
    pub stderr: String,
}

/// Runs `madoguchi-server ARGS` to completion (with LINE credentials absent).
pub async fn run(args: &[&std::ffi::OsStr]) -> Result<Run> {
    let mut cmd = tokio::process::Command::new(BIN);
    cmd.args(args);
    for k in ["MADOGUCHI_DATA_DIR", "LINE_CHANNEL_SECRET", "LINE_CHANNEL_ACCESS_TOKEN", "RUST_LOG"] {
        cmd.env_remove(k);
    }
    cmd.stdin(Stdio::null()).kill_on_drop(true);
    let out = tokio::time::timeout(Duration::from_secs(120), cmd.output())
        .await
        .context("madoguchi-server subcommand hung")??;
    Ok(Run { status: out.status, stdout: out.stdout, stderr: String::from_utf8_lossy(&out.stderr).into_owned() })
}

/// `madoguchi-server export --data-dir DIR`: the raw JSON Lines.
pub async fn export_raw(data_dir: &Path) -> Result<Vec<u8>> {
    let r = run(&["export".as_ref(), "--data-dir".as_ref(), data_dir.as_os_str()]).await?;
    ensure!(r.status.success(), "export failed ({}): {}", r.status, r.stderr);
    Ok(r.stdout)
}

/// `export`, parsed: one JSON object per message, oldest first.
pub async fn export(data_dir: &Path) -> Result<Vec<Value>> {
    let raw = export_raw(data_dir).await?;
    String::from_utf8(raw)
        .context("export is not UTF-8")?
        .lines()
        .enumerate()
        .map(|(i, l)| serde_json::from_str(l).with_context(|| format!("export line {} is not JSON: {l}", i + 1)))
        .collect()
}

/// How many exported messages carry each webhookEventId.
pub fn count_by_event_id(rows: &[Value]) -> HashMap<String, usize> {
    let mut m = HashMap::new();
    for r in rows {
        if let Some(id) = r["webhookEventId"].as_str() {
            *m.entry(id.to_owned()).or_insert(0) += 1;
        }
    }
    m
}

/// Polls `check` until it returns Some; fails after `secs` (a hang guard, never a timing
/// assertion).
pub async fn eventually<T, F, Fut>(secs: u64, what: &str, mut check: F) -> Result<T>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<Option<T>>>,
{
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        if let Some(v) = check().await? {
            return Ok(v);
        }
        ensure!(Instant::now() < deadline, "gave up after {secs} s waiting for: {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// A seed from `env_name`, else from the clock; printed so a failure can be replayed.
pub fn seed(env_name: &str, test: &str) -> u64 {
    let seed = std::env::var(env_name).ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(1)
    });
    eprintln!("{test}: seed {seed} (set {env_name}={seed} to replay)");
    seed
}

/// Texts of what a sim user received, in order.
pub fn received_texts(sim: &Simulator, user_id: &str) -> Vec<String> {
    sim.received(user_id)
        .iter()
        .filter_map(|r| r.message.get("text").and_then(Value::as_str).map(str::to_owned))
        .collect()
}

/// The position of `needle` in `hay`, if any (binary-safe).
pub fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

/// `export` promises oldest first.
pub fn ensure_oldest_first(rows: &[Value]) -> Result<()> {
    for w in rows.windows(2) {
        let (a, b) = (w[0]["timestamp"].as_i64(), w[1]["timestamp"].as_i64());
        ensure!(a.is_some() && b.is_some(), "exported message without a numeric timestamp: {} / {}", w[0], w[1]);
        ensure!(a <= b, "export is not oldest first: {} comes before {}", w[0], w[1]);
    }
    Ok(())
}

/// `madoguchi-server member add` with the password on standard input.
pub async fn member_add(data: &Path, name: &str, role: &str, password: &str) -> Result<std::process::Output> {
    let mut child = tokio::process::Command::new(BIN)
        .args(["member", "add", "--data-dir"])
        .arg(data)
        .args(["--name", name, "--role", role])
        .env_remove("MADOGUCHI_DATA_DIR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()?;
    let mut stdin = child.stdin.take().context("stdin")?;
    tokio::io::AsyncWriteExt::write_all(&mut stdin, format!("{password}\n").as_bytes()).await?;
    drop(stdin);
    Ok(tokio::time::timeout(Duration::from_secs(60), child.wait_with_output()).await??)
}
