//! `madoguchi-bench` (run by `scripts/bench.sh`, i.e. `make bench`): starts the LINE
//! simulator in-process and a release `madoguchi-server` as a child process, runs every
//! benchmark in [`benches::ALL`] and prints one Markdown table of
//! (benchmark, ours, peer, ratio, goal, met?).
//!
//! Nothing here asserts on time: it is a program that prints numbers measured on this
//! machine, beside a peer measured in the same run. It exits non-zero only when it could
//! not measure (a process failed to start, the peer crashed, ...).
//!
//! Linux only: it reads `/proc` and stops its Python peer's whole process group. On other
//! systems it compiles to a binary that says so, so that `cargo build --workspace` (and
//! the test workflow on Windows and macOS) still builds.

#[cfg(target_os = "linux")]
mod benches;
// The same Caddy front as the server's tests: the shipped Caddyfile with `tls internal`.
#[cfg(target_os = "linux")]
#[path = "../../../src-tauri/crates/server/tests/caddy.rs"]
mod caddy;
#[cfg(target_os = "linux")]
mod corpus;
#[cfg(target_os = "linux")]
mod floor;
#[cfg(target_os = "linux")]
mod load;
#[cfg(target_os = "linux")]
mod machine;
#[cfg(target_os = "linux")]
mod peer;
#[cfg(target_os = "linux")]
mod report;
#[cfg(target_os = "linux")]
mod rounds;
#[cfg(target_os = "linux")]
mod server;
#[cfg(target_os = "linux")]
mod stats;
#[cfg(target_os = "linux")]
mod wire;

#[cfg(target_os = "linux")]
use std::path::PathBuf;
#[cfg(target_os = "linux")]
use std::time::{Duration, Instant};

#[cfg(target_os = "linux")]
use anyhow::Context as _;
#[cfg(target_os = "linux")]
use clap::Parser;
#[cfg(target_os = "linux")]
use linesim::{SimConfig, Simulator};

#[cfg(target_os = "linux")]
/// Every knob has a default that keeps a full run under about two minutes.
#[derive(Parser, Debug, Clone)]
#[command(name = "madoguchi-bench", about = "Benchmarks madoguchi-server against its peers and prints a Markdown table")]
pub struct Opts {
    /// Length of each measured phase (closed-loop load, open-loop latency, peer), seconds.
    #[arg(long, env = "BENCH_SECONDS", default_value_t = 10.0)]
    pub seconds: f64,
    /// Unmeasured warm-up before the closed-loop phase, seconds.
    #[arg(long, env = "BENCH_WARMUP", default_value_t = 2.0)]
    pub warmup: f64,
    /// Concurrent senders in the closed-loop (throughput) phase.
    #[arg(long, env = "BENCH_SENDERS", default_value_t = 32)]
    pub senders: usize,
    /// Requests per second of the open-loop (latency) phase.
    #[arg(long, env = "BENCH_RATE", default_value_t = 1000)]
    pub rate: u32,
    /// Distinct simulated customers the events come from.
    #[arg(long, env = "BENCH_USERS", default_value_t = 1000)]
    pub users: usize,
    /// Run only the benchmarks whose name contains this.
    #[arg(long)]
    pub only: Option<String>,
    /// The server binary (default: madoguchi-server next to this binary).
    #[arg(long, env = "BENCH_SERVER_BIN")]
    pub server_bin: Option<PathBuf>,
    /// Python with line-bot-sdk 3.x installed (default: target/bench-venv/bin/python).
    #[arg(long, env = "BENCH_PYTHON")]
    pub python: Option<PathBuf>,
}

#[cfg(target_os = "linux")]
/// What every benchmark may use: the options, the running simulator, its customers, a
/// scratch directory removed at exit, and one shared HTTP/1.1 keep-alive client.
pub struct Ctx {
    pub opts: Opts,
    pub sim: Simulator,
    pub users: Vec<linesim::SimUser>,
    pub work: tempfile::TempDir,
    pub http: reqwest::Client,
    pub server_bin: PathBuf,
    pub python: PathBuf,
    pub repo: PathBuf,
}

#[cfg(target_os = "linux")]
impl Ctx {
    pub fn measure(&self) -> Duration {
        Duration::from_secs_f64(self.opts.seconds)
    }
    pub fn warmup(&self) -> Duration {
        Duration::from_secs_f64(self.opts.warmup)
    }
}

#[cfg(target_os = "linux")]
#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let opts = Opts::parse();
    let started = Instant::now();
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().context("locating the checkout")?;
    let server_bin = match &opts.server_bin {
        Some(p) => p.clone(),
        None => std::env::current_exe()?.with_file_name("madoguchi-server"),
    };
    anyhow::ensure!(server_bin.is_file(), "no server binary at {} (build it: cargo build --release -p madoguchi-server)", server_bin.display());
    let python = opts.python.clone().unwrap_or_else(|| repo.join("target/bench-venv/bin/python"));

    let machine = machine::Machine::read();
    let load_before = machine::loadavg();
    println!("# madoguchi-bench\n");
    machine.print();
    println!(
        "- settings: {} s measured per phase, {} s warm-up, {} senders, open loop at {} req/s, {} customers\n",
        opts.seconds, opts.warmup, opts.senders, opts.rate, opts.users
    );

    let sim = Simulator::start(SimConfig { seed: 0xBE7C4, ..SimConfig::default() }).await.context("starting the LINE simulator")?;
    let users = corpus::add_users(&sim, opts.users);
    let http = reqwest::Client::builder()
        .no_proxy()
        .http1_only()
        .pool_max_idle_per_host(256)
        .tcp_nodelay(true)
        .timeout(Duration::from_secs(30))
        .build()?;
    let work = tempfile::Builder::new().prefix("madoguchi-bench.").tempdir()?;
    let ctx = Ctx { opts, sim, users, work, http, server_bin, python, repo };

    let mut report = report::Report::default();
    for bench in benches::ALL {
        if ctx.opts.only.as_deref().is_some_and(|o| !bench.name.contains(o)) {
            continue;
        }
        eprintln!("bench: running {}", bench.name);
        let outcome = (bench.run)(&ctx).await.with_context(|| format!("benchmark {}", bench.name))?;
        report.add(outcome);
    }
    report.print();
    println!("\n- load average after the run: {}", machine::loadavg());
    let cpus = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1) as f64;
    let busy: f64 = load_before.split_whitespace().next().and_then(|l| l.parse().ok()).unwrap_or(0.0);
    if busy > 0.5 * cpus {
        println!(
            "- the machine was busy before the run (1-min load {busy:.2} on {cpus} CPUs): other processes competed for the CPUs, \
             so absolute numbers are below what an idle machine gives; the peer ran under the same conditions, minutes apart at most"
        );
    }
    println!("- total run time: {:.0} s", started.elapsed().as_secs_f64());
    ctx.sim.shutdown();
    Ok(())
}

#[cfg(not(target_os = "linux"))]
fn main() {
    eprintln!("madoguchi-bench runs on Linux only: it reads /proc and stops its peer's process group.");
    std::process::exit(2);
}
