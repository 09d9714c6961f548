//! One-file backups: a consistent copy of the database (`VACUUM INTO`, safe while the
//! app runs) plus the media files, in a zstd-compressed tar with a manifest. Restore
//! goes into an empty data dir only, checks the manifest and the database before it
//! writes anything, and refuses backups from a newer schema. Secrets are never in the
//! store, so they are never in a backup.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read};
use std::path::{Component, Path};

use serde::{Deserialize, Serialize};

use crate::store::{Store, DB_FILE, MIGRATOR};
use crate::{CoreError, Result};

pub mod auto;
pub mod import;
pub mod replace;
pub mod view;

const MANIFEST: &str = "manifest.json";
const FORMAT: &str = "madoguchi-backup";
const ZSTD_MAGIC: [u8; 4] = [0x28, 0xB5, 0x2F, 0xFD];

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Manifest {
    pub format: String,
    pub app_version: String,
    pub schema_version: i64,
    pub created_at: i64,
    pub media_files: u64,
}

fn latest_schema_version() -> i64 {
    MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0)
}

/// Writes a backup of `store` to `dest` (via a temporary file renamed at the end).
pub async fn backup(store: &Store, dest: &Path) -> Result<Manifest> {
    let staging = tempfile::Builder::new().prefix("madoguchi-backup").tempdir()?;
    let db_copy = staging.path().join(DB_FILE);
    let db_copy_str = db_copy.to_string_lossy().into_owned();
    sqlx::query("VACUUM INTO ?").bind(&db_copy_str).execute(&store.pool).await?;

    let media_dir = store.media_dir();
    let dest = dest.to_path_buf();
    let manifest = tokio::task::spawn_blocking(move || -> Result<Manifest> {
        let media: Vec<_> = std::fs::read_dir(&media_dir)?
            .filter_map(|e| e.ok())
            .filter(|e| e.path().is_file() && !e.file_name().to_string_lossy().starts_with('.'))
            .collect();
        let manifest = Manifest {
            format: FORMAT.into(),
            app_version: env!("CARGO_PKG_VERSION").into(),
            schema_version: latest_schema_version(),
            created_at: crate::time::now_ms(),
            media_files: media.len() as u64,
        };
        let tmp = dest.with_extension("partial");
        {
            let file = BufWriter::new(File::create(&tmp)?);
            let zst = zstd::Encoder::new(file, 3)?;
            let mut tar = tar::Builder::new(zst);
            let manifest_bytes = serde_json::to_vec_pretty(&manifest)?;
            let mut header = tar::Header::new_gnu();
            header.set_size(manifest_bytes.len() as u64);
            header.set_mode(0o600);
            header.set_cksum();
            tar.append_data(&mut header, MANIFEST, manifest_bytes.as_slice())?;
            tar.append_path_with_name(&db_copy, DB_FILE)?;
            for entry in media {
                tar.append_path_with_name(entry.path(), Path::new("media").join(entry.file_name()))?;
            }
            let zst = tar.into_inner()?;
            let file = zst.finish()?;
            crate::flush::sync_all(&file.into_inner().map_err(|e| e.into_error())?)?;
        }
        std::fs::rename(&tmp, &dest)?;
        Ok(manifest)
    })
    .await
    .map_err(|e| CoreError::Backup(e.to_string()))??;
    drop(staging);
    Ok(manifest)
}

/// Restores `src` into `data_dir`, which must be empty or absent.
pub async fn restore(src: &Path, data_dir: &Path) -> Result<Manifest> {
    if data_dir.exists() && std::fs::read_dir(data_dir)?.next().is_some() {
        return Err(CoreError::Backup(format!(
            "{} is not empty; restore only into a new, empty folder so nothing is overwritten / 上書きを防ぐため、空のフォルダーにのみ復元できます",
            data_dir.display()
        )));
    }
    let src = src.to_path_buf();
    let target = data_dir.to_path_buf();
    let staging_parent = target.parent().map(Path::to_path_buf).unwrap_or_else(|| Path::new(".").to_path_buf());
    std::fs::create_dir_all(&staging_parent)?;
    let staging = tempfile::Builder::new().prefix(".madoguchi-restore").tempdir_in(&staging_parent)?;
    let staged = staging.path().to_path_buf();
    let manifest = tokio::task::spawn_blocking(move || unpack(&src, &staged, true))
        .await
        .map_err(|e| CoreError::Backup(e.to_string()))??;
    // Prove the database opens and is whole before it takes the place of anything.
    let check = open_checked(staging.path()).await?;
    check.close().await;
    if target.exists() {
        std::fs::remove_dir(&target)?;
    }
    let staged = staging.keep();
    std::fs::rename(&staged, &target)?;
    Ok(manifest)
}

