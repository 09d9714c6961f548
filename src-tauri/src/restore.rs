//! Restoring a backup from Settings → バックアップ in the desktop app: pick a file, see
//! what it holds, confirm. Core checks and unpacks it beside the data folder while the
//! app runs; only then the core stops, the restored folder takes the data folder's
//! place (the current data kept as a dated folder next to it), and the app starts again
//! on it. A refused backup changes nothing.

use std::path::PathBuf;

use madoguchi_core::api::ApiError;
use madoguchi_core::backup::replace::{self, BackupSummary};
use serde::Serialize;
use tauri::{Manager, State};
use tauri_plugin_dialog::DialogExt;

use crate::commands::CoreSlot;

/// The native file dialog, filtered to backups; None when the owner cancels.
#[tauri::command]
pub async fn pick_backup_file<R: tauri::Runtime>(app: tauri::AppHandle<R>) -> Result<Option<String>, ApiError> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    app.dialog()
        .file()
        .set_title("バックアップファイルを選ぶ / Choose a backup")
        .add_filter("Madoguchi", &["zst"])
        .pick_file(move |picked| {
            let _ = tx.send(picked.and_then(|p| p.into_path().ok()));
        });
    let picked = rx.await.map_err(|_| internal("the file dialog closed unexpectedly"))?;
    Ok(picked.map(|p| p.display().to_string()))
}

#[tauri::command]
pub async fn inspect_backup(path: String) -> Result<BackupSummary, ApiError> {
    Ok(replace::inspect(&PathBuf::from(path)).await?)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Restored {
    /// Where the data from before the restore is kept.
    previous: String,
}

/// Restores `path` over the shop's data and starts the app again on it.
#[tauri::command]
pub async fn restore_backup<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    slot: State<'_, CoreSlot>,
    path: String,
) -> Result<Restored, ApiError> {
    if app.try_state::<std::sync::Arc<crate::hub_backup::HubBackups>>().is_some() {
        // A copy opened to look through is not the shop's data; the hub restores its own.
        return Err(ApiError::new(
            "hubMode",
            "This is done on the hub while this app is connected to it",
            "ハブにつないでいる間は、この操作はハブ側で行います",
        ));
    }
    let core = slot.get().await?;
    let data_dir = core.store().data_dir().to_path_buf();
    let now = madoguchi_core::time::now_ms();
    let staged = replace::stage(&PathBuf::from(&path), &data_dir, now).await?;
    core.shutdown().await;
    let previous = match replace::swap_in(&staged, &data_dir, now) {
        Ok(p) => p,
        Err(e) => {
            // The store is closed: start again on whatever is in the data folder now.
            tracing::error!(error = %e, "could not swap in the restored data");
            relaunch(&app, &data_dir);
            return Err(e.into());
        }
    };
    tracing::info!(previous = %previous.display(), "backup restored; starting again");
    // The demo's data folder is temporary: it now holds the restored shop, keep it.
    if let Some(run) = app.try_state::<crate::demo::DemoRun>() {
        run.keep_temp();
    }
    let answer = Restored { previous: previous.display().to_string() };
    relaunch_soon(&app, &data_dir);
    Ok(answer)
}

/// Answers the window first, then starts again on `data_dir`.
pub(crate) fn relaunch_soon<R: tauri::Runtime>(app: &tauri::AppHandle<R>, data_dir: &std::path::Path) {
    let handle = app.clone();
    let data_dir = data_dir.to_path_buf();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        relaunch(&handle, &data_dir);
    });
}

/// Starts a new instance on `data_dir` and ends this one. The single-instance lock goes
/// first, or the new instance would hand its arguments to this one and quit.
fn relaunch<R: tauri::Runtime>(app: &tauri::AppHandle<R>, data_dir: &std::path::Path) {
    tauri_plugin_single_instance::destroy(app);
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let spawned = std::env::current_exe().and_then(|exe| {
        std::process::Command::new(exe).args(crate::args_with_data_dir(&args, data_dir)).spawn()
    });
    if let Err(e) = spawned {
        tracing::error!(error = %e, "could not start again; open the app yourself");
    }
    app.exit(0);
}

fn internal(what: &str) -> ApiError {
    ApiError::new("internal", what, "内部エラーが発生しました")
}
