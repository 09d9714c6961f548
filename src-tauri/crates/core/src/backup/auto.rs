//! Automatic daily backups into a folder the owner chose, keeping the last N, and the
//! "back up now" button. One backup per shop-local day: the day of the last one is kept
//! in the store *and* readable from the file names in the folder, so a restart neither
//! skips the day (the check runs at start) nor makes a second one (a file of today is
//! found even if the app died between writing it and recording it).

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use sqlx::SqlitePool;
use ts_rs::TS;

use crate::runtime::Core;
use crate::{CoreError, Result, hours, settings};

pub const ENABLED: &str = "autoBackupEnabled";
pub const FOLDER: &str = "autoBackupFolder";
pub const KEEP: &str = "autoBackupKeep";
/// Shop-local date (YYYY-MM-DD) of the last backup written.
pub const LAST_DAY: &str = "autoBackupLastDay";
pub const LAST_AT: &str = "autoBackupLastAt";
/// Why the last automatic backup failed ("" after a success): shown until one succeeds.
pub const LAST_ERROR: &str = "autoBackupLastError";

pub const DEFAULT_KEEP: i64 = 14;
pub const MAX_KEEP: i64 = 365;
const PREFIX: &str = "madoguchi-backup-";
const SUFFIX: &str = ".tar.zst";
/// How often the worker looks at the clock: a day boundary is noticed within a minute.
const CHECK_EVERY: Duration = Duration::from_secs(60);

