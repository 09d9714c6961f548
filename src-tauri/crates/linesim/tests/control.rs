//! The binary and its `/sim/` control API, driven from outside like Playwright does.

use std::process::Stdio;
use std::time::Duration;

use anyhow::{Context, Result, bail, ensure};
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::Command;

use crate::common::{Api, Receiver, SECRET, TOKEN};

#[tokio::test]
async fn binary_prints_its_url_and_serves_the_control_api() -> Result<()> {
    let receiver = Receiver::start().await?;
    let mut child = Command::new(env!("CARGO_BIN_EXE_madoguchi-linesim"))
        .args([
            "--listen",
            "127.0.0.1:0",
            "--secret",
            SECRET,
            "--token",
            TOKEN,
            "--seed",
            "3",
        ])
        .args(["--webhook-url", &receiver.url])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .context("spawning madoguchi-linesim")?;
    let stdout = child.stdout.take().context("no stdout")?;
    let mut lines = BufReader::new(stdout).lines();
    let line = tokio::time::timeout(Duration::from_secs(20), lines.next_line())
        .await
        .context("no LINESIM_URL line within 20 s")??
        .context("stdout closed before LINESIM_URL")?;
    let Some(base) = line.strip_prefix("LINESIM_URL=") else {
        bail!("unexpected first line {line:?}")
    };
    let api = Api::new(base, TOKEN)?;

    let user = api
        .post("/sim/users", &json!({"displayName": "小林 りん🌸"}))
        .await?
        .expect(200)?
        .body;
    let user_id = user["userId"].as_str().context("no userId")?.to_owned();
    ensure!(
        user_id.len() == 33 && user_id.starts_with('U'),
        "user id {user_id}"
    );
    let users = api.get("/sim/users").await?.expect(200)?.body;
    ensure!(users.as_array().map(Vec::len) == Some(1), "users: {users}");

    let d = api
        .post(
            &format!("/sim/users/{user_id}/text"),
            &json!({"text": "予約したいです"}),
        )
        .await?
        .expect(200)?
        .body;
    ensure!(d["status"] == json!(200), "delivery: {d}");
    ensure!(
        d["webhookEventIds"].as_array().map(Vec::len) == Some(1),
        "delivery: {d}"
    );
    let token = d["replyTokens"][0].as_str().context("no reply token")?;
    for action in ["image", "sticker", "location", "follow", "postback"] {
        let body = if action == "postback" {
            json!({"data": "action=menu"})
        } else {
            json!({})
        };
        api.post(&format!("/sim/users/{user_id}/{action}"), &body)
            .await?
            .expect(200)?;
    }
    ensure!(
        receiver.events().len() == 6 && receiver.bad_signatures() == 0,
        "receiver: {:?}",
        receiver.events()
    );
    api.post("/sim/users/Unobody/text", &json!({"text": "x"}))
        .await?
        .expect(404)?;

    api.post(
        "/sim/faults",
        &json!({"endpoint": "reply", "status": 500, "count": 1}),
    )
    .await?
    .expect(204)?;
    let reply =
        json!({"replyToken": token, "messages": [{"type": "text", "text": "承知しました"}]});
    api.post("/v2/bot/message/reply", &reply)
        .await?
        .expect(500)?;
    api.post("/v2/bot/message/reply", &reply)
        .await?
        .expect(200)?;
    api.post("/sim/faults", &json!({"status": 503}))
        .await?
        .expect(204)?;
    api.get("/v2/bot/info").await?.expect(503)?;
    api.delete("/sim/faults").await?.expect(204)?;
    api.get("/v2/bot/info").await?.expect(200)?;

    let received = api
        .get(&format!("/sim/received?userId={user_id}"))
        .await?
        .expect(200)?
        .body;
    let received = received.as_array().context("received is not a list")?;
    ensure!(
        received.len() == 1 && received[0]["via"] == json!("reply"),
        "received: {received:?}"
    );
    let stats: Value = api.get("/sim/stats").await?.expect(200)?.body;
    ensure!(
        stats["requests"]["reply"] == json!(2) && stats["faulted"] == json!(2),
        "stats: {stats}"
    );

    let other = Receiver::start().await?;
    api.post("/sim/webhook-url", &json!({"url": other.url}))
        .await?
        .expect(204)?;
    api.post(&format!("/sim/users/{user_id}/unfollow"), &json!({}))
        .await?
        .expect(200)?;
    ensure!(
        other.events().len() == 1,
        "webhook-url did not switch the target"
    );

    child.kill().await.context("stopping the simulator")?;
    Ok(())
}
