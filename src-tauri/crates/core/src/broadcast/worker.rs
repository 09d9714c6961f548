//! The broadcast sender: starts scheduled broadcasts when due, then sends their batches
//! as multicasts. Each batch's recipients and retry key are committed before its first
//! request, and every retry — inside the client, after a timeout, after a crash —
//! reuses both, so LINE answers a repeat with 409 instead of delivering twice.

use std::time::Duration;

use line::client::SendOutcome;
use line::messages::{MessageObject, MulticastRequest};
use line::LineError;

use super::store;
use crate::events::CoreEvent;
use crate::runtime::Core;
use crate::time::now_ms;
use crate::Result;

/// Batches sent at once; LINE allows 200 multicast requests a second.
const IN_FLIGHT: i64 = 4;
/// X-Line-Retry-Key is honoured for 24 hours; stop retrying well before.
const RETRY_HORIZON_MS: i64 = 23 * 60 * 60 * 1000;

struct Claimed {
    id: i64,
    broadcast_id: i64,
    retry_key: String,
    sent_to_json: Option<String>,
    attempts: i64,
    ambiguous: i64,
    first_attempt_at: Option<i64>,
}

enum Next {
    Sent { request_id: Option<String> },
    Failed(String),
    /// Try again later with the same key; `ambiguous`: LINE may already have it.
    Later { delay_ms: i64, reason: String, ambiguous: bool },
}

pub async fn worker(core: Core) {
    if let Err(e) = resume_interrupted(&core).await {
        tracing::error!(error = %e, "broadcast: could not resume interrupted batches");
    }
    loop {
        if let Err(e) = start_due(&core).await {
            tracing::error!(error = %e, "broadcast: could not start a due broadcast");
        }
        match claim(&core).await {
            Ok(batches) if !batches.is_empty() => {
                let sends = batches.into_iter().map(|b| {
                    let core = core.clone();
                    async move {
                        let id = b.0.id;
                        if let Err(e) = deliver(&core, b).await {
                            tracing::error!(batch = id, error = %e, "broadcast: could not record a batch result");
                        }
                    }
                });
                futures::future::join_all(sends).await;
                continue;
            }
            Ok(_) => {}
            Err(e) => tracing::error!(error = %e, "broadcast: claim failed"),
        }
        let wait = next_due_in(&core).await.unwrap_or(Duration::from_secs(30));
        tokio::select! {
            _ = core.wakeups().broadcast.notified() => {}
            _ = tokio::time::sleep(wait) => {}
            _ = core.shutdown_signal() => return,
        }
    }
}

/// Batches left `sending` by a crash: LINE may have taken them, so they are retried with
/// their key (a 409 then confirms the earlier attempt).
async fn resume_interrupted(core: &Core) -> Result<()> {
    let now = now_ms();
    sqlx::query!(
        "UPDATE broadcast_batches SET status = 'pending', ambiguous = 1, updated_at = ? WHERE status = 'sending'",
        now
    )
    .execute(&core.store().pool)
    .await?;
    Ok(())
}

async fn next_due_in(core: &Core) -> Option<Duration> {
    let pool = &core.store().pool;
    let batch = sqlx::query_scalar!("SELECT min(not_before) FROM broadcast_batches WHERE status = 'pending'")
        .fetch_one(pool)
        .await
        .ok()?;
    let scheduled = sqlx::query_scalar!("SELECT min(send_at) FROM broadcasts WHERE status = 'scheduled'")
        .fetch_one(pool)
        .await
        .ok()?;
    let next = [batch, scheduled].into_iter().flatten().min()?;
    Some(Duration::from_millis((next - now_ms()).clamp(0, 30_000) as u64))
}

