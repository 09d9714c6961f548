//! The channel secret and access token must never leave the environment: not into the
//! data dir (SQLite file, WAL, media), the export, the backup, API answers, or the logs
//! (at debug level).

use std::path::Path;

use anyhow::{ensure, Context, Result};
use base64::Engine as _;
use linesim::SimConfig;
use serde_json::json;

use crate::support::{self, eventually, find_bytes, run, Server, ServerOpts};

const SECRET: &str = "chsec-LEAKCHECK-3f9a1c7e5b2d4a60";
const TOKEN: &str = "tok-LEAKCHECK-8d2e6b0f4c1a9e7357";

/// Every form of the two values we look for.
fn needles() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for (name, v) in [("channel secret", SECRET), ("access token", TOKEN)] {
        out.push((name.to_owned(), v.as_bytes().to_vec()));
        // A distinctive inner part, in case a prefix is trimmed or the value is split.
        out.push((format!("{name} (inner part)"), v.rsplit('-').next().unwrap_or(v).as_bytes().to_vec()));
        for (engine_name, enc) in [
            ("base64", base64::engine::general_purpose::STANDARD.encode(v)),
            ("base64 unpadded", base64::engine::general_purpose::STANDARD_NO_PAD.encode(v)),
            ("base64url", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v)),
        ] {
            out.push((format!("{name} as {engine_name}"), enc.into_bytes()));
        }
        out.push((format!("{name} as hex"), hex_of(v.as_bytes()).into_bytes()));
    }
    out
}

