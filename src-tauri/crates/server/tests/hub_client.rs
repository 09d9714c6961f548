//! The desktop's client mode (`madoguchi-hub-client`) against a real hub: pairing with a
//! code, API calls and the event stream forwarded with the device token, the token kept
//! in the OS keyring and removed from it when the hub revokes the device; the address
//! rule (https, http only on this PC), a certificate that does not verify, and a hub of
//! another API version, each with the message the person reads.

use std::sync::Arc;
use std::time::Duration;

use anyhow::{bail, ensure, Context, Result};
use madoguchi_core::api::{Request, Response};
use madoguchi_core::events::CoreEvent;
use madoguchi_hub_client::{HubClient, HubError, KeyringTokens, Link, MemoryTokens, Side, TokenStore};
use serde_json::{json, Value};

use crate::caddy::{free_port, Caddy};
use crate::support::{self, Server, ServerOpts};

const OWNER_PASSWORD: &str = "hub-client-owner-2026";
const STAFF_PASSWORD: &str = "hub-client-staff-2026";

async fn login(server: &Server, name: &str, password: &str) -> Result<String> {
    let r = server.client.post(format!("{}/api/login", server.base)).json(&json!({ "name": name, "password": password })).send().await?;
    let body: Value = r.json().await?;
    Ok(body["token"].as_str().context("login token")?.to_owned())
}

/// A hub with an owner and a staff member; a pairing code for the staff member.
pub(crate) async fn hub_with_members(data: &std::path::Path, sim: &linesim::Simulator) -> Result<(Server, String)> {
    for (name, role, password) in [("店長", "owner", OWNER_PASSWORD), ("佐藤", "staff", STAFF_PASSWORD)] {
        let out = support::member_add(data, name, role, password).await?;
        ensure!(out.status.success(), "member add {name}: {}", String::from_utf8_lossy(&out.stderr));
    }
    let server = Server::start(data, sim, &ServerOpts::default()).await?;
    let owner = login(&server, "店長", OWNER_PASSWORD).await?;
    Ok((server, owner))
}

pub(crate) async fn pairing_code(server: &Server, owner: &str, member: &str) -> Result<String> {
    let (_, members) = server.rpc_raw("listMembers", Value::Null, Some(owner)).await?;
    let id = members["data"].as_array().and_then(|a| a.iter().find(|m| m["name"] == member)).context("member listed")?["id"].clone();
    let (status, code) = server.rpc_raw("createPairingCode", json!({ "memberId": id }), Some(owner)).await?;
    ensure!(status == 200, "createPairingCode: {code}");
    Ok(code["data"]["code"].as_str().context("code")?.to_owned())
}

fn request(v: Value) -> Result<Request> {
    Ok(serde_json::from_value(v)?)
}

