//! The Madoguchi desktop shell.
//!
//! House rule (DESIGN.md): this crate holds **no business logic**. It adapts
//! `madoguchi-core` to Tauri: app state, the one `rpc` command, the `core-event`
//! bridge, notifications and the tray. Anything useful headless belongs in `core`.

mod app_nap;
mod autostart_place;
mod commands;
mod data_home;
mod demo;
mod hub;
mod hub_backup;
mod hub_mode;
mod locale;
mod media_scheme;
mod memory_footprint;
mod open_file;
mod restore;
pub mod notifications;
mod receiver;
mod tray;
mod updates;

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
    media_scheme::register(builder)
        // First: a second launch only brings the running window to the front, so two
        // copies never ingest or send from the same data dir.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| tray::show_main(app)))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        // Used from Rust only (open_file.rs): the window is granted none of its commands.
        .plugin(tauri_plugin_opener::init())
        // The backup file picker of Settings → 復元, also used from Rust only (restore.rs).
        .plugin(tauri_plugin_dialog::init())
        // Off until the owner turns it on in Settings (the UI asks the plugin), which
        // offers it only where the app stays (autostart_place.rs).
        .plugin(tauri_plugin_autostart::init(tauri_plugin_autostart::MacosLauncher::LaunchAgent, None))
        // Used from Rust only (updates.rs): the window is granted none of its commands.
        .plugin(tauri_plugin_updater::Builder::new().build())
        .manage(updates::PendingUpdate::default())
        .manage(hub::HubFocus::default())
        .setup(|app| {
            if let Some(window) = app.get_webview_window(MAIN_WINDOW) {
                memory_footprint::document_viewer_cache(&window);
            }
            // The store opens off the main thread, so the window and its web process
            // start meanwhile; the UI's first requests wait in `CoreSlot`.
            let (ready, slot) = commands::CoreSlot::new();
            app.manage(slot);
            app.manage(commands::BackendSender(ready.clone()));
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                if let Err(e) = start(handle.clone(), ready).await {
                    tracing::error!(error = format!("{e:#}"), "could not start");
                    handle.exit(1);
                }
            });
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::rpc,
            open_file::open_media_file,
            restore::pick_backup_file,
            restore::inspect_backup,
            restore::restore_backup,
            updates::check_update,
            updates::install_update,
            autostart_place::autostart_offered,
            hub::connection_status,
            hub::me,
            hub::pair_hub,
            hub::hub_sign_out,
            hub::use_solo,
            hub_backup::hub_backup_status,
            hub_backup::set_hub_backup,
            hub_backup::pull_hub_backup,
            hub_backup::view_hub_backup,
            hub_backup::close_hub_backup,
            hub_backup::make_solo_from_hub_backup
        ])
}

/// Opens the store (or the demo), then starts what runs beside the window: events to
/// the UI, notifications, the webhook receiver, the tray. In client mode (the saved
/// mode is a hub) none of that opens: the hub is the store (hub.rs).
async fn start<R: tauri::Runtime>(app: tauri::AppHandle<R>, ready: tokio::sync::watch::Sender<Option<commands::Backend>>) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let data_dir = if demo::requested() {
        None
    } else {
        Some(match data_dir_from_env() {
            Some(dir) => dir,
            None => data_home::data_dir(&app)?,
        })
    };
    app.manage(hub::DataDir(data_dir.clone()));
    if let Some(dir) = &data_dir {
        match hub_mode::load(dir) {
            hub_mode::Saved::Mode(hub_mode::Mode::Hub { address, .. }) => return hub::start(app, &address, ready).await,
            hub_mode::Saved::Mode(hub_mode::Mode::Solo) => {}
            hub_mode::Saved::Unreadable { .. } => {
                ready.send_replace(Some(commands::Backend::Unchosen));
                return Ok(());
            }
        }
    }
    let (core, demo) = match data_dir {
        None => {
            let (core, run) = demo::open().await?;
            (core, Some(run))
        }
        Some(dir) => (Core::open(CoreOptions::new(dir, secret_store())).await?, None),
    };
    let opened = started.elapsed();
    forward_events(app.clone(), &core);
    // The receiver and the workers below run while the window is hidden.
    app_nap::hold_off();
    notifications::start(app.clone(), &core, &app.config().identifier);
    ready.send_replace(Some(commands::Backend::Local(core.clone())));
    let webhook_url = receiver::start(core.clone()).await?;
    if let Some(run) = demo {
        demo::connect(&run, &core, &webhook_url).await?;
        app.manage(run);
    }
    match tray::create(&app, tray::Counter::Local(core.clone())) {
        Ok(tray) => {
            app.manage(tray);
            hide_on_close(&app);
        }
        // No tray on this desktop (e.g. no appindicator): closing quits as usual.
        Err(e) => tracing::warn!(error = %e, "no tray icon"),
    }
    if !demo::requested() {
        updates::check_at_start(&app);
    }
    tracing::info!(?opened, total = ?started.elapsed(), "core ready");
    Ok(())
}

