//! reply / push / multicast semantics and the smaller endpoints.

use std::time::Duration;

use anyhow::{Context, Result, ensure};
use linesim::Via;
use serde_json::{Value, json};

use crate::common::{config, fixture, fixture_with};
use crate::openapi::Spec;

fn text(s: &str) -> Value {
    json!({"type": "text", "text": s})
}

#[tokio::test]
async fn reply_token_is_single_use() -> Result<()> {
    let f = fixture().await?;
    let u = f.sim.add_user("佐藤 美咲");
    let d = f.sim.send_text(&u.user_id, "予約できますか？").await?;
    let token = d.reply_tokens.first().context("no reply token")?;
    let body = json!({"replyToken": token, "messages": [text("はい、大丈夫です！")]});

    let first = f
        .api
        .post("/v2/bot/message/reply", &body)
        .await?
        .expect(200)?;
    Spec::load("messaging-api.yml")?
        .component_validator("ReplyMessageResponse")?
        .check(&first.body)?;
    ensure!(
        first.body["sentMessages"][0]["quoteToken"].is_string(),
        "text reply without quoteToken: {}",
        first.body
    );

    let second = f
        .api
        .post("/v2/bot/message/reply", &body)
        .await?
        .expect(400)?;
    ensure!(
        second.body == json!({"message": "Invalid reply token"}),
        "second reply: {}",
        second.body
    );
    let got = f.sim.received(&u.user_id);
    ensure!(
        got.len() == 1 && got[0].via == Via::Reply,
        "received: {got:?}"
    );
    ensure!(
        got[0].message == text("はい、大丈夫です！"),
        "recorded message: {}",
        got[0].message
    );
    Ok(())
}

#[tokio::test]
async fn reply_token_expires() -> Result<()> {
    let mut cfg = config(1);
    cfg.reply_token_ttl = Duration::from_millis(300);
    let f = fixture_with(cfg).await?;
    let u = f.sim.add_user("たかはし");
    let d = f.sim.send_text(&u.user_id, "こんにちは").await?;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let body = json!({"replyToken": d.reply_tokens[0], "messages": [text("遅くなりました")]});
    f.api
        .post("/v2/bot/message/reply", &body)
        .await?
        .expect(400)?;
    ensure!(
        f.sim.received(&u.user_id).is_empty(),
        "an expired token delivered a message"
    );

    // Events from the past come with tokens that are already expired.
    let old = f
        .sim
        .deliver(vec![f.sim.event_text(
            &u.user_id,
            "昔の話",
            Some(1_600_000_000_000),
        )])
        .await?;
    let body = json!({"replyToken": old.reply_tokens[0], "messages": [text("x")]});
    f.api
        .post("/v2/bot/message/reply", &body)
        .await?
        .expect(400)?;
    Ok(())
}

#[tokio::test]
async fn reply_refuses_a_retry_key() -> Result<()> {
    let f = fixture().await?;
    let u = f.sim.add_user("Yuki☆");
    let d = f.sim.send_text(&u.user_id, "こんにちは").await?;
    let body = json!({"replyToken": d.reply_tokens[0], "messages": [text("こんにちは！")]});
    let key = uuid::Uuid::new_v4().to_string();
    f.api
        .post_with_retry_key("/v2/bot/message/reply", &body, &key)
        .await?
        .expect(400)?;
    // The refused request must not have used the token up.
    f.api
        .post("/v2/bot/message/reply", &body)
        .await?
        .expect(200)?;
    Ok(())
}

#[tokio::test]
async fn push_with_a_repeated_retry_key_is_delivered_once() -> Result<()> {
    let f = fixture().await?;
    let u = f.sim.add_user("鈴木 陽菜");
    let body = json!({"to": u.user_id, "messages": [text("ご予約ありがとうございます")]});
    let key = uuid::Uuid::new_v4().to_string();

    let first = f
        .api
        .post_with_retry_key("/v2/bot/message/push", &body, &key)
        .await?
        .expect(200)?;
    Spec::load("messaging-api.yml")?
        .component_validator("PushMessageResponse")?
        .check(&first.body)?;
    let second = f
        .api
        .post_with_retry_key("/v2/bot/message/push", &body, &key)
        .await?
        .expect(409)?;
    ensure!(
        second.body["message"] == json!("The retry key is already accepted"),
        "409 body: {}",
        second.body
    );
    ensure!(
        second.header("x-line-accepted-request-id") == first.header("x-line-request-id"),
        "accepted id {:?} vs first request id {:?}",
        second.header("x-line-accepted-request-id"),
        first.header("x-line-request-id")
    );
    let got = f.sim.received(&u.user_id);
    ensure!(got.len() == 1, "delivered {} times", got.len());
    ensure!(
        got[0].retry_key.as_deref() == Some(key.as_str()) && got[0].via == Via::Push,
        "record: {:?}",
        got[0]
    );
    let stats = f.sim.stats();
    ensure!(
        stats.conflicts == 1 && stats.accepted("push") == 1,
        "stats: {stats:?}"
    );
    let usage = f
        .api
        .get("/v2/bot/message/quota/consumption")
        .await?
        .expect(200)?;
    ensure!(
        usage.body == json!({"totalUsage": 1}),
        "consumption: {}",
        usage.body
    );
    Ok(())
}

