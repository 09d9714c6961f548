//! Moving a solo shop onto a hub: a backup made on the owner's PC becomes the data of a
//! fresh hub. "Fresh" means the hub holds no customer data yet, so nothing can be
//! duplicated; the members already made on the hub (its owner, at least) are carried
//! into the imported store so the people who installed it can still sign in.
//!
//! Everything happens inside the data folder itself — staged in a hidden folder, then
//! swapped entry by entry — because a systemd `StateDirectory` is writable by the
//! service's user while its parent is not. The hub's previous files stay whole in
//! `.before-import-<time>` inside the folder.

use std::path::{Path, PathBuf};

use sqlx::Row;

use super::{open_checked, refuse, restore, Manifest};
use crate::store::{Store, DB_FILE};
use crate::Result;

/// What an import brought in.
#[derive(Debug)]
pub struct ImportReport {
    pub manifest: Manifest,
    pub friends: i64,
    pub messages: i64,
    pub reservations: i64,
    /// Members of the hub carried into the imported store.
    pub members_kept: i64,
    /// The hub's files from before the import, if it had any.
    pub previous: Option<PathBuf>,
}

const STAGING_PREFIX: &str = ".import-";
const PREVIOUS_PREFIX: &str = ".before-import-";

/// Imports the backup `src` into the hub's `data_dir`. Call only while no process has
/// the data folder open (the server refuses to open a folder another process holds).
pub async fn import_into_hub(src: &Path, data_dir: &Path, now_ms: i64) -> Result<ImportReport> {
    std::fs::create_dir_all(data_dir)?;
    let has_store = data_dir.join(DB_FILE).exists();
    if has_store {
        refuse_unless_fresh(data_dir).await?;
    }

    let staging = tempfile::Builder::new().prefix(STAGING_PREFIX).tempdir_in(data_dir)?;
    let staged = staging.path().join("data");
    let manifest = restore(src, &staged).await?;

    let imported = open_checked(&staged).await?;
    let carried = if has_store { carry_members(&imported, &data_dir.join(DB_FILE)).await } else { Ok(0) };
    let counted = counts(&imported).await;
    imported.close().await;
    let members_kept = carried?;
    let (friends, messages, reservations) = counted?;

    let previous = if has_store { Some(set_aside(data_dir, staging.path(), now_ms)?) } else { None };
    for entry in std::fs::read_dir(&staged)? {
        let entry = entry?;
        std::fs::rename(entry.path(), data_dir.join(entry.file_name()))?;
    }
    drop(staging);
    Ok(ImportReport { manifest, friends, messages, reservations, members_kept, previous })
}

async fn counts(store: &Store) -> Result<(i64, i64, i64)> {
    Ok(sqlx::query_as::<_, (i64, i64, i64)>(
        "SELECT (SELECT count(*) FROM friends), (SELECT count(*) FROM messages), (SELECT count(*) FROM reservations)",
    )
    .fetch_one(&store.pool)
    .await?)
}

/// A hub that already holds customers, messages or bookings is not fresh: importing on
/// top would mix two histories.
async fn refuse_unless_fresh(data_dir: &Path) -> Result<()> {
    let hub = Store::open(data_dir).await?;
    let counted = counts(&hub).await;
    hub.close().await;
    let (friends, messages, reservations) = counted?;
    if friends + messages + reservations > 0 {
        return Err(refuse(format!(
            "{} already holds {friends} customers, {messages} messages and {reservations} bookings; import goes only into a fresh hub so nothing is mixed or duplicated / \
             このハブにはすでにお客様 {friends} 人・メッセージ {messages} 件・予約 {reservations} 件があります。重複を防ぐため、取り込みは新しいハブにだけできます",
            data_dir.display()
        )));
    }
    Ok(())
}

/// Copies the hub's members, devices and pairing codes into the imported store. A
/// backup that has members of its own keeps them, and the hub's are not mixed in.
async fn carry_members(imported: &Store, hub_db: &Path) -> Result<i64> {
    let mut conn = imported.pool.acquire().await?;
    let own: i64 = sqlx::query_scalar("SELECT count(*) FROM members").fetch_one(&mut *conn).await?;
    if own > 0 {
        return Err(refuse(
            "the backup has members of its own; import it into a hub without members (member add afterwards) / \
             バックアップにメンバーが含まれています。メンバーのいないハブに取り込み、その後メンバーを追加してください",
        ));
    }
    sqlx::query("ATTACH DATABASE ? AS hub").bind(hub_db.to_string_lossy().into_owned()).execute(&mut *conn).await?;
    let copied = async {
        for table in ["members", "member_tokens", "pairing_codes"] {
            // Both stores are at the same schema version (each opened through the same
            // migrations), so the columns match one for one.
            sqlx::query(sqlx::AssertSqlSafe(format!("INSERT INTO main.{table} SELECT * FROM hub.{table}"))).execute(&mut *conn).await?;
        }
        let n: i64 = sqlx::query("SELECT count(*) AS n FROM main.members").fetch_one(&mut *conn).await?.try_get("n")?;
        Ok::<_, crate::CoreError>(n)
    }
    .await;
    sqlx::query("DETACH DATABASE hub").execute(&mut *conn).await?;
    copied
}

/// Moves every entry of `data_dir` except the staging folder and earlier set-asides into
/// `.before-import-<time>`, and returns that folder.
fn set_aside(data_dir: &Path, staging: &Path, now_ms: i64) -> Result<PathBuf> {
    let previous = data_dir.join(format!("{PREVIOUS_PREFIX}{now_ms}"));
    std::fs::create_dir(&previous)?;
    for entry in std::fs::read_dir(data_dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.path() == staging || entry.path() == previous || name.starts_with(PREVIOUS_PREFIX) {
            continue;
        }
        std::fs::rename(entry.path(), previous.join(entry.file_name()))?;
    }
    Ok(previous)
}
