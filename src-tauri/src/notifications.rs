//! Desktop notifications. Core decides (`madoguchi_core::notify::notification_for`:
//! inbound only, UI focus, popup/sound settings, quiet hours); the
//! `madoguchi-desktop-notify` crate shows it; this module only wires the two to the
//! app: a click (Linux, Windows while the app runs, macOS) brings the main window to
//! the front and tells the UI which chat to open.

use madoguchi_core::notify::notification_for;
use madoguchi_core::Core;
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::MAIN_WINDOW;

/// Tauri event the UI listens to: open this conversation (payload [`OpenConversation`]).
pub const OPEN_CONVERSATION: &str = "open-conversation";

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenConversation {
    pub conversation_id: i64,
}

/// Subscribes to core events and shows a notification for each one core says should notify.
pub fn start<R: Runtime>(app: AppHandle<R>, core: &Core, app_identifier: &str) {
    madoguchi_desktop_notify::init(app_identifier);
    let mut rx = core.events().subscribe();
    let core = core.clone();
    tauri::async_runtime::spawn(async move {
        use tokio::sync::broadcast::error::RecvError;
        loop {
            let event = match rx.recv().await {
                Ok(event) => event,
                Err(RecvError::Lagged(missed)) => {
                    tracing::warn!(missed, "notifications missed core events");
                    continue;
                }
                Err(RecvError::Closed) => return,
            };
            let notification = match notification_for(&core, &event).await {
                Ok(Some(n)) => n,
                Ok(None) => continue,
                Err(e) => {
                    tracing::warn!(error = %e, "could not prepare a notification");
                    continue;
                }
            };
            show(&app, notification);
        }
    });
}

/// Brings the main window to the front and asks the UI to open the chat.
fn open_conversation<R: Runtime>(app: &AppHandle<R>, conversation_id: i64) {
    if let Some(window) = app.get_webview_window(MAIN_WINDOW) {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
    if let Err(e) = app.emit(OPEN_CONVERSATION, OpenConversation { conversation_id }) {
        tracing::warn!(error = %e, "could not ask the UI to open a conversation");
    }
}

/// Client mode: the hub's messages, judged by the hub-client for the member this desk
/// is paired as (their notification scope, the shop's settings and quiet hours) with
/// this desk's own focus.
pub fn start_client<R: Runtime>(
    app: AppHandle<R>,
    link: std::sync::Arc<madoguchi_hub_client::Link>,
    mut rx: tokio::sync::broadcast::Receiver<madoguchi_core::events::CoreEvent>,
    app_identifier: &str,
) {
    use madoguchi_core::events::CoreEvent;
    madoguchi_desktop_notify::init(app_identifier);
    tauri::async_runtime::spawn(async move {
        use tokio::sync::broadcast::error::RecvError;
        loop {
            let event = match rx.recv().await {
                Ok(event) => event,
                Err(RecvError::Lagged(_)) => continue,
                Err(RecvError::Closed) => return,
            };
            let CoreEvent::MessageArrived { conversation_id, message_id, .. } = event else { continue };
            let focus = app.state::<crate::hub::HubFocus>().0.get();
            let notification = match link.notification(conversation_id, message_id, &focus).await {
                Ok(Some(n)) => n,
                Ok(None) => continue,
                Err(e) => {
                    tracing::warn!(error = %e, "could not prepare a notification from the hub");
                    continue;
                }
            };
            show(&app, notification);
        }
    });
}

/// Shows `notification`; a click opens its chat. notify-rust blocks while it talks to
/// the OS, so it runs off the async workers.
fn show<R: Runtime>(app: &AppHandle<R>, notification: madoguchi_core::notify::Notification) {
    let app = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let on_click = move |conversation_id| open_conversation(&app, conversation_id);
        if let Err(e) = madoguchi_desktop_notify::show(&notification, on_click) {
            tracing::warn!(error = %e, "could not show a notification");
        }
    });
}
