//! A desk sends while its hub is SIGKILLed (issue 26, bad input and faults): the desk
//! sees the failure, and after the restart it asks by the send's `clientKey` what became
//! of it. The answer must agree with what LINE (the simulator) got: `sent` and exactly
//! one message, or `none` and no message. Then the desk resends with the same key, as
//! its composer does: the customer ends with exactly one copy whichever way the kill
//! fell.

use std::sync::Arc;
use std::time::Duration;

use anyhow::{bail, ensure, Context, Result};
use madoguchi_core::api::types::{SendState, SendStatus};
use madoguchi_core::api::{Request, Response};
use madoguchi_hub_client::{HubClient, Link, MemoryTokens};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};

use crate::caddy::free_port;
use crate::support::{self, eventually, received_texts, Server, ServerOpts};

const ROUNDS: usize = 12;
const OWNER_PASSWORD: &str = "send-key-owner-2026";
const STAFF_PASSWORD: &str = "send-key-staff-2026";

fn request(v: Value) -> Result<Request> {
    Ok(serde_json::from_value(v)?)
}

fn send(conversation_id: i64, text: &str, key: &str) -> Result<Request> {
    request(json!({ "method": "sendMessage", "params": {
        "conversationId": conversation_id, "content": { "type": "text", "text": text }, "clientKey": key } }))
}

async fn by_key(link: &Link, key: &str) -> Result<SendStatus> {
    match link.call(&request(json!({ "method": "getSendByKey", "params": { "clientKey": key } }))?).await? {
        Response::SendStatus(s) => Ok(s),
        other => bail!("getSendByKey answered {other:?}"),
    }
}

