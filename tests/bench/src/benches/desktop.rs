//! The desktop app, release build: cold start to the inbox visible (under Xvfb, through
//! tauri-driver + WebKitWebDriver, on the 100k-friend store of `inbox_page`), idle
//! memory of the app and its WebKit processes after 60 s (PSS, so shared pages count
//! once) beside a bare Tauri window built in the same run from the same Tauri and
//! WebKitGTK (`tests/bench/bare-window`), and the size of the Linux bundle (.deb) that
//! `scripts/bench.sh` builds.
//! Skipped with a note when there is no display, driver or release binary.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use madoguchi_core::secrets::{KeyringSecretStore, SecretKind, SecretStore};
use serde_json::{Value, json};

use super::Benchmark;
use crate::Ctx;
use crate::report::{Outcome, Row, ms};
use crate::stats::{started_ms_since_boot, stat_fields, uptime_ms};

pub const BENCH: Benchmark = Benchmark { name: "desktop", run: |ctx| Box::pin(run(ctx)) };

const DRIVER_PORT: u16 = 4544;
const START_GOAL_MS: u64 = 1000;
/// WebKitGTK alone maps ~178 MB before a page loads, so an absolute goal measures the
/// webview; the goal is what the app adds on top of a bare window of the same webview.
const MEMORY_GOAL_RATIO: f64 = 1.3;
const BUNDLE_GOAL_MB: f64 = 15.0;
/// What src-tauri/src/lib.rs passes to KeyringSecretStore::new, and the account key
/// `inbox_page::populate` creates.
const APP_KEYRING_SERVICE: &str = "jp.madoguchi.app";
const BENCH_ACCOUNT: &str = "bench";
const IDLE: Duration = Duration::from_secs(60);

