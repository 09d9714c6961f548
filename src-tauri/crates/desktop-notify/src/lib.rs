//! Shows what `madoguchi_core::notify` decided as a native desktop notification,
//! through notify-rust (Linux: the freedesktop D-Bus service, via zbus; macOS:
//! NSUserNotification; Windows: toast). No Tauri, so it is testable without a window.
//!
//! Clicks: on Linux the notification carries the freedesktop `default` action and
//! [`show`] waits for it on a thread, then calls `on_click` with the conversation id.
//! On macOS and Windows the notification is only shown (a click brings the app to
//! the front, as the OS does by default).

pub use madoguchi_core::notify::Notification;

/// The application name the notification server shows.
pub const APP_NAME: &str = "窓口 Madoguchi";
/// The freedesktop action invoked when the notification body is clicked.
pub const DEFAULT_ACTION: &str = "default";
/// The freedesktop sound-naming-spec name for an incoming chat message.
pub const XDG_SOUND: &str = "message-new-instant";

pub type Error = notify_rust::error::Error;

static APP_ID: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// How many notifications may wait for a click at once (Linux); beyond that, newer
/// ones are shown without click handling.
#[cfg(all(unix, not(target_os = "macos")))]
const MAX_WAITING: usize = 32;
#[cfg(all(unix, not(target_os = "macos")))]
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

/// Shows `n`. Where the platform reports clicks (Linux), a thread waits for the
/// `default` action and calls `on_click(conversation_id)`; it ends when the
/// notification is clicked or closed.
pub fn show<F>(n: &Notification, on_click: F) -> Result<(), Error>
where
    F: FnOnce(i64) + Send + 'static,
{
    let handle = build(n).show()?;
    #[cfg(all(unix, not(target_os = "macos")))]
    {
        use std::sync::atomic::Ordering;
        // Some servers keep notifications (and so the waiting thread and its D-Bus
        // connection) until the owner dismisses them: cap how many wait at once.
        if WAITING.fetch_add(1, Ordering::SeqCst) >= MAX_WAITING {
            WAITING.fetch_sub(1, Ordering::SeqCst);
            return Ok(());
        }
        let conversation_id = n.conversation_id;
        std::thread::Builder::new()
            .name("notification-click".into())
            .spawn(move || {
                handle.wait_for_action(|action| {
                    if action == DEFAULT_ACTION {
                        on_click(conversation_id);
                    }
                });
                WAITING.fetch_sub(1, Ordering::SeqCst);
            })
            .map_err(|e| {
                WAITING.fetch_sub(1, Ordering::SeqCst);
                Error::from(notify_rust::error::ErrorKind::Msg(format!("click thread: {e}")))
            })?;
    }
    #[cfg(not(all(unix, not(target_os = "macos"))))]
    {
        let _ = (handle, on_click);
    }
    Ok(())
}
