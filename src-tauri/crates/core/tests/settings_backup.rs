//! Automatic daily backups (one per shop day, rotation to N, durable across restarts),
//! "back up now", and the CSV export beside the JSON Lines one.

use std::sync::Arc;

use madoguchi_core::api::types::{AutoBackupSettings, ExportFormat, ExportMessages, Request, Response};
use madoguchi_core::backup::auto;
use madoguchi_core::secrets::MemorySecretStore;
use madoguchi_core::{Core, CoreOptions};

use crate::shop::jst;
use crate::support::{Harness, eventually};

fn names(folder: &std::path::Path) -> anyhow::Result<Vec<String>> {
    Ok(auto::list(folder)?.into_iter().map(|f| f.name).collect())
}

async fn enable(core: &Core, folder: &std::path::Path, keep: i64) -> anyhow::Result<()> {
    let s = AutoBackupSettings {
        enabled: true,
        folder: folder.to_string_lossy().into_owned(),
        keep,
    };
    auto::set_settings(&core.store().pool, &s).await?;
    Ok(())
}

#[tokio::test]
async fn one_backup_per_shop_day_rotated_to_the_last_n() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    let folder = tempfile::tempdir()?;
    enable(&h.core, folder.path(), 3).await?;

    // 23:50 on the 20th and 00:10 on the 21st in Tokyo are different shop days (UTC says otherwise).
    let first = auto::run_due(&h.core, jst(2026, 11, 20, 23, 50)).await?;
    assert!(first.is_some(), "the first check of a day backs up");
    assert!(
        auto::run_due(&h.core, jst(2026, 11, 20, 23, 55)).await?.is_none(),
        "a second backup on the same day"
    );
    assert!(
        auto::run_due(&h.core, jst(2026, 11, 21, 0, 10)).await?.is_some(),
        "the next Tokyo day backs up"
    );
    for day in 22..=25 {
        assert!(
            auto::run_due(&h.core, jst(2026, 11, day, 9, 0)).await?.is_some(),
            "day {day}"
        );
    }
    let got = names(folder.path())?;
    assert_eq!(got.len(), 3, "kept the last 3: {got:?}");
    assert!(
        got[0].starts_with("madoguchi-backup-2026-11-25-") && got[2].starts_with("madoguchi-backup-2026-11-23-"),
        "{got:?}"
    );

    // A file of today written just before a crash (bookkeeping lost): found, not repeated.
    sqlx::query("DELETE FROM settings WHERE key = ?")
        .bind(auto::LAST_DAY)
        .execute(&h.core.store().pool)
        .await?;
    assert!(
        auto::run_due(&h.core, jst(2026, 11, 25, 18, 0)).await?.is_none(),
        "doubled a day after losing the record"
    );
    assert_eq!(names(folder.path())?.len(), 3);

    // Other files in the folder are never touched by the rotation.
    std::fs::write(folder.path().join("お客様名簿.xlsx"), b"not ours")?;
    let now = auto::backup_now(&h.core).await?;
    assert!(now.size_bytes > 0);
    assert!(
        folder.path().join("お客様名簿.xlsx").exists(),
        "rotation deleted a file that is not a backup"
    );
    assert_eq!(names(folder.path())?.len(), 3);

    // A backup made this way restores (the one-file format, not something new).
    let restored = tempfile::tempdir()?;
    let target = restored.path().join("data");
    madoguchi_core::backup::restore(std::path::Path::new(&now.path), &target).await?;
    assert!(target.join(madoguchi_core::store::DB_FILE).is_file());

    let Response::BackupStatus(status) = h.core.dispatch(Request::GetBackupStatus).await? else {
        anyhow::bail!("status")
    };
    assert_eq!(status.files.len(), 3);
    assert!(status.last_backup_at.is_some());
    assert!(status.restore_command.starts_with("madoguchi-server restore --from"));
    assert!(
        status.suggested_folder.is_empty() || std::path::Path::new(&status.suggested_folder).is_absolute(),
        "a suggested folder must be a full path: {}",
        status.suggested_folder
    );
    Ok(())
}

#[tokio::test]
async fn a_failing_automatic_backup_is_reported_until_one_succeeds() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    let parent = tempfile::tempdir()?;
    let folder = parent.path().join("usb");
    enable(&h.core, &folder, 3).await?;
    // The stick is gone and a file sits where the folder was.
    std::fs::remove_dir_all(&folder)?;
    std::fs::write(&folder, b"not a folder")?;
    assert!(auto::run_due(&h.core, jst(2026, 11, 20, 9, 0)).await.is_err());
    let Response::BackupStatus(st) = h.core.dispatch(Request::GetBackupStatus).await? else { anyhow::bail!("status") };
    assert!(st.last_error.is_some(), "the failure is not shown: {st:?}");
    assert!(st.last_backup_at.is_none());

    std::fs::remove_file(&folder)?;
    assert!(auto::run_due(&h.core, jst(2026, 11, 20, 9, 1)).await?.is_some(), "retried on the next check");
    let Response::BackupStatus(st) = h.core.dispatch(Request::GetBackupStatus).await? else { anyhow::bail!("status") };
    assert_eq!(st.last_error, None, "a success clears the failure");
    Ok(())
}

