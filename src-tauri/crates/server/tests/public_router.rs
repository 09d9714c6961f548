//! The desktop app's embedded receiver (`http::public_router`): LINE's webhook and the
//! media we send, nothing of the UI's API. Served in-process on a loopback port.

use std::sync::Arc;

use anyhow::{ensure, Result};
use madoguchi_core::secrets::MemorySecretStore;
use madoguchi_core::{Core, CoreOptions};
use serde_json::json;

use crate::support;

#[tokio::test]
async fn the_public_router_takes_signed_webhooks_and_hides_the_api() -> Result<()> {
    let sim = support::sim().await?;
    let dir = tempfile::tempdir()?;
    let c = sim.config();
    let secrets = Arc::new(MemorySecretStore::with("desk", &c.channel_secret, &c.access_token));
    let mut opts = CoreOptions::new(dir.path(), secrets);
    opts.line_api_base = sim.base_url();
    opts.line_data_base = sim.base_url();
    let core = Core::open(opts).await?;
    core.register_account("desk", "デスクトップ店").await?;

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    let app = madoguchi_server::http::public_router(core.clone());
    tokio::spawn(async move { axum::serve(listener, app).await });
    let http = reqwest::Client::new();

    let event = json!({
        "type": "message", "mode": "active", "timestamp": 1_764_000_000_000_i64,
        "webhookEventId": "01PUBLICROUTER0000000000001",
        "deliveryContext": { "isRedelivery": false },
        "source": { "type": "user", "userId": "U00000000000000000000000000000abc" },
        "replyToken": "rt-public-router",
        "message": { "id": "900001", "type": "text", "quoteToken": "q", "text": "デスクトップに届きますか" }
    });
    let (body, sig) = sim.signed_body(vec![event]);
    let ok = http.post(format!("{base}/webhook")).header("x-line-signature", sig).body(body.clone()).send().await?;
    ensure!(ok.status() == 200, "signed webhook: {}", ok.status());
    let unsigned = http.post(format!("{base}/webhook")).body(body).send().await?;
    ensure!(unsigned.status() == 401, "unsigned webhook: {}", unsigned.status());

    // The 200 came after the journal commit; the store has it once the projector ran.
    core.webhooks_settled().await?;
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM messages WHERE text = 'デスクトップに届きますか'")
        .fetch_one(&core.store().pool)
        .await?;
    ensure!(stored == 1, "the acknowledged message is in the store once (found {stored})");

    // The UI's API is IPC in the desktop app: not reachable from the tunnel at all.
    let api = http.post(format!("{base}/api/rpc")).body(r#"{"method":"listAccounts"}"#).send().await?;
    ensure!(api.status() == 404, "/api/rpc must not exist here: {}", api.status());
    core.shutdown().await;
    Ok(())
}
