//! A file a customer sent, opened from the window: saved under its own name into the
//! owner's Downloads folder (core's `media_copy`), then handed to the system's viewer
//! through the official opener plugin. A `download` link does nothing in the window:
//! the webview has no download manager.

use madoguchi_core::api::ApiError;
use madoguchi_core::inbox::media_copy;
use serde::Serialize;
use tauri::{Manager, State};
use tauri_plugin_opener::OpenerExt;

use crate::commands::{Backend, CoreSlot};

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
    let backend = slot.backend().await?;
    let downloads = app
        .path()
        .download_dir()
        .or_else(|_| app.path().home_dir().map(|h| h.join("Downloads")))
        .map_err(|e| {
            tracing::error!(error = %e, "no Downloads folder");
            ApiError::new("no_downloads", "Could not find your Downloads folder.", "ダウンロードフォルダーが見つかりませんでした。")
        })?;
    let path = match backend {
        Backend::Local(core) => {
            let store = core.store();
            media_copy::save_copy(&store.pool, &store.media_dir(), &file, &name, &downloads).await?
        }
        Backend::Hub(link) => save_from_hub(&link, &file, &name, &downloads).await?,
        Backend::Unchosen => return Err(crate::commands::unchosen()),
    };
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

/// Client mode: the file's bytes from the hub, saved as core's `save_copy` saves them
/// (a safe name, never over an existing file).
async fn save_from_hub(link: &madoguchi_hub_client::Link, file: &str, name: &str, dir: &std::path::Path) -> Result<std::path::PathBuf, ApiError> {
    let answer = link.media(file, None).await.map_err(|e| e.to_api_error())?;
    if answer.status != 200 {
        return Err(ApiError::new("notFound", "The hub does not have this file", "ハブにこのファイルがありません"));
    }
    let io = |e: std::io::Error| ApiError::internal(&e);
    tokio::fs::create_dir_all(dir).await.map_err(io)?;
    let safe = media_copy::safe_file_name(name, file);
    let (stem, ext) = match safe.rfind('.') {
        Some(i) if i > 0 => (&safe[..i], &safe[i..]),
        _ => (safe.as_str(), ""),
    };
    for n in 0..100 {
        let candidate = if n == 0 { safe.clone() } else { format!("{stem} ({n}){ext}") };
        let path = dir.join(&candidate);
        match tokio::fs::OpenOptions::new().write(true).create_new(true).open(&path).await {
            Ok(mut out) => {
                use tokio::io::AsyncWriteExt;
                out.write_all(&answer.body).await.map_err(io)?;
                out.sync_all().await.map_err(io)?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(io(e)),
        }
    }
    Err(ApiError::new("tooMany", format!("{} already holds 100 files named like {safe:?}", dir.display()), format!("{} に「{safe}」と同じ名前のファイルが 100 個あります", dir.display())))
}