async fn run(ctx: &Ctx) -> anyhow::Result<Outcome> {
    let mut out = Outcome::default();
    let app = ctx.repo.join("target/release/madoguchi");
    match bundle_size(&ctx.repo.join("target/release/bundle/deb")) {
        Some((file, bytes)) => {
            let mb = bytes as f64 / 1_048_576.0;
            out.rows.push(
                Row::info("Linux bundle size (.deb)", format!("{mb:.1} MB"))
                    .goal(format!("< {BUNDLE_GOAL_MB} MB"), mb < BUNDLE_GOAL_MB),
            );
            out.notes.push(format!("desktop: bundle {}", file.display()));
        }
        None => out.notes.push("desktop: no .deb under target/release/bundle/deb (scripts/bench.sh builds it with `tauri build --bundles deb`)".into()),
    }
    if let Ok(meta) = std::fs::metadata(&app) {
        out.rows.push(Row::info("desktop release binary", format!("{:.1} MB", meta.len() as f64 / 1_048_576.0)));
    }
    let driver = which("tauri-driver").or_else(|| home_bin("tauri-driver"));
    let display = std::env::var("DISPLAY").is_ok_and(|d| !d.is_empty());
    let (Some(driver), true, true) = (driver, display, app.exists()) else {
        out.notes.push(format!(
            "desktop: start-up and memory skipped (needs DISPLAY, tauri-driver and {}; scripts/bench.sh provides them)",
            app.display()
        ));
        return Ok(out);
    };

    let data = ctx.work.path().join("desktop-data");
    super::inbox_page::populate(&data).await?;
    // The store's account needs credentials in the keyring the app reads, or the first-run
    // connect wizard takes the window instead of the inbox being measured.
    let _keyring = BenchCredentials::seed()?;
    let mut child = tokio::process::Command::new(&driver)
        .args(["--port", &DRIVER_PORT.to_string(), "--native-port", &(DRIVER_PORT + 1).to_string()])
        .env("MADOGUCHI_DATA_DIR", &data)
        .env("MADOGUCHI_WEBHOOK_PORT", "0")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .context("start tauri-driver")?;
    let base = format!("http://127.0.0.1:{DRIVER_PORT}");
    wait_until(Duration::from_secs(20), || async { ctx.http.get(format!("{base}/status")).send().await.is_ok() }).await?;

    let t = Instant::now();
    let t_boot_ms = uptime_ms();
    let t_epoch_ms = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs_f64() * 1000.0).unwrap_or(0.0);
    let session = wd(ctx, "POST", &format!("{base}/session"), Some(json!({
        "capabilities": { "alwaysMatch": { "tauri:options": { "application": app } } }
    }))).await?;
    let id = session["sessionId"].as_str().context("no session id")?.to_owned();
    let rows_url = format!("{base}/session/{id}/elements");
    wait_until(Duration::from_secs(60), || async {
        let found = wd(ctx, "POST", &rows_url, Some(json!({ "using": "css selector", "value": "[data-testid=\"conversation-row\"]" }))).await;
        found.map(|v| v.as_array().is_some_and(|a| !a.is_empty())).unwrap_or(false)
    })
    .await?;
    let start = t.elapsed();
    let launched = all_processes()
        .and_then(|p| app_pid(&p, &app))
        .and_then(|pid| started_ms_since_boot(&pid.to_string()))
        .zip(t_boot_ms)
        .map(|(app_ms, request_ms)| app_ms - request_ms);
    if let Some(ms) = launched {
        out.notes.push(format!("desktop start-up: the app's process was created {ms:.0} ms after the session request (10 ms resolution), so the driver adds next to nothing before the launch"));
    }
    if let Some(note) = startup_breakdown(ctx, &format!("{base}/session/{id}/execute/sync"), t_epoch_ms, start).await {
        out.notes.push(note);
    }

    // BENCH_DESKTOP_IDLE_SECS: a shorter idle when sampling start-up alone.
    let idle = std::env::var("BENCH_DESKTOP_IDLE_SECS").ok().and_then(|s| s.parse().ok()).map_or(IDLE, Duration::from_secs);
    tokio::time::sleep(idle).await;
    let memory = app_tree_memory_kib(&app);
    let _ = wd(ctx, "DELETE", &format!("{base}/session/{id}"), None).await;
    let _ = child.kill().await;
    let bare = bare_window_memory(ctx, &driver, idle).await;

    let start_us = start.as_micros() as u64;
    out.rows.push(
        Row::info("desktop cold start to inbox visible (100k friends, Xvfb)", ms(start_us))
            .goal(format!("< {START_GOAL_MS} ms"), start_us < START_GOAL_MS * 1000),
    );
    match memory {
        Some(m) => {
            let mb = m.pss as f64 / 1024.0;
            let name = format!("desktop idle memory after {} s (app + WebKit, PSS; peer: a bare Tauri window, same Tauri and WebKitGTK)", idle.as_secs());
            let row = Row::info(name, format!("{mb:.0} MB"));
            out.rows.push(match &bare {
                Ok(b) => {
                    let bare_mb = b.pss as f64 / 1024.0;
                    let ratio = mb / bare_mb;
                    row.peer(format!("{bare_mb:.0} MB"), ratio).goal(format!("≤ {MEMORY_GOAL_RATIO}× bare window"), ratio <= MEMORY_GOAL_RATIO)
                }
                Err(e) => {
                    out.notes.push(format!("desktop: the bare window was not measured ({e:#})"));
                    row
                }
            });
            // Beside it, not instead of it: what quitting the app would give back. PSS
            // also charges the app its share of WebKitGTK, JavaScriptCore and Mesa's
            // code pages, which stay mapped for every other GTK/WebKit program.
            out.rows.push(Row::info(
                "desktop idle memory: private to the app's processes (USS: private clean + dirty)",
                format!("{:.0} MB", m.private as f64 / 1024.0),
            ));
        }
        None => out.notes.push("desktop: could not find the app's processes to measure memory".into()),
    }
    out.notes.push("desktop: start-up is measured from the WebDriver new-session request (which launches the app) to the first conversation row in the DOM; it includes the driver's own session set-up".into());
    Ok(out)
}

