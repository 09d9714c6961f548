//! Broadcasts against the simulator: audience and blocked friends, quota refusal,
//! batches of 500, scheduling, cancel, and retries with the same retry key (5xx, a
//! hang, answers lost after LINE accepted) — each followed friend gets exactly one copy.

use std::collections::HashMap;
use std::time::Duration;

use anyhow::{ensure, Context, Result};
use madoguchi_core::api::types::*;
use madoguchi_core::tags::TagExpr;
use madoguchi_core::time::now_ms;
use serde_json::Value;

use crate::support::{eventually, Harness};

/// Friends known to the store and to the simulator. `blocked` ones have `followed = 0`
/// in the store while the simulator would still deliver to them, so a broadcast that
/// failed to leave them out would show up in what the simulator recorded.
pub struct Seeded {
    pub followed: Vec<(i64, String)>,
    pub blocked: Vec<(i64, String)>,
}

pub async fn seed_friends(h: &Harness, followed: usize, blocked: usize) -> Result<Seeded> {
    let mut tx = h.core.store().pool.begin().await?;
    let mut out = Seeded { followed: Vec::new(), blocked: Vec::new() };
    let now = now_ms();
    for i in 0..followed + blocked {
        let is_blocked = i >= followed;
        let user = h.sim.add_user(&format!("客{i}"));
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO friends (account_id, line_user_id, display_name, followed, profile_fetched_at, first_seen_at, last_seen_at)
             VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(h.account_id)
        .bind(&user.user_id)
        .bind(&user.display_name)
        .bind(!is_blocked)
        .bind(now)
        .bind(now)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        if is_blocked {
            out.blocked.push((id, user.user_id));
        } else {
            out.followed.push((id, user.user_id));
        }
    }
    tx.commit().await?;
    Ok(out)
}

async fn tag(h: &Harness, name: &str, friends: &[i64]) -> Result<i64> {
    let pool = &h.core.store().pool;
    let id: i64 = sqlx::query_scalar("INSERT INTO tags (account_id, name, color, created_at) VALUES (?, ?, '#e06c75', 0) RETURNING id")
        .bind(h.account_id)
        .bind(name)
        .fetch_one(pool)
        .await?;
    for f in friends {
        sqlx::query("INSERT INTO friend_tags (friend_id, tag_id, created_at) VALUES (?, ?, 0)")
            .bind(f)
            .bind(id)
            .execute(pool)
            .await?;
    }
    Ok(id)
}

async fn call(h: &Harness, req: Request) -> Result<Response> {
    h.core.dispatch(req).await.map_err(|e| anyhow::anyhow!("API error: {e:?}"))
}

async fn preview(h: &Harness, audience: BroadcastAudience) -> Result<BroadcastPreview> {
    match call(h, Request::PreviewBroadcast(PreviewBroadcast { account_id: Some(h.account_id), audience })).await? {
        Response::BroadcastPreview(p) => Ok(p),
        other => anyhow::bail!("previewBroadcast answered {other:?}"),
    }
}

fn text(t: &str) -> OutgoingContent {
    OutgoingContent::Text { text: t.into() }
}

async fn create(
    h: &Harness,
    contents: Vec<OutgoingContent>,
    audience: BroadcastAudience,
    send_at: Option<i64>,
) -> Result<BroadcastView> {
    let req = CreateBroadcast { account_id: Some(h.account_id), contents, audience, send_at };
    match call(h, Request::CreateBroadcast(req)).await? {
        Response::Broadcast(b) => Ok(b),
        other => anyhow::bail!("createBroadcast answered {other:?}"),
    }
}

async fn detail(h: &Harness, id: i64) -> Result<BroadcastDetail> {
    match call(h, Request::GetBroadcast(BroadcastRef { broadcast_id: id })).await? {
        Response::BroadcastDetail(d) => Ok(d),
        other => anyhow::bail!("getBroadcast answered {other:?}"),
    }
}

async fn finished(h: &Harness, id: i64) -> Result<BroadcastDetail> {
    eventually(60, "the broadcast to finish", || async {
        let d = detail(h, id).await?;
        let busy = d.batches.iter().any(|b| matches!(b.status, BatchStatus::Pending | BatchStatus::Sending));
        Ok((!busy && !matches!(d.broadcast.status, BroadcastStatus::Scheduled | BroadcastStatus::Sending)).then_some(d))
    })
    .await
}

/// How many multicast copies of `marker` each user received.
fn copies(h: &Harness, marker: &str) -> HashMap<String, usize> {
    let mut m = HashMap::new();
    for r in h.sim.all_received() {
        if r.via == linesim::Via::Multicast && r.message.get("text").and_then(Value::as_str) == Some(marker) {
            *m.entry(r.user_id).or_insert(0) += 1;
        }
    }
    m
}

