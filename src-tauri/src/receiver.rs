//! The webhook receiver inside the desktop app: the same `madoguchi-server` routes
//! (`/webhook`, `/media/*`) on a local port, for a tunnel such as cloudflared to
//! forward LINE's requests to. The UI itself never goes through it (it uses IPC).

use std::net::{Ipv4Addr, SocketAddr};

use anyhow::Context;
use madoguchi_core::{settings, Core};
use tokio::net::TcpListener;

/// A fixed default so the tunnel's configuration survives restarts.
const DEFAULT_PORT: u16 = 8787;

/// Binds the receiver and serves it on the Tauri runtime; returns the local URL.
/// Loopback only: the tunnel runs on this PC.
pub async fn start(core: Core) -> anyhow::Result<String> {
    let port = std::env::var("MADOGUCHI_WEBHOOK_PORT")
        .ok()
        .and_then(|p| p.parse::<u16>().ok())
        .unwrap_or(DEFAULT_PORT);
    let listener = match TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port))).await {
        Ok(l) => l,
        Err(e) => {
            // Another copy of something holds the port: a free one still receives
            // webhooks; the wizard shows the address to point the tunnel at.
            tracing::warn!(port, error = %e, "webhook port taken; using a free one");
            TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0))).await.context("bind the webhook receiver")?
        }
    };
    let addr = listener.local_addr()?;
    let url = format!("http://{addr}/webhook");
    settings::set(&core.store().pool, settings::LOCAL_WEBHOOK_URL, &url).await?;
    let app = madoguchi_server::http::public_router(core.clone());
    tauri::async_runtime::spawn(async move {
        let shutdown = async move { core.shutdown_signal().await };
        if let Err(e) = axum::serve(listener, app).with_graceful_shutdown(shutdown).await {
            tracing::error!(error = %e, "the webhook receiver stopped");
        }
    });
    tracing::info!(%url, "webhook receiver listening");
    Ok(url)
}
