//! A send result that cannot be written must not stop the chat: the write is tried
//! again, then the row is settled with the reason (a send LINE accepted is marked sent
//! and never sent again), and the chat's later rows are sent. The failure is injected
//! with a trigger, the way a clash on LINE's message id would fail the write.

use std::time::Duration;

use madoguchi_core::api::types::*;
use madoguchi_core::api::{Request, Response};
use madoguchi_core::settings;

use crate::support::{eventually, set_setting, Harness};

const TEXTS: [&str; 3] = ["一通目です", "二通目です", "三通目です"];

async fn send_text(h: &Harness, conversation_id: i64, text: &str) -> anyhow::Result<SendAccepted> {
    match h
        .core
        .dispatch(Request::SendMessage(SendMessage { client_key: None, conversation_id, content: OutgoingContent::Text { text: text.into() } }))
        .await?
    {
        Response::SendAccepted(a) => Ok(a),
        other => anyhow::bail!("unexpected response {other:?}"),
    }
}

/// Sends the three texts to one chat and waits until the customer has all three;
/// fails if any arrives twice or out of order.
async fn three_reach_the_customer(h: &Harness, trigger: &str) -> anyhow::Result<(i64, Vec<SendAccepted>)> {
    set_setting(&h.core, settings::UNDO_SECONDS, "0").await?;
    let u = h.sim.add_user("山田 花子");
    h.ingest(vec![h.sim.event_text(&u.user_id, "予約できますか？", None)]).await?;
    let conv = h.conversation_of(&u.user_id).await?;
    sqlx::query(sqlx::AssertSqlSafe(trigger.to_string())).execute(&h.core.store().pool).await?;
    let mut sent = Vec::new();
    for t in TEXTS {
        sent.push(send_text(h, conv, t).await?);
    }
    let got = eventually(20, "all three messages reach the customer", || async {
        let got: Vec<String> =
            h.sim.received(&u.user_id).iter().map(|r| r.message["text"].as_str().unwrap_or_default().to_string()).collect();
        Ok((got.len() >= TEXTS.len()).then_some(got))
    })
    .await?;
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    let again: Vec<String> =
        h.sim.received(&u.user_id).iter().map(|r| r.message["text"].as_str().unwrap_or_default().to_string()).collect();
    assert_eq!(got, TEXTS, "each message once, in order");
    assert_eq!(again, TEXTS, "nothing is sent a second time");
    Ok((conv, sent))
}

async fn thread(h: &Harness, conversation_id: i64) -> anyhow::Result<Vec<MessageView>> {
    match h.core.dispatch(Request::GetThread(GetThread { conversation_id, before: None, limit: None, around: None })).await? {
        Response::Thread(t) => Ok(t.messages),
        other => anyhow::bail!("unexpected {other:?}"),
    }
}

async fn settled(h: &Harness, conversation_id: i64) -> anyhow::Result<Vec<MessageView>> {
    eventually(10, "every sent message is settled", || async {
        let out: Vec<MessageView> =
            thread(h, conversation_id).await?.into_iter().filter(|m| TEXTS.contains(&m.text.as_deref().unwrap_or(""))).collect();
        Ok(out.iter().all(|m| m.status == MessageStatus::Sent).then_some(out))
    })
    .await
}

#[tokio::test]
async fn a_result_that_cannot_be_saved_does_not_hold_back_the_chat() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    // As when LINE's message id clashes with one already stored (messages_line_id is unique).
    let trigger = format!(
        "CREATE TRIGGER clash BEFORE UPDATE OF line_message_id ON messages WHEN NEW.text = '{}'
         BEGIN SELECT RAISE(ABORT, 'UNIQUE constraint failed: messages.account_id, messages.line_message_id'); END",
        TEXTS[0]
    );
    let (conv, sent) = three_reach_the_customer(&h, &trigger).await?;
    let messages = settled(&h, conv).await?;
    let first = messages.iter().find(|m| m.text.as_deref() == Some(TEXTS[0])).ok_or_else(|| anyhow::anyhow!("first message"))?;
    let reason = first.error.as_deref().unwrap_or_default();
    assert!(reason.contains("UNIQUE constraint failed"), "the owner sees why: {reason:?}");
    assert!(reason.contains("再送はしません"), "{reason:?}");
    let (status, last_error): (String, Option<String>) =
        sqlx::query_as("SELECT status, last_error FROM outbox WHERE id = ?").bind(sent[0].outbox_id).fetch_one(&h.core.store().pool).await?;
    assert_eq!(status, "sent", "LINE accepted it: never offered for resending");
    assert!(last_error.is_some_and(|e| e.contains("UNIQUE")));
    for m in messages.iter().filter(|m| m.text.as_deref() != Some(TEXTS[0])) {
        assert_eq!(m.error, None, "{:?}", m.text);
    }
    Ok(())
}

#[tokio::test]
async fn a_row_whose_result_cannot_be_written_at_all_does_not_hold_back_the_chat() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    // Even the fallback write of the first row fails: it stays `sending`.
    let trigger = format!(
        "CREATE TRIGGER stuck BEFORE UPDATE OF status ON outbox WHEN OLD.status = 'sending' AND OLD.messages_json LIKE '%{}%'
         BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END",
        TEXTS[0]
    );
    let (_, sent) = three_reach_the_customer(&h, &trigger).await?;
    let status: String =
        sqlx::query_scalar("SELECT status FROM outbox WHERE id = ?").bind(sent[2].outbox_id).fetch_one(&h.core.store().pool).await?;
    assert_eq!(status, "sent");
    Ok(())
}
