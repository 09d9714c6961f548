//! The tray icon: the unread count at a glance, "開く" and "終了". With a tray the
//! window's close button hides the window instead of quitting, so notifications and
//! the webhook receiver keep running beside the register all day.
//!
//! A left click shows the window and only that (on Windows the menu would open with
//! it); the menu is on the right click. On macOS the icon is a template image, which
//! the menu bar tints for light and dark mode like its own icons.

use madoguchi_core::inbox::unread::total_unread;
use madoguchi_core::Core;
use tauri::image::Image;
use tauri::menu::{Menu, MenuItem};
use tauri::tray::{MouseButton, MouseButtonState, TrayIcon, TrayIconBuilder, TrayIconEvent};
use tauri::{AppHandle, Manager, Runtime};

use crate::MAIN_WINDOW;

const OPEN: &str = "open";
const QUIT: &str = "quit";

/// Where the unread count comes from: the app's own store, or the hub (recounted after
/// each of its events).
pub enum Counter {
    Local(Core),
    Hub(std::sync::Arc<madoguchi_hub_client::Link>, tokio::sync::broadcast::Receiver<madoguchi_core::events::CoreEvent>),
}

impl Counter {
    async fn count(&self) -> anyhow::Result<i64> {
        match self {
            Counter::Local(core) => Ok(total_unread(&core.store().pool).await?),
            Counter::Hub(link, _) => {
                use madoguchi_core::api::Response;
                let unread: madoguchi_core::api::Request = serde_json::from_value(serde_json::json!({
                    "method": "listConversations", "params": { "accountId": null, "filter": "unread", "limit": 500 }
                }))?;
                match link.call(&unread).await? {
                    Response::Conversations(page) => Ok(page.items.iter().map(|c| c.unread_count).sum()),
                    _ => anyhow::bail!("the hub answered listConversations with something else"),
                }
            }
        }
    }
}

pub fn create<R: Runtime>(app: &AppHandle<R>, counter: Counter) -> tauri::Result<TrayIcon<R>> {
    let ja = crate::locale::japanese();
    let open = MenuItem::with_id(app, OPEN, if ja { "開く" } else { "Open" }, true, None::<&str>)?;
    let quit = MenuItem::with_id(app, QUIT, if ja { "終了" } else { "Quit" }, true, None::<&str>)?;
    let menu = Menu::with_items(app, &[&open, &quit])?;
    let mut builder = TrayIconBuilder::with_id("main")
        .menu(&menu)
        .show_menu_on_left_click(false)
        .tooltip(label(0, ja))
        .on_menu_event(|app, event| match event.id.as_ref() {
            OPEN => show_main(app),
            QUIT => app.exit(0),
            _ => {}
        })
        .on_tray_icon_event(|tray, event| {
            if let TrayIconEvent::Click { button: MouseButton::Left, button_state: MouseButtonState::Up, .. } = event {
                show_main(tray.app_handle());
            }
        });
    if cfg!(target_os = "macos") {
        builder = builder.icon(template_icon()?).icon_as_template(true);
    } else if let Some(icon) = app.default_window_icon() {
        builder = builder.icon(icon.clone());
    }
    let tray = builder.build(app)?;
    keep_count_fresh(tray.clone(), counter, ja);
    Ok(tray)
}

/// icons/tray-template.png: black and transparent only, 22 pt at 2x.
fn template_icon() -> tauri::Result<Image<'static>> {
    Image::from_bytes(include_bytes!("../../icons/tray-template.png"))
}

fn label(unread: i64, ja: bool) -> String {
    match (unread, ja) {
        (0, true) => "窓口 — 未読なし".to_owned(),
        (n, true) => format!("窓口 — 未読 {n} 件"),
        (0, false) => "Madoguchi — no unread messages".to_owned(),
        (n, false) => format!("Madoguchi — {n} unread"),
    }
}

/// Recounts after core events (a message in, a chat read). The count sums every chat,
/// so a burst of events (a redelivery, a broadcast's status changes) is one recount:
/// whatever queued up meanwhile is drained first.
fn keep_count_fresh<R: Runtime>(tray: TrayIcon<R>, counter: Counter, ja: bool) {
    let mut rx = match &counter {
        Counter::Local(core) => core.events().subscribe(),
        Counter::Hub(_, rx) => rx.resubscribe(),
    };
    tauri::async_runtime::spawn(async move {
        use tokio::sync::broadcast::error::RecvError;
        let mut shown = None;
        loop {
            match counter.count().await {
                Ok(n) if shown != Some(n) => {
                    shown = Some(n);
                    let _ = tray.set_tooltip(Some(label(n, ja)));
                    // Linux (appindicator) shows the title beside the icon: the count alone.
                    let _ = tray.set_title(Some(if n == 0 { String::new() } else { n.to_string() }));
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "could not count unread messages"),
            }
            match rx.recv().await {
                Ok(_) | Err(RecvError::Lagged(_)) => {}
                Err(RecvError::Closed) => return,
            }
            tokio::time::sleep(std::time::Duration::from_millis(250)).await;
            while let Ok(_) | Err(tokio::sync::broadcast::error::TryRecvError::Lagged(_)) = rx.try_recv() {}
        }
    });
}

pub fn show_main<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window(MAIN_WINDOW) {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_macos_template_icon_is_black_and_transparent_only() {
        let icon = template_icon().expect("icons/tray-template.png decodes");
        assert_eq!((icon.width(), icon.height()), (44, 44));
        let rgba = icon.rgba();
        assert!(rgba.chunks(4).all(|p| p[0] == 0 && p[1] == 0 && p[2] == 0), "a template image draws in its alpha only");
        let opaque = rgba.chunks(4).filter(|p| p[3] > 128).count();
        assert!(opaque > 300 && opaque < 44 * 44 / 2, "{opaque} opaque pixels: a shape, not a blank or a block");
    }

    #[test]
    fn the_tooltip_speaks_the_shell_language() {
        assert_eq!(label(0, true), "窓口 — 未読なし");
        assert_eq!(label(3, false), "Madoguchi — 3 unread");
    }
}