#[tokio::test]
async fn a_desk_pairs_forwards_calls_and_events_and_forgets_its_token_when_revoked() -> Result<()> {
    let sim = support::sim().await?;
    let dir = tempfile::tempdir()?;
    let data = dir.path().join("data");
    let (server, owner) = hub_with_members(&data, &sim).await?;

    // The real OS keyring (the test session's Secret Service), under a service of its own.
    let service = format!("jp.madoguchi.test-hub-client-{}", std::process::id());
    let tokens: Arc<dyn TokenStore> = Arc::new(KeyringTokens::new(&service, &server.base).context("a Secret Service (scripts/with-session-services.sh)")?);
    let link = Link::open(HubClient::new(&server.base)?, tokens.clone())?;
    ensure!(!link.state().paired, "a fresh desk is not paired");
    let not_paired = link.call(&Request::ListAccounts).await;
    ensure!(matches!(not_paired, Err(HubError::NotPaired)), "a call before pairing: {:?}", not_paired.err());

    // A wrong code: the hub's own words.
    let wrong = link.pair("ZZZZ-ZZZZ", "受付のPC").await;
    let Err(HubError::Hub(e)) = wrong else { bail!("a wrong code: {:?}", wrong.err()) };
    ensure!(e.code == "wrongCode" && e.message_ja.contains("管理者に新しいコード"), "the hub's message is passed on: {e:?}");

    let code = pairing_code(&server, &owner, "佐藤").await?;
    let member = link.pair(&code, "受付のPC").await?;
    ensure!(member.name == "佐藤", "paired as {member:?}");
    let kept = tokens.get()?.context("the token is in the keyring")?;
    ensure!(link.state().paired && link.state().online, "{:?}", link.state());
    // The same code does not work twice.
    let again = Link::open(HubClient::new(&server.base)?, Arc::new(MemoryTokens::default()))?.pair(&code, "別のPC").await;
    ensure!(matches!(again, Err(HubError::Hub(ref e)) if e.code == "wrongCode"), "a used code: {:?}", again.err());

    // Calls are the member's: who, and what the API answers.
    let me: Value = serde_json::from_str(link.me().await?.get())?;
    ensure!(me["member"]["name"] == "佐藤" && me["role"] == "staff", "me: {me}");
    let Response::Accounts(accounts) = link.call(&Request::ListAccounts).await? else { bail!("listAccounts answered something else") };
    ensure!(!accounts.is_empty(), "the hub's accounts");
    // A staff desk is refused an owner's method, in the hub's words (and stays signed in).
    let refused = link.call(&request(json!({ "method": "listMembers" }))?).await;
    ensure!(matches!(refused, Err(HubError::Hub(ref e)) if e.code == "forbidden"), "staff calling an owner method: {:?}", refused.err());
    ensure!(tokens.get()?.is_some(), "a 403 keeps the token");

    // Events: a customer writes, the desk hears it.
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let events = tokio::spawn(link.clone().run_events(move |e| {
        let _ = tx.send(e);
    }));
    tokio::time::sleep(Duration::from_millis(300)).await;
    let customer = sim.add_user("山田 花子");
    sim.send_text(&customer.user_id, "明日空いてますか").await?;
    let arrived = tokio::time::timeout(Duration::from_secs(20), async {
        while let Some(e) = rx.recv().await {
            if let CoreEvent::MessageArrived { conversation_id, .. } = e {
                return Some(conversation_id);
            }
        }
        None
    })
    .await?
    .context("the event stream ended")?;
    let Response::Thread(thread) = link.call(&request(json!({ "method": "getThread", "params": { "conversationId": arrived } }))?).await? else {
        bail!("getThread answered something else")
    };
    ensure!(thread.messages.iter().any(|m| m.text.as_deref() == Some("明日空いてますか")), "the message through the hub: {:?}", thread.messages);

    // The owner revokes the device: the next call is refused and the keyring forgets it.
    let (_, devices) = server.rpc_raw("listDevices", Value::Null, Some(&owner)).await?;
    let device = devices["data"].as_array().and_then(|a| a.iter().find(|d| d["deviceName"] == "受付のPC")).context("the desk listed")?;
    let (status, _) = server.rpc_raw("revokeDevice", json!({ "deviceId": device["id"] }), Some(&owner)).await?;
    ensure!(status == 200, "revoke: {status}");
    support::eventually(10, "the revoked desk to forget its token", || async {
        // The stream's end already asks the hub; a call does too.
        let _ = link.call(&Request::ListAccounts).await;
        Ok((tokens.get()?.is_none() && !link.state().paired).then_some(()))
    })
    .await?;
    let after = link.call(&Request::ListAccounts).await;
    ensure!(matches!(after, Err(HubError::NotPaired)), "after the revocation: {:?}", after.err());
    let (status, _) = server.rpc_raw("listAccounts", Value::Null, Some(kept.expose())).await?;
    ensure!(status == 401, "the hub refuses the old token: {status}");
    events.abort();
    tokens.delete()?;
    Ok(())
}

