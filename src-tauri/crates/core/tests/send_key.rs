//! The desk's key for a send (`clientKey`): a repeated request with the same key makes
//! no second row and no second LINE message, `GetSendByKey` says what became of it
//! (none, queued, sent, failed, cancelled), and a key that is not one is refused in both
//! languages.

use madoguchi_core::api::types::*;
use madoguchi_core::api::{ApiError, Request, Response};
use madoguchi_core::settings;

use crate::support::{eventually, set_setting, Harness};

fn text_send(conversation_id: i64, text: &str, key: &str) -> Request {
    Request::SendMessage(SendMessage {
        conversation_id,
        content: OutgoingContent::Text { text: text.into() },
        client_key: Some(key.into()),
    })
}

async fn accepted(h: &Harness, req: Request) -> anyhow::Result<SendAccepted> {
    match h.core.dispatch(req).await? {
        Response::SendAccepted(a) => Ok(a),
        other => anyhow::bail!("unexpected {other:?}"),
    }
}

async fn by_key(h: &Harness, key: &str) -> anyhow::Result<SendStatus> {
    match h.core.dispatch(Request::GetSendByKey(GetSendByKey { client_key: key.into() })).await? {
        Response::SendStatus(s) => Ok(s),
        other => anyhow::bail!("unexpected {other:?}"),
    }
}

async fn outbox_rows(h: &Harness, conversation_id: i64) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar("SELECT count(*) FROM outbox WHERE conversation_id = ?").bind(conversation_id).fetch_one(&h.core.store().pool).await?)
}

async fn chat(h: &Harness, name: &str) -> anyhow::Result<(i64, String)> {
    let u = h.sim.add_user(name);
    h.ingest(vec![h.sim.event_text(&u.user_id, "こんにちは", None)]).await?;
    Ok((h.conversation_of(&u.user_id).await?, u.user_id))
}

fn texts_received(h: &Harness, user: &str) -> Vec<String> {
    h.sim.received(user).into_iter().filter_map(|r| r.message["text"].as_str().map(str::to_owned)).collect()
}

#[tokio::test]
async fn the_same_key_twice_is_one_row_and_one_line_message() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    set_setting(&h.core, settings::UNDO_SECONDS, "0").await?;
    let (conv, user) = chat(&h, "佐々木").await?;
    let key = uuid::Uuid::new_v4().to_string();

    let unknown = by_key(&h, &key).await?;
    assert_eq!(unknown, SendStatus { state: SendState::None, conversation_id: None, outbox_id: None, message_id: None });

    // The desk's resend after a lost answer, and a double click racing the first request.
    let first = accepted(&h, text_send(conv, "明日10時でお待ちしています", &key)).await?;
    let (again, racing) = tokio::join!(
        accepted(&h, text_send(conv, "明日10時でお待ちしています", &key)),
        accepted(&h, text_send(conv, "明日10時でお待ちしています", &key)),
    );
    assert_eq!(again?, first, "a repeat answers the first send");
    assert_eq!(racing?, first);
    assert_eq!(outbox_rows(&h, conv).await?, 1, "one outbox row for one key");

    let sent = eventually(15, "the send to be sent", || async {
        let s = by_key(&h, &key).await?;
        Ok((s.state == SendState::Sent).then_some(s))
    })
    .await?;
    assert_eq!((sent.outbox_id, sent.message_id, sent.conversation_id), (Some(first.outbox_id), Some(first.message_id), Some(conv)));
    // A repeat after it went out still sends nothing.
    assert_eq!(accepted(&h, text_send(conv, "明日10時でお待ちしています", &key)).await?, first);
    // Another key is another message: the key, not the text, names a send.
    let other = uuid::Uuid::new_v4().to_string();
    let second = accepted(&h, text_send(conv, "明日10時でお待ちしています", &other)).await?;
    assert_ne!(second.outbox_id, first.outbox_id);
    eventually(15, "the second send to be sent", || async { Ok((by_key(&h, &other).await?.state == SendState::Sent).then_some(())) }).await?;
    assert_eq!(texts_received(&h, &user), vec!["明日10時でお待ちしています"; 2], "one LINE message per key");
    Ok(())
}