/// The memory row's peer: the bare window (`tests/bench/bare-window`, release build) idle
/// for as long as the app was, measured the same way.
async fn bare_window_memory(ctx: &Ctx, driver: &Path, idle: Duration) -> anyhow::Result<Memory> {
    let bare = ctx.repo.join("target/release/madoguchi-bare-window");
    anyhow::ensure!(bare.exists(), "{} is missing (scripts/bench.sh builds it)", bare.display());
    let port = DRIVER_PORT + 2;
    let mut child = tokio::process::Command::new(driver)
        .args(["--port", &port.to_string(), "--native-port", &(port + 1).to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .context("start tauri-driver")?;
    let base = format!("http://127.0.0.1:{port}");
    wait_until(Duration::from_secs(20), || async { ctx.http.get(format!("{base}/status")).send().await.is_ok() }).await?;
    let session = wd(ctx, "POST", &format!("{base}/session"), Some(json!({
        "capabilities": { "alwaysMatch": { "tauri:options": { "application": bare } } }
    }))).await?;
    let id = session["sessionId"].as_str().context("no session id")?.to_owned();
    let found_url = format!("{base}/session/{id}/elements");
    wait_until(Duration::from_secs(60), || async {
        let found = wd(ctx, "POST", &found_url, Some(json!({ "using": "css selector", "value": "[data-testid=\"bare-window\"]" }))).await;
        found.map(|v| v.as_array().is_some_and(|a| !a.is_empty())).unwrap_or(false)
    })
    .await?;
    tokio::time::sleep(idle).await;
    let memory = app_tree_memory_kib(&bare);
    let _ = wd(ctx, "DELETE", &format!("{base}/session/{id}"), None).await;
    let _ = child.kill().await;
    memory.context("could not find the bare window's processes")
}

/// Where the start-up went, from the page's own timing entries (epoch ms on the clock this
/// process shares with the app): launch → navigation → DOM ready → first paint, and the
/// UI's requests before the first row (`rpc …` measures, ui/src/backend/tauri.ts).
async fn startup_breakdown(ctx: &Ctx, execute_url: &str, t_epoch_ms: f64, start: Duration) -> Option<String> {
    let script = "const n = performance.getEntriesByType('navigation')[0] || {};
        const p = performance.getEntriesByName('first-contentful-paint')[0];
        const rpc = performance.getEntriesByType('measure').filter(m => m.name.startsWith('rpc '))
            .map(m => `${m.name.slice(4)} ${Math.round(m.startTime)}→${Math.round(m.startTime + m.duration)}`);
        const marks = performance.getEntriesByType('mark').map(m => `${m.name} ${Math.round(m.startTime)}`)
            .concat(performance.getEntriesByType('measure').filter(m => !m.name.startsWith('rpc '))
                .map(m => `${m.name} ${Math.round(m.startTime)}→${Math.round(m.startTime + m.duration)}`));
        return [performance.timeOrigin, n.domContentLoadedEventEnd || 0, p ? p.startTime : 0, rpc.slice(0, 6).join(', '), marks.join(', ')];";
    let v = wd(ctx, "POST", execute_url, Some(json!({ "script": script, "args": [] }))).await.ok()?;
    let f = |i: usize| v.get(i).and_then(Value::as_f64).unwrap_or(0.0);
    let row_ms = start.as_secs_f64() * 1000.0;
    let origin = f(0) - t_epoch_ms;
    Some(format!(
        "desktop start-up: the page's navigation began {origin:.0} ms after the session request (driver + app launch + window); \
         from there DOM ready at +{:.0} ms, first paint at +{:.0} ms, first conversation row at +{:.0} ms ({row_ms:.0} ms in all); \
         first requests (ms from navigation): {}; the UI's own marks: {}",
        f(1),
        f(2),
        row_ms - origin,
        v.get(3).and_then(Value::as_str).unwrap_or("none recorded"),
        v.get(4).and_then(Value::as_str).filter(|s| !s.is_empty()).unwrap_or("none")
    ))
}

/// The bench account's credentials in the app's own keyring service, removed again on drop
/// (scripts/bench.sh runs under a private Secret Service when there is no desktop session).
struct BenchCredentials(KeyringSecretStore);

impl BenchCredentials {
    fn seed() -> anyhow::Result<Self> {
        let store = KeyringSecretStore::new(APP_KEYRING_SERVICE).context("the desktop rows need a Secret Service (keyring)")?;
        store.set(BENCH_ACCOUNT, SecretKind::ChannelSecret, "bench-channel-secret")?;
        store.set(BENCH_ACCOUNT, SecretKind::AccessToken, "bench-access-token")?;
        Ok(Self(store))
    }
}

impl Drop for BenchCredentials {
    fn drop(&mut self) {
        let _ = self.0.delete(BENCH_ACCOUNT, SecretKind::ChannelSecret);
        let _ = self.0.delete(BENCH_ACCOUNT, SecretKind::AccessToken);
    }
}

async fn wd(ctx: &Ctx, method: &str, url: &str, body: Option<Value>) -> anyhow::Result<Value> {
    let req = match method {
        "POST" => ctx.http.post(url).json(&body.unwrap_or(json!({}))),
        "DELETE" => ctx.http.delete(url),
        _ => ctx.http.get(url),
    };
    let res = req.send().await?;
    let status = res.status();
    let v: Value = res.json().await?;
    anyhow::ensure!(status.is_success(), "{method} {url}: {status} {v}");
    Ok(v["value"].clone())
}

async fn wait_until<F, Fut>(limit: Duration, mut f: F) -> anyhow::Result<()>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if f().await {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    anyhow::bail!("gave up after {limit:?}")
}

fn bundle_size(dir: &Path) -> Option<(PathBuf, u64)> {
    std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "deb"))
        .filter_map(|p| std::fs::metadata(&p).ok().map(|m| (p, m.len())))
        .max_by_key(|(_, len)| *len)
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| std::env::split_paths(&paths).map(|d| d.join(name)).find(|p| p.is_file()))
}

