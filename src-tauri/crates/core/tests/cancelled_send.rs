//! A send the owner cancelled (取り消す) never left: it is not the chat's last message in
//! the list and search does not find it, by either search path.

use madoguchi_core::api::types::*;
use madoguchi_core::api::{Request, Response};
use madoguchi_core::settings;

use crate::support::{set_setting, Harness};

async fn search(h: &Harness, query: &str) -> anyhow::Result<Vec<SearchHit>> {
    let q = SearchQuery { query: query.into(), account_id: None, before: None, limit: Some(50) };
    match h.core.dispatch(Request::SearchMessages(q)).await? {
        Response::SearchResults(p) => Ok(p.hits),
        other => anyhow::bail!("unexpected response {other:?}"),
    }
}

async fn chat_row(h: &Harness, conversation_id: i64) -> anyhow::Result<ConversationView> {
    let req = ListConversations {
        account_id: Some(h.account_id),
        filter: ConversationFilter::All,
        before: None,
        limit: Some(50),
        tags: None,
        sort: None,
        assignee: None,
    };
    match h.core.dispatch(Request::ListConversations(req)).await? {
        Response::Conversations(p) => {
            p.items.into_iter().find(|c| c.id == conversation_id).ok_or_else(|| anyhow::anyhow!("chat not listed"))
        }
        other => anyhow::bail!("unexpected response {other:?}"),
    }
}

#[tokio::test]
async fn a_cancelled_send_is_neither_the_preview_nor_a_search_hit() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    set_setting(&h.core, settings::UNDO_SECONDS, "60").await?;
    let u = h.sim.add_user("小林");
    h.ingest(vec![h.sim.event_text(&u.user_id, "明日の予約は何時からですか", None)]).await?;
    let conv = h.conversation_of(&u.user_id).await?;
    let before = chat_row(&h, conv).await?;

    let sent = match h
        .core
        .dispatch(Request::SendMessage(SendMessage {
            client_key: None,
            conversation_id: conv,
            content: OutgoingContent::Text { text: "送り先まちがいの返事".into() },
        }))
        .await?
    {
        Response::SendAccepted(a) => a,
        other => anyhow::bail!("unexpected response {other:?}"),
    };
    assert_eq!(chat_row(&h, conv).await?.last_preview.as_deref(), Some("送り先まちがいの返事"), "pending: shown");
    h.core.dispatch(Request::CancelSend(OutboxRef { outbox_id: sent.outbox_id })).await?;

    let after = chat_row(&h, conv).await?;
    assert_eq!(after.last_preview.as_deref(), Some("明日の予約は何時からですか"), "the customer's message is last again");
    assert_eq!(after.last_direction, Some(Direction::In));
    assert_eq!(after.last_message_at, before.last_message_at, "the chat keeps its place in the list");
    // FTS path (3+ characters) and the short-query scan.
    assert!(search(&h, "まちがい").await?.is_empty(), "a cancelled send is not found");
    assert!(search(&h, "返事").await?.is_empty(), "nor by a short query");
    assert_eq!(search(&h, "何時から").await?.len(), 1, "the rest of the chat still is");
    Ok(())
}
