//! Phone: the call button message and call requests ("電話してほしい") against the LINE
//! simulator: received text within hours, a polite note for a repeat within the
//! spacing, the absence text outside hours, 要対応 + `callRequested`, never a push.

use std::time::Duration;

use linesim::{SimConfig, Via};
use madoguchi_core::api::types::*;
use madoguchi_core::api::{ApiError, Request, Response};
use madoguchi_core::events::CoreEvent;
use madoguchi_core::phone::CALL_REQUEST_DATA;
use madoguchi_core::settings;

use crate::shop::{jst, settled, shop_hours, texts};
use crate::support::{eventually, set_setting, Harness};

const RECEIVED: &str = "お電話のご依頼を承りました。折り返しお電話いたします。";
const POLITE: &str = "すでに承っております。今しばらくお待ちください。";
const ABSENCE: &str = "ただいま営業時間外です。{次の営業開始} 以降に折り返しお電話いたします。";

async fn call(h: &Harness, r: Request) -> Result<Response, ApiError> {
    h.core.dispatch(r).await
}

fn phone_settings(spacing_minutes: i64) -> PhoneSettings {
    PhoneSettings {
        enabled: true,
        phone: "03-1234-5678".into(),
        spacing_minutes,
        received_text: RECEIVED.into(),
        polite_text: POLITE.into(),
        absence_text: ABSENCE.into(),
    }
}

async fn harness_at_fixed_times() -> anyhow::Result<Harness> {
    let h = Harness::with_sim(SimConfig { reply_token_ttl: Duration::from_secs(5 * 365 * 86_400), ..SimConfig::default() }).await?;
    set_setting(&h.core, settings::REPLY_SAFE_WINDOW_SECONDS, &(5 * 365 * 86_400).to_string()).await?;
    Ok(h)
}

async fn setup(h: &Harness, spacing_minutes: i64) -> anyhow::Result<()> {
    call(h, Request::SetBusinessHours(SetBusinessHours { account_id: h.account_id, hours: shop_hours() })).await?;
    call(h, Request::SetPhoneSettings(SetPhoneSettings { account_id: h.account_id, phone: phone_settings(spacing_minutes) }))
        .await?;
    Ok(())
}

async fn status(h: &Harness, conversation_id: i64) -> anyhow::Result<String> {
    Ok(sqlx::query_scalar("SELECT status FROM conversations WHERE id = ?")
        .bind(conversation_id)
        .fetch_one(&h.core.store().pool)
        .await?)
}

fn call_requested(rx: &mut tokio::sync::broadcast::Receiver<CoreEvent>, conversation_id: i64) -> usize {
    let mut n = 0;
    while let Ok(e) = rx.try_recv() {
        if e == (CoreEvent::CallRequested { conversation_id }) {
            n += 1;
        }
    }
    n
}

#[tokio::test]
async fn call_requests_are_spaced_and_answered_by_reply_token() -> anyhow::Result<()> {
    let h = harness_at_fixed_times().await?;
    setup(&h, 30).await?;
    let mut rx = h.core.events().subscribe();
    let u = h.sim.add_user("山田 花子");

    // Tuesday 14:00, open: received text, 要対応, a notification.
    h.ingest(vec![h.sim.event_postback(&u.user_id, CALL_REQUEST_DATA, None, Some(jst(2026, 11, 17, 14, 0)))]).await?;
    settled(&h).await?;
    let conv = h.conversation_of(&u.user_id).await?;
    assert_eq!(texts(&h, &u.user_id), [(RECEIVED.to_string(), Via::Reply)]);
    assert_eq!(status(&h, conv).await?, "needsAction", "a call request makes the chat 要対応");
    assert_eq!(call_requested(&mut rx, conv), 1, "the desktop is told");

    // 20 minutes later: a repeat within 30 minutes gets only the polite note.
    h.ingest(vec![h.sim.event_postback(&u.user_id, CALL_REQUEST_DATA, None, Some(jst(2026, 11, 17, 14, 20)))]).await?;
    settled(&h).await?;
    assert_eq!(texts(&h, &u.user_id).last(), Some(&(POLITE.to_string(), Via::Reply)));
    assert_eq!(call_requested(&mut rx, conv), 0, "no second notification for a repeat");

    // 29 minutes after the first (repeats do not restart the spacing): still a repeat.
    h.ingest(vec![h.sim.event_postback(&u.user_id, CALL_REQUEST_DATA, None, Some(jst(2026, 11, 17, 14, 29)))]).await?;
    settled(&h).await?;
    assert_eq!(texts(&h, &u.user_id).last(), Some(&(POLITE.to_string(), Via::Reply)));

    // 31 minutes after the first: a new request.
    h.ingest(vec![h.sim.event_postback(&u.user_id, CALL_REQUEST_DATA, None, Some(jst(2026, 11, 17, 14, 31)))]).await?;
    settled(&h).await?;
    assert_eq!(texts(&h, &u.user_id).last(), Some(&(RECEIVED.to_string(), Via::Reply)));
    assert_eq!(status(&h, conv).await?, "needsAction");
    assert_eq!(call_requested(&mut rx, conv), 1);
    assert_eq!(texts(&h, &u.user_id).len(), 4);

    // Other postbacks are not call requests.
    h.ingest(vec![h.sim.event_postback(&u.user_id, "action=menu", None, Some(jst(2026, 11, 17, 15, 0)))]).await?;
    settled(&h).await?;
    assert_eq!(texts(&h, &u.user_id).len(), 4);

    let outcomes: Vec<String> = sqlx::query_scalar("SELECT outcome FROM call_requests WHERE conversation_id = ? ORDER BY id")
        .bind(conv)
        .fetch_all(&h.core.store().pool)
        .await?;
    assert_eq!(outcomes, ["received", "repeat", "repeat", "received"]);
    assert_eq!(h.sim.stats().requests("push"), 0, "call requests never cost a push");
    Ok(())
}

