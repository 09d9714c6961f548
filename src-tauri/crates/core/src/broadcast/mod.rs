//! Broadcasts to a segment (一斉配信): up to 5 bubbles to every followed friend, or to
//! those a tag expression selects, sent as multicasts of at most 500 recipients through
//! durable batch rows with retry keys — exactly once per recipient across crashes.

pub mod model;
pub mod store;
pub mod worker;

pub use model::*;

use crate::api::types::{Request, Response};
use crate::runtime::Core;
use crate::{CoreError, Result};

async fn account(core: &Core, account_id: Option<i64>) -> Result<i64> {
    match account_id {
        Some(id) => Ok(id),
        None => core.default_account_id().await,
    }
}

/// The API's broadcast requests (the one arm in `api::dispatch`).
pub async fn dispatch(core: &Core, request: Request) -> Result<Response> {
    let pool = &core.store().pool;
    Ok(match request {
        Request::PreviewBroadcast(q) => {
            let account_id = account(core, q.account_id).await?;
            Response::BroadcastPreview(store::preview(core, account_id, &q.audience).await?)
        }
        Request::CreateBroadcast(q) => {
            let account_id = account(core, q.account_id).await?;
            let (view, events) = store::create(core, account_id, q).await?;
            for e in events {
                core.events().publish(e);
            }
            core.wakeups().broadcast.notify_one();
            Response::Broadcast(view)
        }
        Request::ListBroadcasts(q) => {
            let account_id = account(core, q.account_id).await?;
            Response::Broadcasts(store::list(pool, account_id).await?)
        }
        Request::GetBroadcast(q) => Response::BroadcastDetail(store::detail(pool, q.broadcast_id).await?),
        Request::CancelBroadcast(q) => {
            let view = store::cancel(pool, q.broadcast_id).await?;
            core.events().publish(crate::events::CoreEvent::BroadcastUpdated { broadcast_id: q.broadcast_id });
            core.wakeups().broadcast.notify_one();
            Response::Broadcast(view)
        }
        Request::ListTagsForAudience(q) => {
            let account_id = account(core, q.account_id).await?;
            Response::AudienceTags(store::audience_tags(pool, account_id).await?)
        }
        other => return Err(CoreError::Invalid(format!("not a broadcast request: {other:?}"))),
    })
}
