//! Reply-time tracking's methods of the one API (declared in `api/methods.rs`).

use crate::api::types::ConversationView;
use crate::events::CoreEvent;
use crate::replytime::{self, model::ReplyTimeQuery, model::ReplyTimeReport, model::ReplyTimeSettings, model::SetConversationStatus};
use crate::runtime::Core;
use crate::Result;

pub async fn set_conversation_status(core: &Core, q: SetConversationStatus) -> Result<ConversationView> {
    let pool = &core.store().pool;
    replytime::set_status(pool, q.conversation_id, q.status).await?;
    core.events().publish(CoreEvent::ConversationUpdated { conversation_id: q.conversation_id });
    crate::inbox::conversations::get(pool, q.conversation_id).await
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