fn home_bin(name: &str) -> Option<PathBuf> {
    std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo/bin").join(name)).filter(|p| p.is_file())
}

struct Memory {
    pss: u64,
    private: u64,
}

/// Every process: pid, parent pid, executable.
fn all_processes() -> Option<Vec<(u32, u32, Option<PathBuf>)>> {
    let procs = std::fs::read_dir("/proc")
        .ok()?
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|pid| {
            // ppid is field 4.
            let ppid = stat_fields(&pid.to_string())?.get(4 - 3)?.parse().ok()?;
            Some((pid, ppid, std::fs::read_link(format!("/proc/{pid}/exe")).ok()))
        })
        .collect();
    Some(procs)
}

fn app_pid(procs: &[(u32, u32, Option<PathBuf>)], app: &Path) -> Option<u32> {
    procs.iter().find(|(_, _, exe)| exe.as_deref() == Some(app)).map(|p| p.0)
}

/// PSS and USS of the app process and all its descendants (the WebKit web and network processes).
fn app_tree_memory_kib(app: &Path) -> Option<Memory> {
    let procs = all_processes()?;
    let root = app_pid(&procs, app)?;
    let mut tree = vec![root];
    let mut i = 0;
    while i < tree.len() {
        let parent = tree[i];
        tree.extend(procs.iter().filter(|(_, ppid, _)| *ppid == parent).map(|(pid, _, _)| *pid));
        i += 1;
    }
    let rollups: Vec<String> = tree.iter().filter_map(|pid| std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok()).collect();
    let sum = |fields: &[&str]| -> u64 {
        rollups
            .iter()
            .flat_map(|s| s.lines())
            .filter_map(|l| {
                let (key, rest) = l.split_once(':')?;
                if !fields.contains(&key) {
                    return None;
                }
                rest.split_whitespace().next()?.parse::<u64>().ok()
            })
            .sum()
    };
    Some(Memory { pss: sum(&["Pss"]), private: sum(&["Private_Clean", "Private_Dirty"]) })
}
