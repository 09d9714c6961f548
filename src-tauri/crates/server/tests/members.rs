//! Members over HTTP (DESIGN §3): `member add` from standard input, login and pairing,
//! every declared method guarded by its role, the sign-in rate limit, revocation ending
//! a live event stream, and the password nowhere on disk, in backups or in the logs.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{ensure, Context, Result};
use madoguchi_core::api::methods::methods;
use madoguchi_core::api::{wire_name_of, Role};
use serde_json::{json, Value};

use crate::support::{self, find_bytes, run, Server, ServerOpts};

const OWNER_PASSWORD: &str = "tencho-no-himitsu-2026";
const STAFF_PASSWORD: &str = "baito-no-himitsu-2026";

async fn post(server: &Server, path: &str, body: Value, token: Option<&str>) -> Result<(u16, Value, reqwest::header::HeaderMap)> {
    let mut req = server.client.post(format!("{}{path}", server.base)).json(&body);
    if let Some(t) = token {
        req = req.header("authorization", format!("Bearer {t}"));
    }
    let resp = req.send().await?;
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    let body = resp.json::<Value>().await.unwrap_or(Value::Null);
    Ok((status, body, headers))
}

async fn login(server: &Server, name: &str, password: &str) -> Result<String> {
    let (status, body, _) = post(server, "/api/login", json!({ "name": name, "password": password }), None).await?;
    ensure!(status == 200, "login {name}: {status} {body}");
    Ok(body["token"].as_str().context("token")?.to_string())
}

/// A shop with an owner and a staff member, added from the command line.
async fn shop(data: &Path) -> Result<()> {
    let short = support::member_add(data, "短い", "staff", "short").await?;
    ensure!(!short.status.success(), "a 5-character password is refused");
    let said = String::from_utf8_lossy(&short.stderr);
    ensure!(said.contains("8") && said.contains("パスワード"), "the refusal says why, in both languages: {said}");
    for (name, role, password) in [("店長", "owner", OWNER_PASSWORD), ("佐藤", "staff", STAFF_PASSWORD)] {
        let out = support::member_add(data, name, role, password).await?;
        ensure!(out.status.success(), "member add {name}: {}", String::from_utf8_lossy(&out.stderr));
    }
    let list = run(&["member".as_ref(), "list".as_ref(), "--data-dir".as_ref(), data.as_os_str()]).await?;
    let listed = String::from_utf8_lossy(&list.stdout);
    ensure!(listed.contains("店長\towner") && listed.contains("佐藤\tstaff"), "member list: {listed}");
    Ok(())
}

