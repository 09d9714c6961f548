//! The inbox's methods of the one API (declared in `api/methods.rs`).

use crate::api::types::{ConversationPage, ConversationRef, GetThread, ListConversations, ThreadPage};
use crate::events::CoreEvent;
use crate::inbox::{conversations, thread, typing};
use crate::runtime::Core;
use crate::Result;

pub async fn list_conversations(core: &Core, q: ListConversations) -> Result<ConversationPage> {
    let account_id = match q.account_id {
        Some(id) => id,
        None => core.default_account_id().await?,
    };
    conversations::list(&core.store().pool, account_id, &q).await
}

pub async fn get_thread(core: &Core, q: GetThread) -> Result<ThreadPage> {
    let pool = &core.store().pool;
    match q.around {
        Some(message_id) => thread::page_around(pool, q.conversation_id, message_id).await,
        None => thread::page(pool, q.conversation_id, q.before, q.limit).await,
    }
}

pub async fn mark_read(core: &Core, q: ConversationRef) -> Result<()> {
    let pool = &core.store().pool;
    let conversation = conversations::get(pool, q.conversation_id).await?;
    if let Some((_, token)) = conversations::mark_read_locally(pool, q.conversation_id).await? {
        // LINE's read receipt is a courtesy to the customer; the local state is what matters.
        if let Some(client) = core.client(conversation.account_id).await {
            tokio::spawn(async move {
                if let Err(e) = client.mark_as_read(&token).await {
                    tracing::warn!(error = %e.reason(), "markAsRead failed");
                }
            });
        }
    }
    core.events().publish(CoreEvent::ConversationUpdated { conversation_id: q.conversation_id });
    Ok(())
}

pub async fn owner_typing(core: &Core, q: ConversationRef) -> Result<bool> {
    typing::owner_typing(core, q.conversation_id).await
}
