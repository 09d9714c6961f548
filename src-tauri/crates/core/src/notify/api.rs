//! Notifications' methods of the one API (declared in `api/methods.rs`).

use crate::notify::{self, NotificationSettings, UiFocus};
use crate::runtime::Core;
use crate::Result;

pub async fn get_notification_settings(core: &Core) -> Result<NotificationSettings> {
    notify::get_settings(&core.store().pool).await
}

pub async fn set_notification_settings(core: &Core, q: NotificationSettings) -> Result<NotificationSettings> {
    notify::set_settings(&core.store().pool, &q).await
}

/// Whether the window has focus and which chat is open: a chat on screen does not notify.
pub async fn ui_focus(core: &Core, q: UiFocus) -> Result<()> {
    core.ui_focus().set(q);
    Ok(())
}
