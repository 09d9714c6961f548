//! Retry, error and host behaviour of `LineClient` against a scripted fake.

use std::time::Duration;

use anyhow::{Context, Result, bail, ensure};
use line::responses::{ChatMode, MarkAsReadMode};
use line::{
    LineError, MessageObject, PushMessageRequest, QuotaType, ReplyMessageRequest, SendOutcome,
    TranscodingStatus,
};

use crate::fake_line::{Answer, FakeLine, client_for};

const USER: &str = "U4af4980629d5e4f0b5e7a0f8e9c2d1a3";
const FAST: Duration = Duration::from_secs(5);

fn push_req() -> PushMessageRequest {
    PushMessageRequest::new(USER, vec![MessageObject::text("ご予約を承りました")])
}

const VALIDATION_ERROR: &str = r#"{"message":"The request body has 1 error(s)","details":[{"message":"May not be empty","property":"messages[0].text"}]}"#;

#[tokio::test]
async fn server_errors_are_retried_with_the_same_retry_key() -> Result<()> {
    let fake = FakeLine::scripted(vec![
        Answer::json(500, r#"{"message":"Internal server error"}"#),
        Answer::json(500, r#"{"message":"Internal server error"}"#),
        Answer::ok_sent("555"),
    ])
    .await?;
    let client = fake.client(4, FAST)?;
    let key = uuid::Uuid::new_v4();
    let outcome = client
        .push(&push_req(), key)
        .await
        .context("push should succeed on the third attempt")?;
    match &outcome {
        SendOutcome::Accepted {
            sent_messages,
            request_id,
        } => {
            ensure!(
                sent_messages.len() == 1 && sent_messages[0].id == "555",
                "sent messages read wrong: {sent_messages:?}"
            );
            ensure!(
                sent_messages[0].quote_token.as_deref() == Some("q-555"),
                "quote token lost: {sent_messages:?}"
            );
            ensure!(
                request_id.as_deref() == Some("req-555"),
                "request id lost: {request_id:?}"
            );
        }
        other => bail!("expected Accepted, got {other:?}"),
    }
    let reqs = fake.requests();
    ensure!(
        reqs.len() == 3,
        "expected 3 attempts, the fake saw {}",
        reqs.len()
    );
    let expected = key.hyphenated().to_string();
    for (i, r) in reqs.iter().enumerate() {
        ensure!(
            r.header("x-line-retry-key") == Some(expected.as_str()),
            "attempt {} carried retry key {:?}, expected {expected}",
            i + 1,
            r.header("x-line-retry-key")
        );
        ensure!(r.body == reqs[0].body, "attempt {} changed the body", i + 1);
    }
    Ok(())
}

#[tokio::test]
async fn rate_limits_are_retried() -> Result<()> {
    let fake = FakeLine::scripted(vec![
        Answer::json(429, r#"{"message":"Too Many Requests"}"#),
        Answer::ok_sent("7"),
    ])
    .await?;
    let client = fake.client(4, FAST)?;
    client
        .push(&push_req(), uuid::Uuid::new_v4())
        .await
        .context("push after one 429")?;
    ensure!(
        fake.requests().len() == 2,
        "expected a retry after 429, saw {} requests",
        fake.requests().len()
    );
    Ok(())
}

#[tokio::test]
async fn a_lasting_429_is_rate_limited_and_definitely_rejected() -> Result<()> {
    let fake = FakeLine::scripted(vec![Answer::json(
        429,
        r#"{"message":"You have reached your monthly limit."}"#,
    )])
    .await?;
    let client = fake.client(3, FAST)?;
    match client.push(&push_req(), uuid::Uuid::new_v4()).await {
        Err(e @ LineError::RateLimited { .. }) => {
            ensure!(
                e.is_definitely_rejected(),
                "429 on every attempt means nothing was accepted: {e:?}"
            );
            ensure!(
                e.reason().contains("monthly limit"),
                "reason should carry LINE's message: {}",
                e.reason()
            );
        }
        other => bail!("expected RateLimited, got {other:?}"),
    }
    ensure!(
        fake.requests().len() == 3,
        "expected 3 attempts, saw {}",
        fake.requests().len()
    );
    Ok(())
}

#[tokio::test]
async fn a_400_is_an_api_error_naming_the_field_and_is_not_retried() -> Result<()> {
    let fake = FakeLine::scripted(vec![
        Answer::json(400, VALIDATION_ERROR).header("x-line-request-id", "req-400"),
    ])
    .await?;
    let client = fake.client(4, FAST)?;
    match client.push(&push_req(), uuid::Uuid::new_v4()).await {
        Err(e @ LineError::Api { .. }) => {
            let LineError::Api {
                status,
                details,
                request_id,
                ..
            } = &e
            else {
                unreachable!()
            };
            ensure!(*status == 400, "status {status}");
            ensure!(
                details.first().and_then(|d| d.property.as_deref()) == Some("messages[0].text"),
                "details lost the property: {details:?}"
            );
            ensure!(
                request_id.as_deref() == Some("req-400"),
                "request id lost: {request_id:?}"
            );
            ensure!(
                e.is_definitely_rejected(),
                "a 400 on the only attempt is definitely rejected"
            );
            ensure!(
                e.to_string().contains("messages[0].text"),
                "Display must name the field: {e}"
            );
            ensure!(
                e.reason().contains("messages[0].text: May not be empty"),
                "reason: {}",
                e.reason()
            );
            ensure!(
                !e.reason().contains("test-channel-access-token"),
                "reason leaks the token"
            );
        }
        other => bail!("expected LineError::Api, got {other:?}"),
    }
    ensure!(
        fake.requests().len() == 1,
        "a 400 must not be retried; the fake saw {} requests",
        fake.requests().len()
    );
    Ok(())
}

#[tokio::test]
async fn a_409_on_push_means_already_accepted() -> Result<()> {
    let fake = FakeLine::scripted(vec![
        Answer::json(409, r#"{"message":"The retry key is already accepted","sentMessages":[{"id":"461230966842064897","quoteToken":"IStG5h1Tz7b..."}]}"#)
            .header("x-line-accepted-request-id", "accepted-123")
            .header("x-line-request-id", "req-409"),
    ])
    .await?;
    let client = fake.client(4, FAST)?;
    match client
        .push(&push_req(), uuid::Uuid::new_v4())
        .await
        .context("409 must be Ok")?
    {
        SendOutcome::AlreadyAccepted {
            accepted_request_id,
            sent_messages,
        } => {
            ensure!(
                accepted_request_id.as_deref() == Some("accepted-123"),
                "accepted request id: {accepted_request_id:?}"
            );
            ensure!(
                sent_messages.first().map(|m| m.id.as_str()) == Some("461230966842064897"),
                "sentMessages from the 409 body lost: {sent_messages:?}"
            );
        }
        other => bail!("expected AlreadyAccepted, got {other:?}"),
    }
    ensure!(fake.requests().len() == 1, "409 must not be retried");
    Ok(())
}

#[tokio::test]
async fn a_409_without_body_is_still_already_accepted() -> Result<()> {
    let fake = FakeLine::scripted(vec![
        Answer::json(409, "").header("x-line-accepted-request-id", "acc-9"),
    ])
    .await?;
    let client = fake.client(2, FAST)?;
    let outcome = client
        .multicast(
            &line::MulticastRequest::new(vec![USER.into()], vec![MessageObject::text("x")]),
            uuid::Uuid::new_v4(),
        )
        .await
        .context("409 on multicast")?;
    ensure!(
        outcome
            == SendOutcome::AlreadyAccepted {
                accepted_request_id: Some("acc-9".into()),
                sent_messages: vec![]
            },
        "got {outcome:?}"
    );
    Ok(())
}

#[tokio::test]
async fn a_409_on_reply_is_an_api_error() -> Result<()> {
    // Reply carries no retry key, so a 409 there cannot mean "already accepted".
    let fake = FakeLine::scripted(vec![Answer::json(409, r#"{"message":"Conflict"}"#)]).await?;
    let client = fake.client(2, FAST)?;
    match client
        .reply(&ReplyMessageRequest::new(
            "token",
            vec![MessageObject::text("x")],
        ))
        .await
    {
        Err(LineError::Api { status: 409, .. }) => Ok(()),
        other => bail!("expected Api 409, got {other:?}"),
    }
}

#[tokio::test]
async fn timeouts_are_retried_then_reported() -> Result<()> {
    let fake = FakeLine::scripted(vec![
        Answer::ok_sent("1").delayed(Duration::from_millis(800)),
    ])
    .await?;
    let client = fake.client(3, Duration::from_millis(150))?;
    let started = std::time::Instant::now();
    match client.push(&push_req(), uuid::Uuid::new_v4()).await {
        Err(e @ LineError::Timeout) => {
            ensure!(
                !e.is_definitely_rejected(),
                "a timeout may have been accepted"
            );
        }
        other => bail!("expected Timeout, got {other:?}"),
    }
    ensure!(
        started.elapsed() < Duration::from_secs(3),
        "timeouts took {:?}",
        started.elapsed()
    );
    ensure!(
        fake.requests().len() == 3,
        "expected 3 attempts, saw {}",
        fake.requests().len()
    );
    Ok(())
}

#[tokio::test]
async fn lasting_server_errors_may_have_been_accepted() -> Result<()> {
    let fake = FakeLine::scripted(vec![Answer::json(
        503,
        r#"{"message":"Service Unavailable"}"#,
    )])
    .await?;
    let client = fake.client(2, FAST)?;
    match client.push(&push_req(), uuid::Uuid::new_v4()).await {
        Err(e @ LineError::Server { status: 503, .. }) => {
            ensure!(!e.is_definitely_rejected(), "a 5xx may have been accepted");
        }
        other => bail!("expected Server 503, got {other:?}"),
    }
    ensure!(
        fake.requests().len() == 2,
        "expected 2 attempts, saw {}",
        fake.requests().len()
    );
    Ok(())
}

#[tokio::test]
async fn a_reply_rejected_after_a_server_error_is_not_definitely_rejected() -> Result<()> {
    // The 500 may have delivered the reply and used up the token; the retry's 400 then
    // says nothing about whether the customer got the message.
    let fake = FakeLine::scripted(vec![
        Answer::json(500, r#"{"message":"Internal server error"}"#),
        Answer::json(400, r#"{"message":"Invalid reply token"}"#),
    ])
    .await?;
    let client = fake.client(3, FAST)?;
    match client
        .reply(&ReplyMessageRequest::new(
            "token",
            vec![MessageObject::text("x")],
        ))
        .await
    {
        Err(
            e @ LineError::Api {
                status: 400,
                after_ambiguous_attempt: true,
                ..
            },
        ) => {
            ensure!(
                !e.is_definitely_rejected(),
                "after an ambiguous attempt nothing is certain: {e:?}"
            );
        }
        other => bail!("expected Api 400 after an ambiguous attempt, got {other:?}"),
    }
    for r in fake.requests() {
        ensure!(
            r.header("x-line-retry-key").is_none(),
            "a reply retry carried a retry key"
        );
    }
    Ok(())
}

#[tokio::test]
async fn unreachable_line_is_a_transport_error() -> Result<()> {
    // A port that was just free: connection refused.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0")?;
        l.local_addr()?.port()
    };
    let base = format!("http://127.0.0.1:{port}");
    let client = client_for(&base, &base, 2, FAST)?;
    match client.get_quota().await {
        Err(LineError::Transport(msg)) => {
            ensure!(
                !msg.contains("test-channel-access-token"),
                "transport error leaks the token: {msg}"
            );
            Ok(())
        }
        other => bail!("expected Transport, got {other:?}"),
    }
}

#[tokio::test]
async fn content_comes_from_the_data_host() -> Result<()> {
    let api = FakeLine::scripted(vec![Answer::json(404, r#"{"message":"Not found"}"#)]).await?;
    let data = FakeLine::start(|_, req| {
        if req.path.ends_with("/transcoding") {
            Answer::json(200, r#"{"status":"succeeded"}"#)
        } else {
            Answer {
                status: 200,
                headers: vec![("content-type", "image/jpeg".into())],
                body: vec![0xFF, 0xD8, 0xFF, 0xE0],
                delay: Duration::ZERO,
            }
        }
    })
    .await?;
    let client = client_for(&api.base, &data.base, 2, FAST)?;
    let content = client.get_content("325708").await.context("get_content")?;
    ensure!(
        content.bytes.as_ref() == [0xFF, 0xD8, 0xFF, 0xE0],
        "bytes: {:?}",
        content.bytes
    );
    ensure!(
        content.content_type.as_deref() == Some("image/jpeg"),
        "content type: {:?}",
        content.content_type
    );
    let status = client
        .get_transcoding_status("325708")
        .await
        .context("transcoding status")?;
    ensure!(status == TranscodingStatus::Succeeded, "status: {status:?}");

    ensure!(
        api.requests().is_empty(),
        "content calls went to the API host: {:?}",
        api.requests()
    );
    let paths: Vec<_> = data.requests().iter().map(|r| r.path.clone()).collect();
    ensure!(
        paths
            == [
                "/v2/bot/message/325708/content",
                "/v2/bot/message/325708/content/transcoding"
            ],
        "data host saw {paths:?}"
    );
    for r in data.requests() {
        ensure!(r.method == "GET", "{} used {}", r.path, r.method);
        ensure!(
            r.header("authorization") == Some("Bearer test-channel-access-token"),
            "no bearer on {}",
            r.path
        );
    }
    Ok(())
}

#[tokio::test]
async fn ids_that_could_change_the_path_are_refused() -> Result<()> {
    let fake = FakeLine::scripted(vec![Answer::json(200, "{}")]).await?;
    let client = fake.client(1, FAST)?;
    for bad in ["../info", "1/content", ""] {
        match client.get_content(bad).await {
            Err(LineError::InvalidRequest(_)) => {}
            other => bail!("get_content({bad:?}) should be refused, got {other:?}"),
        }
    }
    ensure!(
        fake.requests().is_empty(),
        "a refused id reached the server"
    );
    Ok(())
}

#[tokio::test]
async fn read_endpoints_decode_lines_examples() -> Result<()> {
    let fake = FakeLine::start(|_, req| match req.path.as_str() {
        "/v2/bot/message/quota" => Answer::json(200, r#"{"type":"limited","value":1000}"#),
        "/v2/bot/message/quota/consumption" => Answer::json(200, r#"{"totalUsage":500}"#),
        "/v2/bot/info" => Answer::json(
            200,
            r#"{"userId":"Ub9952f8","basicId":"@216ru","displayName":"サロン窓口","pictureUrl":"https://obs.line-apps.com/x","chatMode":"chat","markAsReadMode":"manual"}"#,
        ),
        "/v2/bot/channel/webhook/endpoint" => Answer::json(200, r#"{"endpoint":"https://example.com/test","active":true}"#),
        p if p.starts_with("/v2/bot/profile/") => Answer::json(
            200,
            r#"{"displayName":"LINE taro","userId":"U4af4980629","language":"ja","pictureUrl":"https://obs.line-apps.com/p","statusMessage":"Hello, LINE!"}"#,
        ),
        _ => Answer::json(404, r#"{"message":"Not found"}"#),
    })
    .await?;
    let client = fake.client(1, FAST)?;
    let quota = client.get_quota().await.context("quota")?;
    ensure!(
        quota.kind == QuotaType::Limited && quota.value == Some(1000),
        "quota: {quota:?}"
    );
    let used = client
        .get_quota_consumption()
        .await
        .context("consumption")?;
    ensure!(used.total_usage == 500, "consumption: {used:?}");
    let bot = client.get_bot_info().await.context("bot info")?;
    ensure!(
        bot.chat_mode == ChatMode::Chat && bot.mark_as_read_mode == MarkAsReadMode::Manual,
        "bot info: {bot:?}"
    );
    let hook = client
        .get_webhook_endpoint()
        .await
        .context("webhook endpoint")?;
    ensure!(
        hook.active && hook.endpoint == "https://example.com/test",
        "webhook: {hook:?}"
    );
    let profile = client.get_profile("U4af4980629").await.context("profile")?;
    ensure!(
        profile.display_name == "LINE taro" && profile.language.as_deref() == Some("ja"),
        "profile: {profile:?}"
    );
    ensure!(
        fake.requests()
            .iter()
            .all(|r| r.method == "GET" && r.header("x-line-retry-key").is_none()),
        "read calls must be GETs without retry key"
    );
    Ok(())
}

#[tokio::test]
async fn a_garbled_2xx_body_on_send_still_counts_as_accepted() -> Result<()> {
    let fake = FakeLine::scripted(vec![Answer::json(200, "<html>ok</html>")]).await?;
    let client = fake.client(2, FAST)?;
    match client.push(&push_req(), uuid::Uuid::new_v4()).await {
        Ok(SendOutcome::Accepted { sent_messages, .. }) if sent_messages.is_empty() => Ok(()),
        other => bail!("a 200 must be Accepted even with an odd body, got {other:?}"),
    }
}