#[tokio::test]
async fn every_declared_method_answers_401_403_or_runs_as_its_role_says() -> Result<()> {
    let sim = support::sim().await?;
    let dir = tempfile::tempdir()?;
    let data = dir.path().join("data");
    shop(&data).await?;
    let server = Server::start(&data, &sim, &ServerOpts::default()).await?;

    // Members exist: the printed session token no longer opens the counter.
    let (status, _) = server.rpc_raw("listAccounts", Value::Null, Some(&server.token)).await?;
    ensure!(status == 401, "the session token after members exist: {status}");

    let (wrong_pw, wrong_pw_body, _) = post(&server, "/api/login", json!({ "name": "店長", "password": "nope-nope-nope" }), None).await?;
    let (no_name, no_name_body, _) = post(&server, "/api/login", json!({ "name": "誰か", "password": "nope-nope-nope" }), None).await?;
    ensure!(wrong_pw == 401 && no_name == 401, "wrong password {wrong_pw}, unknown name {no_name}");
    ensure!(wrong_pw_body == no_name_body, "one answer for both: {wrong_pw_body} vs {no_name_body}");

    let (status, body, headers) = post(&server, "/api/login", json!({ "name": "店長", "password": OWNER_PASSWORD, "deviceName": "レジ" }), None).await?;
    ensure!(status == 200, "owner login: {status} {body}");
    ensure!(body["member"]["name"] == "店長" && body["member"]["role"] == "owner" && body["member"]["id"].is_i64(), "{body}");
    let cookie = headers.get("set-cookie").and_then(|v| v.to_str().ok()).unwrap_or_default();
    ensure!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "media cookie: {cookie}");
    let owner = body["token"].as_str().context("owner token")?.to_string();
    let staff = login(&server, "佐藤", STAFF_PASSWORD).await?;
    for (token, name, role) in [(&owner, "店長", "owner"), (&staff, "佐藤", "staff")] {
        let me: Value = server.client.get(format!("{}/api/me", server.base)).bearer_auth(token).send().await?.json().await?;
        ensure!(me["role"] == role && me["member"]["name"] == name, "/api/me for {name}: {me}");
    }
    let anonymous = server.client.get(format!("{}/api/me", server.base)).send().await?.status();
    ensure!(anonymous == 401, "/api/me without a token: {anonymous}");

    let (mut owner_only, mut for_staff) = (0, 0);
    for m in methods() {
        let wire = wire_name_of(m.name);
        let params = if m.params_ts.is_some() { json!({}) } else { Value::Null };
        let (none, _) = server.rpc_raw(&wire, params.clone(), None).await?;
        ensure!(none == 401, "{wire} without a token: {none}");
        let (as_staff, staff_body) = server.rpc_raw(&wire, params.clone(), Some(&staff)).await?;
        match m.role {
            Role::Owner => {
                owner_only += 1;
                ensure!(as_staff == 403 && staff_body["code"] == "forbidden", "{wire} as staff: {as_staff} {staff_body}");
            }
            Role::Staff => {
                for_staff += 1;
                ensure!(as_staff != 401 && as_staff != 403, "{wire} as staff: {as_staff} {staff_body}");
            }
        }
        let (as_owner, owner_body) = server.rpc_raw(&wire, params, Some(&owner)).await?;
        ensure!(as_owner != 401 && as_owner != 403, "{wire} as owner: {as_owner} {owner_body}");
    }
    eprintln!("members: {} methods, {owner_only} owner-only, {for_staff} for staff", owner_only + for_staff);
    ensure!(owner_only > 0 && for_staff > 0);

    // Logout revokes the token it carries.
    let (status, _, _) = post(&server, "/api/logout", json!({}), Some(&staff)).await?;
    ensure!(status == 200, "logout: {status}");
    let (after, _) = server.rpc_raw("listAccounts", Value::Null, Some(&staff)).await?;
    ensure!(after == 401, "a logged-out token: {after}");

    // Bad bodies: clear statuses, nothing changed.
    let big = json!({ "name": "店長", "password": "x".repeat(100_000) });
    let (status, _, _) = post(&server, "/api/login", big, None).await?;
    ensure!(status == 413, "an oversize login body: {status}");
    let resp = server.client.post(format!("{}/api/login", server.base)).body("{not json").send().await?;
    ensure!(resp.status() == 400, "a malformed login body: {}", resp.status());

    // The password is nowhere: not in the store's files, a backup or the logs.
    let backup = dir.path().join("backup.madoguchi");
    let r = run(&["backup".as_ref(), "--data-dir".as_ref(), data.as_os_str(), "--out".as_ref(), backup.as_os_str()]).await?;
    ensure!(r.status.success(), "backup: {}", r.stderr);
    let tar = zstd::stream::decode_all(std::fs::read(&backup)?.as_slice())?;
    ensure!(find_bytes(&tar, b"$argon2id$").is_some(), "the backup holds the members (as hashes)");
    let mut places: Vec<(String, Vec<u8>)> = vec![("backup".into(), tar), ("server log".into(), server.stderr_bytes())];
    for entry in std::fs::read_dir(&data)? {
        let path = entry?.path();
        if path.is_file() {
            places.push((path.display().to_string(), std::fs::read(&path)?));
        }
    }
    for (place, bytes) in &places {
        for secret in [OWNER_PASSWORD, STAFF_PASSWORD, owner.as_str()] {
            ensure!(find_bytes(bytes, secret.as_bytes()).is_none(), "a secret in {place}");
        }
    }
    Ok(())
}