fn ensure_exactly_once(got: &HashMap<String, usize>, to: &[(i64, String)], not: &[(i64, String)]) -> Result<()> {
    for (_, u) in to {
        let n = got.get(u).copied().unwrap_or(0);
        ensure!(n == 1, "{u} received {n} copies, expected exactly 1");
    }
    for (_, u) in not {
        let n = got.get(u).copied().unwrap_or(0);
        ensure!(n == 0, "{u} should receive nothing but got {n}");
    }
    let expected = to.len();
    ensure!(got.len() == expected, "{} users received it, expected {expected}", got.len());
    Ok(())
}

#[tokio::test]
async fn broadcast_preview_counts_followed_friends_and_refuses_over_quota() -> Result<()> {
    let h = Harness::new().await?;
    let s = seed_friends(&h, 30, 5).await?;
    let vip: Vec<i64> = s.followed[..10].iter().map(|f| f.0).chain(s.blocked[..2].iter().map(|f| f.0)).collect();
    let vip_tag = tag(&h, "VIP", &vip).await?;
    let dormant = tag(&h, "休眠", &s.followed[..3].iter().map(|f| f.0).collect::<Vec<_>>()).await?;
    h.sim.set_quota(Some(1000));

    let all = preview(&h, BroadcastAudience::All).await?;
    ensure!(all.recipients == 30 && all.blocked_excluded == 5, "all: {all:?}");
    let q = all.quota.clone().context("quota missing")?;
    ensure!(q.limit == Some(1000) && q.after == q.used + 30 && !all.would_exceed, "quota impact: {all:?}");

    let expr = TagExpr { all: vec![vip_tag], any: vec![], none: vec![dormant] };
    let seg = preview(&h, BroadcastAudience::Tags { expr: expr.clone() }).await?;
    ensure!(seg.recipients == 7 && seg.blocked_excluded == 2, "VIP and not 休眠: {seg:?}");

    let tags = match call(&h, Request::ListTagsForAudience(BroadcastAccount { account_id: None })).await? {
        Response::AudienceTags(t) => t,
        other => anyhow::bail!("listTagsForAudience answered {other:?}"),
    };
    let vip_row = tags.iter().find(|t| t.id == vip_tag).context("VIP tag not listed")?;
    ensure!(vip_row.friends == 10, "VIP counts followed friends only: {tags:?}");

    // A limit of 32: after a warm-up to the 3 dormant friends, 30 more would pass it.
    h.sim.set_quota(Some(32));
    let sent_before = h.sim.all_received().len();
    create(&h, vec![text("warm-up")], BroadcastAudience::Tags { expr: TagExpr { all: vec![], any: vec![dormant], none: vec![] } }, None).await?;
    eventually(20, "the warm-up to be sent", || async { Ok((h.sim.all_received().len() >= sent_before + 3).then_some(())) }).await?;
    let p = preview(&h, BroadcastAudience::All).await?;
    ensure!(p.would_exceed, "3 used + 30 over a limit of 32 must be refused: {p:?}");
    let err = h
        .core
        .dispatch(Request::CreateBroadcast(CreateBroadcast {
            account_id: Some(h.account_id),
            contents: vec![text("over quota")],
            audience: BroadcastAudience::All,
            send_at: None,
        }))
        .await
        .err()
        .context("a broadcast over the quota was accepted")?;
    ensure!(err.code == "invalid" && err.message_ja.contains("上限"), "refusal not bilingual/polite: {err:?}");
    // The segment still fits.
    ensure!(!preview(&h, BroadcastAudience::Tags { expr }).await?.would_exceed, "7 more should still fit");
    ensure!(copies(&h, "over quota").is_empty(), "a refused broadcast reached someone");
    Ok(())
}