#[tokio::test]
async fn push_rejects_a_retry_key_that_is_not_a_uuid() -> Result<()> {
    let f = fixture().await?;
    let u = f.sim.add_user("田中 さくら");
    let body = json!({"to": u.user_id, "messages": [text("x")]});
    f.api
        .post_with_retry_key("/v2/bot/message/push", &body, "not-a-uuid")
        .await?
        .expect(400)?;
    ensure!(
        f.sim.all_received().is_empty(),
        "delivered despite a bad retry key"
    );
    Ok(())
}

#[tokio::test]
async fn multicast_delivers_to_each_friend_once() -> Result<()> {
    let f = fixture().await?;
    let a = f.sim.add_user("中村 結衣");
    let b = f.sim.add_user("山本 翔");
    let blocked = f.sim.add_user("渡辺 あおい");
    f.sim.unfollow(&blocked.user_id).await?;
    let body = json!({
        "to": [a.user_id, b.user_id, blocked.user_id],
        "messages": [text("今月のキャンペーンのお知らせです"), {"type": "sticker", "packageId": "446", "stickerId": "1988"}],
    });
    let key = uuid::Uuid::new_v4().to_string();
    let ok = f
        .api
        .post_with_retry_key("/v2/bot/message/multicast", &body, &key)
        .await?
        .expect(200)?;
    ensure!(ok.body == json!({}), "multicast answer: {}", ok.body);
    f.api
        .post_with_retry_key("/v2/bot/message/multicast", &body, &key)
        .await?
        .expect(409)?;
    for u in [&a, &b] {
        let got = f.sim.received(&u.user_id);
        ensure!(
            got.len() == 2 && got.iter().all(|r| r.via == Via::Multicast),
            "{}: {got:?}",
            u.display_name
        );
    }
    ensure!(
        f.sim.received(&blocked.user_id).is_empty(),
        "a user who blocked the bot received a multicast"
    );
    let usage = f
        .api
        .get("/v2/bot/message/quota/consumption")
        .await?
        .expect(200)?;
    ensure!(
        usage.body["totalUsage"] == json!(2),
        "consumption counts recipients: {}",
        usage.body
    );
    Ok(())
}

