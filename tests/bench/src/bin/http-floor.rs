//! `http-floor`: the webhook endpoint with parts taken away, for the ingest benchmark to
//! show where the time goes on this machine. The same axum and tokio set-up as
//! `madoguchi-server`, on a loopback port it prints as `MADOGUCHI_LISTEN=…`.
//!
//! - `--mode answer`: 200 to every POST once its body is read: the ceiling, on that
//!   machine and harness, for any endpoint built on this HTTP stack.
//! - `--mode verify-parse`: the signature check and the parse of `madoguchi-server`, then
//!   200, storing nothing: the same work as the line-bot-sdk peer, in our code.

use axum::Router;
use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::serve::ListenerExt as _;
use clap::{Parser, ValueEnum};

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Mode {
    Answer,
    VerifyParse,
}

#[derive(Parser, Debug)]
struct Args {
    #[arg(long, value_enum)]
    mode: Mode,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mode = Args::parse().mode;
    let secret = std::env::var("LINE_CHANNEL_SECRET").unwrap_or_default();
    let handler = move |headers: HeaderMap, body: Bytes| std::future::ready(status(mode, &secret, &headers, &body));
    let app = Router::new().route("/webhook", post(handler));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    println!("MADOGUCHI_LISTEN={}", listener.local_addr()?);
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    axum::serve(listener, app).await?;
    Ok(())
}

fn status(mode: Mode, secret: &str, headers: &HeaderMap, body: &[u8]) -> StatusCode {
    if let Mode::Answer = mode {
        return StatusCode::OK;
    }
    let signature = headers.get("x-line-signature").and_then(|v| v.to_str().ok());
    if line::signature::verify(secret, body, signature).is_err() {
        StatusCode::UNAUTHORIZED
    } else if line::webhook::parse_callback(body).is_err() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    }
}
