//! The owner typing shows LINE's loading animation to the customer, at most once per
//! window per chat, and never to someone who blocked the shop.

use anyhow::{ensure, Result};
use madoguchi_core::api::types::ConversationRef;
use madoguchi_core::api::{Request, Response};
use serde_json::json;

use crate::support::Harness;

fn text_event(user: &str, id: &str, text: &str) -> serde_json::Value {
    json!({
        "type": "message", "mode": "active", "timestamp": madoguchi_core::time::now_ms(),
        "webhookEventId": format!("01TYPING{id:0>19}"),
        "deliveryContext": { "isRedelivery": false },
        "source": { "type": "user", "userId": user },
        "replyToken": format!("rt-{id}"),
        "message": { "id": id, "type": "text", "quoteToken": "q", "text": text }
    })
}

async fn typing(h: &Harness, conversation_id: i64) -> Result<bool> {
    match h.core.dispatch(Request::OwnerTyping(ConversationRef { conversation_id })).await {
        Ok(Response::TypingShown(shown)) => Ok(shown),
        other => anyhow::bail!("unexpected answer: {other:?}"),
    }
}

#[tokio::test]
async fn typing_shows_the_loading_animation_once_per_window() -> Result<()> {
    let h = Harness::new().await?;
    let a = h.sim.add_user("田中").user_id;
    let b = h.sim.add_user("佐藤").user_id;
    let (a, b) = (a.as_str(), b.as_str());
    h.ingest(vec![text_event(a, "1", "予約できますか"), text_event(b, "2", "こんにちは")]).await?;
    let ca = h.conversation_of(a).await?;
    let cb = h.conversation_of(b).await?;

    ensure!(typing(&h, ca).await?, "the first keystroke shows the animation");
    ensure!(!typing(&h, ca).await?, "the next keystrokes in the window do not call LINE again");
    ensure!(typing(&h, cb).await?, "another chat has its own window");
    let calls = h.sim.loading_calls();
    ensure!(
        calls == vec![(a.to_owned(), 20), (b.to_owned(), 20)],
        "LINE saw one call per chat with a valid duration: {calls:?}"
    );

    // Blocked: nothing to show to someone who cannot see the chat.
    let c = h.sim.add_user("鈴木").user_id;
    let c = c.as_str();
    h.ingest(vec![text_event(c, "3", "またね")]).await?;
    let cc = h.conversation_of(c).await?;
    sqlx::query("UPDATE friends SET followed = 0 WHERE line_user_id = ?").bind(c).execute(&h.core.store().pool).await?;
    ensure!(!typing(&h, cc).await?, "a blocked friend gets no animation");
    ensure!(h.sim.loading_calls().len() == 2, "and LINE was not called for them");
    Ok(())
}
