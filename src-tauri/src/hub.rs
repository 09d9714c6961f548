//! Client mode (お店のハブにつなぐ, DESIGN §7): no local core. The window's `rpc` goes to
//! the hub (commands.rs), its events come from the hub's stream and become the same
//! `core-event`s, notifications and tray count as in solo mode, and `hub-status` tells
//! the window whether the hub answers (its offline banner). The pairing wizard's
//! commands live here too: pairing keeps the token in the OS keyring only.

use std::path::PathBuf;
use std::sync::Arc;

use madoguchi_core::api::ApiError;
use madoguchi_core::events::CoreEvent;
use madoguchi_core::members::SessionMember;
use madoguchi_core::notify::FocusState;
use madoguchi_hub_client::{HubClient, KeyringTokens, Link, LinkState, MemoryTokens, TokenStore};
use serde::Serialize;
use serde_json::value::RawValue;
use tauri::{AppHandle, Emitter, Manager, Runtime, State};
use tokio::sync::{broadcast, watch};

use crate::commands::{Backend, CoreSlot};
use crate::hub_mode::{self, Mode};
use crate::CORE_EVENT;

/// Tauri event: the hub's [`LinkState`] whenever it changes.
pub const HUB_STATUS: &str = "hub-status";

/// Which chat this desk's window shows (its `uiFocus`), for its own notifications.
#[derive(Default)]
pub struct HubFocus(pub FocusState);

/// The app's data folder (None in the demo, whose folder is temporary): where
/// `connection.json` is kept.
pub struct DataDir(pub Option<PathBuf>);

/// This computer's name as people know it (macOS and Windows show one), else its host name.
fn computer_name() -> String {
    whoami::devicename().ok().filter(|n| !n.trim().is_empty()).or_else(|| whoami::hostname().ok()).unwrap_or_else(|| "PC".into())
}

/// The device token's place in the keyring: beside the LINE credentials, one per hub.
fn tokens(address: &str) -> Arc<dyn TokenStore> {
    match KeyringTokens::new(crate::KEYRING_SERVICE, address) {
        Ok(t) => Arc::new(t),
        Err(e) => {
            // Never a file: without a keyring the pairing lasts until the app quits.
            tracing::error!(error = %e, "no OS keyring; the hub's device token is kept in memory only");
            Arc::new(MemoryTokens::default())
        }
    }
}

/// Starts client mode on `address`: the link, its events, notifications and the tray.
pub async fn start<R: Runtime>(app: AppHandle<R>, address: &str, ready: watch::Sender<Option<Backend>>) -> anyhow::Result<()> {
    let link = Link::open(HubClient::new(address)?, tokens(address))?;
    ready.send_replace(Some(Backend::Hub(link.clone())));
    if let Some(dir) = app.state::<DataDir>().0.clone() {
        crate::hub_backup::start(&app, link.clone(), &dir);
    }
    tracing::info!(hub = %link.address(), paired = link.state().paired, "client mode");
    let (tx, _) = broadcast::channel::<CoreEvent>(256);
    {
        let app = app.clone();
        let tx = tx.clone();
        tauri::async_runtime::spawn(link.clone().run_events(move |event| {
            if let Err(e) = app.emit(CORE_EVENT, &event) {
                tracing::warn!(error = %e, "could not forward a hub event");
            }
            let _ = tx.send(event);
        }));
    }
    {
        let app = app.clone();
        let mut states = link.watch();
        tauri::async_runtime::spawn(async move {
            loop {
                let state = states.borrow_and_update().clone();
                if let Err(e) = app.emit(HUB_STATUS, &state) {
                    tracing::warn!(error = %e, "could not tell the window about the hub");
                }
                if states.changed().await.is_err() {
                    return;
                }
            }
        });
    }
    // The event stream runs while the window is hidden.
    crate::app_nap::hold_off();
    crate::updates::check_at_start(&app);
    crate::notifications::start_client(app.clone(), link.clone(), tx.subscribe(), &app.config().identifier);
    match crate::tray::create(&app, crate::tray::Counter::Hub(link, tx.subscribe())) {
        Ok(tray) => {
            app.manage(tray);
            crate::hide_on_close(&app);
        }
        Err(e) => tracing::warn!(error = %e, "no tray icon"),
    }
    Ok(())
}

/// What the window needs to know about the app's mode (the wizard, the banner).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionInfo {
    /// "solo", "hub", or "unchosen" (the saved connection could not be read).
    mode: &'static str,
    /// The hub's state in client mode.
    hub: Option<LinkState>,
    /// This computer's name, the wizard's suggestion for the device name.
    device_name: String,
    /// The demo: its data is temporary, so it cannot become a hub's client.
    demo: bool,
}

#[tauri::command]
pub async fn connection_status<R: Runtime>(app: AppHandle<R>, slot: State<'_, CoreSlot>) -> Result<ConnectionInfo, ApiError> {
    let (mode, hub) = match slot.backend().await? {
        Backend::Local(_) => ("solo", None),
        Backend::Hub(link) => ("hub", Some(link.state())),
        Backend::Unchosen => ("unchosen", None),
    };
    Ok(ConnectionInfo {
        mode,
        hub,
        device_name: computer_name(),
        demo: app.state::<DataDir>().0.is_none(),
    })
}