#[tokio::test]
async fn a_template_sent_twice_with_its_key_is_sent_once() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    set_setting(&h.core, settings::UNDO_SECONDS, "0").await?;
    let (conv, user) = chat(&h, "森").await?;
    let saved = h
        .core
        .dispatch(Request::SaveTemplate(SaveTemplate {
            account_id: h.account_id,
            id: None,
            folder_id: None,
            title: "営業時間".into(),
            bubbles: vec![TemplateBubble::Text { text: "営業時間は10時から19時です".into() }],
        }))
        .await?;
    let Response::Template(tpl) = saved else { anyhow::bail!("saveTemplate: {saved:?}") };
    let key = uuid::Uuid::new_v4().to_string();
    let send = || Request::SendTemplate(UseTemplate { template_id: tpl.id, conversation_id: conv, answers: Default::default(), client_key: Some(key.clone()) });
    let first = accepted(&h, send()).await?;
    assert_eq!(accepted(&h, send()).await?, first);
    assert_eq!(outbox_rows(&h, conv).await?, 1);
    eventually(15, "the template to be sent", || async { Ok((by_key(&h, &key).await?.state == SendState::Sent).then_some(())) }).await?;
    assert_eq!(texts_received(&h, &user), vec!["営業時間は10時から19時です"]);
    Ok(())
}

#[tokio::test]
async fn get_send_by_key_follows_the_row_queued_cancelled_failed() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    set_setting(&h.core, settings::UNDO_SECONDS, "600").await?;
    let (conv, _) = chat(&h, "石井").await?;

    // Inside the undo window: queued, then undone.
    let key = uuid::Uuid::new_v4().to_string();
    let a = accepted(&h, text_send(conv, "まちがい", &key)).await?;
    assert_eq!(by_key(&h, &key).await?.state, SendState::Queued);
    h.core.dispatch(Request::CancelSend(OutboxRef { outbox_id: a.outbox_id })).await?;
    let s = by_key(&h, &key).await?;
    assert_eq!((s.state, s.outbox_id), (SendState::Cancelled, Some(a.outbox_id)));
    // The undone send is not revived by its key.
    assert_eq!(accepted(&h, text_send(conv, "まちがい", &key)).await?.outbox_id, a.outbox_id);
    assert_eq!(by_key(&h, &key).await?.state, SendState::Cancelled);

    // LINE refuses the push: failed (the thread offers 再送).
    set_setting(&h.core, settings::UNDO_SECONDS, "0").await?;
    h.sim.faults().fail_next("push", 400, 1);
    h.sim.faults().fail_next("reply", 400, 1);
    let key = uuid::Uuid::new_v4().to_string();
    accepted(&h, text_send(conv, "届かない", &key)).await?;
    eventually(15, "LINE's refusal to be recorded", || async { Ok((by_key(&h, &key).await?.state == SendState::Failed).then_some(())) }).await?;
    Ok(())
}

fn refused(r: Result<Response, ApiError>) -> ApiError {
    match r {
        Err(e) => e,
        Ok(ok) => panic!("accepted: {ok:?}"),
    }
}

#[tokio::test]
async fn a_bad_key_is_refused_in_both_languages_and_sends_nothing() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    let (conv, _) = chat(&h, "小川").await?;
    for bad in ["", "short", "has space in it 0123456789", "キーキーキーキーキーキーキーキー", &"k".repeat(65), "0123456789abcdef\n"] {
        let e = refused(h.core.dispatch(text_send(conv, "こんにちは", bad)).await);
        assert_eq!(e.code, "invalid", "{bad:?}: {e:?}");
        assert!(e.message_ja.contains("送信キー") && e.message.contains("clientKey"), "{e:?}");
        let e = refused(h.core.dispatch(Request::GetSendByKey(GetSendByKey { client_key: bad.into() })).await);
        assert_eq!(e.code, "invalid", "{bad:?}: {e:?}");
    }
    assert_eq!(outbox_rows(&h, conv).await?, 0, "nothing was queued");

    // One key, two chats: the second is refused, not answered with the first chat's send.
    let (other, _) = chat(&h, "中村").await?;
    let key = uuid::Uuid::new_v4().to_string();
    accepted(&h, text_send(conv, "はい", &key)).await?;
    let e = refused(h.core.dispatch(text_send(other, "はい", &key)).await);
    assert!(e.code == "invalid" && e.message_ja.contains("別のチャット"), "{e:?}");
    assert_eq!(outbox_rows(&h, other).await?, 0);
    // Without a key a send is as before: each request is a message.
    for _ in 0..2 {
        let req = Request::SendMessage(SendMessage { conversation_id: other, content: OutgoingContent::Text { text: "鍵なし".into() }, client_key: None });
        accepted(&h, req).await?;
    }
    assert_eq!(outbox_rows(&h, other).await?, 2);
    Ok(())
}
