//! Client mode keeps the hub's history on the owner's PC (DESIGN §7): the hub's backup
//! is pulled into `hub-backups/` of the app's data folder on a schedule (daily by
//! default) and when the app quits (`madoguchi_hub_client::Pulls` does the work). A
//! pulled copy opens in the window to look through (read-only, no workers: nothing in
//! it is sent again), or becomes this PC's own solo shop when the hub is gone.
//! Only an owner's desk pulls: the hub answers the whole history to owners only.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use madoguchi_core::api::ApiError;
use madoguchi_core::events::CoreEvent;
use madoguchi_core::Core;
use madoguchi_hub_client::{Link, PullSettings, PullStatus, Pulls};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, Runtime, State};
use tokio::sync::Mutex;

use crate::commands::{Backend, BackendSender};
use crate::CORE_EVENT;

/// Tauri event: the pulled backups changed (a pull finished or failed).
pub const HUB_BACKUP: &str = "hub-backup";

/// The pulled backups' folder inside the app's data folder.
pub const FOLDER: &str = "hub-backups";
/// Where a copy is unpacked while it is looked at (emptied each time one opens).
const VIEWING: &str = "viewing";

/// How often the schedule looks whether a pull is due; the first look waits a little
/// so that a pull never slows the window's first screens.
const FIRST_LOOK: Duration = Duration::from_secs(30);
const LOOK_EVERY: Duration = Duration::from_secs(10 * 60);
/// How long quitting waits for the last pull before it gives up (the next start pulls).
const QUIT_WAIT: Duration = Duration::from_secs(120);

pub struct HubBackups {
    pulls: Pulls,
    link: Arc<Link>,
    /// The copy the window shows instead of the hub, and its file name.
    viewing: Mutex<Option<(Core, String)>>,
    /// Set once quitting has pulled (or the app starts again elsewhere): the next exit goes through.
    quit_done: AtomicBool,
}

/// Manages the pulled backups for client mode and starts the schedule.
pub fn start<R: Runtime>(app: &AppHandle<R>, link: Arc<Link>, data_dir: &Path) {
    let state = Arc::new(HubBackups {
        pulls: Pulls::new(data_dir.join(FOLDER)),
        link,
        viewing: Mutex::new(None),
        quit_done: AtomicBool::new(false),
    });
    app.manage(state.clone());
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(FIRST_LOOK).await;
        loop {
            if state.pulls.due(madoguchi_core::time::now_ms()) && state.may_pull().await {
                // Logged and shown in Settings by `pull` itself.
                let _ = state.pull(&app).await;
            }
            tokio::time::sleep(LOOK_EVERY).await;
        }
    });
}

impl HubBackups {
    /// Whether this desk's member is an owner (a staff desk is refused the backup).
    async fn may_pull(&self) -> bool {
        if !self.link.state().paired {
            return false;
        }
        match self.link.me().await {
            Ok(me) => serde_json::from_str::<serde_json::Value>(me.get()).is_ok_and(|v| v["role"] == "owner"),
            Err(_) => false,
        }
    }

    async fn pull<R: Runtime>(&self, app: &AppHandle<R>) -> Result<(), ApiError> {
        let result = self.pulls.pull(&self.link, madoguchi_core::time::now_ms()).await;
        if let Err(e) = &result {
            tracing::warn!(error = %e, "could not pull the hub's backup");
        }
        let _ = app.emit(HUB_BACKUP, ());
        result.map(|_| ()).map_err(|e| e.to_api_error())
    }

    async fn info(&self) -> HubBackupInfo {
        HubBackupInfo {
            status: self.pulls.status(),
            owner: self.may_pull().await,
            viewing: self.viewing.lock().await.as_ref().map(|(_, name)| name.clone()),
        }
    }
}

/// Settings → このPCの控え.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HubBackupInfo {
    status: PullStatus,
    /// Only an owner's desk pulls.
    owner: bool,
    /// The pulled backup the window shows now, if it shows one.
    viewing: Option<String>,
}

fn state<R: Runtime>(app: &AppHandle<R>) -> Result<Arc<HubBackups>, ApiError> {
    app.try_state::<Arc<HubBackups>>().map(|s| s.inner().clone()).ok_or_else(|| {
        ApiError::new(
            "notHubMode",
            "The hub's backups are pulled only while this app is connected to a hub",
            "ハブの控えを取り込むのは、このアプリがハブにつながっている間だけです",
        )
    })
}

#[tauri::command]
pub async fn hub_backup_status<R: Runtime>(app: AppHandle<R>) -> Result<HubBackupInfo, ApiError> {
    Ok(state(&app)?.info().await)
}

#[tauri::command]
pub async fn set_hub_backup<R: Runtime>(app: AppHandle<R>, settings: PullSettings) -> Result<HubBackupInfo, ApiError> {
    let s = state(&app)?;
    s.pulls.set_settings(settings)?;
    Ok(s.info().await)
}