/// A staff desk paired with the hub (the owner makes the code, as in the app).
async fn paired_desk(server: &Server) -> Result<Arc<Link>> {
    let login = server.client.post(format!("{}/api/login", server.base)).json(&json!({ "name": "店長", "password": OWNER_PASSWORD })).send().await?;
    let owner = login.json::<Value>().await?["token"].as_str().context("owner token")?.to_owned();
    let (_, members) = server.rpc_raw("listMembers", Value::Null, Some(&owner)).await?;
    let staff = members["data"].as_array().and_then(|a| a.iter().find(|m| m["name"] == "佐藤")).context("staff listed")?["id"].clone();
    let (_, code) = server.rpc_raw("createPairingCode", json!({ "memberId": staff }), Some(&owner)).await?;
    let code = code["data"]["code"].as_str().context("pairing code")?;
    let link = Link::open(HubClient::new(&server.base)?, Arc::new(MemoryTokens::default()))?;
    link.pair(code, "受付のPC").await?;
    Ok(link)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_send_caught_by_sigkill_is_sent_once_or_not_at_all_and_the_desk_can_tell_which() -> Result<()> {
    let seed = support::seed("MADOGUCHI_SEND_KEY_SEED", "send_key_crash");
    let mut rng = StdRng::seed_from_u64(seed);
    let sim = support::sim().await?;
    let dir = tempfile::tempdir()?;
    let data = dir.path().join("data");
    for (name, role, password) in [("店長", "owner", OWNER_PASSWORD), ("佐藤", "staff", STAFF_PASSWORD)] {
        let out = support::member_add(&data, name, role, password).await?;
        ensure!(out.status.success(), "member add {name}: {}", String::from_utf8_lossy(&out.stderr));
    }
    // One address across restarts: the desk keeps talking to the same hub. No undo
    // window, so a kill can also fall while the sender is pushing.
    let opts = ServerOpts { undo_seconds: Some(0), listen: Some(format!("127.0.0.1:{}", free_port()?)), ..ServerOpts::default() };
    let mut server = Server::start(&data, &sim, &opts).await?;
    let desk = paired_desk(&server).await?;

    let customer = sim.add_user("田中 美咲");
    sim.send_text(&customer.user_id, "明日の予約を変えたいです").await?;
    let conv = eventually(10, "the customer's chat at the desk", || async {
        let Response::Conversations(page) = desk.call(&request(json!({ "method": "listConversations", "params": { "limit": 10 } }))?).await? else {
            bail!("listConversations answered something else")
        };
        Ok(page.items.first().map(|c| c.id))
    })
    .await?;

    let (mut lost, mut outcomes) = (0, Vec::new());
    for round in 0..ROUNDS {
        let text = format!("round-{round}: 10時でお取りしました");
        let key = format!("{:032x}", rng.random::<u128>());
        let in_flight = tokio::spawn({
            let desk = desk.clone();
            let req = send(conv, &text, &key)?;
            async move { desk.call(&req).await }
        });
        // Before, during or after the commit, or while the sender pushes to LINE; the
        // first round at once and the last after the answer, so both ends are covered.
        let wait = match round {
            0 => Duration::ZERO,
            r if r == ROUNDS - 1 => Duration::from_millis(500),
            _ => Duration::from_micros(rng.random_range(0..6_000)),
        };
        tokio::time::sleep(wait).await;
        server.kill();
        let answered = match in_flight.await? {
            Ok(Response::SendAccepted(a)) => Some(a),
            Ok(other) => bail!("sendMessage answered {other:?}"),
            Err(e) => {
                // The desk shows the failure as the hub being out of reach, in its words.
                ensure!(e.is_offline(), "round {round}: a send cut by the kill failed as {e:?}");
                let said = e.to_api_error();
                ensure!(said.code == "hubUnreachable" && said.message_ja.starts_with("ハブに接続できません"), "{said:?}");
                ensure!(!desk.state().online, "the desk knows its hub is gone");
                lost += 1;
                None
            }
        };

        server = Server::start(&data, &sim, &opts).await?;
        // Asked through the desk as soon as the hub answers; a send committed before the
        // kill may still be on its way (`queued`), then goes out once.
        let first = by_key(&desk, &key).await?;
        ensure!(desk.state().online, "the desk is back online");
        let status = eventually(30, "the send's state to settle", || async {
            let s = by_key(&desk, &key).await?;
            Ok((s.state != SendState::Queued).then_some(s))
        })
        .await?;
        let count = received_texts(&sim, &customer.user_id).iter().filter(|t| **t == text).count();
        eprintln!("send_key_crash: round {round}: answered {}, asked {:?}, settled {:?}, LINE got {count}", answered.is_some(), first.state, status.state);
        match status.state {
            SendState::Sent => ensure!(count == 1, "round {round}: `sent` but LINE got {count} (seed {seed})"),
            SendState::None => {
                ensure!(count == 0, "round {round}: `none` but LINE got {count} (seed {seed})");
                ensure!(answered.is_none(), "round {round}: an accepted send is unknown by its key");
            }
            other => bail!("round {round}: the send ended {other:?} (seed {seed})"),
        }
        if let Some(a) = &answered {
            ensure!(status.outbox_id == Some(a.outbox_id) && status.message_id == Some(a.message_id), "{status:?} vs {a:?}");
        }
        outcomes.push(status.state);

        // The composer's resend (送信されていません → 送信, or a second click): the same
        // key, so whatever the kill did, the customer gets the message exactly once.
        let Response::SendAccepted(again) = desk.call(&send(conv, &text, &key)?).await? else { bail!("the resend was not accepted") };
        if let Some(id) = status.outbox_id {
            ensure!(again.outbox_id == id, "round {round}: the resend made a second row");
        }
        eventually(30, "the resent message to be sent", || async { Ok((by_key(&desk, &key).await?.state == SendState::Sent).then_some(())) }).await?;
        let count = received_texts(&sim, &customer.user_id).iter().filter(|t| **t == text).count();
        ensure!(count == 1, "round {round}: after the resend LINE got {count} copies (seed {seed})");
    }
    let none = outcomes.iter().filter(|s| **s == SendState::None).count();
    eprintln!("send_key_crash: seed {seed}: {lost} of {ROUNDS} answers lost; {none} never committed, {} sent", ROUNDS - none);
    // Every text at most once, and nothing the desk did not write.
    let got = received_texts(&sim, &customer.user_id);
    ensure!(got.len() == ROUNDS, "the customer got {} messages for {ROUNDS} sends: {got:?}", got.len());
    Ok(())
}