/// Opens an unpacked backup's database (migrating it, as the app would) and proves it
/// whole, or says it is damaged.
async fn open_checked(dir: &Path) -> Result<Store> {
    let damaged = |e: &dyn std::fmt::Display| {
        refuse(format!("the database in the backup is damaged ({e}) / バックアップ内のデータベースが壊れています"))
    };
    let check = Store::open(dir).await.map_err(|e| damaged(&e))?;
    let ok: String = match sqlx::query_scalar("PRAGMA integrity_check").fetch_one(&check.pool).await {
        Ok(ok) => ok,
        Err(e) => {
            check.close().await;
            return Err(damaged(&e));
        }
    };
    if ok != "ok" {
        check.close().await;
        return Err(refuse(format!("the database in the backup is damaged: {ok} / バックアップ内のデータベースが壊れています")));
    }
    Ok(check)
}

fn refuse(why: impl Into<String>) -> CoreError {
    CoreError::Backup(why.into())
}

/// Unpacks `src` into `dest`, checking every entry; `with_media: false` reads the media
/// entries' headers but writes only the manifest and the database (to look inside).
fn unpack(src: &Path, dest: &Path, with_media: bool) -> Result<Manifest> {
    // Our backups are zstd frames: any other file is not a damaged backup, but not ours.
    let mut magic = [0u8; 4];
    let is_zstd = File::open(src)?.read_exact(&mut magic).is_ok() && magic == ZSTD_MAGIC;
    if !is_zstd {
        return Err(refuse("not a Madoguchi backup / Madoguchi のバックアップではありません"));
    }
    let file = File::open(src)?;
    let zst = zstd::Decoder::new(BufReader::new(file))
        .map_err(|e| refuse(format!("not a Madoguchi backup ({e}) / Madoguchi のバックアップではありません")))?;
    let mut archive = tar::Archive::new(zst);
    let mut manifest: Option<Manifest> = None;
    let mut has_db = false;
    let entries = archive
        .entries()
        .map_err(|e| refuse(format!("not a Madoguchi backup ({e}) / Madoguchi のバックアップではありません")))?;
    for entry in entries {
        let mut entry = entry.map_err(|e| refuse(format!("the backup is truncated or damaged ({e}) / バックアップが途中で切れているか壊れています")))?;
        let path = entry.path().map_err(|e| refuse(e.to_string()))?.into_owned();
        // Only our own layout, and nothing that climbs out of the target folder.
        if path.components().any(|c| !matches!(c, Component::Normal(_))) {
            return Err(refuse(format!("unexpected path in backup: {}", path.display())));
        }
        let name = path.to_string_lossy().into_owned();
        if name == MANIFEST {
            let mut s = String::new();
            entry.read_to_string(&mut s).map_err(|e| refuse(e.to_string()))?;
            let m: Manifest = serde_json::from_str(&s).map_err(|e| refuse(format!("bad manifest: {e}")))?;
            if m.format != FORMAT {
                return Err(refuse("not a Madoguchi backup / Madoguchi のバックアップではありません"));
            }
            if m.schema_version > latest_schema_version() {
                return Err(refuse(format!(
                    "this backup comes from a newer Madoguchi (version {}); update the app first / 新しいバージョン（{}）のバックアップです。先にアプリを更新してください",
                    m.app_version, m.app_version
                )));
            }
            manifest = Some(m);
            continue;
        }
        if manifest.is_none() {
            return Err(refuse("not a Madoguchi backup (no manifest first) / Madoguchi のバックアップではありません"));
        }
        if name == DB_FILE {
            has_db = true;
        } else if !name.starts_with("media/") {
            return Err(refuse(format!("unexpected file in backup: {name}")));
        } else if !with_media {
            continue;
        }
        let out = dest.join(&path);
        if let Some(parent) = out.parent() {
            std::fs::create_dir_all(parent)?;
        }
        entry
            .unpack(&out)
            .map_err(|e| refuse(format!("the backup is truncated or damaged ({e}) / バックアップが途中で切れているか壊れています")))?;
    }
    let manifest = manifest.ok_or_else(|| refuse("not a Madoguchi backup / Madoguchi のバックアップではありません"))?;
    if !has_db {
        return Err(refuse("the backup holds no database (truncated?) / バックアップにデータベースがありません"));
    }
    Ok(manifest)
}
