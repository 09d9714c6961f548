use std::time::Duration;

use linesim::{SimConfig, Via};
use madoguchi_core::api::types::*;
use madoguchi_core::api::{Request, Response};
use madoguchi_core::settings;

use crate::support::{eventually, set_setting, Harness};

async fn send_text(h: &Harness, conversation_id: i64, text: &str) -> anyhow::Result<SendAccepted> {
    match h
        .core
        .dispatch(Request::SendMessage(SendMessage {
            client_key: None,
            conversation_id,
            content: OutgoingContent::Text { text: text.into() },
        }))
        .await?
    {
        Response::SendAccepted(a) => Ok(a),
        other => anyhow::bail!("unexpected response {other:?}"),
    }
}

async fn received_texts(h: &Harness, user: &str, n: usize) -> anyhow::Result<Vec<(String, Via)>> {
    eventually(10, &format!("{n} messages reach the customer"), || async {
        let got: Vec<_> = h
            .sim
            .received(user)
            .into_iter()
            .map(|r| (r.message["text"].as_str().unwrap_or_default().to_string(), r.via))
            .collect();
        Ok((got.len() >= n).then_some(got))
    })
    .await
}

#[tokio::test]
async fn a_fresh_reply_token_is_used_once_then_push() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    set_setting(&h.core, settings::UNDO_SECONDS, "0").await?;
    let u = h.sim.add_user("山田 花子");
    h.ingest(vec![h.sim.event_text(&u.user_id, "予約できますか？", None)]).await?;
    let conv = h.conversation_of(&u.user_id).await?;

    let preview = h.core.dispatch(Request::PreviewRoute(ConversationRef { conversation_id: conv })).await?;
    assert!(matches!(preview, Response::RoutePreview(RoutePreview { route: Route::Reply, reply_expires_at: Some(_) })), "{preview:?}");

    let first = send_text(&h, conv, "はい、できます").await?;
    assert_eq!(first.route, Route::Reply);
    let second = send_text(&h, conv, "ご希望の日時をお知らせください").await?;
    assert_eq!(second.route, Route::Push, "the token is single-use");
    let got = received_texts(&h, &u.user_id, 2).await?;
    assert_eq!(
        got,
        [("はい、できます".to_string(), Via::Reply), ("ご希望の日時をお知らせください".to_string(), Via::Push)]
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(h.sim.received(&u.user_id).len(), 2, "nothing is sent twice");
    Ok(())
}

#[tokio::test]
async fn an_old_reply_token_falls_back_to_push() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    set_setting(&h.core, settings::UNDO_SECONDS, "0").await?;
    let u = h.sim.add_user("鈴木");
    let two_minutes_ago = madoguchi_core::time::now_ms() - 120_000;
    h.ingest(vec![h.sim.event_text(&u.user_id, "こんにちは", Some(two_minutes_ago))]).await?;
    let conv = h.conversation_of(&u.user_id).await?;
    let sent = send_text(&h, conv, "お返事が遅くなりました").await?;
    assert_eq!(sent.route, Route::Push);
    let got = received_texts(&h, &u.user_id, 1).await?;
    assert_eq!(got[0].1, Via::Push);
    Ok(())
}

#[tokio::test]
async fn a_reply_token_line_refuses_becomes_a_push_delivered_once() -> anyhow::Result<()> {
    // LINE considers the token expired although our clock says it is fresh.
    let h = Harness::with_sim(SimConfig { reply_token_ttl: Duration::from_millis(1), ..SimConfig::default() }).await?;
    set_setting(&h.core, settings::UNDO_SECONDS, "0").await?;
    let u = h.sim.add_user("伊藤");
    h.ingest(vec![h.sim.event_text(&u.user_id, "もしもし", None)]).await?;
    let conv = h.conversation_of(&u.user_id).await?;
    tokio::time::sleep(Duration::from_millis(20)).await;
    let sent = send_text(&h, conv, "お待たせしました").await?;
    assert_eq!(sent.route, Route::Reply, "locally the token looks fresh");
    let got = received_texts(&h, &u.user_id, 1).await?;
    assert_eq!(got, [("お待たせしました".to_string(), Via::Push)]);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(h.sim.received(&u.user_id).len(), 1);
    Ok(())
}

#[tokio::test]
async fn undo_cancels_before_sending_and_frees_the_reply_token() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    set_setting(&h.core, settings::UNDO_SECONDS, "3").await?;
    let u = h.sim.add_user("小林");
    h.ingest(vec![h.sim.event_text(&u.user_id, "質問です", None)]).await?;
    let conv = h.conversation_of(&u.user_id).await?;
    let sent = send_text(&h, conv, "まちがえた").await?;
    assert_eq!(sent.route, Route::Reply);
    h.core.dispatch(Request::CancelSend(OutboxRef { outbox_id: sent.outbox_id })).await?;
    let again = h.core.dispatch(Request::CancelSend(OutboxRef { outbox_id: sent.outbox_id })).await;
    assert!(again.is_err(), "cancelling twice is refused");

    set_setting(&h.core, settings::UNDO_SECONDS, "0").await?;
    let next = send_text(&h, conv, "正しい返事").await?;
    assert_eq!(next.route, Route::Reply, "the cancelled message gave its token back");
    let got = received_texts(&h, &u.user_id, 1).await?;
    assert_eq!(got, [("正しい返事".to_string(), Via::Reply)]);

    let thread = match h.core.dispatch(Request::GetThread(GetThread { conversation_id: conv, before: None, limit: None, around: None })).await? {
        Response::Thread(t) => t,
        other => anyhow::bail!("unexpected {other:?}"),
    };
    let cancelled = thread.messages.iter().find(|m| m.text.as_deref() == Some("まちがえた"));
    assert_eq!(cancelled.map(|m| m.status), Some(MessageStatus::Cancelled));
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(h.sim.received(&u.user_id).len(), 1, "the cancelled message never left");
    Ok(())
}

