//! Route choice and failed sends, end to end: reply while the customer's reply token is
//! fresh, push otherwise; a send LINE refuses shows `failed` with a reason, and
//! `retrySend` sends it.

use std::time::Duration;

use anyhow::{ensure, Context, Result};
use linesim::{SimConfig, Via};
use serde_json::{json, Value};

use crate::support::{self, eventually, Server, ServerOpts};

/// Waits until the outbound message `message_id` leaves pending/sending; returns it.
async fn settled(server: &Server, conv: i64, message_id: i64) -> Result<Value> {
    eventually(30, &format!("message {message_id} to be sent or failed"), || async {
        let thread = server.thread(conv).await?;
        let m = thread
            .into_iter()
            .find(|m| m["id"] == message_id)
            .with_context(|| format!("message {message_id} is not in its thread"))?;
        Ok(matches!(m["status"].as_str(), Some("sent" | "failed")).then_some(m))
    })
    .await
}

fn received_via(sim: &linesim::Simulator, user_id: &str, text: &str) -> Result<Vec<Via>> {
    Ok(sim
        .received(user_id)
        .into_iter()
        .filter(|r| r.message["text"] == text)
        .map(|r| r.via)
        .collect())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_answer_replies_then_pushes() -> Result<()> {
    let sim = support::sim().await?;
    let dir = tempfile::tempdir()?;
    let server = Server::start(dir.path(), &sim, &ServerOpts::undo(0)).await?;
    let user = sim.add_user("高橋 直子");
    ensure!(sim.send_text(&user.user_id, "明日あいてますか").await?.status == 200, "customer message not accepted");
    let conv = server.conversation_of(&user.user_id).await?;

    let preview = server.rpc("previewRoute", json!({ "conversationId": conv }), "routePreview").await?;
    ensure!(preview["route"] == "reply", "with a fresh reply token the composer shows {preview}");
    let a = server.send_text(conv, "はい、あいています").await?;
    ensure!(a["route"] == "reply", "first answer to a fresh message took route {}", a["route"]);
    let b = server.send_text(conv, "何時がよろしいですか").await?;
    ensure!(b["route"] == "push", "second answer (token used) took route {}", b["route"]);

    for (d, text) in [(&a, "はい、あいています"), (&b, "何時がよろしいですか")] {
        let m = settled(&server, conv, d["messageId"].as_i64().context("messageId")?).await?;
        ensure!(m["status"] == "sent", "{text}: {m}");
    }
    let via_a = received_via(&sim, &user.user_id, "はい、あいています")?;
    ensure!(via_a == vec![Via::Reply], "the first answer arrived as {via_a:?}, expected one Reply");
    let via_b = received_via(&sim, &user.user_id, "何時がよろしいですか")?;
    ensure!(via_b == vec![Via::Push], "the second answer arrived as {via_b:?}, expected one Push");
    let push = sim.received(&user.user_id).into_iter().find(|r| r.via == Via::Push).context("no push")?;
    ensure!(push.retry_key.is_some(), "a push went out without X-Line-Retry-Key");
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reply_token_older_than_the_safe_window_means_push() -> Result<()> {
    let sim = support::sim().await?;
    let dir = tempfile::tempdir()?;
    let server = Server::start(dir.path(), &sim, &ServerOpts::undo(0)).await?;
    let user = sim.add_user("伊藤 翔");
    // 55 s old: LINE (60 s) would still take the token, our 50 s safe window does not.
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?.as_millis() as i64;
    let d = sim.deliver(vec![sim.event_text(&user.user_id, "少し前のメッセージ", Some(now - 55_000))]).await?;
    ensure!(d.status == 200, "old event answered {}", d.status);
    let conv = server.conversation_of(&user.user_id).await?;
    let preview = server.rpc("previewRoute", json!({ "conversationId": conv }), "routePreview").await?;
    ensure!(preview["route"] == "push", "a 55 s old token is previewed as {preview}");
    let a = server.send_text(conv, "お返事が遅くなりました").await?;
    ensure!(a["route"] == "push", "a send after a 55 s old message took route {}", a["route"]);
    let m = settled(&server, conv, a["messageId"].as_i64().context("messageId")?).await?;
    ensure!(m["status"] == "sent", "{m}");
    let via = received_via(&sim, &user.user_id, "お返事が遅くなりました")?;
    ensure!(via == vec![Via::Push], "arrived as {via:?}, expected one Push");
    ensure!(sim.stats().requests("reply") == 0, "a reply was attempted with a stale token");
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reply_token_that_lapsed_at_line_falls_back_to_push() -> Result<()> {
    // LINE expires this simulator's tokens at once: our side still thinks it is fresh.
    let sim = support::sim_with(SimConfig { reply_token_ttl: Duration::ZERO, ..SimConfig::default() }).await?;
    let dir = tempfile::tempdir()?;
    let server = Server::start(dir.path(), &sim, &ServerOpts::undo(0)).await?;
    let user = sim.add_user("渡辺 愛");
    ensure!(sim.send_text(&user.user_id, "もしもし").await?.status == 200, "customer message not accepted");
    let conv = server.conversation_of(&user.user_id).await?;
    let a = server.send_text(conv, "お待たせしました").await?;
    ensure!(a["route"] == "reply", "expected the optimistic reply route, got {}", a["route"]);
    let m = settled(&server, conv, a["messageId"].as_i64().context("messageId")?).await?;
    ensure!(m["status"] == "sent", "after LINE refused the reply token: {m}");
    ensure!(m["route"] == "push", "the thread still shows route {} after the push fallback", m["route"]);
    let via = received_via(&sim, &user.user_id, "お待たせしました")?;
    ensure!(via == vec![Via::Push], "arrived as {via:?}, expected exactly one Push");
    ensure!(sim.stats().requests("reply") == 1, "reply attempts: {}", sim.stats().requests("reply"));
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_send_shows_failed_and_retry_sends_it() -> Result<()> {
    let sim = support::sim().await?;
    let dir = tempfile::tempdir()?;
    let server = Server::start(dir.path(), &sim, &ServerOpts::undo(0)).await?;
    let user = sim.add_user("中村 陽菜");
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?.as_millis() as i64;
    // An old message, so the answer is a push.
    ensure!(sim.deliver(vec![sim.event_text(&user.user_id, "昨日の件", Some(now - 3_600_000))]).await?.status == 200, "not accepted");
    let conv = server.conversation_of(&user.user_id).await?;

    sim.faults().fail_next("push", 400, 1);
    let a = server.send_text(conv, "失敗するはずの送信").await?;
    ensure!(a["route"] == "push", "route {}", a["route"]);
    let m = settled(&server, conv, a["messageId"].as_i64().context("messageId")?).await?;
    ensure!(m["status"] == "failed", "a send LINE answered 400 shows {m}");
    let error = m["error"].as_str().unwrap_or_default();
    ensure!(error.contains("400"), "the failed send's error does not say what LINE answered: {error:?}");
    ensure!(received_via(&sim, &user.user_id, "失敗するはずの送信")?.is_empty(), "the refused message was delivered anyway");

    server.rpc("retrySend", json!({ "outboxId": a["outboxId"] }), "ok").await?;
    let m = eventually(30, "the retried send to be sent", || async {
        let thread = server.thread(conv).await?;
        let m = thread.into_iter().find(|m| m["id"] == a["messageId"]).context("message vanished")?;
        Ok((m["status"] == "sent").then_some(m))
    })
    .await?;
    ensure!(m["error"].is_null(), "a sent message still shows an error: {m}");
    let via = received_via(&sim, &user.user_id, "失敗するはずの送信")?;
    ensure!(via == vec![Via::Push], "the retried send arrived as {via:?}, expected one Push");
    let (status, body) = server.rpc_raw("retrySend", json!({ "outboxId": a["outboxId"] }), Some(&server.token)).await?;
    ensure!(status == 400, "retrying a sent message answered {status}: {body}");
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_send_to_a_user_line_does_not_know_fails_with_a_reason() -> Result<()> {
    let sim = support::sim().await?;
    let dir = tempfile::tempdir()?;
    let server = Server::start(dir.path(), &sim, &ServerOpts::undo(0)).await?;
    // A user id the simulator never issued: its push is refused with 400 on `to`.
    let stranger = "U0123456789abcdef0123456789abcdef";
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?.as_millis() as i64;
    let d = sim.deliver(vec![sim.event_text(stranger, "だれでしょう", Some(now - 3_600_000))]).await?;
    ensure!(d.status == 200, "not accepted: {}", d.status);
    let conv = server.conversation_of(stranger).await?;
    let a = server.send_text(conv, "届かない").await?;
    let m = settled(&server, conv, a["messageId"].as_i64().context("messageId")?).await?;
    ensure!(m["status"] == "failed", "a push to an unknown user shows {m}");
    ensure!(m["error"].as_str().is_some_and(|e| e.contains("400")), "no reason on the failed send: {m}");

    let requests_before = sim.stats().requests("push");
    server.rpc("retrySend", json!({ "outboxId": a["outboxId"] }), "ok").await?;
    let m = eventually(30, "the retry to fail again", || async {
        let m = server.thread(conv).await?.into_iter().find(|m| m["id"] == a["messageId"]).context("message vanished")?;
        Ok((m["status"] == "failed" && sim.stats().requests("push") > requests_before).then_some(m))
    })
    .await?;
    ensure!(m["error"].as_str().is_some_and(|e| !e.is_empty()), "the second failure has no reason: {m}");
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_send_cancelled_in_the_undo_window_never_goes_out() -> Result<()> {
    let sim = support::sim().await?;
    let dir = tempfile::tempdir()?;
    let server = Server::start(dir.path(), &sim, &ServerOpts::undo(2)).await?;
    let user = sim.add_user("山本 蓮");
    ensure!(sim.send_text(&user.user_id, "キャンセルのテスト").await?.status == 200, "not accepted");
    let conv = server.conversation_of(&user.user_id).await?;

    let a = server.send_text(conv, "やっぱり取り消す").await?;
    ensure!(a["route"] == "reply", "route {}", a["route"]);
    server.rpc("cancelSend", json!({ "outboxId": a["outboxId"] }), "ok").await?;
    let thread = server.thread(conv).await?;
    let m = thread.iter().find(|m| m["id"] == a["messageId"]).context("cancelled message vanished")?;
    ensure!(m["status"] == "cancelled", "after cancelSend the message shows {m}");
    // The reply token the cancelled send held is free again.
    let b = server.send_text(conv, "こちらが本当の返事").await?;
    ensure!(b["route"] == "reply", "the send after a cancel did not get the freed reply token: {}", b["route"]);
    ensure!(b["sendAt"].as_i64() >= a["sendAt"].as_i64(), "sendAt went backwards: {a} then {b}");
    let m = settled(&server, conv, b["messageId"].as_i64().context("messageId")?).await?;
    ensure!(m["status"] == "sent", "{m}");
    // B was due after A would have been: had A not been cancelled, it would be out by now.
    ensure!(received_via(&sim, &user.user_id, "やっぱり取り消す")?.is_empty(), "the cancelled message was delivered");
    ensure!(received_via(&sim, &user.user_id, "こちらが本当の返事")? == vec![Via::Reply], "the real answer did not arrive once as a reply");
    let thread = server.thread(conv).await?;
    let m = thread.iter().find(|m| m["id"] == a["messageId"]).context("cancelled message vanished")?;
    ensure!(m["status"] == "cancelled", "the cancelled message later shows {m}");
    let (status, body) = server.rpc_raw("cancelSend", json!({ "outboxId": b["outboxId"] }), Some(&server.token)).await?;
    ensure!(status == 400, "cancelling a sent message answered {status}: {body}");
    ensure!(body["messageJa"].as_str().is_some_and(|m| !m.is_empty()), "error without Japanese message: {body}");

    // markRead clears the unread count and sends LINE the read receipt.
    server.rpc("markRead", json!({ "conversationId": conv }), "ok").await?;
    let page = server.rpc("getThread", json!({ "conversationId": conv }), "thread").await?;
    ensure!(page["conversation"]["unreadCount"] == 0, "after markRead: {}", page["conversation"]);
    eventually(30, "LINE to get the markAsRead call", || async { Ok((!sim.mark_read_calls().is_empty()).then_some(())) }).await?;
    Ok(())
}