/// `--data-dir DIR` (what a restore starts the app again with) or `MADOGUCHI_DATA_DIR`:
/// a second shop profile, a prepared store (benchmarks), or a demo to come back to.
pub(crate) fn data_dir_from_env() -> Option<std::path::PathBuf> {
    let mut args = std::env::args_os().skip_while(|a| a != "--data-dir");
    if let Some(dir) = args.nth(1).filter(|d| !d.is_empty()) {
        return Some(std::path::PathBuf::from(dir));
    }
    std::env::var_os("MADOGUCHI_DATA_DIR").filter(|d| !d.is_empty()).map(std::path::PathBuf::from)
}

/// `args` with `--data-dir DIR` set to `data_dir` (replaced if present).
pub(crate) fn args_with_data_dir(args: &[std::ffi::OsString], data_dir: &std::path::Path) -> Vec<std::ffi::OsString> {
    let mut out = Vec::with_capacity(args.len() + 2);
    let mut skip_next = false;
    for a in args {
        if std::mem::take(&mut skip_next) {
            continue;
        }
        if a == "--data-dir" {
            skip_next = true;
            continue;
        }
        out.push(a.clone());
    }
    out.push("--data-dir".into());
    out.push(data_dir.as_os_str().to_owned());
    out
}

/// With a tray, the close button hides the window; 終了 in the tray quits.
pub(crate) fn hide_on_close<R: tauri::Runtime>(app: &tauri::AppHandle<R>) {
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

/// The service name of the app's entries in the OS keyring: the identifier before issue 23,
/// kept because it is no folder name, and renaming it would lose the credentials every
/// installed copy already saved under it.
pub(crate) const KEYRING_SERVICE: &str = data_home::OLD_IDENTIFIER;

/// The OS keyring; without one (a Linux session with no Secret Service) the app still
/// opens its history, and credentials can come from the environment.
fn secret_store() -> Arc<dyn SecretStore> {
    match KeyringSecretStore::new(KEYRING_SERVICE) {
        Ok(store) => Arc::new(store),
        Err(e) => {
            tracing::error!(error = %e, "no OS keyring; LINE credentials only from the environment");
            Arc::new(EnvSecretStore)
        }
    }
}

/// Core's events become Tauri events the UI listens to (ui/src/backend/tauri.ts); where
/// the window fell behind, a `resync` event tells it to re-read what it shows.
fn forward_events<R: tauri::Runtime>(app: tauri::AppHandle<R>, core: &Core) {
    let mut listener = core.events().listen();
    tauri::async_runtime::spawn(async move {
        while let Some(event) = listener.recv().await {
            if let Err(e) = app.emit(CORE_EVENT, &event) {
                tracing::warn!(error = %e, "could not forward a core event");
            }
        }
    });
}

/// Entry point of the desktop app: builds the Tauri app and opens the main window
/// (declared in tauri.conf.json) on the UI built into ui/dist.
pub fn run() {
    memory_footprint::limit_malloc_arenas();
    #[cfg(target_os = "linux")]
    software_webview();
    init_tracing();
    builder(tauri::Builder::default())
        .build(tauri::generate_context!())
        .expect("error while building the Madoguchi desktop app")
        .run(|app, event| match event {
            // Client mode: the hub's history is copied to this PC once more before it goes.
            tauri::RunEvent::ExitRequested { code: Some(code), api, .. } => {
                if hub_backup::hold_exit_for_pull(app, code) {
                    api.prevent_exit();
                }
            }
            tauri::RunEvent::Exit => {
                if let Some(run) = app.try_state::<demo::DemoRun>() {
                    run.remove_temp();
                }
            }
            // A click on the Dock icon after the window was closed to the tray.
            #[cfg(target_os = "macos")]
            tauri::RunEvent::Reopen { .. } => tray::show_main(app),
            _ => {}
        });
}

/// WebKitGTK composites the page through OpenGL by default: on a machine without a GPU
/// driver that is Mesa's software rasterizer, which costs about 80 MB (web process)
/// and buys an inbox nothing. Drawing without compositing is also the known fix for a
/// blank window on some GPU drivers. An owner's own setting of the variable wins.
#[cfg(target_os = "linux")]
fn software_webview() {
    const VAR: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";
    if std::env::var_os(VAR).is_none() {
        // SAFETY: first thing in main, before any thread exists that could read the
        // environment concurrently.
        unsafe { std::env::set_var(VAR, "1") };
    }
}

fn init_tracing() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    // Standard error, where a launcher or a test driver collects what a program says;
    // ignore the error if a subscriber is already set (e.g. in tests).
    use std::io::IsTerminal;
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .try_init();
}