#[tokio::test]
async fn bad_or_missing_token_is_401_and_every_answer_has_a_request_id() -> Result<()> {
    let f = fixture().await?;
    let u = f.sim.add_user("井上 蓮");
    let body = json!({"to": u.user_id, "messages": [text("x")]});
    let bad = f
        .api
        .with_token("wrong")
        .post("/v2/bot/message/push", &body)
        .await?
        .expect(401)?;
    ensure!(
        bad.body["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("Authentication failed")),
        "{}",
        bad.body
    );
    ensure!(
        bad.header("x-line-request-id").is_some(),
        "401 without x-line-request-id"
    );
    ensure!(
        f.sim.all_received().is_empty(),
        "an unauthenticated push was delivered"
    );
    for path in [
        "/v2/bot/info",
        "/v2/bot/profile/Uffffffffffffffffffffffffffffffff",
        "/v2/bot/message/quota",
    ] {
        let a = f.api.get(path).await?;
        ensure!(
            a.header("x-line-request-id").is_some(),
            "{path} answered {} without x-line-request-id",
            a.status
        );
    }
    ensure!(f.sim.stats().rejected >= 1, "stats: {:?}", f.sim.stats());
    Ok(())
}

#[tokio::test]
async fn monthly_quota_is_enforced() -> Result<()> {
    let f = fixture().await?;
    let u = f.sim.add_user("木村 真由美");
    f.sim.set_quota(Some(1));
    let quota = f.api.get("/v2/bot/message/quota").await?.expect(200)?;
    ensure!(
        quota.body == json!({"type": "limited", "value": 1}),
        "quota: {}",
        quota.body
    );
    let body = json!({"to": u.user_id, "messages": [text("1通目")]});
    f.api
        .post("/v2/bot/message/push", &body)
        .await?
        .expect(200)?;
    f.api
        .post("/v2/bot/message/push", &body)
        .await?
        .expect(429)?;
    ensure!(
        f.sim.received(&u.user_id).len() == 1,
        "over-quota push delivered"
    );
    Ok(())
}

#[tokio::test]
async fn profile_mark_as_read_and_loading() -> Result<()> {
    let f = fixture().await?;
    let spec = Spec::load("messaging-api.yml")?;
    let u = f.sim.add_user("山田 花子");
    let profile = f
        .api
        .get(&format!("/v2/bot/profile/{}", u.user_id))
        .await?
        .expect(200)?;
    spec.component_validator("UserProfileResponse")?
        .check(&profile.body)?;
    ensure!(
        profile.body["displayName"] == json!("山田 花子"),
        "profile: {}",
        profile.body
    );
    f.api
        .get("/v2/bot/profile/U00000000000000000000000000000000")
        .await?
        .expect(404)?;

    let d = f.sim.send_text(&u.user_id, "確認お願いします").await?;
    let read_token = d.events[0]["message"]["markAsReadToken"]
        .as_str()
        .context("no markAsReadToken")?;
    f.api
        .post(
            "/v2/bot/chat/markAsRead",
            &json!({"markAsReadToken": read_token}),
        )
        .await?
        .expect(200)?;
    f.api
        .post(
            "/v2/bot/chat/markAsRead",
            &json!({"markAsReadToken": "nope"}),
        )
        .await?
        .expect(400)?;
    ensure!(
        f.sim.mark_read_calls() == [read_token.to_owned()],
        "mark-read calls: {:?}",
        f.sim.mark_read_calls()
    );

    f.api
        .post(
            "/v2/bot/chat/loading/start",
            &json!({"chatId": u.user_id, "loadingSeconds": 10}),
        )
        .await?
        .expect(202)?;
    let bad = f
        .api
        .post(
            "/v2/bot/chat/loading/start",
            &json!({"chatId": u.user_id, "loadingSeconds": 7}),
        )
        .await?
        .expect(400)?;
    ensure!(
        bad.properties() == ["loadingSeconds"],
        "loading 400: {}",
        bad.body
    );
    f.api
        .post(
            "/v2/bot/chat/loading/start",
            &json!({"chatId": "Uunknown", "loadingSeconds": 5}),
        )
        .await?
        .expect(400)?;
    ensure!(
        f.sim.loading_calls() == [(u.user_id.clone(), 10)],
        "loading calls: {:?}",
        f.sim.loading_calls()
    );

    // A user who blocked the bot has no profile any more.
    f.sim.unfollow(&u.user_id).await?;
    f.api
        .get(&format!("/v2/bot/profile/{}", u.user_id))
        .await?
        .expect(404)?;
    Ok(())
}

#[tokio::test]
async fn bot_info_quota_and_webhook_endpoint() -> Result<()> {
    let f = fixture().await?;
    let spec = Spec::load("messaging-api.yml")?;
    let info = f.api.get("/v2/bot/info").await?.expect(200)?;
    spec.component_validator("BotInfoResponse")?
        .check(&info.body)?;
    ensure!(
        info.body["userId"] == json!(f.sim.config().bot_user_id),
        "bot info: {}",
        info.body
    );
    let quota = f.api.get("/v2/bot/message/quota").await?.expect(200)?;
    spec.component_validator("MessageQuotaResponse")?
        .check(&quota.body)?;
    ensure!(
        quota.body == json!({"type": "limited", "value": 1000}),
        "default quota: {}",
        quota.body
    );

    let ep = f
        .api
        .get("/v2/bot/channel/webhook/endpoint")
        .await?
        .expect(200)?;
    spec.component_validator("GetWebhookEndpointResponse")?
        .check(&ep.body)?;
    ensure!(
        ep.body == json!({"endpoint": f.receiver.url, "active": true}),
        "endpoint: {}",
        ep.body
    );
    f.api
        .put(
            "/v2/bot/channel/webhook/endpoint",
            &json!({"endpoint": "http://example.com/hook"}),
        )
        .await?
        .expect(400)?;
    f.api
        .put(
            "/v2/bot/channel/webhook/endpoint",
            &json!({"endpoint": f.receiver.url}),
        )
        .await?
        .expect(200)?;

    let test = f
        .api
        .post("/v2/bot/channel/webhook/test", &json!({}))
        .await?
        .expect(200)?;
    spec.component_validator("TestWebhookEndpointResponse")?
        .check(&test.body)?;
    ensure!(
        test.body["success"] == json!(true) && test.body["statusCode"] == json!(200),
        "test: {}",
        test.body
    );
    let bodies = f.receiver.bodies();
    ensure!(
        bodies == [json!({"destination": f.sim.config().bot_user_id, "events": []})],
        "the webhook test sent {bodies:?}"
    );
    f.receiver.answer_with(503);
    let failing = f
        .api
        .post("/v2/bot/channel/webhook/test", &json!({}))
        .await?
        .expect(200)?;
    ensure!(
        failing.body["success"] == json!(false) && failing.body["statusCode"] == json!(503),
        "{}",
        failing.body
    );
    Ok(())
}