fn hex_of(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn assert_clean(place: &str, bytes: &[u8]) -> Result<()> {
    for (what, needle) in needles() {
        if let Some(at) = find_bytes(bytes, &needle) {
            let from = at.saturating_sub(80);
            let to = (at + needle.len() + 80).min(bytes.len());
            anyhow::bail!(
                "the {what} leaked into {place} at byte {at}: …{}…",
                String::from_utf8_lossy(&bytes[from..to])
            );
        }
    }
    Ok(())
}

fn files_under(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> Result<()> {
    for e in std::fs::read_dir(dir)? {
        let p = e?.path();
        if p.is_dir() {
            files_under(&p, out)?;
        } else {
            out.push(p);
        }
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn secrets_never_reach_disk_logs_exports_backups_or_answers() -> Result<()> {
    let sim = support::sim_with(SimConfig {
        channel_secret: SECRET.into(),
        access_token: TOKEN.into(),
        ..SimConfig::default()
    })
    .await?;
    let dir = tempfile::tempdir()?;
    let data = dir.path().join("data");
    let opts = ServerOpts { undo_seconds: Some(0), env: vec![("RUST_LOG".into(), "debug".into())], ..Default::default() };
    let mut server = Server::start(&data, &sim, &opts).await?;
    let mut answers: Vec<u8> = Vec::new();

    // Webhooks of several kinds (the image makes the server fetch content with the token,
    // the follow makes it fetch a profile).
    let user = sim.add_user("小林 誠");
    let u = &user.user_id;
    for d in [
        sim.follow(u, false).await?,
        sim.send_text(u, "秘密を守ってね").await?,
        sim.send_image(u).await?,
        sim.postback(u, "a=1", None).await?,
    ] {
        ensure!(d.status == 200, "webhook answered {}", d.status);
    }
    // A refused webhook and a wrong rpc token are logged too.
    let (body, _) = sim.signed_body(vec![sim.event_text(u, "x", None)]);
    ensure!(server.post_webhook(body, Some("AAAA")).await? == 401, "bad signature not refused");
    let (_, wrong) = server.rpc_raw("listAccounts", serde_json::Value::Null, Some("wrong-token-wrong-token")).await?;
    answers.extend(wrong.to_string().bytes());

    let conv = server.conversation_of(u).await?;
    // Three sends, one refused by LINE (its error text is shown to people).
    let a = server.send_text(conv, "ありがとうございます").await?;
    let b = server.send_text(conv, "またどうぞ").await?;
    // (Four events gave four reply tokens, so this one is a reply too; cover both routes.)
    sim.faults().fail_next("reply", 401, 1);
    sim.faults().fail_next("push", 401, 1);
    let c = server.send_text(conv, "認証エラーになる送信").await?;
    answers.extend(format!("{a}{b}{c}").bytes());
    eventually(30, "the sends to settle and the image to download", || async {
        let thread = server.thread(conv).await?;
        let out_done = thread
            .iter()
            .filter(|m| m["direction"] == "out")
            .all(|m| matches!(m["status"].as_str(), Some("sent" | "failed")));
        let img = thread.iter().any(|m| m["kind"] == "image" && m["mediaFile"].is_string());
        Ok((out_done && img).then_some(()))
    })
    .await?;
    for (method, params) in [
        ("listAccounts", serde_json::Value::Null),
        ("listConversations", json!({ "limit": 50 })),
        ("getThread", json!({ "conversationId": conv })),
        ("previewRoute", json!({ "conversationId": conv })),
        ("getQuota", json!({ "accountId": 1 })),
        ("markRead", json!({ "conversationId": conv })),
        ("getThread", json!({ "conversationId": 999 })),
        ("cancelSend", json!({ "outboxId": c["outboxId"] })),
    ] {
        let (status, v) = server.rpc_raw(method, params, Some(&server.token)).await?;
        eprintln!("secrets_leak: {method} -> {status}");
        answers.extend(v.to_string().bytes());
    }
    let thread = server.thread(conv).await?;
    let failed = thread.iter().find(|m| m["status"] == "failed").with_context(|| format!("the 401 send did not fail: {thread:#?}"))?;
    ensure!(failed["error"].is_string(), "failed send without error: {failed}");

    // Backup while running, then stop hard (the WAL stays behind).
    let backup_file = dir.path().join("backup.madoguchi");
    let r = run(&["backup".as_ref(), "--data-dir".as_ref(), data.as_os_str(), "--out".as_ref(), backup_file.as_os_str()]).await?;
    ensure!(r.status.success(), "backup failed: {}", r.stderr);
    let mut logs = r.stderr.clone().into_bytes();
    logs.extend(&r.stdout);
    server.kill();
    logs.extend(server.stdout_bytes());
    logs.extend(server.stderr_bytes());
    ensure!(
        find_bytes(&server.stderr_bytes(), b"DEBUG").is_some(),
        "the server did not log at debug level, so this test checks less than it claims"
    );

    let export = run(&["export".as_ref(), "--data-dir".as_ref(), data.as_os_str()]).await?;
    ensure!(export.status.success(), "export failed: {}", export.stderr);
    ensure!(!export.stdout.is_empty(), "empty export");
    logs.extend(export.stderr.bytes());

    let mut files = Vec::new();
    files_under(&data, &mut files)?;
    let names: Vec<String> = files.iter().filter_map(|p| p.file_name()).map(|n| n.to_string_lossy().into_owned()).collect();
    ensure!(names.iter().any(|n| n == "madoguchi.db"), "no database file in {names:?}");
    for f in &files {
        assert_clean(&format!("data dir file {}", f.display()), &std::fs::read(f)?)?;
    }
    assert_clean("the export", &export.stdout)?;
    let compressed = std::fs::read(&backup_file)?;
    assert_clean("the backup file (compressed)", &compressed)?;
    let tar = zstd::stream::decode_all(compressed.as_slice()).context("the backup is not zstd")?;
    ensure!(find_bytes(&tar, b"madoguchi.db").is_some(), "the decompressed backup holds no database");
    assert_clean("the backup (decompressed)", &tar)?;
    assert_clean("API answers", &answers)?;
    assert_clean("the logs (stdout and stderr, RUST_LOG=debug)", &logs)?;
    eprintln!(
        "secrets_leak: searched {} files, {} export bytes, {} backup bytes, {} answer bytes, {} log bytes",
        files.len(),
        export.stdout.len(),
        tar.len(),
        answers.len(),
        logs.len()
    );
    Ok(())
}