/// Who uses this window: the owner at this PC (solo), or the member the hub says the
/// device token belongs to (a 401 when it has none: the window shows the wizard).
#[tauri::command]
pub async fn me<R: Runtime>(app: AppHandle<R>, slot: State<'_, CoreSlot>) -> Result<Box<RawValue>, ApiError> {
    let link = match slot.backend().await? {
        Backend::Local(_) => return RawValue::from_string(r#"{"member":null,"role":"owner"}"#.into()).map_err(|e| ApiError::internal(&e)),
        Backend::Hub(link) => link,
        Backend::Unchosen => return Err(crate::commands::unchosen()),
    };
    match link.me().await {
        Ok(me) => Ok(me),
        Err(madoguchi_hub_client::HubError::NotPaired) => {
            Err(ApiError::new("unauthorized", "This PC is not connected to the hub", "この PC はハブにつながっていません"))
        }
        // Out of reach: the member who paired, so the window opens with its banner.
        Err(e) if e.is_offline() => match paired_member(&app) {
            Some(m) => RawValue::from_string(serde_json::json!({ "member": m, "role": m.role }).to_string()).map_err(|e| ApiError::internal(&e)),
            None => Err(e.to_api_error()),
        },
        Err(e) => Err(e.to_api_error()),
    }
}

/// Who paired this desk, as `connection.json` remembers it.
fn paired_member<R: Runtime>(app: &AppHandle<R>) -> Option<SessionMember> {
    let dir = app.state::<DataDir>().0.clone()?;
    match hub_mode::read(&dir) {
        Mode::Hub { member, .. } => member,
        Mode::Solo => None,
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PairAnswer {
    member: SessionMember,
    /// True when the app starts again to leave solo mode (its own core closes).
    restarting: bool,
}

/// The wizard's お店のハブにつなぐ: checks the address (https), the hub's API version and
/// the code, keeps the token in the keyring, saves the mode. From solo mode the app
/// starts again as the hub's client.
#[tauri::command]
pub async fn pair_hub<R: Runtime>(
    app: AppHandle<R>,
    slot: State<'_, CoreSlot>,
    address: String,
    code: String,
    device_name: String,
) -> Result<PairAnswer, ApiError> {
    let Some(dir) = app.state::<DataDir>().0.clone() else {
        return Err(ApiError::new("demo", "The demo cannot connect to a hub: start the app without --demo", "デモではハブにつなげません。--demo なしで起動してください"));
    };
    let client = HubClient::new(&address).map_err(|e| e.to_api_error())?;
    let address = client.address().to_owned();
    let device = if device_name.trim().is_empty() { computer_name() } else { device_name.trim().to_owned() };
    let current = slot.backend().await?;
    let (link, restarting) = match &current {
        Backend::Hub(link) if link.address() == address => (link.clone(), false),
        _ => (Link::open(client, tokens(&address)).map_err(|e| e.to_api_error())?, true),
    };
    let member = link.pair(code.trim(), &device).await.map_err(|e| e.to_api_error())?;
    hub_mode::write(&dir, &Mode::Hub { address: address.clone(), member: Some(member.clone()) }).map_err(|e| ApiError::internal(&e))?;
    tracing::info!(hub = %address, member_id = member.id, "paired with the hub");
    if restarting {
        if let Backend::Local(core) = current {
            // Workers stop before the new instance starts its own (the single-instance rule).
            core.shutdown().await;
        }
        relaunch_soon(&app);
    }
    Ok(PairAnswer { member, restarting })
}

/// ログアウト in client mode: the hub revokes the token, the keyring forgets it, the
/// window shows the wizard (the address stays filled in).
#[tauri::command]
pub async fn hub_sign_out(slot: State<'_, CoreSlot>) -> Result<(), ApiError> {
    match slot.backend().await? {
        Backend::Hub(link) => link.sign_out().await.map_err(|e| e.to_api_error()),
        Backend::Local(_) | Backend::Unchosen => Ok(()),
    }
}

/// The wizard's このPCだけ from client mode (or after an unreadable `connection.json`):
/// the app starts again on its own store.
#[tauri::command]
pub async fn use_solo<R: Runtime>(app: AppHandle<R>, slot: State<'_, CoreSlot>) -> Result<(), ApiError> {
    match slot.backend().await? {
        Backend::Local(_) => return Ok(()),
        Backend::Hub(link) => {
            let _ = link.sign_out().await;
        }
        Backend::Unchosen => {}
    }
    if let Some(dir) = app.state::<DataDir>().0.clone() {
        hub_mode::write(&dir, &Mode::Solo).map_err(|e| ApiError::internal(&e))?;
    }
    relaunch_soon(&app);
    Ok(())
}

/// Starts a new instance with the same arguments once the window has its answer, and
/// ends this one (the single-instance lock first, or the new one would hand over to us).
fn relaunch_soon<R: Runtime>(app: &AppHandle<R>) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        crate::hub_backup::skip_quit_pull(&app);
        tauri_plugin_single_instance::destroy(&app);
        let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
        if let Err(e) = std::env::current_exe().and_then(|exe| std::process::Command::new(exe).args(args).spawn()) {
            tracing::error!(error = %e, "could not start again; open the app yourself");
        }
        app.exit(0);
    });
}