/// A desk paired as a staff member whose scope is 自分の担当だけ: the shell's notification
/// (`Link::notification`, what `start_client` shows) for their own chat, none for the
/// owner's chat or a chat nobody has; with すべて the owner's chat notifies too.
#[tokio::test]
async fn a_desk_notifies_its_member_only_as_their_scope_says() -> Result<()> {
    use madoguchi_core::assignment::{MyNotifyScope, NotifyScope};
    use madoguchi_core::notify::UiFocus;

    let sim = support::sim().await?;
    let dir = tempfile::tempdir()?;
    let data = dir.path().join("data");
    let (server, owner) = hub_with_members(&data, &sim).await?;
    let code = pairing_code(&server, &owner, "佐藤").await?;
    let link = Link::open(HubClient::new(&server.base)?, Arc::new(MemoryTokens::default()))?;
    let staff = link.pair(&code, "受付のPC").await?;
    let (_, members) = server.rpc_raw("listMembers", Value::Null, Some(&owner)).await?;
    let owner_id = members["data"].as_array().and_then(|a| a.iter().find(|m| m["name"] == "店長")).and_then(|m| m["id"].as_i64()).context("owner id")?;
    let Response::NotifyScope(scope) = link.call(&Request::SetMyNotifyScope(MyNotifyScope { scope: NotifyScope::Mine })).await? else {
        bail!("setMyNotifyScope answered something else")
    };
    ensure!(scope.scope == NotifyScope::Mine, "{scope:?}");

    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let events = tokio::spawn(link.clone().run_events(move |e| {
        let _ = tx.send(e);
    }));
    // Three customers: the stream is open once the first message comes through it.
    let customers = [sim.add_user("山田 花子"), sim.add_user("鈴木 一郎"), sim.add_user("高橋 次郎")];
    let mut arrived: Vec<(String, i64, i64)> = Vec::new();
    tokio::time::timeout(Duration::from_secs(30), async {
        while arrived.len() < customers.len() {
            let next = &customers[arrived.len()];
            sim.send_text(&next.user_id, "予約できますか").await?;
            if let Ok(Some(CoreEvent::MessageArrived { conversation_id, message_id, .. })) =
                tokio::time::timeout(Duration::from_secs(2), rx.recv()).await
                && !arrived.iter().any(|(_, c, _)| *c == conversation_id)
            {
                arrived.push((next.user_id.clone(), conversation_id, message_id));
            }
        }
        anyhow::Ok(())
    })
    .await
    .context("the customers' messages through the stream")??;
    let [(_, mine, mine_msg), (_, owners, owners_msg), (_, nobodys, nobodys_msg)] = arrived.as_slice() else { bail!("three chats") };
    for (conversation, member) in [(mine, Some(staff.id)), (owners, Some(owner_id))] {
        let (status, body) = server.rpc_raw("assignConversation", json!({ "conversationId": conversation, "memberId": member }), Some(&owner)).await?;
        ensure!(status == 200, "assign: {status} {body}");
    }

    let away = UiFocus { focused: false, open_conversation_id: None };
    let n = link.notification(*mine, *mine_msg, &away).await?;
    ensure!(matches!(n, Some(ref n) if n.conversation_id == *mine && n.body == "予約できますか"), "their own chat notifies: {n:?}");
    let n = link.notification(*owners, *owners_msg, &away).await?;
    ensure!(n.is_none(), "the owner's chat does not notify 自分の担当だけ: {n:?}");
    let n = link.notification(*nobodys, *nobodys_msg, &away).await?;
    ensure!(n.is_none(), "a chat nobody has does not notify 自分の担当だけ: {n:?}");

    // The scope, not the chat, made the difference: with すべて the owner's chat notifies.
    link.call(&Request::SetMyNotifyScope(MyNotifyScope { scope: NotifyScope::All })).await?;
    let n = link.notification(*owners, *owners_msg, &away).await?;
    ensure!(matches!(n, Some(ref n) if n.conversation_id == *owners), "すべて: the owner's chat notifies: {n:?}");
    events.abort();
    Ok(())
}

#[tokio::test]
async fn a_hub_that_stops_is_offline_at_once_and_the_desk_resyncs_when_it_is_back() -> Result<()> {
    let sim = support::sim().await?;
    let dir = tempfile::tempdir()?;
    let data = dir.path().join("data");
    let (mut server, owner) = hub_with_members(&data, &sim).await?;
    let code = pairing_code(&server, &owner, "佐藤").await?;
    let link = Link::open(HubClient::new(&server.base)?, Arc::new(MemoryTokens::default()))?;
    link.pair(&code, "受付のPC").await?;
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    tokio::spawn(link.clone().run_events(move |e| {
        let _ = tx.send(e);
    }));
    // The stream is open once a customer's message comes through it.
    let customer = sim.add_user("山田 花子");
    let heard = tokio::time::timeout(Duration::from_secs(20), async {
        loop {
            sim.send_text(&customer.user_id, "こんにちは").await?;
            if let Ok(Some(CoreEvent::MessageArrived { .. })) = tokio::time::timeout(Duration::from_secs(2), rx.recv()).await {
                return anyhow::Ok(());
            }
        }
    })
    .await;
    ensure!(matches!(heard, Ok(Ok(()))), "no event through the stream: {heard:?}");
    let contact = link.state().last_contact;

    let listen = server.addr.clone();
    server.kill();
    let down = std::time::Instant::now();
    support::eventually(5, "the desk to see the hub gone", || async { Ok((!link.state().online).then_some(())) }).await?;
    eprintln!("hub_client: offline {:?} after the kill", down.elapsed());
    let state = link.state();
    let reason = state.reason.context("a reason")?;
    ensure!(reason.code == "hubUnreachable" && reason.message_ja.starts_with("ハブに接続できません"), "{reason:?}");
    // Said in words the person can act on, not only the system's.
    ensure!(["接続を拒否されました", "接続が切れました"].iter().any(|w| reason.message_ja.contains(w)), "{reason:?}");
    ensure!(state.last_contact.is_some() && state.last_contact >= contact, "the last contact is kept: {:?}", state.last_contact);
    let sent = link.call(&request(json!({ "method": "sendMessage", "params": { "conversationId": 1, "content": { "type": "text", "text": "x" } } }))?).await;
    ensure!(matches!(sent, Err(ref e) if e.is_offline()), "a send while offline fails, nothing queued: {:?}", sent.err());

    // Back on the same address: online again by itself, and told to re-read.
    let _server = Server::start(&data, &sim, &ServerOpts { listen: Some(listen), ..ServerOpts::default() }).await?;
    support::eventually(15, "the desk to be back online", || async { Ok(link.state().online.then_some(())) }).await?;
    let resync = tokio::time::timeout(Duration::from_secs(10), async {
        while let Some(e) = rx.recv().await {
            if e == CoreEvent::Resync {
                return true;
            }
        }
        false
    })
    .await?;
    ensure!(resync, "a resync after the gap");
    Ok(())
}