#[tokio::test]
async fn five_failed_sign_ins_lock_the_name_and_the_address_for_a_while() -> Result<()> {
    let sim = support::sim().await?;
    let dir = tempfile::tempdir()?;
    let data = dir.path().join("data");
    shop(&data).await?;
    let server = Server::start(&data, &sim, &ServerOpts::default()).await?;
    for n in 1..=5 {
        let (status, _, _) = post(&server, "/api/login", json!({ "name": "店長", "password": format!("guess-{n}-guess") }), None).await?;
        ensure!(status == 401, "failure {n}: {status}");
    }
    let (status, body, headers) = post(&server, "/api/login", json!({ "name": "店長", "password": OWNER_PASSWORD }), None).await?;
    ensure!(status == 429, "the sixth attempt, even with the right password: {status} {body}");
    let wait: u64 = headers.get("retry-after").and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok()).context("Retry-After")?;
    ensure!((60..=900).contains(&wait), "Retry-After {wait}");
    ensure!(body["messageJa"].as_str().is_some_and(|m| m.contains("分後")), "{body}");
    // The same address is locked for another name too; pairing is limited on its own.
    let (status, _, _) = post(&server, "/api/login", json!({ "name": "佐藤", "password": STAFF_PASSWORD }), None).await?;
    ensure!(status == 429, "another name from the same address: {status}");
    Ok(())
}

#[tokio::test]
async fn a_pairing_code_signs_in_once_and_revoking_the_device_ends_its_event_stream() -> Result<()> {
    let sim = support::sim().await?;
    let dir = tempfile::tempdir()?;
    let data = dir.path().join("data");
    shop(&data).await?;
    let server = Server::start(&data, &sim, &ServerOpts::default()).await?;
    let owner = login(&server, "店長", OWNER_PASSWORD).await?;

    let (_, members) = server.rpc_raw("listMembers", Value::Null, Some(&owner)).await?;
    let sato = members["data"].as_array().and_then(|a| a.iter().find(|m| m["name"] == "佐藤")).context("佐藤 listed")?["id"].clone();
    let (status, code) = server.rpc_raw("createPairingCode", json!({ "memberId": sato }), Some(&owner)).await?;
    ensure!(status == 200, "{code}");
    let code = code["data"]["code"].as_str().context("code")?.to_string();
    let typed = code.to_lowercase().replace('-', "");
    let (status, paired, _) = post(&server, "/api/pair", json!({ "code": typed, "deviceName": "佐藤のiPhone" }), None).await?;
    ensure!(status == 200 && paired["member"]["role"] == "staff", "pair: {status} {paired}");
    let phone = paired["token"].as_str().context("token")?.to_string();
    let (again, _, _) = post(&server, "/api/pair", json!({ "code": code, "deviceName": "もう一台" }), None).await?;
    ensure!(again == 401, "a used code: {again}");

    let mut stream = server
        .client
        .get(format!("{}/api/events?token={phone}", server.base))
        .send()
        .await?;
    ensure!(stream.status() == 200, "the phone's event stream: {}", stream.status());

    let (_, devices) = server.rpc_raw("listDevices", Value::Null, Some(&owner)).await?;
    let device = devices["data"].as_array().and_then(|a| a.iter().find(|d| d["deviceName"] == "佐藤のiPhone")).context("the phone listed")?;
    ensure!(device["memberName"] == "佐藤" && device["lastUsedAt"].is_i64(), "{device}");
    let revoked_at = Instant::now();
    let (status, _) = server.rpc_raw("revokeDevice", json!({ "deviceId": device["id"] }), Some(&owner)).await?;
    ensure!(status == 200, "revoke: {status}");
    // The stream ends (keep-alive comments aside) instead of staying open; a hang guard only.
    let ended = tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            match stream.chunk().await {
                Ok(Some(_)) => continue,
                Ok(None) | Err(_) => return,
            }
        }
    })
    .await;
    ensure!(ended.is_ok(), "the revoked device's event stream stayed open");
    eprintln!("members: the revoked stream ended {:?} after the revocation", revoked_at.elapsed());
    let (after, _) = server.rpc_raw("listAccounts", Value::Null, Some(&phone)).await?;
    ensure!(after == 401, "the revoked token's next call: {after}");
    Ok(())
}
