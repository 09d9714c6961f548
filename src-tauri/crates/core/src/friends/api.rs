//! Customers' methods of the one API (declared in `api/methods.rs`): profiles, notes,
//! custom fields and CSV. Tags and reply times have theirs in `tags::api` and
//! `replytime::api`.

use crate::accounts::model::AccountRef;
use crate::events::CoreEvent;
use crate::friends::model::{
    AddNote, CsvFile, CsvImportResult, CustomField, CustomFieldRef, FriendPage, FriendProfile, FriendRef,
    ImportFriendsCsv, ListFriends, NoteRef, SaveCustomField, SetFieldValue, SetPrivateName, UpdateNote,
};
use crate::friends::{self, csv, fields};
use crate::runtime::Core;
use crate::Result;

pub async fn get_friend(core: &Core, q: FriendRef) -> Result<FriendProfile> {
    friends::profile(&core.store().pool, q.friend_id).await
}

pub async fn list_friends(core: &Core, q: ListFriends) -> Result<FriendPage> {
    friends::list(&core.store().pool, &q).await
}

/// The shop's own name shows in the chat list too: its row is told to refresh.
pub async fn set_private_name(core: &Core, q: SetPrivateName) -> Result<FriendProfile> {
    let pool = &core.store().pool;
    friends::set_private_name(pool, q.friend_id, q.private_name.as_deref()).await?;
    let profile = friends::profile(pool, q.friend_id).await?;
    if let Some(conversation_id) = profile.conversation_id {
        core.events().publish(CoreEvent::ConversationUpdated { conversation_id });
    }
    Ok(profile)
}

pub async fn add_note(core: &Core, q: AddNote) -> Result<FriendProfile> {
    let pool = &core.store().pool;
    let friend_id = friends::add_note(pool, q.friend_id, &q.body).await?;
    friends::profile(pool, friend_id).await
}

pub async fn update_note(core: &Core, q: UpdateNote) -> Result<FriendProfile> {
    let pool = &core.store().pool;
    let friend_id = friends::update_note(pool, q.note_id, &q.body).await?;
    friends::profile(pool, friend_id).await
}

pub async fn delete_note(core: &Core, q: NoteRef) -> Result<FriendProfile> {
    let pool = &core.store().pool;
    let friend_id = friends::delete_note(pool, q.note_id).await?;
    friends::profile(pool, friend_id).await
}

pub async fn list_custom_fields(core: &Core, q: AccountRef) -> Result<Vec<CustomField>> {
    fields::list(&core.store().pool, q.account_id).await
}

pub async fn save_custom_field(core: &Core, q: SaveCustomField) -> Result<Vec<CustomField>> {
    fields::save(&core.store().pool, &q).await
}

pub async fn delete_custom_field(core: &Core, q: CustomFieldRef) -> Result<Vec<CustomField>> {
    fields::delete(&core.store().pool, q.field_id).await
}

pub async fn set_field_value(core: &Core, q: SetFieldValue) -> Result<FriendProfile> {
    let pool = &core.store().pool;
    fields::set_value(pool, &q).await?;
    friends::profile(pool, q.friend_id).await
}

pub async fn export_friends_csv(core: &Core, q: AccountRef) -> Result<CsvFile> {
    csv::export(&core.store().pool, q.account_id).await
}

pub async fn import_friends_csv(core: &Core, q: ImportFriendsCsv) -> Result<CsvImportResult> {
    csv::import(&core.store().pool, q.account_id, &q.content).await
}