#[tokio::test]
async fn only_https_reaches_a_hub_except_on_this_pc() -> Result<()> {
    for address in ["http://shop.example.jp", "http://192.168.1.20:8787"] {
        let Err(e) = HubClient::new(address) else { bail!("{address} was accepted") };
        ensure!(matches!(e, HubError::NotHttps(_)), "{address}: {e:?}");
        let api = e.to_api_error();
        ensure!(api.message_ja.contains("https://") && api.message.contains("https://"), "{api:?}");
    }
    for address in ["http://127.0.0.1:8787", "http://localhost:8787", "https://shop.example.jp"] {
        HubClient::new(address).with_context(|| format!("{address} is allowed"))?;
    }
    Ok(())
}

#[tokio::test]
async fn a_certificate_that_does_not_verify_is_named_as_such() -> Result<()> {
    let sim = support::sim().await?;
    let dir = tempfile::tempdir()?;
    let hub_port = free_port()?;
    let _server = Server::start(&dir.path().join("data"), &sim, &ServerOpts { listen: Some(format!("127.0.0.1:{hub_port}")), ..ServerOpts::default() }).await?;
    let https_port = free_port()?;
    let caddy = Caddy::start(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.."), dir.path(), https_port, hub_port).await?;
    let address = format!("https://localhost:{https_port}");
    // Caddy's own CA is not trusted by this machine: the desk says it is the certificate.
    let e = HubClient::new(&address)?.version().await.err().context("an untrusted certificate was accepted")?;
    ensure!(matches!(e, HubError::Certificate(_)), "{e:?}");
    let api = e.to_api_error();
    ensure!(api.code == "hubCertificate" && api.message_ja.contains("証明書"), "{api:?}");
    // Trusting that CA, the same hub answers, with this build's API.
    let v = HubClient::with_root_certificate(&address, &caddy.root_pem)?.check_version().await?;
    ensure!(v.api == madoguchi_core::api::api_hash(), "{v:?}");
    Ok(())
}

#[tokio::test]
async fn a_hub_of_another_api_says_which_side_to_update() -> Result<()> {
    // A hub that speaks another API: older and newer than this build.
    for (version, update) in [("0.0.1", Side::Hub), ("99.0.0", Side::Desk)] {
        let app = axum::Router::new().route(
            "/api/version",
            axum::routing::get(move || async move { axum::Json(json!({ "version": version, "api": "0000000000000000" })) }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let served = tokio::spawn(async move { axum::serve(listener, app).await });
        let link = Link::open(HubClient::new(&format!("http://{addr}"))?, Arc::new(MemoryTokens::default()))?;
        let e = link.pair("ABCD-EFGH", "受付のPC").await.err().context("a hub of another API was paired")?;
        let HubError::VersionMismatch { update: said, .. } = &e else { bail!("{e:?}") };
        ensure!(*said == update, "{version}: update {said:?}");
        let api = e.to_api_error();
        let (ja, en) = match update {
            Side::Hub => ("ハブ（madoguchi-server）を", "update the hub"),
            _ => ("このアプリを", "update this app"),
        };
        ensure!(api.code == "hubVersion" && api.message_ja.contains(ja) && api.message.contains(en) && api.message.contains(version), "{api:?}");
        served.abort();
    }
    // The real hub answers this build's version and hash, without a token.
    let sim = support::sim().await?;
    let dir = tempfile::tempdir()?;
    let server = Server::start(&dir.path().join("data"), &sim, &ServerOpts::default()).await?;
    let v: Value = server.client.get(format!("{}/api/version", server.base)).send().await?.json().await?;
    ensure!(v["version"] == env!("CARGO_PKG_VERSION") && v["api"] == madoguchi_core::api::api_hash(), "{v}");
    Ok(())
}
