//! `POST /webhook` over real HTTP against the spawned binary: every event type the
//! simulator sends, signature and body checks, limits, duplicates, concurrency, and the
//! session token on `/api/rpc`.

use anyhow::{ensure, Context, Result};
use linesim::LineEmoji;
use serde_json::{json, Value};

use crate::support::{self, count_by_event_id, eventually, export, Server, ServerOpts};

fn row_for<'a>(rows: &'a [Value], webhook_event_id: &str) -> Result<&'a Value> {
    rows.iter()
        .find(|r| r["webhookEventId"] == webhook_event_id)
        .with_context(|| format!("no exported message for webhookEventId {webhook_event_id}; export: {rows:#?}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_event_type_is_accepted_and_visible() -> Result<()> {
    let sim = support::sim().await?;
    let dir = tempfile::tempdir()?;
    let server = Server::start(dir.path(), &sim, &ServerOpts::default()).await?;
    let user = sim.add_user("山田 花子");
    let u = user.user_id.as_str();

    let love = LineEmoji::new("5ac1bfd5040ab15980c9b435", "001", "(love)");
    let mut sent: Vec<(&str, linesim::Delivery)> = Vec::new();
    sent.push(("follow", sim.follow(u, false).await?));
    sent.push(("text", sim.send_text_with_emoji(u, "予約できますか$ 🙏", &[love]).await?));
    sent.push(("sticker", sim.send_sticker(u, "446", "1988", &["OK", "Happy"]).await?));
    sent.push(("image", sim.send_image(u).await?));
    sent.push(("video", sim.send_video(u).await?));
    sent.push(("audio", sim.send_audio(u).await?));
    sent.push(("file", sim.send_file(u, "予約表.pdf", 24_576).await?));
    sent.push(("location", sim.send_location(u, "渋谷駅", "東京都渋谷区道玄坂1丁目", 35.658_034, 139.701_636).await?));
    let params = json!({ "datetime": "2025-12-24T18:30" });
    sent.push(("postback", sim.postback(u, "action=reserve&slot=1", Some(params.clone())).await?));
    let to_unsend = sim.send_text(u, "まちがえました").await?;
    sent.push(("text", to_unsend.clone()));
    let unsend = sim.unsend(u, &to_unsend.message_ids[0]).await?;
    sent.push(("unfollow", sim.unfollow(u).await?));

    for (kind, d) in &sent {
        ensure!(d.status == 200, "the {kind} webhook was answered {} instead of 200", d.status);
    }
    ensure!(unsend.status == 200, "the unsend webhook was answered {}", unsend.status);

    let rows = export(dir.path()).await?;
    support::ensure_oldest_first(&rows)?;
    for (kind, d) in &sent {
        let row = row_for(&rows, &d.webhook_event_ids[0])?;
        ensure!(row["type"] == *kind, "event {kind} was exported as type {}: {row}", row["type"]);
        ensure!(row["direction"] == "in", "inbound {kind} exported with direction {}", row["direction"]);
        ensure!(row["friendId"] == u, "inbound {kind} exported for friend {} instead of {u}", row["friendId"]);
    }
    let text = row_for(&rows, &sent[1].1.webhook_event_ids[0])?;
    ensure!(text["text"] == "予約できますか(love) 🙏", "the text with a LINE emoji and 🙏 was stored as {}", text["text"]);
    let postback = row_for(&rows, &sent[8].1.webhook_event_ids[0])?;
    ensure!(postback["text"] == "action=reserve&slot=1", "postback data stored as {}", postback["text"]);
    let unsent = row_for(&rows, &to_unsend.webhook_event_ids[0])?;
    ensure!(unsent["unsent"] == true, "the message the customer unsent is not marked unsent: {unsent}");
    ensure!(
        rows.iter().filter(|r| r["unsent"] == true).count() == 1,
        "unsend marked more than the one message: {rows:#?}"
    );
    ensure!(
        !rows.iter().any(|r| r["webhookEventId"] == unsend.webhook_event_ids[0].as_str()),
        "the unsend event itself became a message"
    );
    let counts = count_by_event_id(&rows);
    ensure!(counts.values().all(|&n| n == 1), "a webhookEventId was exported twice: {counts:?}");

    // The same through the API, and the postback's datetimepicker params are kept.
    let conv = server.conversation_of(u).await?;
    let thread = server.thread(conv).await?;
    let pb = thread
        .iter()
        .find(|m| m["kind"] == "postback")
        .with_context(|| format!("no postback in getThread: {thread:#?}"))?;
    ensure!(pb["payload"]["params"] == params, "postback params in getThread are {} instead of {params}", pb["payload"]["params"]);
    let unsent_view = thread
        .iter()
        .find(|m| m["text"] == "まちがえました")
        .context("the unsent text is missing from getThread")?;
    ensure!(unsent_view["unsent"] == true, "getThread does not show the unsent message as unsent: {unsent_view}");
    let loc = thread.iter().find(|m| m["kind"] == "location").context("no location in getThread")?;
    ensure!(loc["payload"]["title"] == "渋谷駅", "location payload lost its title: {loc}");

    // The image is downloaded from the simulator's data host after the commit.
    let file = eventually(30, "the customer's image to be downloaded (mediaFile set)", || async {
        let thread = server.thread(conv).await?;
        let img = thread.iter().find(|m| m["kind"] == "image").context("no image in getThread")?;
        Ok(img["mediaFile"].as_str().map(str::to_owned))
    })
    .await?;
    let media_url = format!("/api/media/{file}");
    let url = format!("{}{media_url}", server.base);
    let resp = server.client.get(&url).bearer_auth(&server.token).send().await?;
    ensure!(resp.status() == 200, "GET {media_url} with the token answered {}", resp.status());
    let ct = resp.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    let bytes = resp.bytes().await?;
    ensure!(ct.starts_with("image/png"), "downloaded image served as {ct:?}");
    ensure!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "downloaded image is not the PNG the simulator served ({} bytes)", bytes.len());
    // Players fetch in pieces: a byte range is answered with exactly that range.
    let part = server.client.get(&url).bearer_auth(&server.token).header("range", "bytes=1-3").send().await?;
    let content_range = part.headers().get("content-range").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    ensure!(part.status() == 206, "Range: bytes=1-3 answered {}", part.status());
    ensure!(content_range == format!("bytes 1-3/{}", bytes.len()), "Content-Range for bytes=1-3 was {content_range:?}");
    ensure!(part.bytes().await?.as_ref() == b"PNG", "bytes=1-3 did not return the three bytes after the PNG signature's first");
    let past_end = server.client.get(&url).bearer_auth(&server.token).header("range", format!("bytes={}-", bytes.len())).send().await?;
    ensure!(past_end.status() == 416, "a range past the end answered {}", past_end.status());
    let anon = server.client.get(&url).send().await?;
    ensure!(anon.status() == 401, "a customer's photo was served without the session token ({})", anon.status());
    // The browser's <img> has no header: the session cookie an API answer set must do.
    let rpc = server
        .client
        .post(format!("{}/api/rpc", server.base))
        .bearer_auth(&server.token)
        .json(&serde_json::json!({ "method": "listAccounts" }))
        .send()
        .await?;
    let cookie = rpc.headers().get("set-cookie").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    ensure!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "session cookie is not locked down: {cookie:?}");
    let pair = cookie.split(';').next().unwrap_or("").to_owned();
    let with_cookie = server.client.get(&url).header("cookie", &pair).send().await?;
    ensure!(with_cookie.status() == 200, "GET {media_url} with the session cookie answered {}", with_cookie.status());
    let forged = server.client.get(&url).header("cookie", "madoguchi_session=forged-value-000000").send().await?;
    ensure!(forged.status() == 401, "a forged session cookie was accepted ({})", forged.status());
    let rpc_by_cookie = server
        .client
        .post(format!("{}/api/rpc", server.base))
        .header("cookie", &pair)
        .json(&serde_json::json!({ "method": "listAccounts" }))
        .send()
        .await?;
    ensure!(rpc_by_cookie.status() == 401, "the cookie alone must not authorize API calls ({})", rpc_by_cookie.status());
    // The public path (for media LINE fetches from us) must not serve customers' photos.
    let public = server.client.get(format!("{}/media/{file}", server.base)).send().await?;
    ensure!(public.status() == 404, "a customer's photo is public at /media/{file} ({})", public.status());
    let unknown = format!("{}.png", "0".repeat(64));
    for probe in ["..%2Fmadoguchi.db", "%2E%2E%2Fmadoguchi.db", "madoguchi.db", unknown.as_str(), "index.html"] {
        let r = server.client.get(format!("{}/api/media/{probe}", server.base)).bearer_auth(&server.token).send().await?;
        ensure!(r.status() == 404, "/api/media/{probe} answered {}", r.status());
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_and_group_events_are_acknowledged_without_messages() -> Result<()> {
    let sim = support::sim().await?;
    let dir = tempfile::tempdir()?;
    let server = Server::start(dir.path(), &sim, &ServerOpts::default()).await?;
    let user = sim.add_user("グループの人");
    // An event type LINE may add tomorrow: it must not make LINE redeliver forever.
    let mut future = sim.event_text(&user.user_id, "x", None);
    future["type"] = json!("someFutureEvent");
    future.as_object_mut().context("event is an object")?.remove("message");
    // A message in a group chat: acknowledged, but not a 1:1 conversation.
    let member = sim.add_user("グループのメンバー");
    let mut group = sim.event_text(&member.user_id, "グループでの発言", None);
    group["source"] = json!({ "type": "group", "groupId": "Cabcdef0123456789abcdef0123456789", "userId": member.user_id });
    for (what, e) in [("an unknown event type", future), ("a group message", group)] {
        let d = sim.deliver(vec![e]).await?;
        ensure!(d.status == 200, "{what} answered {}", d.status);
        ensure!(sim.redeliver(&d).await?.status == 200, "the redelivery of {what} was not 200");
    }
    let rows = export(dir.path()).await?;
    ensure!(rows.is_empty(), "unknown/group events became 1:1 messages: {rows:#?}");
    // (An unknown event from a user may open the chat, e.g. to answer it; a group message may not.)
    let page = server.rpc("listConversations", json!({ "limit": 50 }), "conversations").await?;
    ensure!(
        !page["items"].as_array().context("no items")?.iter().any(|c| c["friend"]["lineUserId"] == member.user_id),
        "a group message opened a 1:1 conversation: {page}"
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_signatures_are_refused_and_nothing_is_stored() -> Result<()> {
    let sim = support::sim().await?;
    let dir = tempfile::tempdir()?;
    let server = Server::start(dir.path(), &sim, &ServerOpts::default()).await?;
    let user = sim.add_user("佐藤 健");
    let (body, sig) = sim.signed_body(vec![sim.event_text(&user.user_id, "signed text AAAA", None)]);

    let wrong_secret = line::signature::sign("not-the-channel-secret", &body);
    let mut changed = body.clone();
    let at = support::find_bytes(&changed, b"AAAA").context("marker not in body")?;
    changed[at] = b'B';
    let (_, other_sig) = sim.signed_body(vec![sim.event_text(&user.user_id, "another body", None)]);

    let cases: Vec<(&str, Vec<u8>, Option<String>)> = vec![
        ("no x-line-signature header", body.clone(), None),
        ("empty signature", body.clone(), Some(String::new())),
        ("signed with another secret", body.clone(), Some(wrong_secret)),
        ("body changed by one byte after signing", changed, Some(sig.clone())),
        ("signature of another body", body.clone(), Some(other_sig)),
    ];
    for (what, b, s) in cases {
        let status = server.post_webhook(b, s.as_deref()).await?;
        ensure!(status == 401, "{what}: answered {status} instead of 401");
    }
    let rows = export(dir.path()).await?;
    ensure!(rows.is_empty(), "refused webhooks left messages behind: {rows:#?}");
    let conversations = server.rpc("listConversations", json!({ "limit": 50 }), "conversations").await?;
    ensure!(
        conversations["items"].as_array().is_some_and(Vec::is_empty),
        "refused webhooks created conversations: {conversations}"
    );

    // The same body with its own signature is accepted: the refusals above were about the signature.
    let status = server.post_webhook(body, Some(&sig)).await?;
    ensure!(status == 200, "the correctly signed body answered {status}");
    ensure!(export(dir.path()).await?.len() == 1, "the correctly signed body was not stored exactly once");
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_json_with_a_valid_signature_is_400() -> Result<()> {
    let sim = support::sim().await?;
    let dir = tempfile::tempdir()?;
    let server = Server::start(dir.path(), &sim, &ServerOpts::default()).await?;
    let secret = sim.config().channel_secret.clone();
    let bodies: Vec<(&str, Vec<u8>)> = vec![
        ("truncated JSON", br#"{"destination":"U0","events":[{"type":"message""#.to_vec()),
        ("not JSON at all", b"hello LINE".to_vec()),
        ("events is not an array", br#"{"destination":"U0","events":{}}"#.to_vec()),
        ("an event without webhookEventId", br#"{"destination":"U0","events":[{"type":"follow","timestamp":1,"mode":"active"}]}"#.to_vec()),
    ];
    for (what, body) in bodies {
        let sig = line::signature::sign(&secret, &body);
        let status = server.post_webhook(body, Some(&sig)).await?;
        ensure!(status == 400, "{what} with a valid signature: answered {status} instead of 400");
    }
    let rows = export(dir.path()).await?;
    ensure!(rows.is_empty(), "malformed bodies left messages behind: {rows:#?}");
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_over_one_mebibyte_is_413_and_not_stored() -> Result<()> {
    let sim = support::sim().await?;
    let dir = tempfile::tempdir()?;
    let server = Server::start(dir.path(), &sim, &ServerOpts::default()).await?;
    let user = sim.add_user("大きい 本文");
    // A real, validly signed event, padded past 1 MiB.
    let mut event = sim.event_text(&user.user_id, "big", None);
    event["padding"] = json!("x".repeat(1 << 20));
    let (body, sig) = sim.signed_body(vec![event]);
    ensure!(body.len() > 1 << 20, "test body is only {} bytes", body.len());
    let status = server.post_webhook(body, Some(&sig)).await?;
    ensure!(status == 413, "a {} byte body answered {status} instead of 413", (1 << 20) + 1);
    ensure!(export(dir.path()).await?.is_empty(), "the oversized body was stored");
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn empty_events_connection_check_is_200() -> Result<()> {
    let sim = support::sim().await?;
    let dir = tempfile::tempdir()?;
    let server = Server::start(dir.path(), &sim, &ServerOpts::default()).await?;
    let (body, sig) = sim.signed_body(vec![]);
    ensure!(body.windows(11).any(|w| w == b"\"events\":[]"), "not an empty-events body: {}", String::from_utf8_lossy(&body));
    let status = server.post_webhook(body, Some(&sig)).await?;
    ensure!(status == 200, "the connection check (events: []) answered {status}");
    ensure!(export(dir.path()).await?.is_empty(), "an empty webhook produced messages");
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_redelivered_event_is_stored_once() -> Result<()> {
    let sim = support::sim().await?;
    let dir = tempfile::tempdir()?;
    let server = Server::start(dir.path(), &sim, &ServerOpts::default()).await?;
    let user = sim.add_user("鈴木 一郎");
    let first = sim.send_text(&user.user_id, "二回届くかも").await?;
    ensure!(first.status == 200, "first delivery answered {}", first.status);
    let again = sim.redeliver(&first).await?;
    ensure!(again.status == 200, "the redelivery answered {} (LINE would keep redelivering)", again.status);
    ensure!(again.webhook_event_ids == first.webhook_event_ids, "redelivery changed the webhookEventId");
    // The very same bytes once more (a LINE retry without the redelivery flag).
    let sig = line::signature::sign(&sim.config().channel_secret, &first.body);
    ensure!(server.post_webhook(first.body.clone(), Some(&sig)).await? == 200, "re-posting the same body was not 200");

    let rows = export(dir.path()).await?;
    let n = count_by_event_id(&rows).get(&first.webhook_event_ids[0]).copied().unwrap_or(0);
    ensure!(n == 1, "the event delivered three times is stored {n} times: {rows:#?}");
    ensure!(rows.len() == 1, "expected one message, export has {}", rows.len());
    let conv = server.conversation_of(&user.user_id).await?;
    let view = server.rpc("getThread", json!({ "conversationId": conv }), "thread").await?;
    ensure!(view["conversation"]["unreadCount"] == 1, "a duplicate counted as unread: {}", view["conversation"]);
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hundred_concurrent_webhooks_are_each_stored_once() -> Result<()> {
    let sim = support::sim().await?;
    let dir = tempfile::tempdir()?;
    let server = Server::start(dir.path(), &sim, &ServerOpts::default()).await?;
    let users: Vec<_> = (0..10).map(|i| sim.add_user(&format!("お客様{i}"))).collect();
    let mut expected = Vec::new();
    let mut posts = Vec::new();
    for i in 0..100 {
        let text = format!("concurrent-{i:03}");
        let event = sim.event_text(&users[i % users.len()].user_id, &text, None);
        expected.push((event["webhookEventId"].as_str().unwrap_or_default().to_owned(), text));
        let (body, sig) = sim.signed_body(vec![event]);
        let client = server.client.clone();
        let url = server.webhook_url();
        posts.push(tokio::spawn(async move { support::post_webhook(&client, &url, body, Some(&sig)).await }));
    }
    for (i, p) in futures_util::future::join_all(posts).await.into_iter().enumerate() {
        let status = p??;
        ensure!(status == 200, "concurrent request {i} answered {status}");
    }
    let rows = export(dir.path()).await?;
    let counts = count_by_event_id(&rows);
    for (id, text) in &expected {
        let n = counts.get(id).copied().unwrap_or(0);
        ensure!(n == 1, "{text} ({id}) is stored {n} times");
        ensure!(row_for(&rows, id)?["text"] == text.as_str(), "{id} stored with the wrong text");
    }
    ensure!(rows.len() == 100, "100 events became {} messages", rows.len());
    let page = server.rpc("listConversations", json!({ "limit": 50 }), "conversations").await?;
    ensure!(page["items"].as_array().map(Vec::len) == Some(10), "10 customers became {:?} conversations", page["items"].as_array().map(Vec::len));
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rpc_without_or_with_a_wrong_token_is_401() -> Result<()> {
    let sim = support::sim().await?;
    let dir = tempfile::tempdir()?;
    let server = Server::start(dir.path(), &sim, &ServerOpts::default()).await?;
    let params = json!({ "limit": 50 });
    let wrong = format!("{}x", server.token);
    let truncated = &server.token[..server.token.len() - 1];
    for (what, token) in [("no token", None), ("a wrong token", Some(wrong.as_str())), ("a truncated token", Some(truncated))] {
        let (status, body) = server.rpc_raw("listConversations", params.clone(), token).await?;
        ensure!(status == 401, "/api/rpc with {what} answered {status}: {body}");
        ensure!(body["code"] == "unauthorized", "/api/rpc with {what}: error body {body}");
        ensure!(body["messageJa"].as_str().is_some_and(|m| !m.is_empty()), "401 without a Japanese message: {body}");
    }
    // A token in the query string is for EventSource only, not for the RPC.
    let resp = server
        .client
        .post(format!("{}/api/rpc?token={}", server.base, server.token))
        .json(&json!({ "method": "listConversations", "params": params }))
        .send()
        .await?;
    ensure!(resp.status() == 401, "/api/rpc took the token from the query string ({})", resp.status());
    server.rpc("listConversations", params, "conversations").await?;
    Ok(())
}
