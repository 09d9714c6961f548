//! Who did what over HTTP: the server names the member behind each token, so a staff
//! member's send carries their name to every screen; the settings history (変更履歴) is
//! the owner's alone and holds no credential.

use anyhow::{ensure, Context, Result};
use linesim::SimConfig;
use serde_json::{json, Value};

use crate::support::{self, eventually, find_bytes, Server, ServerOpts};

const SECRET: &str = "fedcba9876543210fedcba9876543210";
const TOKEN: &str = "who-did-what-server-access-token-42";
const OWNER_PASSWORD: &str = "tencho-no-himitsu-2026";
const STAFF_PASSWORD: &str = "baito-no-himitsu-2026";

async fn login(server: &Server, name: &str, password: &str) -> Result<String> {
    let resp = server.client.post(format!("{}/api/login", server.base)).json(&json!({ "name": name, "password": password })).send().await?;
    ensure!(resp.status() == 200, "login {name}: {}", resp.status());
    let body: Value = resp.json().await?;
    Ok(body["token"].as_str().context("token")?.to_string())
}

async fn call(server: &Server, token: &str, method: &str, params: Value) -> Result<(u16, Value)> {
    server.rpc_raw(method, params, Some(token)).await
}

#[tokio::test]
async fn a_staff_send_names_them_and_the_settings_history_is_the_owners_without_secrets() -> Result<()> {
    let sim = support::sim_with(SimConfig { channel_secret: SECRET.into(), access_token: TOKEN.into(), ..SimConfig::default() }).await?;
    let dir = tempfile::tempdir()?;
    let data = dir.path().join("data");
    for (name, role, password) in [("店長", "owner", OWNER_PASSWORD), ("佐藤", "staff", STAFF_PASSWORD)] {
        let out = support::member_add(&data, name, role, password).await?;
        ensure!(out.status.success(), "member add {name}: {}", String::from_utf8_lossy(&out.stderr));
    }
    let server = Server::start(&data, &sim, &ServerOpts::undo(0)).await?;
    let owner = login(&server, "店長", OWNER_PASSWORD).await?;
    let staff = login(&server, "佐藤", STAFF_PASSWORD).await?;

    // A staff member's reply carries their name in the thread.
    let user = sim.add_user("小林");
    ensure!(sim.send_text(&user.user_id, "予約できますか").await?.status == 200);
    let conv = eventually(10, "the chat", || async {
        let (_, page) = call(&server, &owner, "listConversations", json!({ "limit": 50 })).await?;
        Ok(page["data"]["items"].as_array().and_then(|i| i.first()).and_then(|c| c["id"].as_i64()))
    })
    .await?;
    let (status, sent) = call(&server, &staff, "sendMessage", json!({ "conversationId": conv, "content": { "type": "text", "text": "佐藤が承ります" } })).await?;
    ensure!(status == 200, "staff send: {status} {sent}");
    let (_, thread) = call(&server, &owner, "getThread", json!({ "conversationId": conv })).await?;
    let mine = thread["data"]["messages"]
        .as_array()
        .and_then(|ms| ms.iter().find(|m| m["text"] == "佐藤が承ります"))
        .context("the staff member's reply in the thread")?;
    ensure!(mine["sentBy"]["name"] == "佐藤" && mine["sentBy"]["memberId"].is_i64() && mine["autoReply"] == false, "{mine}");

    // Settings: staff may change sending settings, the owner re-enters the credentials.
    let (status, body) = call(&server, &staff, "setSendingSettings", json!({ "undoSeconds": 3, "replySafeWindowSeconds": 50 })).await?;
    ensure!(status == 200, "staff changes a setting: {status} {body}");
    // (A hub reads the credentials from its environment: the call is refused, and leaves
    // no trace of the values it carried.)
    let (connect, _) = call(&server, &owner, "connectAccount", json!({ "accountId": 1, "channelSecret": SECRET, "accessToken": TOKEN })).await?;
    ensure!(connect == 409, "connectAccount on a hub: {connect}");
    let (status, body) = call(&server, &owner, "setSendingSettings", json!({ "undoSeconds": 0, "replySafeWindowSeconds": 50 })).await?;
    ensure!(status == 200, "owner changes a setting: {status} {body}");

    // The history is the owner's: staff get 403.
    let (status, body) = call(&server, &staff, "listSettingsHistory", json!({})).await?;
    ensure!(status == 403 && body["code"] == "forbidden", "staff reading the history: {status} {body}");
    let (status, history) = call(&server, &owner, "listSettingsHistory", json!({ "limit": 10 })).await?;
    ensure!(status == 200, "owner reading the history: {status} {history}");
    let changes = history["data"]["changes"].as_array().context("changes")?;
    let lines: Vec<(String, String)> =
        changes.iter().map(|c| (c["by"]["name"].as_str().unwrap_or("").to_string(), c["summary"].as_str().unwrap_or("").to_string())).collect();
    let changed = |who: &str| (who.to_string(), "送信の設定を変更".to_string());
    ensure!(lines == [changed("店長"), changed("佐藤")], "both changes, newest first, by name: {lines:?}");
    ensure!(changes.iter().all(|c| c["at"].is_i64()), "each change has its time");
    let text = history.to_string();
    for secret in [SECRET, TOKEN, OWNER_PASSWORD, STAFF_PASSWORD] {
        ensure!(!text.contains(secret), "a secret in the history answer");
    }
    // Nor anywhere in the store's files.
    for entry in std::fs::read_dir(&data)? {
        let path = entry?.path();
        if path.is_file() {
            let bytes = std::fs::read(&path)?;
            for secret in [SECRET, TOKEN] {
                ensure!(find_bytes(&bytes, secret.as_bytes()).is_none(), "a credential in {}", path.display());
            }
        }
    }
    Ok(())
}
