//! Who did what: the owner's history of settings changes (declared in `api/methods.rs`).

use super::model::{ListSettingsHistory, SettingsHistoryPage};
use super::store;
use crate::runtime::Core;
use crate::Result;

pub async fn list_settings_history(core: &Core, q: ListSettingsHistory) -> Result<SettingsHistoryPage> {
    store::settings_history(&core.store().pool, &q).await
}
