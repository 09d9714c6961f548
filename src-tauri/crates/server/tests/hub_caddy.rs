//! The hub behind a real Caddy, configured from the shipped `packaging/hub/Caddyfile.example`
//! with `tls internal` in place of a public certificate: LINE's signed webhooks arrive
//! through it over HTTPS, the API needs a member's token there, the event stream is not
//! buffered, and the session token printed at start does not open the hub from outside.

use std::path::Path;
use std::time::Duration;

use anyhow::{bail, ensure, Context, Result};
use linesim::{SimConfig, Simulator};
use serde_json::{json, Value};

use crate::caddy::{free_port, Caddy};
use crate::support::{self, eventually, Server, ServerOpts};

const OWNER_PASSWORD: &str = "hub-owner-password-2026";

#[tokio::test]
async fn a_hub_behind_caddy_takes_line_webhooks_over_https_and_streams_to_members() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let (https_port, hub_port) = (free_port()?, free_port()?);
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..");
    let caddy = Caddy::start(&repo, dir.path(), https_port, hub_port).await?;
    let front = caddy.base.clone();

    // LINE's side: the simulator delivers its signed webhooks to the HTTPS address.
    let sim = Simulator::start(SimConfig { webhook_root_certificates: vec![caddy.root_pem.clone()], ..SimConfig::default() }).await?;
    let data = dir.path().join("hub");
    let added = support::member_add(&data, "店長", "owner", OWNER_PASSWORD).await?;
    ensure!(added.status.success(), "member add: {}", String::from_utf8_lossy(&added.stderr));
    let hub = Server::start(&data, &sim, &ServerOpts { listen: Some(format!("127.0.0.1:{hub_port}")), ..Default::default() }).await?;
    sim.set_webhook_url(&format!("{front}/webhook"));

    let client = reqwest::Client::builder()
        .no_proxy()
        .add_root_certificate(reqwest::Certificate::from_pem(&caddy.root_pem)?)
        .timeout(Duration::from_secs(30))
        .build()?;
    // The certificate verifies for the name (no `danger_accept_invalid_certs` anywhere).
    eventually(20, "Caddy serving the hub over HTTPS", || async {
        Ok(client.get(format!("{front}/healthz")).send().await.ok().filter(|r| r.status() == 200).map(|_| ()))
    })
    .await?;

    // From outside, the printed session token is refused: Caddy marks the request as
    // forwarded, and members exist anyway.
    let r = client.post(format!("{front}/api/rpc")).bearer_auth(&hub.token).json(&json!({ "method": "listAccounts" })).send().await?;
    ensure!(r.status() == 401, "the session token through Caddy: {}", r.status());
    let r = client.post(format!("{front}/api/rpc")).json(&json!({ "method": "listAccounts" })).send().await?;
    ensure!(r.status() == 401, "no token through Caddy: {}", r.status());

    let login: Value = client
        .post(format!("{front}/api/login"))
        .json(&json!({ "name": "店長", "password": OWNER_PASSWORD, "deviceName": "スマホ" }))
        .send()
        .await?
        .json()
        .await?;
    let token = login["token"].as_str().context("owner login through Caddy")?.to_string();

    // A desk's event stream through Caddy, open before the customer writes.
    let mut events = client.get(format!("{front}/api/events?token={token}")).send().await?;
    ensure!(events.status() == 200, "event stream: {}", events.status());

    let user = sim.add_user("深夜 三時");
    let delivery = sim.send_text(&user.user_id, "夜中ですが予約できますか").await?;
    ensure!(delivery.status == 200, "the webhook through Caddy answered {}", delivery.status);

    // The event reaches the desk while the stream stays open: nothing holds it back.
    let arrived = tokio::time::timeout(Duration::from_secs(20), async {
        let mut seen = String::new();
        while let Some(chunk) = events.chunk().await? {
            seen.push_str(&String::from_utf8_lossy(&chunk));
            if seen.contains("messageArrived") {
                return Ok::<_, anyhow::Error>(());
            }
        }
        bail!("the stream ended before the event: {seen}")
    })
    .await;
    ensure!(matches!(arrived, Ok(Ok(()))), "no messageArrived event through Caddy: {arrived:?}");

    let conversations: Value = client
        .post(format!("{front}/api/rpc"))
        .bearer_auth(&token)
        .json(&json!({ "method": "listConversations", "params": {} }))
        .send()
        .await?
        .json()
        .await?;
    ensure!(conversations.to_string().contains("夜中ですが予約できますか"), "the message in the inbox: {conversations}");

    // A wrong signature through Caddy is still LINE's 401 from the hub.
    let (body, _) = sim.signed_body(vec![sim.event_text(&user.user_id, "偽物", None)]);
    let forged = client.post(format!("{front}/webhook")).header("x-line-signature", "AAAA").body(body).send().await?;
    ensure!(forged.status() == 401, "a forged webhook through Caddy: {}", forged.status());

    drop(hub);
    caddy.stop().await;
    Ok(())
}
