//! The phone's methods of the one API (declared in `api/methods.rs`).

use crate::accounts::model::AccountRef;
use crate::phone::model::{LineMessageView, PhoneSettingsView, SetPhoneSettings};
use crate::phone::store;
use crate::runtime::Core;
use crate::{CoreError, Result};

pub async fn get_phone_settings(core: &Core, q: AccountRef) -> Result<PhoneSettingsView> {
    store::view(&core.store().pool, q.account_id).await
}

pub async fn set_phone_settings(core: &Core, q: SetPhoneSettings) -> Result<PhoneSettingsView> {
    store::set(&core.store().pool, q.account_id, &q.phone).await
}

/// The call button as the LINE message it becomes (the composer previews it).
pub async fn build_call_button(core: &Core, q: AccountRef) -> Result<LineMessageView> {
    let pool = &core.store().pool;
    crate::accounts::check_exists(pool, q.account_id).await?;
    let settings = store::get(pool, q.account_id).await?;
    let message = serde_json::to_value(crate::phone::call_button(&settings)?).map_err(CoreError::from)?;
    Ok(LineMessageView { message })
}
