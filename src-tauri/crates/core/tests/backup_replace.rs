//! Restoring a backup over the shop's data from the app: look inside first, restore
//! beside the data folder, swap in only after the core stopped, keep the current data as
//! a dated folder; a broken, foreign or newer backup changes nothing.

use std::sync::Arc;

use madoguchi_core::backup::{self, replace};
use madoguchi_core::secrets::MemorySecretStore;
use madoguchi_core::{Core, CoreOptions};

use crate::support::Harness;

async fn message_count(core: &Core) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar("SELECT count(*) FROM messages").fetch_one(&core.store().pool).await?)
}

fn siblings(dir: &std::path::Path) -> anyhow::Result<Vec<String>> {
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut found: Vec<String> = std::fs::read_dir(dir.parent().unwrap_or(dir))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&format!("{name}-")))
        .collect();
    found.sort();
    Ok(found)
}

#[tokio::test]
async fn a_backup_is_inspected_then_swapped_in_and_the_current_data_kept_dated() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    let u = h.sim.add_user("復元 テスト");
    h.ingest(vec![h.sim.event_text(&u.user_id, "バックアップ前のメッセージ", None)]).await?;
    let scratch = tempfile::tempdir()?;
    let file = scratch.path().join("shop.madoguchi-backup");
    backup::backup(h.core.store(), &file).await?;
    let at_backup = message_count(&h.core).await?;
    h.ingest(vec![h.sim.event_text(&u.user_id, "バックアップ後のメッセージ", None)]).await?;
    let after = message_count(&h.core).await?;
    assert_eq!(after, at_backup + 1);

    let summary = replace::inspect(&file).await?;
    assert_eq!(summary.messages, at_backup, "the summary counts what the backup holds, not the live store");
    assert_eq!(summary.friends, 1);
    assert!(summary.created_at > 0 && !summary.app_version.is_empty());

    // The data dir is the harness's own: restore beside it, swap after shutdown.
    let data_dir = h.core.store().data_dir().to_path_buf();
    let now = madoguchi_core::time::now_ms();
    let staged = replace::stage(&file, &data_dir, now).await?;
    assert!(staged.exists() && data_dir.exists(), "staging touches nothing of the current data");
    h.core.shutdown().await;
    let previous = replace::swap_in(&staged, &data_dir, now)?;
    assert!(!staged.exists(), "the staged folder became the data folder");

    let reopen = |dir: std::path::PathBuf| async move {
        let mut opts = CoreOptions::new(dir, Arc::new(MemorySecretStore::default()));
        opts.line_api_base = "http://127.0.0.1:9".into();
        Core::open(opts).await
    };
    let restored = reopen(data_dir.clone()).await?;
    assert_eq!(message_count(&restored).await?, at_backup, "the data folder holds the backup");
    restored.shutdown().await;
    let kept = reopen(previous.clone()).await?;
    assert_eq!(message_count(&kept).await?, after, "the data from before the restore is kept whole");
    kept.shutdown().await;
    assert!(
        previous.file_name().is_some_and(|n| n.to_string_lossy().contains("-before-restore-")),
        "{}",
        previous.display()
    );
    Ok(())
}

#[tokio::test]
async fn broken_foreign_and_newer_backups_are_refused_and_change_nothing() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    let scratch = tempfile::tempdir()?;
    let good = scratch.path().join("good");
    backup::backup(h.core.store(), &good).await?;
    let bytes = std::fs::read(&good)?;

    let truncated = scratch.path().join("truncated");
    std::fs::write(&truncated, &bytes[..bytes.len() / 2])?;
    let foreign = scratch.path().join("foreign.zip");
    std::fs::write(&foreign, b"PK\x03\x04 not ours at all")?;
    // A backup from a newer Madoguchi: a manifest with a schema from the future.
    let newer = scratch.path().join("newer");
    {
        let file = std::fs::File::create(&newer)?;
        let mut tar = tar::Builder::new(zstd::Encoder::new(file, 3)?.auto_finish());
        let manifest = br#"{"format":"madoguchi-backup","appVersion":"9.9.9","schemaVersion":999999,"createdAt":1,"mediaFiles":0}"#;
        let mut header = tar::Header::new_gnu();
        header.set_size(manifest.len() as u64);
        header.set_mode(0o600);
        header.set_cksum();
        tar.append_data(&mut header, "manifest.json", &manifest[..])?;
        tar.finish()?;
    }

    let data_dir = h.core.store().data_dir().to_path_buf();
    let before = siblings(&data_dir)?;
    for (file, expect) in [
        (&truncated, "途中で切れている"),
        (&foreign, "Madoguchi のバックアップではありません"),
        (&newer, "新しいバージョン（9.9.9）"),
    ] {
        let inspected = replace::inspect(file).await.expect_err("inspect must refuse");
        assert!(inspected.to_string().contains(expect), "{}: {inspected}", file.display());
        let staged = replace::stage(file, &data_dir, madoguchi_core::time::now_ms()).await.expect_err("stage must refuse");
        assert!(staged.to_string().contains(expect), "{}: {staged}", file.display());
    }
    assert_eq!(siblings(&data_dir)?, before, "a refused backup leaves no folder behind");
    assert!(sqlx::query_scalar::<_, i64>("SELECT 1").fetch_one(&h.core.store().pool).await? == 1, "the store is untouched and open");
    Ok(())
}
