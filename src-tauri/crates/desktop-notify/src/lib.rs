//! Shows what `madoguchi_core::notify` decided as a native desktop notification,
//! through notify-rust (Linux: the freedesktop D-Bus service, via zbus; macOS:
//! NSUserNotification; Windows: toast). No Tauri, so it is testable without a window.
//!
//! Clicks: [`show`] waits for the click on a thread, then calls `on_click` with the
//! conversation id: on Linux the freedesktop `default` action the notification
//! carries, on Windows the toast's activation (while the app runs; Windows needs the
//! installed app's id for toasts at all), on macOS NSUserNotificationCenter's click
//! (delivered through the main run loop, which the app's event loop runs).

pub use madoguchi_core::notify::Notification;

/// The application name the notification server shows.
pub const APP_NAME: &str = "窓口 Madoguchi";
/// The freedesktop action invoked when the notification body is clicked.
pub const DEFAULT_ACTION: &str = "default";
/// The freedesktop sound-naming-spec name for an incoming chat message.
pub const XDG_SOUND: &str = "message-new-instant";

pub type Error = notify_rust::error::Error;

static APP_ID: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// How many notifications may wait for a click at once; beyond that, newer ones are
/// shown without click handling.
const MAX_WAITING: usize = 32;
static WAITING: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Tells the OS which installed app the notifications belong to (the bundle
/// identifier, e.g. `jp.madoguchi.app`): macOS shows that app's name and icon, Windows
/// uses it as the AppUserModelID. Nothing to do on Linux (the app name is in each call).
pub fn init(app_identifier: &str) {
    let _ = APP_ID.set(app_identifier.to_string());
    #[cfg(target_os = "macos")]
    if let Err(e) = notify_rust::set_application(app_identifier) {
        tracing::warn!(error = %e, "notifications: could not set the application");
    }
}

/// The notify-rust notification for `n`, as [`show`] sends it.
pub fn build(n: &Notification) -> notify_rust::Notification {
    let mut out = notify_rust::Notification::new();
    out.appname(APP_NAME).summary(&n.title).body(&n.body);
    #[cfg(all(unix, not(target_os = "macos")))]
    {
        use notify_rust::Hint;
        out.action(DEFAULT_ACTION, "開く").hint(Hint::Category("im.received".into()));
        if n.sound {
            out.hint(Hint::SoundName(XDG_SOUND.into()));
        } else {
            out.hint(Hint::SuppressSound(true));
        }
    }
    #[cfg(target_os = "macos")]
    if n.sound {
        out.sound_name("default");
    }
    #[cfg(target_os = "windows")]
    {
        if let Some(id) = APP_ID.get() {
            out.app_id(id);
        }
        if n.sound {
            out.sound_name("Default");
        }
    }
    out
}

/// Shows `n`; a thread waits for a click on it and calls `on_click(conversation_id)`.
/// The thread ends when the notification is clicked or closed.
pub fn show<F>(n: &Notification, on_click: F) -> Result<(), Error>
where
    F: FnOnce(i64) + Send + 'static,
{
    use std::sync::atomic::Ordering;
    // Linux and Windows show it here; on macOS the handle sends it when it waits for the
    // answer, or when it is dropped.
    let handle = build(n).show()?;
    // Servers keep notifications (and so the waiting thread) until the owner dismisses
    // them, macOS in its Notification Center for days: cap how many wait at once.
    if WAITING.fetch_add(1, Ordering::SeqCst) >= MAX_WAITING {
        WAITING.fetch_sub(1, Ordering::SeqCst);
        drop(handle);
        return Ok(());
    }
    let conversation_id = n.conversation_id;
    let wait = move || {
        if let Err(e) = wait_for_click(handle, || on_click(conversation_id)) {
            tracing::warn!(error = %e, "notification: no click to wait for");
        }
        WAITING.fetch_sub(1, Ordering::SeqCst);
    };
    std::thread::Builder::new().name("notification-click".into()).spawn(wait).map_err(|e| {
        WAITING.fetch_sub(1, Ordering::SeqCst);
        Error::from(notify_rust::error::ErrorKind::Msg(format!("click thread: {e}")))
    })?;
    Ok(())
}

/// Blocks until the notification is clicked (then `on_click`) or closed.
#[cfg(all(unix, not(target_os = "macos")))]
fn wait_for_click(handle: notify_rust::NotificationHandle, on_click: impl FnOnce()) -> Result<(), Error> {
    handle.wait_for_action(|action| {
        if is_click(&notify_rust::NotificationResponse::from(action)) {
            on_click();
        }
    });
    Ok(())
}

/// Blocks until the notification is clicked (then `on_click`) or closed.
#[cfg(not(all(unix, not(target_os = "macos"))))]
fn wait_for_click(handle: notify_rust::NotificationHandle, on_click: impl FnOnce()) -> Result<(), Error> {
    handle.wait_for_response(|response: &notify_rust::NotificationResponse| {
        if is_click(response) {
            on_click();
        }
    })
}

/// A click on the notification itself: Windows and macOS report it as the default
/// response, the freedesktop server as the `default` action.
pub fn is_click(response: &notify_rust::NotificationResponse) -> bool {
    match response {
        notify_rust::NotificationResponse::Default => true,
        notify_rust::NotificationResponse::Action(key) => key == DEFAULT_ACTION,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use notify_rust::{CloseReason, NotificationResponse};

    use super::*;

    #[test]
    fn only_a_click_on_the_notification_opens_the_chat() {
        assert!(is_click(&NotificationResponse::Default), "Windows and macOS");
        assert!(is_click(&NotificationResponse::Action(DEFAULT_ACTION.into())), "Linux");
        assert!(!is_click(&NotificationResponse::Action("__closed".into())));
        assert!(!is_click(&NotificationResponse::Closed(CloseReason::Dismissed)));
        assert!(!is_click(&NotificationResponse::Reply("hi".into())));
    }
}