#[tokio::test]
async fn broadcast_reaches_each_followed_friend_once_in_batches_of_500() -> Result<()> {
    let h = Harness::new().await?;
    h.sim.set_quota(None);
    let s = seed_friends(&h, 1203, 7).await?;
    let b = create(
        &h,
        vec![text("セール開催中"), OutgoingContent::Sticker { package_id: "446".into(), sticker_id: "1988".into() }],
        BroadcastAudience::All,
        None,
    )
    .await?;
    ensure!(b.batches_total == 3 && b.recipients_total == 1203, "frozen into 3 batches: {b:?}");
    let d = finished(&h, b.id).await?;
    ensure!(d.broadcast.status == BroadcastStatus::Done, "status {:?}", d.broadcast);
    ensure!(d.broadcast.recipients_sent == 1203 && d.broadcast.batches_sent == 3, "{:?}", d.broadcast);
    let sizes: Vec<i64> = d.batches.iter().map(|b| b.recipients).collect();
    ensure!(sizes == vec![500, 500, 203], "batch sizes {sizes:?}");
    ensure!(d.batches.iter().all(|b| b.request_id.is_some()), "every batch keeps LINE's request id: {:?}", d.batches);
    ensure_exactly_once(&copies(&h, "セール開催中"), &s.followed, &s.blocked)?;
    let stickers = h.sim.all_received().iter().filter(|r| r.message["type"] == "sticker").count();
    ensure!(stickers == 1203, "the second bubble reached {stickers}");
    ensure!(h.sim.stats().requests("multicast") == 3, "multicast requests: {:?}", h.sim.stats());
    Ok(())
}

#[tokio::test]
async fn scheduled_broadcast_leaves_out_friends_who_block_before_it_starts() -> Result<()> {
    let h = Harness::new().await?;
    let s = seed_friends(&h, 12, 0).await?;
    let at = now_ms() + 1_500;
    let b = create(&h, vec![text("予約配信")], BroadcastAudience::All, Some(at)).await?;
    ensure!(b.status == BroadcastStatus::Scheduled && b.batches_total == 0, "not frozen before its time: {b:?}");
    // Blocks after scheduling: the unfollow event sets followed = 0.
    let (gone_id, gone_user) = s.followed[4].clone();
    sqlx::query("UPDATE friends SET followed = 0 WHERE id = ?").bind(gone_id).execute(&h.core.store().pool).await?;
    let d = finished(&h, b.id).await?;
    ensure!(d.broadcast.status == BroadcastStatus::Done, "{:?}", d.broadcast);
    ensure!(d.broadcast.started_at.is_some_and(|t| t >= at), "started before its time: {:?}", d.broadcast);
    let rest: Vec<_> = s.followed.iter().filter(|f| f.0 != gone_id).cloned().collect();
    ensure_exactly_once(&copies(&h, "予約配信"), &rest, &[(gone_id, gone_user)])?;
    Ok(())
}

#[tokio::test]
async fn scheduled_broadcast_counts_the_audience_it_will_go_to() -> Result<()> {
    let h = Harness::new().await?;
    let s = seed_friends(&h, 5, 1).await?;
    let members: Vec<i64> = s.followed[..3].iter().chain(&s.blocked).map(|f| f.0).collect();
    let regulars = tag(&h, "常連", &members).await?;
    let audience = BroadcastAudience::Tags { expr: TagExpr { all: vec![], any: vec![regulars], none: vec![] } };
    let b = create(&h, vec![text("来月のお知らせ")], audience, Some(now_ms() + 3_600_000)).await?;
    ensure!(b.status == BroadcastStatus::Scheduled && b.batches_total == 0, "{b:?}");
    ensure!(b.recipients_total == 3, "the tag's followed members, not 0: {b:?}");
    let listed = match call(&h, Request::ListBroadcasts(BroadcastAccount { account_id: Some(h.account_id) })).await? {
        Response::Broadcasts(l) => l,
        other => anyhow::bail!("listBroadcasts answered {other:?}"),
    };
    ensure!(listed.iter().any(|x| x.id == b.id && x.recipients_total == 3), "{listed:?}");
    // Counted as it stands: a friend who blocks before the start is no longer counted.
    sqlx::query("UPDATE friends SET followed = 0 WHERE id = ?").bind(s.followed[0].0).execute(&h.core.store().pool).await?;
    ensure!(detail(&h, b.id).await?.broadcast.recipients_total == 2);
    Ok(())
}

