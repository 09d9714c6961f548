use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
use madoguchi_core::secrets::{EnvSecretStore, SecretStore};
use madoguchi_core::{settings, Core, CoreOptions};
use axum::serve::ListenerExt as _;
use tokio::net::TcpListener;

use crate::cli::ServeArgs;
use madoguchi_server::{demo, http};

/// The account whose secrets come from LINE_CHANNEL_SECRET / LINE_CHANNEL_ACCESS_TOKEN.
const ENV_ACCOUNT_KEY: &str = "env";

pub async fn open_offline(data_dir: &Path) -> anyhow::Result<Core> {
    let mut opts = CoreOptions::new(data_dir, Arc::new(EnvSecretStore));
    opts.start_workers = false;
    Core::open(opts).await.with_context(|| format!("open data dir {}", data_dir.display()))
}

pub async fn run(args: ServeArgs) -> anyhow::Result<()> {
    let data_dir = args.data_dir.clone().context("--data-dir is required (or MADOGUCHI_DATA_DIR)")?;
    let listener = TcpListener::bind(args.listen).await.with_context(|| format!("listen on {}", args.listen))?;
    let addr = listener.local_addr()?;

    let demo = if args.demo { Some(demo::start_simulator().await?) } else { None };
    let core = match &demo {
        Some(d) => d.open_core(&data_dir).await?,
        None => {
            let secrets: Arc<dyn SecretStore> = Arc::new(EnvSecretStore);
            let core = Core::open(CoreOptions::new(&data_dir, secrets.clone()))
                .await
                .with_context(|| format!("open data dir {}", data_dir.display()))?;
            if secrets.account(ENV_ACCOUNT_KEY)?.is_some() {
                core.register_account(ENV_ACCOUNT_KEY, "LINE公式アカウント").await?;
            } else {
                tracing::warn!("LINE_CHANNEL_SECRET / LINE_CHANNEL_ACCESS_TOKEN are not set: webhooks will be refused");
            }
            core
        }
    };
    if let Some(url) = &args.public_base_url {
        settings::set(&core.store().pool, settings::PUBLIC_BASE_URL, url).await?;
    }
    if let Some(s) = args.undo_seconds {
        settings::set(&core.store().pool, settings::UNDO_SECONDS, &s.to_string()).await?;
    }

    let token = std::env::var("MADOGUCHI_SESSION_TOKEN").ok().filter(|t| t.len() >= 16).unwrap_or_else(random_token);
    let ui_dir = args.ui_dir.clone().or_else(default_ui_dir);
    let app = http::router(http::AppState::new(core.clone(), &token, ui_dir));

    // Tests and scripts read these lines; people open the URL.
    println!("MADOGUCHI_LISTEN={addr}");
    println!("MADOGUCHI_TOKEN={token}");
    println!("MADOGUCHI_URL=http://{addr}/#token={token}");
    if let Some(d) = &demo {
        // The simulator's /sim/ control API: end-to-end tests act as customers through it.
        println!("MADOGUCHI_DEMO_LINESIM={}", d.simulator_url());
    }

    if let Some(d) = demo {
        // After the server accepts: seeding goes through our own webhook endpoint.
        let core = core.clone();
        let friends = args.demo_friends;
        tokio::spawn(async move {
            if let Err(e) = d.connect(&core, &format!("http://{addr}/webhook"), friends).await {
                tracing::error!(error = %e, "demo: seeding failed");
            }
            // The simulator lives as long as the server.
            std::future::pending::<()>().await;
        });
    }

    let shutdown_core = core.clone();
    // Answers are small and written whole; without TCP_NODELAY one that follows an
    // unacknowledged segment waits for the peer's delayed ACK (tens of milliseconds).
    let listener = listener.tap_io(|tcp| {
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::debug!(error = %e, "could not set TCP_NODELAY");
        }
    });
    // The peer's address: sign-in failures are counted per address (http/login_limit.rs).
    axum::serve(listener, app.into_make_service_with_connect_info::<std::net::SocketAddr>())
        .with_graceful_shutdown(async move {
            let _ = tokio::signal::ctrl_c().await;
            tracing::info!("stopping");
        })
        .await?;
    shutdown_core.shutdown().await;
    Ok(())
}

fn random_token() -> String {
    let bytes: [u8; 24] = rand::random();
    hex::encode(bytes)
}

fn default_ui_dir() -> Option<PathBuf> {
    let candidates = [
        PathBuf::from("ui/dist"),
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../ui/dist"),
    ];
    candidates.into_iter().find(|p| p.join("index.html").is_file())
}
