//! Reply-time tracking's methods of the one API (declared in `api/methods.rs`).

use crate::events::CoreEvent;
use crate::replytime::{self, model::ReplyTimeQuery, model::ReplyTimeReport, model::ReplyTimeSettings, model::SetConversationStatus};
use crate::runtime::Core;
use crate::Result;

/// The chat's new status; the API answers with the chat (`inbox::api`).
pub async fn set_status(core: &Core, q: &SetConversationStatus) -> Result<()> {
    replytime::set_status(&core.store().pool, q.conversation_id, q.status).await?;
    core.events().publish(CoreEvent::ConversationUpdated { conversation_id: q.conversation_id });
    Ok(())
}

pub async fn get_reply_time_settings(core: &Core) -> Result<ReplyTimeSettings> {
    replytime::get_settings(&core.store().pool).await
}

pub async fn set_reply_time_settings(core: &Core, q: ReplyTimeSettings) -> Result<ReplyTimeSettings> {
    replytime::set_settings(&core.store().pool, &q).await
}

pub async fn reply_time_report(core: &Core, q: ReplyTimeQuery) -> Result<ReplyTimeReport> {
    replytime::report(&core.store().pool, &q).await
}
