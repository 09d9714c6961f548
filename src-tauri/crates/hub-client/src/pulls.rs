//! The hub's history kept on the owner's PC (DESIGN §7): the hub's backup pulled into a
//! folder of this desk on a schedule (daily by default) and when the app quits, the
//! newest few kept. Losing the hub then loses nothing older than the last pull. What
//! was pulled and when is kept beside the files in `pulls.json` (no secret in it): a
//! desk in client mode has no store of its own to keep it in.

use std::path::{Path, PathBuf};

use madoguchi_core::api::ApiError;
use madoguchi_core::backup::auto::{self as backups, BackupFile};
use serde::{Deserialize, Serialize};

use crate::{HubError, Link};

const RECORD: &str = "pulls.json";
const PARTIAL: &str = ".pulling.partial";
pub const DEFAULT_EVERY_HOURS: u32 = 24;
pub const DEFAULT_KEEP: u32 = 7;
const MAX_EVERY_HOURS: u32 = 24 * 7;
const MAX_KEEP: u32 = 60;
/// After a failed pull, the next try waits this long (a hub that is down is not asked
/// for a whole backup every few minutes).
const RETRY_AFTER_MS: i64 = 15 * 60 * 1000;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PullSettings {
    /// Hours between pulls.
    pub every_hours: u32,
    /// How many pulled backups stay in the folder (the newest).
    pub keep: u32,
    /// Also pull when the app quits.
    pub on_quit: bool,
}

impl Default for PullSettings {
    fn default() -> Self {
        PullSettings { every_hours: DEFAULT_EVERY_HOURS, keep: DEFAULT_KEEP, on_quit: true }
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct Record {
    settings: PullSettings,
    last_pull_at: Option<i64>,
    last_try_at: Option<i64>,
    last_error: Option<ApiError>,
}

/// What Settings shows.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PullStatus {
    pub settings: PullSettings,
    /// When the last pull finished (ms since the epoch).
    pub last_pull_at: Option<i64>,
    /// Why the last try failed, when it did (cleared by the next good pull).
    pub last_error: Option<ApiError>,
    /// The pulled backups, newest first.
    pub files: Vec<BackupFile>,
    pub folder: String,
}

/// The folder of pulled backups and its record; one pull at a time.
pub struct Pulls {
    folder: PathBuf,
    running: tokio::sync::Mutex<()>,
}

impl Pulls {
    pub fn new(folder: impl Into<PathBuf>) -> Pulls {
        Pulls { folder: folder.into(), running: tokio::sync::Mutex::new(()) }
    }

    pub fn folder(&self) -> &Path {
        &self.folder
    }

    fn record(&self) -> Record {
        match std::fs::read(self.folder.join(RECORD)) {
            Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_else(|e| {
                tracing::warn!(error = %e, "pulls.json is unreadable; starting its record again");
                Record::default()
            }),
            Err(_) => Record::default(),
        }
    }

    /// Written beside, then renamed: a crash leaves the old record or the new one.
    fn save(&self, r: &Record) -> Result<(), HubError> {
        let local = |e: std::io::Error| HubError::Local(e.to_string());
        std::fs::create_dir_all(&self.folder).map_err(local)?;
        let tmp = self.folder.join(format!("{RECORD}.tmp"));
        let bytes = serde_json::to_vec_pretty(r).map_err(|e| HubError::Local(e.to_string()))?;
        std::fs::write(&tmp, bytes).map_err(local)?;
        std::fs::rename(tmp, self.folder.join(RECORD)).map_err(local)
    }

    pub fn status(&self) -> PullStatus {
        let r = self.record();
        let files = backups::list(&self.folder).unwrap_or_else(|e| {
            tracing::warn!(error = %e, "cannot list the pulled backups");
            vec![]
        });
        PullStatus {
            settings: r.settings,
            last_pull_at: r.last_pull_at,
            last_error: r.last_error,
            files,
            folder: self.folder.display().to_string(),
        }
    }

    pub fn set_settings(&self, s: PullSettings) -> Result<PullStatus, ApiError> {
        if !(1..=MAX_EVERY_HOURS).contains(&s.every_hours) {
            return Err(ApiError::new(
                "invalid",
                format!("Pull every 1 to {MAX_EVERY_HOURS} hours"),
                format!("取り込みの間隔は 1〜{MAX_EVERY_HOURS} 時間で指定してください"),
            ));
        }
        if !(1..=MAX_KEEP).contains(&s.keep) {
            return Err(ApiError::new(
                "invalid",
                format!("Keep 1 to {MAX_KEEP} backups"),
                format!("残す数は 1〜{MAX_KEEP} 個で指定してください"),
            ));
        }
        let mut r = self.record();
        let keep = s.keep;
        r.settings = s;
        self.save(&r).map_err(|e| e.to_api_error())?;
        if let Err(e) = backups::rotate(&self.folder, keep as usize) {
            tracing::warn!(error = %e, "could not remove the oldest pulled backups");
        }
        Ok(self.status())
    }

    /// Whether a scheduled pull is due at `now_ms`.
    pub fn due(&self, now_ms: i64) -> bool {
        let r = self.record();
        let every = i64::from(r.settings.every_hours) * 3_600_000;
        let pulled_long_ago = r.last_pull_at.is_none_or(|at| now_ms - at >= every);
        let tried_lately = r.last_try_at.is_some_and(|at| r.last_error.is_some() && now_ms - at < RETRY_AFTER_MS);
        pulled_long_ago && !tried_lately
    }

