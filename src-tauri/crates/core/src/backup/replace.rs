//! Restoring a backup over the shop's own data, from the app: look inside a backup
//! first (date, counts), restore it beside the data folder, and only once the app's
//! core has stopped, swap it in. The current data is never deleted: it stays, whole,
//! as a dated folder next to the restored one.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{open_checked, refuse, restore, unpack, Manifest};
use crate::Result;

/// What a backup holds, read without touching the shop's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupSummary {
    /// When the backup was made (ms since the epoch).
    #[ts(type = "number")]
    pub created_at: i64,
    /// The app version that made it.
    pub app_version: String,
    #[ts(type = "number")]
    pub friends: i64,
    #[ts(type = "number")]
    pub messages: i64,
    #[ts(type = "number")]
    pub reservations: i64,
    #[ts(type = "number")]
    pub media_files: i64,
}

/// Checks a backup as a restore would (format, version, a whole database) and counts
/// what it holds. Media files are counted from the manifest, not unpacked.
pub async fn inspect(src: &Path) -> Result<BackupSummary> {
    let scratch = tempfile::Builder::new().prefix("madoguchi-inspect").tempdir()?;
    let dir = scratch.path().to_path_buf();
    let source = src.to_path_buf();
    let manifest: Manifest = tokio::task::spawn_blocking(move || unpack(&source, &dir, false))
        .await
        .map_err(|e| refuse(e.to_string()))??;
    let store = open_checked(scratch.path()).await?;
    let counted = sqlx::query_as::<_, (i64, i64, i64)>(
        "SELECT (SELECT count(*) FROM friends), (SELECT count(*) FROM messages), (SELECT count(*) FROM reservations)",
    )
    .fetch_one(&store.pool)
    .await;
    store.close().await;
    let (friends, messages, reservations) = counted?;
    Ok(BackupSummary {
        created_at: manifest.created_at,
        app_version: manifest.app_version,
        friends,
        messages,
        reservations,
        media_files: i64::try_from(manifest.media_files).unwrap_or(i64::MAX),
    })
}

/// Restores `src` into a new folder beside `data_dir` (same file system, so the swap is
/// a rename). Nothing of `data_dir` is touched; a refused backup leaves nothing behind.
pub async fn stage(src: &Path, data_dir: &Path, now_ms: i64) -> Result<PathBuf> {
    let staged = sibling(data_dir, "restored", now_ms);
    restore(src, &staged).await?;
    Ok(staged)
}

/// Puts `staged` in the place of `data_dir`, keeping the current data as a dated folder
/// beside it, and returns that folder. Call only once nothing has the store open.
pub fn swap_in(staged: &Path, data_dir: &Path, now_ms: i64) -> Result<PathBuf> {
    let previous = sibling(data_dir, "before-restore", now_ms);
    if data_dir.exists() {
        std::fs::rename(data_dir, &previous)?;
    }
    if let Err(e) = std::fs::rename(staged, data_dir) {
        // Put the shop's data back where it was rather than leave no data folder.
        if previous.exists() {
            let _ = std::fs::rename(&previous, data_dir);
        }
        return Err(e.into());
    }
    Ok(previous)
}

/// `<data dir>-<what>-<YYYYMMDD-HHMMSS>` (UTC), unused.
fn sibling(data_dir: &Path, what: &str, now_ms: i64) -> PathBuf {
    let stamp = jiff::Timestamp::from_millisecond(now_ms)
        .map(|t| t.strftime("%Y%m%d-%H%M%S").to_string())
        .unwrap_or_else(|_| now_ms.to_string());
    let name = data_dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "data".into());
    let parent = data_dir.parent().unwrap_or(Path::new("."));
    let mut candidate = parent.join(format!("{name}-{what}-{stamp}"));
    let mut n = 1;
    while candidate.exists() {
        n += 1;
        candidate = parent.join(format!("{name}-{what}-{stamp}-{n}"));
    }
    candidate
}