#[tokio::test]
async fn a_spacing_setting_of_zero_answers_every_request() -> anyhow::Result<()> {
    let h = harness_at_fixed_times().await?;
    setup(&h, 0).await?;
    let u = h.sim.add_user("佐藤 健");
    h.ingest(vec![h.sim.event_postback(&u.user_id, CALL_REQUEST_DATA, None, Some(jst(2026, 11, 17, 14, 0)))]).await?;
    h.ingest(vec![h.sim.event_postback(&u.user_id, CALL_REQUEST_DATA, None, Some(jst(2026, 11, 17, 14, 1)))]).await?;
    settled(&h).await?;
    assert_eq!(texts(&h, &u.user_id), [(RECEIVED.to_string(), Via::Reply), (RECEIVED.to_string(), Via::Reply)]);
    assert_eq!(h.sim.stats().requests("push"), 0);
    Ok(())
}

#[tokio::test]
async fn outside_hours_a_call_request_gets_the_absence_text_with_the_next_opening() -> anyhow::Result<()> {
    let h = harness_at_fixed_times().await?;
    setup(&h, 30).await?;
    let mut rx = h.core.events().subscribe();
    let u = h.sim.add_user("鈴木 一郎");

    // Tuesday 22:00: closed, opens tomorrow 10:00.
    h.ingest(vec![h.sim.event_postback(&u.user_id, CALL_REQUEST_DATA, None, Some(jst(2026, 11, 17, 22, 0)))]).await?;
    settled(&h).await?;
    let conv = h.conversation_of(&u.user_id).await?;
    assert_eq!(
        texts(&h, &u.user_id),
        [("ただいま営業時間外です。明日 10:00 以降に折り返しお電話いたします。".to_string(), Via::Reply)]
    );
    assert_eq!(status(&h, conv).await?, "needsAction", "the owner still has to call back");
    assert_eq!(call_requested(&mut rx, conv), 1);

    // Saturday 18:00: Sunday closed, Monday 11/23 is 勤労感謝の日 → Tuesday.
    let v = h.sim.add_user("中村 さくら");
    h.ingest(vec![h.sim.event_postback(&v.user_id, CALL_REQUEST_DATA, None, Some(jst(2026, 11, 21, 18, 0)))]).await?;
    settled(&h).await?;
    assert_eq!(
        texts(&h, &v.user_id),
        [("ただいま営業時間外です。11月24日(火) 10:00 以降に折り返しお電話いたします。".to_string(), Via::Reply)]
    );
    assert_eq!(h.sim.stats().requests("push"), 0);
    Ok(())
}