/// 今すぐ取り込む.
#[tauri::command]
pub async fn pull_hub_backup<R: Runtime>(app: AppHandle<R>) -> Result<HubBackupInfo, ApiError> {
    let s = state(&app)?;
    s.pull(&app).await?;
    Ok(s.info().await)
}

/// 開いて見る: the window shows the pulled copy instead of the hub until
/// [`close_hub_backup`]; the hub's notifications and tray count carry on meanwhile.
#[tauri::command]
pub async fn view_hub_backup<R: Runtime>(app: AppHandle<R>, sender: State<'_, BackendSender>, name: String) -> Result<HubBackupInfo, ApiError> {
    let s = state(&app)?;
    let file = s.pulls.file(&name)?;
    let mut viewing = s.viewing.lock().await;
    if let Some((old, _)) = viewing.take() {
        old.shutdown().await;
    }
    let copy = madoguchi_core::backup::view::open(&file, &s.pulls.folder().join(VIEWING)).await?;
    sender.set(Backend::Local(copy.clone()));
    *viewing = Some((copy, name));
    drop(viewing);
    let _ = app.emit(CORE_EVENT, &CoreEvent::Resync);
    Ok(s.info().await)
}

/// ハブに戻る.
#[tauri::command]
pub async fn close_hub_backup<R: Runtime>(app: AppHandle<R>, sender: State<'_, BackendSender>) -> Result<HubBackupInfo, ApiError> {
    let s = state(&app)?;
    sender.set(Backend::Hub(s.link.clone()));
    if let Some((copy, _)) = s.viewing.lock().await.take() {
        copy.shutdown().await;
    }
    let _ = std::fs::remove_dir_all(s.pulls.folder().join(VIEWING));
    let _ = app.emit(CORE_EVENT, &CoreEvent::Resync);
    Ok(s.info().await)
}

/// このPCのお店にする: the hub is gone, the owner carries on alone. The pulled copy is
/// restored as this PC's own store (what the data folder held is kept beside it, as a
/// restore keeps it), the pulled backups move along, the desk leaves the hub, and the
/// app starts again in solo mode.
#[tauri::command]
pub async fn make_solo_from_hub_backup<R: Runtime>(app: AppHandle<R>, name: String) -> Result<(), ApiError> {
    let s = state(&app)?;
    let file = s.pulls.file(&name)?;
    let Some(data_dir) = app.state::<crate::hub::DataDir>().0.clone() else {
        return Err(ApiError::new("demo", "The demo keeps no history", "デモには履歴が残りません"));
    };
    let now = madoguchi_core::time::now_ms();
    let staged = madoguchi_core::backup::replace::stage(&file, &data_dir, now).await?;
    if let Some((copy, _)) = s.viewing.lock().await.take() {
        copy.shutdown().await;
    }
    let _ = std::fs::remove_dir_all(s.pulls.folder().join(VIEWING));
    // Nothing of this app holds the data folder in client mode: it can move now.
    let previous = madoguchi_core::backup::replace::swap_in(&staged, &data_dir, now)?;
    carry_pulled_backups(&previous, &data_dir);
    // The hub forgets this device (when it can still be reached); the keyring forgets it either way.
    if let Err(e) = s.link.sign_out().await {
        tracing::warn!(error = %e, "leaving the hub");
    }
    tracing::info!(previous = %previous.display(), "the pulled backup is now this PC's shop; starting again");
    s.quit_done.store(true, Ordering::SeqCst);
    crate::restore::relaunch_soon(&app, &data_dir);
    Ok(())
}

/// The pulled backups stay with the shop's data folder (the old one keeps the rest).
fn carry_pulled_backups(previous: &Path, data_dir: &Path) {
    let from: PathBuf = previous.join(FOLDER);
    if from.is_dir()
        && let Err(e) = std::fs::rename(&from, data_dir.join(FOLDER))
    {
        tracing::warn!(error = %e, from = %from.display(), "the pulled backups stay in the previous folder");
    }
}

/// On quit in client mode: one last pull first (owner desks, when on), at most
/// [`QUIT_WAIT`]. Returns true when the exit was held for it.
pub fn hold_exit_for_pull<R: Runtime>(app: &AppHandle<R>, code: i32) -> bool {
    let Some(s) = app.try_state::<Arc<HubBackups>>().map(|s| s.inner().clone()) else { return false };
    if s.quit_done.swap(true, Ordering::SeqCst) || !s.pulls.on_quit() || !s.link.state().online {
        return false;
    }
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        if let Some(window) = app.get_webview_window(crate::MAIN_WINDOW) {
            let _ = window.hide();
        }
        if s.may_pull().await && tokio::time::timeout(QUIT_WAIT, s.pull(&app)).await.is_err() {
            tracing::warn!("the last pull took too long; the next start pulls again");
        }
        app.exit(code);
    });
    true
}

/// The app starts again (pairing elsewhere, このPCだけ): no pull on the way out.
pub fn skip_quit_pull<R: Runtime>(app: &AppHandle<R>) {
    if let Some(s) = app.try_state::<Arc<HubBackups>>() {
        s.quit_done.store(true, Ordering::SeqCst);
    }
}
