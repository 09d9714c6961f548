//! A friend who blocked the account (unfollow) cannot be messaged: LINE would take the
//! push and deliver nothing, so the send is refused with the reason.

use std::time::Duration;

use madoguchi_core::api::types::*;
use madoguchi_core::api::Request;
use madoguchi_core::settings;

use crate::support::{set_setting, Harness};

#[tokio::test]
async fn sending_to_a_friend_who_blocked_the_account_is_refused() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    set_setting(&h.core, settings::UNDO_SECONDS, "0").await?;
    let u = h.sim.add_user("佐藤 健");
    h.ingest(vec![h.sim.event_text(&u.user_id, "こんにちは", None)]).await?;
    let conv = h.conversation_of(&u.user_id).await?;
    h.ingest(vec![h.sim.event_unfollow(&u.user_id, None)]).await?;

    let r = h
        .core
        .dispatch(Request::SendMessage(SendMessage { client_key: None, conversation_id: conv, content: OutgoingContent::Text { text: "お元気ですか".into() } }))
        .await;
    let e = r.err().ok_or_else(|| anyhow::anyhow!("a send to a blocked friend was accepted"))?;
    assert_eq!(e.code, "invalid");
    assert!(e.message_ja.contains("ブロック"), "{}", e.message_ja);
    assert!(e.message.contains("blocked"), "{}", e.message);

    tokio::time::sleep(Duration::from_millis(300)).await;
    let pushed: i64 = sqlx::query_scalar("SELECT count(*) FROM outbox WHERE conversation_id = ?")
        .bind(conv)
        .fetch_one(&h.core.store().pool)
        .await?;
    assert_eq!(pushed, 0, "nothing is queued");
    assert!(h.sim.received(&u.user_id).is_empty());
    Ok(())
}
