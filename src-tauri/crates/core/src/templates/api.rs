//! Canned replies' (定型文) methods of the one API (declared in `api/methods.rs`).

use crate::accounts::model::AccountRef;
use crate::outbox::model::SendAccepted;
use crate::outbox;
use crate::runtime::Core;
use crate::templates::next_reservation;
use crate::templates::model::{
    RenderedTemplate, SaveTemplate, SaveTemplateFolder, TemplateFolderRef, TemplateLibrary, TemplateRef, TemplateView,
    UseTemplate,
};
use crate::templates::{render, store};
use crate::Result;

pub async fn list_templates(core: &Core, q: AccountRef) -> Result<TemplateLibrary> {
    store::library(&core.store().pool, q.account_id).await
}

pub async fn save_template_folder(core: &Core, q: SaveTemplateFolder) -> Result<TemplateLibrary> {
    store::save_folder(&core.store().pool, &q).await
}

pub async fn delete_template_folder(core: &Core, q: TemplateFolderRef) -> Result<()> {
    store::delete_folder(&core.store().pool, q.folder_id).await
}

pub async fn save_template(core: &Core, q: SaveTemplate) -> Result<TemplateView> {
    store::save(&core.store().pool, &q).await
}

pub async fn delete_template(core: &Core, q: TemplateRef) -> Result<()> {
    store::delete(&core.store().pool, q.template_id).await
}

pub async fn render_template(core: &Core, q: UseTemplate) -> Result<RenderedTemplate> {
    render::render(&core.store().pool, &next_reservation::providers(), &q).await
}

pub async fn send_template(core: &Core, q: UseTemplate) -> Result<SendAccepted> {
    let pool = &core.store().pool;
    if let Some(done) = outbox::client_key::repeated(pool, q.client_key.as_deref(), q.conversation_id).await? {
        return Ok(done);
    }
    let providers = next_reservation::providers();
    let entries = render::entries(pool, &core.store().media_dir(), &providers, &q).await?;
    let (accepted, events) = outbox::enqueue(pool, q.conversation_id, entries, q.client_key.as_deref()).await?;
    outbox::api::publish(core, events);
    core.wakeups().outbox.notify_one();
    Ok(accepted)
}