    pub fn on_quit(&self) -> bool {
        self.record().settings.on_quit
    }

    /// Pulls the hub's backup now: downloaded beside, checked as a restore would check
    /// it (a whole database of a version this app reads), then given its name; the
    /// oldest beyond `keep` are removed. A failed pull leaves the earlier files as they were.
    pub async fn pull(&self, link: &Link, now_ms: i64) -> Result<BackupFile, HubError> {
        let _one = self.running.lock().await;
        let result = self.pull_once(link, now_ms).await;
        let mut r = self.record();
        r.last_try_at = Some(now_ms);
        match &result {
            Ok(_) => {
                r.last_pull_at = Some(madoguchi_core::time::now_ms());
                r.last_error = None;
            }
            Err(e) => r.last_error = Some(e.to_api_error()),
        }
        if let Err(e) = self.save(&r) {
            tracing::error!(error = %e, "could not record the pull");
        }
        result
    }

    async fn pull_once(&self, link: &Link, now_ms: i64) -> Result<BackupFile, HubError> {
        std::fs::create_dir_all(&self.folder).map_err(|e| HubError::Local(e.to_string()))?;
        let partial = self.folder.join(PARTIAL);
        let downloaded = link.download_backup(&partial).await;
        let (name, size) = match downloaded {
            Ok(d) => d,
            Err(e) => {
                let _ = std::fs::remove_file(&partial);
                return Err(e);
            }
        };
        if let Err(e) = madoguchi_core::backup::replace::inspect(&partial).await {
            let _ = std::fs::remove_file(&partial);
            return Err(HubError::BadAnswer(format!("the hub's backup does not check out: {e}")));
        }
        let name = name.unwrap_or_else(|| fallback_name(now_ms));
        let dest = self.folder.join(&name);
        std::fs::rename(&partial, &dest).map_err(|e| HubError::Local(e.to_string()))?;
        let keep = self.record().settings.keep.clamp(1, MAX_KEEP) as usize;
        if let Err(e) = backups::rotate(&self.folder, keep) {
            tracing::warn!(error = %e, "could not remove the oldest pulled backups");
        }
        tracing::info!(file = %dest.display(), bytes = size, "pulled the hub's backup");
        Ok(BackupFile { name, path: dest.display().to_string(), size_bytes: i64::try_from(size).unwrap_or(i64::MAX), modified_at: now_ms })
    }

    /// A pulled backup by its file name (as Settings lists it), refusing anything else.
    pub fn file(&self, name: &str) -> Result<PathBuf, ApiError> {
        let path = self.folder.join(name);
        if backups::is_file_name(name) && path.is_file() {
            Ok(path)
        } else {
            Err(ApiError::new("notFound", format!("No pulled backup named {name}"), format!("{name} という控えはありません")))
        }
    }
}

/// A hub that sent no usable name: the UTC time, in the same shape as the hub's names.
fn fallback_name(now_ms: i64) -> String {
    let stamp = jiff::Timestamp::from_millisecond(now_ms)
        .map(|t| t.strftime("%Y-%m-%d-%H%M%S").to_string())
        .unwrap_or_else(|_| now_ms.to_string());
    format!("madoguchi-backup-{stamp}-{:03}.tar.zst", now_ms.rem_euclid(1000))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_daily_and_not_again_right_after_a_failure() {
        let dir = tempfile::tempdir().unwrap();
        let pulls = Pulls::new(dir.path());
        let day = 24 * 3_600_000;
        assert!(pulls.due(1_000), "never pulled: due");
        pulls.save(&Record { last_pull_at: Some(1_000), ..Record::default() }).unwrap();
        assert!(!pulls.due(1_000 + day - 1));
        assert!(pulls.due(1_000 + day));
        let failed = Record { last_pull_at: Some(1_000), last_try_at: Some(1_000 + day), last_error: Some(ApiError::new("x", "x", "x")), ..Record::default() };
        pulls.save(&failed).unwrap();
        assert!(!pulls.due(1_000 + day + 60_000), "a failure waits before the next try");
        assert!(pulls.due(1_000 + day + RETRY_AFTER_MS));
    }

    #[test]
    fn settings_out_of_range_are_refused_in_both_languages() {
        let dir = tempfile::tempdir().unwrap();
        let pulls = Pulls::new(dir.path());
        let e = pulls.set_settings(PullSettings { every_hours: 0, ..PullSettings::default() }).unwrap_err();
        assert!(e.message_ja.contains("時間"), "{e:?}");
        let e = pulls.set_settings(PullSettings { keep: 0, ..PullSettings::default() }).unwrap_err();
        assert!(e.message.contains("Keep"), "{e:?}");
        let ok = pulls.set_settings(PullSettings { every_hours: 6, keep: 3, on_quit: false }).unwrap();
        assert_eq!(ok.settings, PullSettings { every_hours: 6, keep: 3, on_quit: false });
        assert_eq!(pulls.status().settings.keep, 3, "kept in pulls.json");
    }

    #[test]
    fn only_listed_backup_names_open() {
        let dir = tempfile::tempdir().unwrap();
        let pulls = Pulls::new(dir.path());
        std::fs::write(dir.path().join("madoguchi-backup-2026-12-07-031500-001.tar.zst"), b"x").unwrap();
        assert!(pulls.file("madoguchi-backup-2026-12-07-031500-001.tar.zst").is_ok());
        assert!(pulls.file("../madoguchi-backup-2026-12-07-031500-001.tar.zst").is_err());
        assert!(pulls.file("pulls.json").is_err());
    }
}