/// Starts every scheduled broadcast whose time has come. The quota is checked again:
/// the month may have filled up since it was scheduled.
async fn start_due(core: &Core) -> Result<()> {
    let pool = &core.store().pool;
    let now = now_ms();
    let due = sqlx::query!(
        r#"SELECT id AS "id!", account_id, audience_json FROM broadcasts
           WHERE status = 'scheduled' AND send_at <= ? ORDER BY send_at, id"#,
        now
    )
    .fetch_all(pool)
    .await?;
    for b in due {
        let audience: super::BroadcastAudience = serde_json::from_str(&b.audience_json)?;
        let preview = store::preview(core, b.account_id, &audience).await?;
        if preview.would_exceed {
            let q = preview.quota.as_ref();
            let reason = format!(
                "今月の上限を超えるため配信しませんでした（{} 人、送信後 {} / 上限 {}） / not sent: it would exceed this month's limit",
                preview.recipients,
                q.map_or(0, |q| q.after),
                q.and_then(|q| q.limit).unwrap_or(0)
            );
            store::fail_unstarted(pool, b.id, &reason).await?;
        } else {
            // Quota unknown (LINE unreachable) does not hold it back: LINE itself refuses
            // sends over the limit, and each batch would then fail with that reason.
            store::start(pool, b.id).await?;
        }
        core.events().publish(CoreEvent::BroadcastUpdated { broadcast_id: b.id });
    }
    Ok(())
}

/// Takes due batches and, for a first attempt, fixes who it goes to (friends who blocked
/// since the start are dropped) in the same commit that precedes the request.
async fn claim(core: &Core) -> Result<Vec<(Claimed, i64, String)>> {
    let pool = &core.store().pool;
    let now = now_ms();
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let mut rows = sqlx::query_as!(
        Claimed,
        r#"UPDATE broadcast_batches
           SET status = 'sending', attempts = attempts + 1, first_attempt_at = coalesce(first_attempt_at, ?1), updated_at = ?1
           WHERE id IN (SELECT id FROM broadcast_batches WHERE status = 'pending' AND not_before <= ?1
                        ORDER BY broadcast_id, seq LIMIT ?2)
           RETURNING id AS "id!", broadcast_id, retry_key, sent_to_json, attempts, ambiguous, first_attempt_at"#,
        now,
        IN_FLIGHT
    )
    .fetch_all(&mut *tx)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows.iter_mut() {
        if row.sent_to_json.is_none() {
            let fixed = sqlx::query!(
                r#"UPDATE broadcast_batches SET
                     sent_to_json = (SELECT json_group_array(f.line_user_id) FROM json_each(friend_ids_json) j
                                     JOIN friends f ON f.id = j.value WHERE f.followed = 1),
                     sent_count = (SELECT count(*) FROM json_each(friend_ids_json) j
                                   JOIN friends f ON f.id = j.value WHERE f.followed = 1)
                   WHERE id = ? RETURNING sent_to_json"#,
                row.id
            )
            .fetch_one(&mut *tx)
            .await?;
            row.sent_to_json = fixed.sent_to_json;
        }
    }
    for row in rows {
        let b = sqlx::query!("SELECT account_id, messages_json FROM broadcasts WHERE id = ?", row.broadcast_id)
            .fetch_one(&mut *tx)
            .await?;
        out.push((row, b.account_id, b.messages_json));
    }
    tx.commit().await?;
    Ok(out)
}

async fn deliver(core: &Core, (batch, account_id, messages_json): (Claimed, i64, String)) -> Result<()> {
    let next = attempt(core, &batch, account_id, &messages_json).await;
    record(core, &batch, next).await
}

