//! `madoguchi-linesim`: the simulator as a process, for Playwright tests and benchmarks.
//! Prints `LINESIM_URL=...` once it is listening, then serves until killed.

use std::io::Write as _;
use std::net::SocketAddr;
use std::time::Duration;

use clap::Parser;
use linesim::{SimConfig, Simulator};

#[derive(Parser)]
#[command(version, about = "A LINE platform simulator for demos and tests")]
struct Args {
    #[arg(long, default_value = "127.0.0.1:0")]
    listen: SocketAddr,
    /// Channel secret used to sign webhooks.
    #[arg(long, env = "LINE_CHANNEL_SECRET")]
    secret: Option<String>,
    /// Channel access token the API accepts.
    #[arg(long, env = "LINE_CHANNEL_ACCESS_TOKEN")]
    token: Option<String>,
    #[arg(long)]
    webhook_url: Option<String>,
    #[arg(long, default_value_t = 0)]
    seed: u64,
    #[arg(long, default_value_t = 60)]
    reply_token_ttl_secs: u64,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        // stdout carries the one machine-read line; logs go to stderr.
        .with_writer(std::io::stderr)
        .init();
    let args = Args::parse();
    let defaults = SimConfig::default();
    let cfg = SimConfig {
        seed: args.seed,
        channel_secret: args.secret.unwrap_or(defaults.channel_secret),
        access_token: args.token.unwrap_or(defaults.access_token),
        webhook_url: args.webhook_url,
        reply_token_ttl: Duration::from_secs(args.reply_token_ttl_secs),
        listen: args.listen,
        ..defaults
    };
    let sim = Simulator::start(cfg).await?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "LINESIM_URL={}", sim.base_url())?;
    out.flush()?;
    drop(out);
    tokio::signal::ctrl_c().await?;
    sim.shutdown();
    Ok(())
}