#[tokio::test]
async fn switched_off_or_stale_call_requests_send_nothing() -> anyhow::Result<()> {
    // Real clock, default safe window: an event from an hour ago has a dead reply token.
    let h = Harness::new().await?;
    call(&h, Request::SetPhoneSettings(SetPhoneSettings { account_id: h.account_id, phone: phone_settings(30) })).await?;
    let u = h.sim.add_user("高橋");
    let hour_ago = madoguchi_core::time::now_ms() - 3_600_000;
    h.ingest(vec![h.sim.event_postback(&u.user_id, CALL_REQUEST_DATA, None, Some(hour_ago))]).await?;
    settled(&h).await?;
    let conv = h.conversation_of(&u.user_id).await?;
    assert!(texts(&h, &u.user_id).is_empty(), "never pushed");
    assert_eq!(status(&h, conv).await?, "needsAction", "still recorded for the owner");

    let off = PhoneSettings { enabled: false, ..phone_settings(30) };
    call(&h, Request::SetPhoneSettings(SetPhoneSettings { account_id: h.account_id, phone: off })).await?;
    let v = h.sim.add_user("小林");
    h.ingest(vec![h.sim.event_postback(&v.user_id, CALL_REQUEST_DATA, None, None)]).await?;
    settled(&h).await?;
    assert!(texts(&h, &v.user_id).is_empty());
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM call_requests").fetch_one(&h.core.store().pool).await?;
    assert_eq!(n, 1);
    assert_eq!(h.sim.stats().requests("push"), 0);
    Ok(())
}

#[tokio::test]
async fn phone_settings_validate_the_number_and_the_call_button_is_a_valid_template() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    let account_id = h.account_id;

    // Not set yet: the button cannot be built, in both languages.
    let err = call(&h, Request::BuildCallButton(AccountRef { account_id })).await.expect_err("no phone yet");
    assert!(err.message.contains("phone number") && err.message_ja.contains("電話番号"), "{err:?}");

    for bad in ["abc", "12345", "03-1234-56789-0", "+0 3 1234", "03@1234-5678"] {
        let s = PhoneSettings { phone: bad.into(), ..phone_settings(30) };
        let err = call(&h, Request::SetPhoneSettings(SetPhoneSettings { account_id, phone: s })).await.expect_err(bad);
        assert!(err.message.contains("phone number") && err.message_ja.contains("電話番号"), "{bad}: {err:?}");
    }
    let neg = PhoneSettings { spacing_minutes: -1, ..phone_settings(30) };
    let err = call(&h, Request::SetPhoneSettings(SetPhoneSettings { account_id, phone: neg })).await.expect_err("negative");
    assert!(err.message_ja.contains("間隔"), "{err:?}");

    for (input, tel) in [
        ("03-1234-5678", "tel:+81312345678"),
        ("０９０ １２３４ ５６７８", "tel:+819012345678"),
        ("+81 3-1234-5678", "tel:+81312345678"),
        ("+81 (0)3 1234 5678", "tel:+81312345678"),
        ("+1 415 555 0100", "tel:+14155550100"),
    ] {
        let s = PhoneSettings { phone: input.into(), ..phone_settings(30) };
        match call(&h, Request::SetPhoneSettings(SetPhoneSettings { account_id, phone: s })).await? {
            Response::PhoneSettings(v) => {
                assert_eq!(v.tel_uri.as_deref(), Some(tel), "{input}");
                assert!(v.line_call_note_ja.contains("LINE"));
            }
            other => anyhow::bail!("unexpected {other:?}"),
        }
    }
    call(&h, Request::SetPhoneSettings(SetPhoneSettings { account_id, phone: phone_settings(30) })).await?;

    let message = match call(&h, Request::BuildCallButton(AccountRef { account_id })).await? {
        Response::LineMessage(m) => m.message,
        other => anyhow::bail!("unexpected {other:?}"),
    };
    assert_eq!(message["type"], "template");
    assert_eq!(message["template"]["type"], "buttons");
    let actions = message["template"]["actions"].as_array().cloned().unwrap_or_default();
    assert_eq!(actions[0]["type"], "uri");
    assert_eq!(actions[0]["uri"], "tel:+81312345678");
    assert_eq!(actions[1]["type"], "postback");
    assert_eq!(actions[1]["data"], CALL_REQUEST_DATA);
    assert_eq!(actions[1]["label"], "電話してほしい");

    // Sent through the ordinary sendMessage path: the simulator accepts the template.
    let u = h.sim.add_user("山田");
    h.ingest(vec![h.sim.event_text(&u.user_id, "電話番号を教えてください", None)]).await?;
    let conv = h.conversation_of(&u.user_id).await?;
    call(&h, Request::SendMessage(SendMessage { client_key: None, conversation_id: conv, content: OutgoingContent::CallButton })).await?;
    let got = eventually(10, "the call button reaches the customer", || {
        let got = h.sim.received(&u.user_id);
        async move { Ok((!got.is_empty()).then_some(got)) }
    })
    .await?;
    assert_eq!(got[0].message["template"]["actions"][0]["uri"], "tel:+81312345678");
    Ok(())
}