async fn attempt(core: &Core, batch: &Claimed, account_id: i64, messages_json: &str) -> Next {
    let to: Vec<String> = match batch.sent_to_json.as_deref().map(serde_json::from_str) {
        Some(Ok(to)) => to,
        _ => return Next::Failed("stored recipients are unreadable".into()),
    };
    if to.is_empty() {
        // Everyone in this batch blocked the account since the broadcast started.
        return Next::Sent { request_id: None };
    }
    let messages: Vec<MessageObject> = match serde_json::from_str(messages_json) {
        Ok(m) => m,
        Err(e) => return Next::Failed(format!("stored message is unreadable: {e}")),
    };
    let key = match uuid::Uuid::parse_str(&batch.retry_key) {
        Ok(k) => k,
        Err(e) => return Next::Failed(format!("stored retry key is invalid: {e}")),
    };
    let Some(client) = core.client(account_id).await else {
        return Next::Later {
            delay_ms: 30_000,
            reason: "このアカウントの LINE 認証情報がありません / no LINE credentials for this account".into(),
            ambiguous: false,
        };
    };
    match client.multicast(&MulticastRequest::new(to, messages), key).await {
        Ok(SendOutcome::Accepted { request_id, .. }) => Next::Sent { request_id },
        Ok(SendOutcome::AlreadyAccepted { accepted_request_id, .. }) => Next::Sent { request_id: accepted_request_id },
        Err(e @ LineError::RateLimited { .. }) if e.is_definitely_rejected() && is_monthly_limit(&e) => Next::Failed(
            format!("今月の送信上限に達したため送れませんでした / this month's message limit is reached: {}", e.reason()),
        ),
        Err(e @ LineError::RateLimited { .. }) => {
            Next::Later { delay_ms: 5_000, ambiguous: !e.is_definitely_rejected(), reason: e.reason() }
        }
        Err(e) if e.is_definitely_rejected() => Next::Failed(e.reason()),
        Err(e) => {
            let delay = (1_000i64 << batch.attempts.clamp(0, 6)).min(60_000);
            Next::Later { delay_ms: delay, reason: e.reason(), ambiguous: true }
        }
    }
}

fn is_monthly_limit(e: &LineError) -> bool {
    matches!(e, LineError::RateLimited { message, .. } if message.to_ascii_lowercase().contains("monthly limit"))
}

async fn record(core: &Core, batch: &Claimed, next: Next) -> Result<()> {
    let pool = &core.store().pool;
    let now = now_ms();
    let first = batch.first_attempt_at.unwrap_or(now);
    let next = match next {
        Next::Later { reason, ambiguous, .. } if now - first >= RETRY_HORIZON_MS => {
            let maybe = if ambiguous || batch.ambiguous != 0 { "（届いている可能性があります）" } else { "" };
            Next::Failed(format!("24時間以内に送信できませんでした{maybe} / not delivered within 24 hours: {reason}"))
        }
        other => other,
    };
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    match next {
        Next::Sent { request_id } => {
            sqlx::query!(
                "UPDATE broadcast_batches SET status = 'sent', request_id = ?, error = NULL, updated_at = ? WHERE id = ?",
                request_id,
                now,
                batch.id
            )
            .execute(&mut *tx)
            .await?;
        }
        Next::Failed(reason) => {
            sqlx::query!(
                "UPDATE broadcast_batches SET status = 'failed', error = ?, updated_at = ? WHERE id = ?",
                reason,
                now,
                batch.id
            )
            .execute(&mut *tx)
            .await?;
        }
        Next::Later { delay_ms, reason, ambiguous } => {
            let at = now + delay_ms;
            sqlx::query!(
                "UPDATE broadcast_batches SET status = 'pending', ambiguous = max(ambiguous, ?), error = ?, not_before = ?,
                   updated_at = ? WHERE id = ?",
                ambiguous,
                reason,
                at,
                now,
                batch.id
            )
            .execute(&mut *tx)
            .await?;
        }
    }
    finish_if_done(&mut tx, batch.broadcast_id, now).await?;
    tx.commit().await?;
    core.events().publish(CoreEvent::BroadcastUpdated { broadcast_id: batch.broadcast_id });
    Ok(())
}

/// The broadcast is over once no batch is pending or being sent.
async fn finish_if_done(tx: &mut sqlx::SqliteConnection, broadcast_id: i64, now: i64) -> Result<()> {
    sqlx::query!(
        r#"UPDATE broadcasts SET
             status = CASE WHEN EXISTS (SELECT 1 FROM broadcast_batches WHERE broadcast_id = ?1 AND status = 'failed')
                           THEN 'failed' ELSE 'done' END,
             error = (SELECT CASE WHEN count(*) > 0
                        THEN count(*) || ' 件のバッチが送れませんでした / ' || count(*) || ' batch(es) failed' END
                      FROM broadcast_batches WHERE broadcast_id = ?1 AND status = 'failed'),
             finished_at = ?2, updated_at = ?2
           WHERE id = ?1 AND status = 'sending'
             AND NOT EXISTS (SELECT 1 FROM broadcast_batches WHERE broadcast_id = ?1 AND status IN ('pending', 'sending'))"#,
        broadcast_id,
        now
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}