#[tokio::test]
async fn auto_backup_settings_are_checked() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    let bad = |folder: &str, keep: i64| {
        Request::SetAutoBackup(AutoBackupSettings {
            enabled: true,
            folder: folder.into(),
            keep,
        })
    };
    let e = h
        .core
        .dispatch(bad("relative/path", 3))
        .await
        .expect_err("relative folder accepted");
    assert!(e.message_ja.contains("完全なパス"), "{e:?}");
    let dir = tempfile::tempdir()?;
    let e = h
        .core
        .dispatch(bad(&dir.path().to_string_lossy(), 0))
        .await
        .expect_err("keep 0 accepted");
    assert!(e.message_ja.contains("1〜365"), "{e:?}");
    let e = h.core.dispatch(bad("", 3)).await.expect_err("enabled without folder");
    assert!(e.message_ja.contains("フォルダー"), "{e:?}");
    let e = h
        .core
        .dispatch(Request::BackupNow)
        .await
        .expect_err("backup with no folder");
    assert_eq!(e.code, "notConfigured");
    Ok(())
}

/// The worker starts with Core and backs up at start; after a restart the same day the
/// recorded day keeps it from making another.
#[tokio::test]
async fn the_worker_backs_up_at_start_and_a_restart_does_not_double() -> anyhow::Result<()> {
    let data = tempfile::tempdir()?;
    let folder = tempfile::tempdir()?;
    let open = |workers: bool| {
        let mut o = CoreOptions::new(data.path(), Arc::new(MemorySecretStore::default()));
        o.start_workers = workers;
        Core::open(o)
    };
    let core = open(false).await?;
    enable(&core, folder.path(), 5).await?;
    core.shutdown().await;
    assert!(names(folder.path())?.is_empty(), "no worker, no backup");

    let core = open(true).await?;
    let f = folder.path().to_path_buf();
    eventually(20, "the worker's backup at start", || {
        let f = f.clone();
        async move { Ok((auto::list(&f)?.len() == 1).then_some(())) }
    })
    .await?;
    core.shutdown().await;

    // A restart the same day: the decision reads the recorded day back from the store.
    let core = open(false).await?;
    let day: Option<String> = madoguchi_core::settings::get(&core.store().pool, auto::LAST_DAY).await?;
    assert!(day.is_some(), "the day of the backup is recorded in the store");
    assert!(
        auto::run_due(&core, madoguchi_core::time::now_ms()).await?.is_none(),
        "a restart on the same day made a second backup"
    );
    assert_eq!(names(folder.path())?.len(), 1);
    core.shutdown().await;
    Ok(())
}

#[tokio::test]
async fn csv_export_opens_in_excel_and_defuses_formulas() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    let u = h.sim.add_user("=HYPERLINK(\"http://evil\")");
    h.ingest(vec![
        h.sim
            .event_text(&u.user_id, "カットの予約をお願いします", Some(jst(2026, 11, 20, 10, 0))),
        h.sim.event_text(&u.user_id, "=1+2", Some(jst(2026, 11, 20, 10, 1))),
        h.sim.event_text(
            &u.user_id,
            "改行\nと \"引用符\", カンマ",
            Some(jst(2026, 11, 20, 10, 2)),
        ),
    ])
    .await?;
    let pool = &h.core.store().pool;
    // The profile worker fills the display name from the simulator.
    eventually(10, "the profile name", || async {
        let n: Option<String> = sqlx::query_scalar("SELECT display_name FROM friends")
            .fetch_one(pool)
            .await?;
        Ok(n.map(|_| ()))
    })
    .await?;

    let folder = tempfile::tempdir()?;
    enable(&h.core, folder.path(), 3).await?;
    let Response::ExportDone(done) = h
        .core
        .dispatch(Request::ExportMessages(ExportMessages {
            format: ExportFormat::Csv,
        }))
        .await?
    else {
        anyhow::bail!("export")
    };
    assert_eq!(done.messages, 3);
    let bytes = std::fs::read(&done.path)?;
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "no BOM: Excel would show mojibake");
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    let headers = r.headers()?.clone();
    assert_eq!(&headers[1], "日時");
    let rows: Vec<csv::StringRecord> = r.records().collect::<Result<_, _>>()?;
    assert_eq!(rows.len(), 3);
    assert_eq!(&rows[0][1], "2026-11-20 10:00:00", "shop-local time");
    assert_eq!(&rows[0][7], "カットの予約をお願いします");
    assert_eq!(&rows[1][7], "'=1+2", "a formula is defused");
    assert!(
        rows[0][3].starts_with("'="),
        "a formula as a display name is defused: {}",
        &rows[0][3]
    );
    assert_eq!(&rows[2][7], "改行\nと \"引用符\", カンマ", "quoting round-trips");

    // The JSON Lines export beside it has the same messages.
    let Response::ExportDone(j) = h
        .core
        .dispatch(Request::ExportMessages(ExportMessages {
            format: ExportFormat::Jsonl,
        }))
        .await?
    else {
        anyhow::bail!("export")
    };
    assert_eq!(j.messages, 3);
    assert_eq!(std::fs::read_to_string(&j.path)?.lines().count(), 3);
    Ok(())
}
