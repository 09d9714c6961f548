//! A file a customer sent, opened from the window: saved under its own name into the
//! owner's Downloads folder (core's `media_copy`), then handed to the system's viewer
//! through the official opener plugin. A `download` link does nothing in the window:
//! the webview has no download manager.

use madoguchi_core::api::ApiError;
use madoguchi_core::inbox::media_copy;
use serde::Serialize;
use tauri::{Manager, State};
use tauri_plugin_opener::OpenerExt;

use crate::commands::CoreSlot;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenedFile {
    /// Where the copy was saved (shown to the owner).
    path: String,
    /// False when no viewer could be started; the copy is there all the same.
    opened: bool,
}

#[tauri::command]
pub async fn open_media_file<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    slot: State<'_, CoreSlot>,
    file: String,
    name: String,
) -> Result<OpenedFile, ApiError> {
    let core = slot.get().await?;
    let downloads = app
        .path()
        .download_dir()
        .or_else(|_| app.path().home_dir().map(|h| h.join("Downloads")))
        .map_err(|e| {
            tracing::error!(error = %e, "no Downloads folder");
            ApiError::new("no_downloads", "Could not find your Downloads folder.", "ダウンロードフォルダーが見つかりませんでした。")
        })?;
    let store = core.store();
    let path = media_copy::save_copy(&store.pool, &store.media_dir(), &file, &name, &downloads).await?;
    let shown = path.display().to_string();
    let opened = match app.opener().open_path(&shown, None::<&str>) {
        Ok(()) => true,
        Err(e) => {
            tracing::warn!(error = %e, "no viewer for a saved file");
            false
        }
    };
    Ok(OpenedFile { path: shown, opened })
}
