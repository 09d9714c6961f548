//! Sending: the outbox's methods of the one API (declared in `api/methods.rs`).

use crate::conversation::ConversationRef;
use crate::events::CoreEvent;
use crate::outbox::model::{GetSendByKey, OutboxRef, RoutePreview, SendAccepted, SendMessage, SendStatus};
use crate::outbox::{self, client_key, content, upload};
use crate::runtime::Core;
use crate::Result;

pub async fn send_message(core: &Core, q: SendMessage) -> Result<SendAccepted> {
    let pool = &core.store().pool;
    // A send repeated with its key is answered before its content is built again.
    if let Some(done) = client_key::repeated(pool, q.client_key.as_deref(), q.conversation_id).await? {
        return Ok(done);
    }
    let entry = content::build(pool, &core.store().media_dir(), q.conversation_id, q.content).await?;
    let (accepted, events) = outbox::enqueue(pool, q.conversation_id, vec![entry], q.client_key.as_deref()).await?;
    publish(core, events);
    core.wakeups().outbox.notify_one();
    Ok(accepted)
}

pub async fn upload_media(core: &Core, q: upload::UploadMedia) -> Result<upload::UploadedFile> {
    upload::upload(core.store().data_dir(), &q).await
}

pub async fn cancel_send(core: &Core, q: OutboxRef) -> Result<()> {
    publish(core, outbox::cancel(&core.store().pool, q.outbox_id).await?);
    Ok(())
}

pub async fn retry_send(core: &Core, q: OutboxRef) -> Result<()> {
    publish(core, outbox::retry(&core.store().pool, q.outbox_id).await?);
    core.wakeups().outbox.notify_one();
    Ok(())
}

pub async fn get_send_by_key(core: &Core, q: GetSendByKey) -> Result<SendStatus> {
    client_key::status(&core.store().pool, &q.client_key).await
}

pub async fn preview_route(core: &Core, q: ConversationRef) -> Result<RoutePreview> {
    outbox::preview_route(&core.store().pool, q.conversation_id).await
}

/// Events of a committed change, for the UI and the workers.
pub(crate) fn publish(core: &Core, events: Vec<CoreEvent>) {
    for e in events {
        core.events().publish(e);
    }
}
