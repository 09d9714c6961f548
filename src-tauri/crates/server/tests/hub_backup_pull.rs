//! The history stays on the owner's PC (DESIGN §7): the owner's desk pulls the hub's
//! backup over `GET /api/backup`; the pulled copy, opened to look through, exports the
//! same messages as the hub and refuses every change; a staff desk and a caller
//! without a token get nothing; only the newest pulls are kept.

use std::sync::Arc;

use anyhow::{bail, ensure, Context, Result};
use madoguchi_core::api::Request;
use madoguchi_core::store::Store;
use madoguchi_hub_client::{HubClient, HubError, Link, MemoryTokens, PullSettings, Pulls};
use serde_json::{json, Value};

use crate::hub_client::{hub_with_members, pairing_code};
use crate::support;

async fn exported(store: &Store) -> Result<String> {
    let mut out = Vec::new();
    madoguchi_core::export::export_jsonl(&store.pool, &mut out).await?;
    Ok(String::from_utf8(out)?)
}

#[tokio::test]
async fn the_owners_desk_pulls_a_copy_that_exports_what_the_hub_holds() -> Result<()> {
    let sim = support::sim().await?;
    let dir = tempfile::tempdir()?;
    let data = dir.path().join("hub");
    let (server, owner) = hub_with_members(&data, &sim).await?;
    let a = sim.add_user("控え 太郎");
    let b = sim.add_user("控え 花子");
    for (user, text) in [(&a, "明日10時は空いてますか"), (&b, "駐車場はありますか？"), (&a, "カットとカラーでお願いします")] {
        sim.send_text(&user.user_id, text).await?;
    }
    support::eventually(20, "three messages on the hub", || async {
        let (_, list) = server.rpc_raw("listConversations", json!({}), Some(&owner)).await?;
        let n = list["data"]["items"].as_array().map(|a| a.len()).unwrap_or(0);
        Ok((n == 2).then_some(()))
    })
    .await?;

    let desk = |name: &'static str| {
        let server = &server;
        let owner = owner.clone();
        async move {
            let link = Link::open(HubClient::new(&server.base)?, Arc::new(MemoryTokens::default()))?;
            let code = pairing_code(server, &owner, name).await?;
            link.pair(&code, &format!("{name}のPC")).await?;
            anyhow::Ok(link)
        }
    };
    let owner_desk = desk("店長").await?;
    let folder = dir.path().join("desk").join("hub-backups");
    let pulls = Pulls::new(&folder);
    ensure!(pulls.due(madoguchi_core::time::now_ms()), "never pulled: due");
    let pulled = pulls.pull(&owner_desk, madoguchi_core::time::now_ms()).await?;
    let status = pulls.status();
    ensure!(status.last_pull_at.is_some() && status.last_error.is_none(), "{status:?}");
    ensure!(status.files.len() == 1 && status.files[0].name == pulled.name, "{status:?}");
    ensure!(pulled.name.starts_with("madoguchi-backup-") && pulled.name.ends_with(".tar.zst"), "named by the hub: {}", pulled.name);
    ensure!(!pulls.due(madoguchi_core::time::now_ms()), "just pulled: not due");
    let leftovers: Vec<_> = std::fs::read_dir(&data)?.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).filter(|n| n.starts_with(".pull-")).collect();
    ensure!(leftovers.is_empty(), "the hub removed its temporary copy: {leftovers:?}");

    // Opened as a store to look through: the same messages as the hub's own export.
    let copy = madoguchi_core::backup::view::open(&folder.join(&pulled.name), &dir.path().join("desk").join("viewing")).await?;
    let hub_store = Store::open(&data).await?;
    let hub_export = exported(&hub_store).await?;
    hub_store.close().await;
    ensure!(hub_export.lines().count() == 3, "the hub holds three messages: {hub_export}");
    ensure!(exported(copy.store()).await? == hub_export, "the pulled copy exports exactly the hub's messages");
    // Nothing in the copy can change (nor be sent again).
    let Some(friend) = copy.dispatch(serde_json::from_value::<Request>(json!({ "method": "listConversations", "params": {} }))?).await.ok() else { bail!("the copy reads") };
    let friend_id = serde_json::to_value(&friend)?["data"]["items"][0]["friend"]["id"].as_i64().context("a friend in the copy")?;
    let refused = copy.dispatch(serde_json::from_value(json!({ "method": "addNote", "params": { "friendId": friend_id, "body": "メモ" } }))?).await;
    let Err(e) = refused else { bail!("a note was written into the copy") };
    ensure!(e.code == "readOnly" && e.message_ja.contains("閲覧用"), "{e:?}");
    copy.shutdown().await;

    // The newest `keep` stay.
    pulls.set_settings(PullSettings { keep: 2, ..PullSettings::default() }).map_err(|e| anyhow::anyhow!("{e:?}"))?;
    for _ in 0..2 {
        pulls.pull(&owner_desk, madoguchi_core::time::now_ms()).await?;
    }
    let names: Vec<_> = pulls.status().files.into_iter().map(|f| f.name).collect();
    ensure!(names.len() == 2 && !names.contains(&pulled.name), "the oldest removed: {names:?}");

    // A staff desk is refused (the whole history is the owner's), and writes nothing.
    let staff_desk = desk("佐藤").await?;
    let staff_pulls = Pulls::new(dir.path().join("staff").join("hub-backups"));
    let refused = staff_pulls.pull(&staff_desk, madoguchi_core::time::now_ms()).await;
    ensure!(matches!(refused, Err(HubError::Hub(ref e)) if e.code == "forbidden"), "staff: {:?}", refused.err());
    let status = staff_pulls.status();
    ensure!(status.files.is_empty() && status.last_error.as_ref().is_some_and(|e| e.code == "forbidden"), "{status:?}");
    ensure!(staff_desk.state().paired, "a refusal keeps the desk signed in");

    // No token, or the printed session token through a proxy: nothing.
    let res = server.client.get(format!("{}/api/backup", server.base)).send().await?;
    ensure!(res.status() == 401, "no token: {}", res.status());
    let body: Value = res.json().await?;
    ensure!(body["code"] == "unauthorized", "{body}");
    Ok(())
}