/// Only one backup at a time in this process (the worker and the button may race).
static RUNNING: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AutoBackupSettings {
    pub enabled: bool,
    /// Absolute folder path on this PC ("" = not chosen yet).
    pub folder: String,
    /// Backups to keep; older ones (made by Madoguchi, in that folder) are deleted.
    #[ts(type = "number")]
    pub keep: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupFile {
    pub name: String,
    pub path: String,
    #[ts(type = "number")]
    pub size_bytes: i64,
    /// Epoch ms the file was last written.
    #[ts(type = "number")]
    pub modified_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupStatus {
    pub settings: AutoBackupSettings,
    #[ts(type = "number | null")]
    pub last_backup_at: Option<i64>,
    /// Newest first.
    pub files: Vec<BackupFile>,
    /// The command that restores a backup (the app must be stopped; restore writes into a new, empty folder).
    pub restore_command: String,
    /// Why the last automatic backup failed, while it keeps failing (a full disk, a
    /// removed USB stick): the owner must see it, not find out on the day they need one.
    pub last_error: Option<String>,
    /// A folder to offer when none is chosen: "Madoguchi バックアップ" in the user's Documents
    /// (a place owners find and copy to a USB stick); "" when there is no home folder.
    pub suggested_folder: String,
}

pub async fn get_settings(pool: &SqlitePool) -> Result<AutoBackupSettings> {
    Ok(AutoBackupSettings {
        enabled: settings::get(pool, ENABLED).await?.is_some_and(|v| v == "1"),
        folder: settings::get(pool, FOLDER).await?.unwrap_or_default(),
        keep: settings::get_i64(pool, KEEP, DEFAULT_KEEP).await?,
    })
}

pub async fn set_settings(pool: &SqlitePool, s: &AutoBackupSettings) -> Result<AutoBackupSettings> {
    if !(1..=MAX_KEEP).contains(&s.keep) {
        return Err(CoreError::bad_input(
            format!("keep between 1 and {MAX_KEEP} backups"),
            format!("残すバックアップの数は 1〜{MAX_KEEP} で指定してください"),
        ));
    }
    let folder = s.folder.trim();
    if !folder.is_empty() {
        check_folder(Path::new(folder))?;
    } else if s.enabled {
        return Err(CoreError::bad_input(
            "choose a folder for the automatic backups",
            "自動バックアップの保存先フォルダーを指定してください",
        ));
    }
    settings::set(pool, ENABLED, if s.enabled { "1" } else { "0" }).await?;
    settings::set(pool, FOLDER, folder).await?;
    settings::set(pool, KEEP, &s.keep.to_string()).await?;
    get_settings(pool).await
}

/// An absolute folder we can write to (created if missing).
fn check_folder(folder: &Path) -> Result<()> {
    if !folder.is_absolute() {
        return Err(CoreError::bad_input(
            format!(
                "\"{}\" is not a full folder path (e.g. /var/backups/madoguchi or D:\\backups)",
                folder.display()
            ),
            format!(
                "「{}」はフォルダーの完全なパスではありません（例: D:\\backups）",
                folder.display()
            ),
        ));
    }
    let probe = folder.join(".madoguchi-write-test");
    let ok = std::fs::create_dir_all(folder)
        .and_then(|_| std::fs::write(&probe, b"ok"))
        .and_then(|_| std::fs::remove_file(&probe));
    ok.map_err(|e| {
        CoreError::bad_input(
            format!("cannot write to {} ({e})", folder.display()),
            format!("{} に書き込めません（{e}）", folder.display()),
        )
    })
}

pub async fn status(pool: &SqlitePool) -> Result<BackupStatus> {
    let s = get_settings(pool).await?;
    // A folder that cannot be read (a removed stick) still leaves the page usable.
    let files = if s.folder.is_empty() {
        vec![]
    } else {
        list(Path::new(&s.folder)).unwrap_or_else(|e| {
            tracing::warn!(error = %e, "cannot list the backup folder");
            vec![]
        })
    };
    Ok(BackupStatus {
        last_backup_at: settings::get(pool, LAST_AT).await?.and_then(|v| v.parse().ok()),
        last_error: settings::get(pool, LAST_ERROR).await?.filter(|e| !e.is_empty()),
        restore_command: "madoguchi-server restore --from <バックアップファイル> --data-dir <新しい空のフォルダー>"
            .into(),
        settings: s,
        files,
        suggested_folder: suggested_folder().map(|p| p.to_string_lossy().into_owned()).unwrap_or_default(),
    })
}

fn suggested_folder() -> Option<PathBuf> {
    let home = std::env::home_dir().filter(|h| h.is_absolute())?;
    let documents = home.join("Documents");
    let base = if documents.is_dir() { documents } else { home };
    Some(base.join("Madoguchi バックアップ"))
}

/// Madoguchi's backups in `folder`, newest first (names sort by time).
pub fn list(folder: &Path) -> Result<Vec<BackupFile>> {
    let entries = match std::fs::read_dir(folder) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(vec![]),
        Err(e) => return Err(e.into()),
    };
    let mut out = vec![];
    for entry in entries.filter_map(|e| e.ok()) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !(name.starts_with(PREFIX) && name.ends_with(SUFFIX)) {
            continue;
        }
        let Ok(meta) = entry.metadata() else { continue };
        if !meta.is_file() {
            continue;
        }
        let modified_at = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0);
        out.push(BackupFile {
            path: entry.path().to_string_lossy().into_owned(),
            name,
            size_bytes: meta.len() as i64,
            modified_at,
        });
    }
    out.sort_by(|a, b| b.name.cmp(&a.name));
    Ok(out)
}

/// Deletes Madoguchi's backups in `folder` beyond the newest `keep`.
pub fn rotate(folder: &Path, keep: usize) -> Result<Vec<PathBuf>> {
    let mut removed = vec![];
    for old in list(folder)?.into_iter().skip(keep) {
        std::fs::remove_file(&old.path)?;
        removed.push(PathBuf::from(old.path));
    }
    Ok(removed)
}

/// The shop-local date and time now (the first account's time zone, else Asia/Tokyo).
async fn local_now(core: &Core, now_ms: i64) -> Result<jiff::civil::DateTime> {
    let tz = crate::hours::store::shop_time_zone(core).await?;
    Ok(tz.to_datetime(hours::store::timestamp(now_ms)?))
}

