//! The Madoguchi desktop shell.
//!
//! House rule (DESIGN.md): this crate holds **no business logic**. It adapts
//! `madoguchi-core` to Tauri: app state, the one `rpc` command, the `core-event`
//! bridge, notifications and the tray. Anything useful headless belongs in `core`.

mod commands;
mod demo;
pub mod notifications;
mod receiver;
mod tray;

use std::sync::Arc;

use madoguchi_core::secrets::{EnvSecretStore, KeyringSecretStore, SecretStore};
use madoguchi_core::{Core, CoreOptions};
use tauri::{Emitter, Manager};

/// Label of the main window (capabilities/default.json grants permissions to it).
pub const MAIN_WINDOW: &str = "main";

/// Name of the Tauri event the UI listens to for `CoreEvent`s (ui/src/backend/tauri.ts).
pub const CORE_EVENT: &str = "core-event";

/// Builds the Tauri app. Split from [`run`] so tests can build it on
/// `tauri::test::mock_builder()` with a mock runtime.
pub fn builder<R: tauri::Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder
        // First: a second launch only brings the running window to the front, so two
        // copies never ingest or send from the same data dir.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| tray::show_main(app)))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        // Off until the owner turns it on in Settings (the UI asks the plugin).
        .plugin(tauri_plugin_autostart::init(tauri_plugin_autostart::MacosLauncher::LaunchAgent, None))
        .setup(|app| {
            let (core, demo) = if demo::requested() {
                let (core, run) = tauri::async_runtime::block_on(demo::open())?;
                (core, Some(run))
            } else {
                // MADOGUCHI_DATA_DIR: a second shop profile, or a prepared store (benchmarks).
                let data_dir = match std::env::var_os("MADOGUCHI_DATA_DIR") {
                    Some(dir) if !dir.is_empty() => std::path::PathBuf::from(dir),
                    _ => app.path().app_data_dir()?,
                };
                (tauri::async_runtime::block_on(Core::open(CoreOptions::new(data_dir, secret_store())))?, None)
            };
            forward_events(app.handle().clone(), &core);
            notifications::start(app.handle().clone(), &core, &app.config().identifier);
            let webhook_url = tauri::async_runtime::block_on(receiver::start(core.clone()))?;
            if let Some(run) = demo {
                tauri::async_runtime::block_on(demo::connect(&run, &core, &webhook_url))?;
                app.manage(run);
            }
            match tray::create(app.handle(), &core) {
                Ok(tray) => {
                    app.manage(tray);
                    hide_on_close(app.handle());
                }
                // No tray on this desktop (e.g. no appindicator): closing quits as usual.
                Err(e) => tracing::warn!(error = %e, "no tray icon"),
            }
            app.manage(core);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![commands::rpc])
}

/// With a tray, the close button hides the window; 終了 in the tray quits.
fn hide_on_close<R: tauri::Runtime>(app: &tauri::AppHandle<R>) {
    if let Some(window) = app.get_webview_window(MAIN_WINDOW) {
        let w = window.clone();
        window.on_window_event(move |event| {
            if let tauri::WindowEvent::CloseRequested { api, .. } = event {
                api.prevent_close();
                let _ = w.hide();
            }
        });
    }
}

/// Japanese unless the OS asks for English first (like the UI's own choice).
pub(crate) fn locale_is_japanese() -> bool {
    let lang = std::env::var("LC_ALL")
        .ok()
        .filter(|v| !v.is_empty())
        .or_else(|| std::env::var("LC_MESSAGES").ok().filter(|v| !v.is_empty()))
        .or_else(|| std::env::var("LANG").ok())
        .unwrap_or_default();
    !lang.starts_with("en")
}

/// The OS keyring; without one (a Linux session with no Secret Service) the app still
/// opens its history, and credentials can come from the environment.
fn secret_store() -> Arc<dyn SecretStore> {
    match KeyringSecretStore::new("jp.madoguchi.app") {
        Ok(store) => Arc::new(store),
        Err(e) => {
            tracing::error!(error = %e, "no OS keyring; LINE credentials only from the environment");
            Arc::new(EnvSecretStore)
        }
    }
}

/// Core's events become Tauri events the UI listens to (ui/src/backend/tauri.ts).
fn forward_events<R: tauri::Runtime>(app: tauri::AppHandle<R>, core: &Core) {
    let mut rx = core.events().subscribe();
    tauri::async_runtime::spawn(async move {
        use tokio::sync::broadcast::error::RecvError;
        loop {
            match rx.recv().await {
                Ok(event) => {
                    if let Err(e) = app.emit(CORE_EVENT, &event) {
                        tracing::warn!(error = %e, "could not forward a core event");
                    }
                }
                Err(RecvError::Lagged(missed)) => tracing::warn!(missed, "UI missed core events"),
                Err(RecvError::Closed) => return,
            }
        }
    });
}

/// Entry point of the desktop app: builds the Tauri app and opens the main window
/// (declared in tauri.conf.json) on the UI built into ui/dist.
pub fn run() {
    init_tracing();
    builder(tauri::Builder::default())
        .run(tauri::generate_context!())
        .expect("error while running the Madoguchi desktop app");
}

fn init_tracing() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    // Ignore the error if a subscriber is already set (e.g. in tests).
    let _ = tracing_subscriber::fmt().with_env_filter(filter).try_init();
}