#[tokio::test]
async fn over_long_and_empty_texts_are_refused_in_both_languages() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    let u = h.sim.add_user("加藤");
    h.ingest(vec![h.sim.event_text(&u.user_id, "hi", None)]).await?;
    let conv = h.conversation_of(&u.user_id).await?;
    // 2 500 emoji = 5 000 UTF-16 units (fits); one more character does not.
    let fits = "😀".repeat(2500);
    assert!(send_text(&h, conv, &fits).await.is_ok(), "5 000 UTF-16 units must be accepted");
    let err = send_text(&h, conv, &format!("{fits}a")).await.err().ok_or_else(|| anyhow::anyhow!("5 001 units must be refused"))?;
    let api = err.downcast_ref::<madoguchi_core::api::ApiError>().ok_or_else(|| anyhow::anyhow!("ApiError expected: {err}"))?;
    assert_eq!(api.code, "invalid");
    assert!(api.message_ja.contains("5000"), "{api:?}");
    assert!(send_text(&h, conv, "   ").await.is_err(), "blank text is refused");
    Ok(())
}

#[tokio::test]
async fn an_image_from_a_local_file_is_served_from_the_public_https_base() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    set_setting(&h.core, settings::UNDO_SECONDS, "0").await?;
    let u = h.sim.add_user("中村");
    h.ingest(vec![h.sim.event_text(&u.user_id, "写真ください", None)]).await?;
    let conv = h.conversation_of(&u.user_id).await?;
    let dir = tempfile::tempdir()?;
    let png = dir.path().join("見本 <b>.png");
    // A 1×1 PNG.
    let bytes: &[u8] = &[
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0,
        0x1f, 0x15, 0xc4, 0x89, 0, 0, 0, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0, 0x1f, 0, 0x05, 0,
        0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
    ];
    std::fs::write(&png, bytes)?;
    let image = OutgoingContent::Image { path: png.to_string_lossy().into_owned() };

    let refused = h.core.dispatch(Request::SendMessage(SendMessage { client_key: None, conversation_id: conv, content: image.clone() })).await;
    let err = refused.err().ok_or_else(|| anyhow::anyhow!("without a public https base, media cannot be sent"))?;
    assert!(err.message_ja.contains("https"), "{err:?}");

    set_setting(&h.core, settings::PUBLIC_BASE_URL, "https://shop.example.jp/").await?;
    h.core.dispatch(Request::SendMessage(SendMessage { client_key: None, conversation_id: conv, content: image })).await?;
    let got = eventually(10, "the image reaches the customer", || async {
        Ok(h.sim.received(&u.user_id).into_iter().next())
    })
    .await?;
    let url = got.message["originalContentUrl"].as_str().unwrap_or_default().to_string();
    assert!(url.starts_with("https://shop.example.jp/media/") && url.ends_with(".png"), "{url}");
    let file = url.rsplit('/').next().unwrap_or_default();
    let public = madoguchi_core::inbox::media::lookup(&h.core.store().pool, file, true).await?;
    assert_eq!(public.as_deref(), Some("image/png"), "sent media must be public for LINE to fetch");
    assert!(h.core.store().media_dir().join(file).is_file());
    Ok(())
}

#[tokio::test]
async fn a_chat_keeps_its_five_newest_reply_tokens() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    set_setting(&h.core, settings::UNDO_SECONDS, "0").await?;
    let u = h.sim.add_user("田中");
    let start = madoguchi_core::time::now_ms() - 10_000;
    // Two requests, so the bound holds across commits as well as within one.
    let events: Vec<_> = (0..7).map(|i| h.sim.event_text(&u.user_id, &format!("質問{i}"), Some(start + i * 1_000))).collect();
    h.ingest(events[..3].to_vec()).await?;
    h.ingest(events[3..].to_vec()).await?;
    let conv = h.conversation_of(&u.user_id).await?;
    let mut routes = Vec::new();
    for i in 0..7 {
        routes.push(send_text(&h, conv, &format!("回答{i}")).await?.route);
    }
    let mut want = vec![Route::Reply; 5];
    want.extend([Route::Push, Route::Push]);
    assert_eq!(routes, want, "the two oldest tokens were dropped");
    let got = received_texts(&h, &u.user_id, 7).await?;
    let vias: Vec<Via> = got.into_iter().map(|(_, via)| via).collect();
    assert_eq!(vias.iter().filter(|v| **v == Via::Reply).count(), 5, "LINE accepted every reply token we kept: {vias:?}");
    Ok(())
}