#[tokio::test]
async fn cancel_stops_batches_not_yet_sent() -> Result<()> {
    let h = Harness::new().await?;
    h.sim.set_quota(None);
    let s = seed_friends(&h, 3000, 0).await?;
    // A future broadcast cancelled before its time never starts.
    let later = create(&h, vec![text("来週のお知らせ")], BroadcastAudience::All, Some(now_ms() + 3_600_000)).await?;
    let c = match call(&h, Request::CancelBroadcast(BroadcastRef { broadcast_id: later.id })).await? {
        Response::Broadcast(b) => b,
        other => anyhow::bail!("cancelBroadcast answered {other:?}"),
    };
    ensure!(c.status == BroadcastStatus::Cancelled && c.batches_total == 0, "{c:?}");

    // The first four batches are slow to answer; cancel while they are in flight.
    h.sim.faults().delay_next("multicast", Duration::from_millis(1_500), 4);
    let b = create(&h, vec![text("途中で取消")], BroadcastAudience::All, None).await?;
    ensure!(b.batches_total == 6, "{b:?}");
    eventually(20, "batches to be in flight", || async {
        Ok(detail(&h, b.id).await?.batches.iter().any(|x| x.status == BatchStatus::Sending).then_some(()))
    })
    .await?;
    call(&h, Request::CancelBroadcast(BroadcastRef { broadcast_id: b.id })).await?;
    let d = finished(&h, b.id).await?;
    ensure!(d.broadcast.status == BroadcastStatus::Cancelled, "{:?}", d.broadcast);
    let statuses: Vec<BatchStatus> = d.batches.iter().map(|x| x.status).collect();
    ensure!(
        statuses[..4].iter().all(|s| *s == BatchStatus::Sent) && statuses[4..].iter().all(|s| *s == BatchStatus::Cancelled),
        "in-flight batches finish, later ones are cancelled: {statuses:?}"
    );
    ensure_exactly_once(&copies(&h, "途中で取消"), &s.followed[..2000], &s.followed[2000..])?;
    ensure!(copies(&h, "来週のお知らせ").is_empty(), "a cancelled scheduled broadcast was sent");
    Ok(())
}

#[tokio::test]
async fn lost_answers_and_server_errors_are_retried_with_the_same_key() -> Result<()> {
    let h = Harness::new().await?;
    h.sim.set_quota(None);
    let s = seed_friends(&h, 1500, 3).await?;
    let faults = h.sim.faults();
    // LINE accepts but the answer is lost; retries (inside the client, then by the
    // worker) carry the same key and meet 409.
    // Ten faults over three batches of four client attempts each: at least one batch
    // exhausts its attempts and goes back to the worker.
    faults.lose_answer_next("multicast", 500, 6);
    faults.fail_next("multicast", 503, 3);
    faults.hang_next("multicast", Duration::from_millis(300), 1);
    let b = create(&h, vec![text("再送テスト")], BroadcastAudience::All, None).await?;
    let d = finished(&h, b.id).await?;
    ensure!(d.broadcast.status == BroadcastStatus::Done, "{:?} {:?}", d.broadcast, d.batches);
    ensure_exactly_once(&copies(&h, "再送テスト"), &s.followed, &s.blocked)?;
    let stats = h.sim.stats();
    ensure!(stats.conflicts >= 1, "no retry ever met a 409: {stats:?}");
    ensure!(stats.accepted("multicast") == 3, "LINE accepted {} multicasts for 3 batches", stats.accepted("multicast"));
    ensure!(d.batches.iter().any(|b| b.attempts > 1), "no batch needed a second worker attempt: {:?}", d.batches);
    ensure!(d.batches.iter().all(|b| b.request_id.is_some()), "request ids (also from 409): {:?}", d.batches);
    Ok(())
}

#[tokio::test]
async fn friend_who_blocks_while_a_broadcast_runs_gets_nothing_from_a_later_batch() -> Result<()> {
    let h = Harness::new().await?;
    h.sim.set_quota(None);
    let s = seed_friends(&h, 2500, 0).await?;
    // The first four batches are slow; the fifth has not been attempted when the friend blocks.
    h.sim.faults().delay_next("multicast", Duration::from_millis(1_500), 4);
    let b = create(&h, vec![text("配信中のブロック")], BroadcastAudience::All, None).await?;
    ensure!(b.batches_total == 5, "{b:?}");
    eventually(20, "batches to be in flight", || async {
        Ok(detail(&h, b.id).await?.batches.iter().any(|x| x.status == BatchStatus::Sending).then_some(()))
    })
    .await?;
    let (gone_id, gone_user) = s.followed[2400].clone();
    sqlx::query("UPDATE friends SET followed = 0 WHERE id = ?").bind(gone_id).execute(&h.core.store().pool).await?;
    let d = finished(&h, b.id).await?;
    ensure!(d.broadcast.status == BroadcastStatus::Done, "{:?}", d.broadcast);
    let last = d.batches.last().context("no batches")?;
    ensure!(last.recipients == 500 && last.sent_count == Some(499), "the last batch left the blocker out: {last:?}");
    ensure!(d.broadcast.recipients_sent == 2499, "{:?}", d.broadcast);
    let rest: Vec<_> = s.followed.iter().filter(|f| f.0 != gone_id).cloned().collect();
    ensure_exactly_once(&copies(&h, "配信中のブロック"), &rest, &[(gone_id, gone_user)])?;
    Ok(())
}
