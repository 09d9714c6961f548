//! Moving a solo shop onto a fresh hub: the PC's backup becomes the hub's data, the same
//! messages come out of both exports, the hub's members can still sign in, and a hub
//! that already holds customers is refused untouched.

use madoguchi_core::backup::{self, import};
use madoguchi_core::members::{store as members, NewMember, Role};
use madoguchi_core::store::Store;

use crate::support::Harness;

async fn exported(store: &Store) -> anyhow::Result<String> {
    let mut out = Vec::new();
    madoguchi_core::export::export_jsonl(&store.pool, &mut out).await?;
    Ok(String::from_utf8(out)?)
}

async fn fresh_hub(dir: &std::path::Path) -> anyhow::Result<()> {
    let hub = Store::open(dir).await?;
    let owner = NewMember { name: "店長".into(), role: Role::Owner, password: Some("hub-no-kagi-2026".into()), reservation_staff_id: None };
    members::add(&hub.pool, owner).await?;
    hub.close().await;
    Ok(())
}

#[tokio::test]
async fn a_solo_backup_becomes_a_fresh_hubs_data_and_its_members_stay() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    let a = h.sim.add_user("移行 太郎");
    let b = h.sim.add_user("移行 花子");
    h.ingest(vec![
        h.sim.event_text(&a.user_id, "明日の10時に予約できますか", None),
        h.sim.event_text(&b.user_id, "駐車場はありますか？", None),
        h.sim.event_text(&a.user_id, "よろしくお願いします", None),
    ])
    .await?;
    let scratch = tempfile::tempdir()?;
    let file = scratch.path().join("solo.madoguchi-backup");
    backup::backup(h.core.store(), &file).await?;
    let solo_export = exported(h.core.store()).await?;
    assert_eq!(solo_export.lines().count(), 3);

    let hub_dir = scratch.path().join("hub");
    fresh_hub(&hub_dir).await?;
    let report = import::import_into_hub(&file, &hub_dir, 1_700_000_000_000).await?;
    assert_eq!((report.friends, report.messages, report.members_kept), (2, 3, 1));
    let previous = report.previous.expect("the hub had a store");
    assert!(previous.starts_with(&hub_dir) && previous.join("madoguchi.db").exists(), "the hub's old files kept inside its folder");

    let hub = Store::open(&hub_dir).await?;
    assert_eq!(exported(&hub).await?, solo_export, "the hub exports exactly the solo shop's messages");
    let signed_in = members::login(&hub.pool, "店長", "hub-no-kagi-2026", "カウンター").await?;
    assert!(signed_in.is_some(), "the hub's owner signs in after the import");
    hub.close().await;

    // The hub now holds customers: a second import (say, run twice) is refused and the
    // hub keeps exactly what it had.
    let again = import::import_into_hub(&file, &hub_dir, 1_700_000_100_000).await;
    let err = again.expect_err("a hub with customers is not fresh").to_string();
    assert!(err.contains("fresh hub") && err.contains("新しいハブ"), "{err}");
    let hub = Store::open(&hub_dir).await?;
    assert_eq!(exported(&hub).await?, solo_export, "nothing duplicated");
    hub.close().await;
    let leftovers: Vec<_> = std::fs::read_dir(&hub_dir)?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".import-"))
        .collect();
    assert!(leftovers.is_empty(), "a refused import leaves no staging behind: {leftovers:?}");
    Ok(())
}

#[tokio::test]
async fn a_backup_into_an_empty_folder_is_a_plain_restore() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    let u = h.sim.add_user("空 フォルダー");
    h.ingest(vec![h.sim.event_text(&u.user_id, "こんにちは", None)]).await?;
    let scratch = tempfile::tempdir()?;
    let file = scratch.path().join("solo.madoguchi-backup");
    backup::backup(h.core.store(), &file).await?;
    let hub_dir = scratch.path().join("new-hub");
    let report = import::import_into_hub(&file, &hub_dir, 1_700_000_000_000).await?;
    assert_eq!((report.messages, report.members_kept), (1, 0));
    assert!(report.previous.is_none());
    let hub = Store::open(&hub_dir).await?;
    assert_eq!(exported(&hub).await?, exported(h.core.store()).await?);
    hub.close().await;
    Ok(())
}