/// The shop-local day of `now_ms` and the name of a backup made then, in the shop's
/// time (a hub's backup pulled to a desk is named the same way).
pub async fn file_name(core: &Core, now_ms: i64) -> Result<(String, String)> {
    let local = local_now(core, now_ms).await?;
    let day = local.date().to_string();
    // Milliseconds too: two "back up now" clicks within a second are two files.
    let name = format!("{PREFIX}{day}-{}-{:03}{SUFFIX}", local.strftime("%H%M%S"), now_ms.rem_euclid(1000));
    Ok((day, name))
}

/// Whether `name` is a backup's file name as [`file_name`] makes it (no folder in it).
pub fn is_file_name(name: &str) -> bool {
    name.starts_with(PREFIX) && name.ends_with(SUFFIX) && !name.contains(['/', '\\']) && !name.contains("..")
}

/// Writes one backup into the chosen folder now and rotates. The button's path.
pub async fn backup_now(core: &Core) -> Result<BackupFile> {
    let now = crate::time::now_ms();
    let s = get_settings(&core.store().pool).await?;
    if s.folder.is_empty() {
        return Err(CoreError::not_configured(
            "choose a backup folder first",
            "先にバックアップの保存先フォルダーを指定してください",
        ));
    }
    let _guard = RUNNING.lock().await;
    write_one(core, &s, now).await
}

async fn write_one(core: &Core, s: &AutoBackupSettings, now_ms: i64) -> Result<BackupFile> {
    let folder = PathBuf::from(&s.folder);
    check_folder(&folder)?;
    // Webhooks answered a moment ago may still be only in the journal; the backup holds them too.
    core.webhooks_settled().await?;
    let (day, name) = file_name(core, now_ms).await?;
    let dest = folder.join(&name);
    super::backup(core.store(), &dest).await?;
    let pool = &core.store().pool;
    settings::set(pool, LAST_DAY, &day).await?;
    settings::set(pool, LAST_AT, &now_ms.to_string()).await?;
    settings::set(pool, LAST_ERROR, "").await?;
    rotate(&folder, s.keep.clamp(1, MAX_KEEP) as usize)?;
    tracing::info!(file = %dest.display(), "backup written");
    let meta = std::fs::metadata(&dest)?;
    Ok(BackupFile {
        name,
        path: dest.to_string_lossy().into_owned(),
        size_bytes: meta.len() as i64,
        modified_at: now_ms,
    })
}

/// The daily decision: a backup when automatic backups are on and none exists for the
/// shop-local day of `now_ms`. Returns the file written, if any.
pub async fn run_due(core: &Core, now_ms: i64) -> Result<Option<BackupFile>> {
    let pool = &core.store().pool;
    let s = get_settings(pool).await?;
    if !s.enabled || s.folder.is_empty() {
        return Ok(None);
    }
    let _guard = RUNNING.lock().await;
    let day = local_now(core, now_ms).await?.date().to_string();
    if settings::get(pool, LAST_DAY).await?.as_deref() == Some(day.as_str()) {
        return Ok(None);
    }
    let today_prefix = format!("{PREFIX}{day}-");
    let written = async {
        if list(Path::new(&s.folder))?.iter().any(|f| f.name.starts_with(&today_prefix)) {
            // Written before a crash that came before the bookkeeping: record, don't repeat.
            settings::set(pool, LAST_DAY, &day).await?;
            return Ok(None);
        }
        write_one(core, &s, now_ms).await.map(Some)
    }
    .await;
    if let Err(e) = &written {
        settings::set(pool, LAST_ERROR, &e.to_string()).await?;
    }
    written
}

/// Started with the other workers: checks at start and then every minute.
pub async fn worker(core: Core) {
    let never = std::sync::Arc::new(tokio::sync::Notify::new());
    crate::runtime::worker_loop(core, "auto-backup", never, CHECK_EVERY, |core| async move {
        run_due(&core, crate::time::now_ms()).await?;
        Ok(false)
    })
    .await
}
