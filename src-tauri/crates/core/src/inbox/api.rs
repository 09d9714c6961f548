//! The inbox's methods of the one API (declared in `api/methods.rs`).

use crate::assignment::AssignConversation;
use crate::conversation::ConversationRef;
use crate::events::CoreEvent;
use crate::inbox::model::{ConversationPage, ConversationView, GetThread, ListConversations, ThreadPage};
use crate::inbox::{conversations, thread, typing};
use crate::replytime::model::SetConversationStatus;
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

/// Assigning a chat changes it: the answer is the chat as the list shows it.
pub async fn assign_conversation(core: &Core, q: AssignConversation) -> Result<ConversationView> {
    crate::assignment::api::assign(core, &q).await?;
    conversations::get(&core.store().pool, q.conversation_id).await
}

/// A chat's status (要対応 / 対応済み) changes it: the answer is the chat as the list shows it.
pub async fn set_conversation_status(core: &Core, q: SetConversationStatus) -> Result<ConversationView> {
    crate::replytime::api::set_status(core, &q).await?;
    conversations::get(&core.store().pool, q.conversation_id).await
}
