//! Assignment's methods of the one API (declared in `api/methods.rs`).

use crate::assignment::model::{AssignConversation, AutoAssignSettings, MemberName, MyNotifyScope};
use crate::assignment::{auto, store};
use crate::conversation::ConversationRef;
use crate::events::CoreEvent;
use crate::members::actor;
use crate::runtime::Core;
use crate::{CoreError, Result};

/// The chat's new assignee; the API answers with the chat (`inbox::api`).
pub async fn assign(core: &Core, q: &AssignConversation) -> Result<()> {
    store::assign(&core.store().pool, q.conversation_id, q.member_id).await?;
    core.events().publish(CoreEvent::ConversationUpdated { conversation_id: q.conversation_id });
    Ok(())
}

pub async fn list_assignees(core: &Core) -> Result<Vec<MemberName>> {
    store::assignees(&core.store().pool).await
}

pub async fn get_auto_assign(core: &Core) -> Result<AutoAssignSettings> {
    auto::get_settings(&core.store().pool).await
}

pub async fn set_auto_assign(core: &Core, q: AutoAssignSettings) -> Result<AutoAssignSettings> {
    auto::set_settings(&core.store().pool, &q).await
}

/// Without a member (the one person at this PC) every chat is theirs: all.
pub async fn get_my_notify_scope(core: &Core) -> Result<MyNotifyScope> {
    Ok(match actor::current().and_then(|a| a.member_id) {
        Some(id) => MyNotifyScope { scope: store::notify_scope(&core.store().pool, id).await? },
        None => MyNotifyScope::default(),
    })
}

pub async fn set_my_notify_scope(core: &Core, q: MyNotifyScope) -> Result<MyNotifyScope> {
    let Some(id) = actor::current().and_then(|a| a.member_id) else {
        return Err(CoreError::bad_input(
            "only a signed-in member has a notification scope",
            "通知の範囲はログインしたメンバーごとの設定です",
        ));
    };
    store::set_notify_scope(&core.store().pool, id, q.scope).await?;
    get_my_notify_scope(core).await
}

/// Whether the acting member wants a notification for a customer's new message in this
/// chat: their scope ([`NotifyScope::wants`](crate::assignment::NotifyScope::wants))
/// against the chat's assignee now. The one rule both the browser and the desktop
/// shell (as a hub's desk) ask, each for the member it is signed in as. Without a
/// member (the one person at this PC) every chat notifies.
pub async fn should_notify(core: &Core, q: ConversationRef) -> Result<bool> {
    let pool = &core.store().pool;
    let assignee: Option<Option<i64>> = sqlx::query_scalar("SELECT assignee_member_id FROM conversations WHERE id = ?")
        .bind(q.conversation_id)
        .fetch_optional(pool)
        .await?;
    let Some(assignee) = assignee else {
        return Err(CoreError::NotFound(format!("conversation {}", q.conversation_id)));
    };
    let Some(me) = actor::current().and_then(|a| a.member_id) else { return Ok(true) };
    Ok(store::notify_scope(pool, me).await?.wants(me, assignee))
}

/// 「入力中」: tells the other members' screens that the acting member is typing in
/// this chat. An event only, never stored; the screens forget it after a few seconds
/// without another. At most one event per member and chat every
/// [`typing::EVERY`](crate::assignment::typing::EVERY), whatever a screen sends; the
/// others answer Ok all the same. Without a member (nobody else to tell) it does nothing.
pub async fn report_typing(core: &Core, q: ConversationRef) -> Result<()> {
    let Some(actor) = actor::current() else { return Ok(()) };
    let (Some(member_id), Some(name)) = (actor.member_id, actor.name) else { return Ok(()) };
    let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM conversations WHERE id = ?")
        .bind(q.conversation_id)
        .fetch_optional(&core.store().pool)
        .await?;
    if exists.is_none() {
        return Err(CoreError::NotFound(format!("conversation {}", q.conversation_id)));
    }
    if !core.member_typing().take(member_id, q.conversation_id, std::time::Instant::now()) {
        return Ok(());
    }
    core.events().publish(CoreEvent::MemberTyping { conversation_id: q.conversation_id, member_id, name });
    Ok(())
}
