//! Broadcasts' methods of the one API (declared in `api/methods.rs`).

use crate::broadcast::model::{
    AudienceTag, BroadcastAccount, BroadcastDetail, BroadcastPreview, BroadcastRef, BroadcastView, CreateBroadcast,
    PreviewBroadcast,
};
use crate::broadcast::store;
use crate::events::CoreEvent;
use crate::runtime::Core;
use crate::Result;

/// The account asked for, or the only one.
async fn account(core: &Core, account_id: Option<i64>) -> Result<i64> {
    match account_id {
        Some(id) => Ok(id),
        None => core.default_account_id().await,
    }
}

pub async fn preview_broadcast(core: &Core, q: PreviewBroadcast) -> Result<BroadcastPreview> {
    let account_id = account(core, q.account_id).await?;
    store::preview(core, account_id, &q.audience).await
}

pub async fn create_broadcast(core: &Core, q: CreateBroadcast) -> Result<BroadcastView> {
    let account_id = account(core, q.account_id).await?;
    let (view, events) = store::create(core, account_id, q).await?;
    for e in events {
        core.events().publish(e);
    }
    core.wakeups().broadcast.notify_one();
    Ok(view)
}

pub async fn list_broadcasts(core: &Core, q: BroadcastAccount) -> Result<Vec<BroadcastView>> {
    let account_id = account(core, q.account_id).await?;
    store::list(&core.store().pool, account_id).await
}

pub async fn get_broadcast(core: &Core, q: BroadcastRef) -> Result<BroadcastDetail> {
    store::detail(&core.store().pool, q.broadcast_id).await
}

pub async fn cancel_broadcast(core: &Core, q: BroadcastRef) -> Result<BroadcastView> {
    let view = store::cancel(&core.store().pool, q.broadcast_id).await?;
    core.events().publish(CoreEvent::BroadcastUpdated { broadcast_id: q.broadcast_id });
    core.wakeups().broadcast.notify_one();
    Ok(view)
}

pub async fn list_tags_for_audience(core: &Core, q: BroadcastAccount) -> Result<Vec<AudienceTag>> {
    let account_id = account(core, q.account_id).await?;
    store::audience_tags(&core.store().pool, account_id).await
}
