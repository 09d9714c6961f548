//! The sender: takes outbox rows whose undo window is over and delivers them.
//! A push carries the row's retry key on every attempt, so a resend after a crash or
//! a timeout is answered 409 by LINE when the first one got through: never twice.
//! A reply has no retry key; the token itself is single-use, which is why an
//! ambiguous reply attempt is never converted into a push (that could send twice).

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use line::client::SendOutcome;
use line::LineError;
use line::messages::{MessageObject, PushMessageRequest, ReplyMessageRequest};
use tokio::sync::Semaphore;

use crate::events::MessageStatus;
use crate::outbox::set_message_status;
use crate::runtime::Core;
use crate::time::now_ms;
use crate::Result;

const IN_FLIGHT: usize = 16;
/// X-Line-Retry-Key is honoured for 24 hours; stop retrying well before.
const RETRY_HORIZON_MS: i64 = 23 * 60 * 60 * 1000;

struct Claimed {
    id: i64,
    account_id: i64,
    route: String,
    retry_key: String,
    reply_token: Option<String>,
    recipients_json: String,
    messages_json: String,
    attempts: i64,
    ambiguous: i64,
    created_at: i64,
    /// An automatic reply: free or not at all, never a push.
    auto_reply: i64,
}

/// Rows left `sending` because not even the fallback write of their result went
/// through: later rows of their chats no longer wait for them. Kept in memory only;
/// after a restart `resume_interrupted` retries them with their retry key.
type Unrecorded = Arc<Mutex<HashSet<i64>>>;

pub async fn worker(core: Core) {
    if let Err(e) = resume_interrupted(&core).await {
        tracing::error!(error = %e, "outbox: could not resume interrupted sends");
    }
    let permits = Arc::new(Semaphore::new(IN_FLIGHT));
    let unrecorded: Unrecorded = Arc::default();
    loop {
        let free = permits.available_permits();
        let claimed = if free > 0 { claim_due(&core, free as i64, &unrecorded).await } else { Ok(Vec::new()) };
        match claimed {
            Ok(rows) if !rows.is_empty() => {
                for row in rows {
                    let Ok(permit) = permits.clone().acquire_owned().await else { return };
                    let core = core.clone();
                    let unrecorded = unrecorded.clone();
                    tokio::spawn(async move {
                        let id = row.id;
                        if let Err(e) = deliver(&core, row).await {
                            tracing::error!(outbox = id, error = %e, "outbox: could not record a send result at all; later messages of the chat go on without it");
                            unrecorded.lock().unwrap_or_else(|p| p.into_inner()).insert(id);
                        }
                        drop(permit);
                        core.wakeups().outbox.notify_one();
                    });
                }
                continue;
            }
            Ok(_) => {}
            Err(e) => tracing::error!(error = %e, "outbox: claim failed"),
        }
        let wait = next_due_in(&core).await.unwrap_or(Duration::from_secs(30));
        tokio::select! {
            _ = core.wakeups().outbox.notified() => {}
            _ = tokio::time::sleep(wait) => {}
            _ = core.shutdown_signal() => return,
        }
    }
}

/// Rows left `sending` by a crash: we cannot know whether LINE took them.
async fn resume_interrupted(core: &Core) -> Result<()> {
    let now = now_ms();
    sqlx::query!(
        "UPDATE outbox SET status = 'pending', ambiguous = 1, updated_at = ? WHERE status = 'sending'",
        now
    )
    .execute(&core.store().pool)
    .await?;
    Ok(())
}

async fn next_due_in(core: &Core) -> Option<Duration> {
    let next = sqlx::query_scalar!("SELECT min(not_before) FROM outbox WHERE status = 'pending'")
        .fetch_one(&core.store().pool)
        .await
        .ok()??;
    let ms = (next - now_ms()).clamp(0, 30_000);
    Some(Duration::from_millis(ms as u64))
}

/// Due rows, at most one per chat and only once every earlier row of that chat is
/// finished: the customer must read two quick messages in the order they were written,
/// even though different chats are sent in parallel.
async fn claim_due(core: &Core, limit: i64, unrecorded: &Unrecorded) -> Result<Vec<Claimed>> {
    let pool = &core.store().pool;
    let now = now_ms();
    let skip: Vec<i64> = unrecorded.lock().unwrap_or_else(|p| p.into_inner()).iter().copied().collect();
    let skip_json = serde_json::to_string(&skip)?;
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let rows = sqlx::query_as!(
        Claimed,
        r#"UPDATE outbox SET status = 'sending', attempts = attempts + 1, updated_at = ?1
           WHERE id IN (
             SELECT o.id FROM outbox o
             WHERE o.status = 'pending' AND o.not_before <= ?1
               AND NOT EXISTS (SELECT 1 FROM outbox p
                               WHERE p.conversation_id = o.conversation_id AND p.id < o.id
                                 AND p.status IN ('pending', 'sending')
                                 AND p.id NOT IN (SELECT value FROM json_each(?3)))
             ORDER BY o.not_before, o.id LIMIT ?2)
           RETURNING id AS "id!", account_id, route, retry_key, reply_token, recipients_json, messages_json,
                     attempts, ambiguous, created_at, auto_reply"#,
        now,
        limit,
        skip_json
    )
    .fetch_all(&mut *tx)
    .await?;
    let mut events = Vec::new();
    for row in &rows {
        events.extend(set_message_status(&mut tx, row.id, MessageStatus::Sending, None).await?);
    }
    tx.commit().await?;
    for e in events {
        core.events().publish(e);
    }
    Ok(rows)
}

#[derive(Clone)]
enum Next {
    Sent { request_id: Option<String>, message_ids: Vec<String> },
    Failed(String),
    /// Try again later with the same key (and remember LINE may already have it).
    Later { delay_ms: i64, reason: String },
    /// The reply token was refused before anything was sent: push instead.
    FallBackToPush(String),
}

/// Writes of a result that fail are tried this many times, this far apart.
const RECORD_TRIES: [u64; 3] = [0, 200, 1_000];

/// Sends the row, then records what happened. A result that cannot be written (a
/// database error, e.g. LINE's message id clashing with a stored one) is tried again;
/// if it still fails, the row is settled in its simplest form with the reason, so that
/// it no longer holds back the chat's later rows. A send LINE accepted is never sent
/// again because of it: the row is marked sent, with the reason for the owner.
async fn deliver(core: &Core, row: Claimed) -> Result<()> {
    let next = attempt(core, &row).await;
    let next = settle(now_ms(), &row, next);
    let mut last = None;
    for wait in RECORD_TRIES {
        tokio::time::sleep(Duration::from_millis(wait)).await;
        match record(core, &row, next.clone()).await {
            Ok(()) => return Ok(()),
            Err(e) => {
                tracing::warn!(outbox = row.id, error = %e, "outbox: could not record a send result; trying again");
                last = Some(e);
            }
        }
    }
    let why = last.map(|e| e.to_string()).unwrap_or_default();
    tracing::error!(outbox = row.id, error = %why, "outbox: send result not recorded; settling the row with the reason");
    record_unrecorded(core, &row, next, &why).await
}

/// The simplest write that takes the row out of `sending`, with the reason on it.
async fn record_unrecorded(core: &Core, row: &Claimed, next: Next, why: &str) -> Result<()> {
    let (status, request_id, reason) = match next {
        Next::Sent { request_id, .. } => (
            MessageStatus::Sent,
            request_id,
            format!(
                "LINE は受け付けましたが、送信結果を保存できませんでした（再送はしません）。確認してください / \
                 LINE accepted this message but its result could not be saved (it is not sent again); please check: {why}"
            ),
        ),
        Next::Failed(reason) => (MessageStatus::Failed, None, format!("{reason} (送信結果を保存できませんでした / result not saved: {why})")),
        Next::Later { reason, .. } | Next::FallBackToPush(reason) => (
            MessageStatus::Failed,
            None,
            format!(
                "送信結果を保存できませんでした。届いている可能性があります / the result could not be saved and LINE may have \
                 received it: {reason}: {why}"
            ),
        ),
    };
    let pool = &core.store().pool;
    let now = now_ms();
    let s = crate::outbox::status_str(status);
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    sqlx::query!(
        "UPDATE outbox SET status = ?, request_id = coalesce(?, request_id), last_error = ?, updated_at = ? WHERE id = ?",
        s,
        request_id,
        reason,
        now,
        row.id
    )
    .execute(&mut *tx)
    .await?;
    let events = set_message_status(&mut tx, row.id, status, Some(&reason)).await?;
    tx.commit().await?;
    for e in events {
        core.events().publish(e);
    }
    Ok(())
}

async fn attempt(core: &Core, row: &Claimed) -> Next {
    let Some(clients) = core.clients(row.account_id).await else {
        return Next::Failed("このアカウントの LINE 認証情報がありません / no LINE credentials for this account".into());
    };
    let messages: Vec<MessageObject> = match serde_json::from_str(&row.messages_json) {
        Ok(m) => m,
        Err(e) => return Next::Failed(format!("stored message is unreadable: {e}")),
    };
    match row.route.as_str() {
        "reply" => {
            let Some(token) = row.reply_token.clone() else {
                return Next::FallBackToPush("no reply token".into());
            };
            let req = ReplyMessageRequest { reply_token: token, messages, notification_disabled: None };
            match clients.reply_once.reply(&req).await {
                Ok(outcome) => sent(outcome),
                Err(e) if is_reply_token_refused(&e) && row.ambiguous == 0 => Next::FallBackToPush(e.reason()),
                Err(e) if is_reply_token_refused(&e) => Next::Failed(
                    "返信の結果を確認できませんでした（届いている可能性があります） / the reply may have been delivered; LINE no longer accepts its token".into(),
                ),
                Err(LineError::RateLimited { .. }) => Next::FallBackToPush("rate limited".into()),
                Err(e) if e.is_definitely_rejected() => Next::Failed(e.reason()),
                Err(e) => Next::Later { delay_ms: 1_000, reason: e.reason() },
            }
        }
        "push" => {
            let to: Vec<String> = serde_json::from_str(&row.recipients_json).unwrap_or_default();
            let Some(to) = to.into_iter().next() else {
                return Next::Failed("no recipient".into());
            };
            let key = match uuid::Uuid::parse_str(&row.retry_key) {
                Ok(k) => k,
                Err(e) => return Next::Failed(format!("stored retry key is invalid: {e}")),
            };
            let req = PushMessageRequest { to, messages, notification_disabled: None };
            match clients.client.push(&req, key).await {
                Ok(outcome) => sent(outcome),
                Err(e) if e.is_definitely_rejected() => Next::Failed(e.reason()),
                Err(e) => {
                    let delay = (5_000i64 << row.attempts.clamp(0, 6)).min(300_000);
                    Next::Later { delay_ms: delay, reason: e.reason() }
                }
            }
        }
        other => Next::Failed(format!("route {other} is not sent by this worker")),
    }
}

fn sent(outcome: SendOutcome) -> Next {
    match outcome {
        SendOutcome::Accepted { sent_messages, request_id } => Next::Sent {
            request_id,
            message_ids: sent_messages.into_iter().map(|m| m.id).collect(),
        },
        SendOutcome::AlreadyAccepted { accepted_request_id, sent_messages } => Next::Sent {
            request_id: accepted_request_id,
            message_ids: sent_messages.into_iter().map(|m| m.id).collect(),
        },
    }
}

fn is_reply_token_refused(e: &LineError) -> bool {
    matches!(e, LineError::Api { status: 400, message, .. } if message.to_ascii_lowercase().contains("reply token"))
}

/// What an attempt's outcome becomes for this row (time limits, auto replies never pushed).
fn settle(now: i64, row: &Claimed, next: Next) -> Next {
    match next {
        Next::Later { reason, .. } if now - row.created_at >= RETRY_HORIZON_MS => {
            Next::Failed(format!("24時間以内に送信できませんでした / not delivered within 24 hours: {reason}"))
        }
        Next::FallBackToPush(reason) if row.auto_reply != 0 => Next::Failed(format!(
            "自動応答は無料の応答でのみ送ります（プッシュ送信はしません） / automatic replies are never pushed: {reason}"
        )),
        other => other,
    }
}

async fn record(core: &Core, row: &Claimed, next: Next) -> Result<()> {
    let pool = &core.store().pool;
    let now = now_ms();
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let events = match next {
        Next::Sent { request_id, message_ids } => {
            sqlx::query!(
                "UPDATE outbox SET status = 'sent', request_id = ?, last_error = NULL, updated_at = ? WHERE id = ?",
                request_id,
                now,
                row.id
            )
            .execute(&mut *tx)
            .await?;
            let ids = sqlx::query_scalar!(r#"SELECT id AS "id!" FROM messages WHERE outbox_id = ? ORDER BY id"#, row.id)
                .fetch_all(&mut *tx)
                .await?;
            for (message_id, line_id) in ids.iter().zip(message_ids.iter()) {
                sqlx::query!("UPDATE messages SET line_message_id = ? WHERE id = ?", line_id, message_id)
                    .execute(&mut *tx)
                    .await?;
            }
            set_message_status(&mut tx, row.id, MessageStatus::Sent, None).await?
        }
        Next::Failed(reason) => {
            sqlx::query!(
                "UPDATE outbox SET status = 'failed', last_error = ?, updated_at = ? WHERE id = ?",
                reason,
                now,
                row.id
            )
            .execute(&mut *tx)
            .await?;
            set_message_status(&mut tx, row.id, MessageStatus::Failed, Some(&reason)).await?
        }
        Next::Later { delay_ms, reason } => {
            let at = now + delay_ms;
            sqlx::query!(
                "UPDATE outbox SET status = 'pending', ambiguous = 1, last_error = ?, not_before = ?, updated_at = ? WHERE id = ?",
                reason,
                at,
                now,
                row.id
            )
            .execute(&mut *tx)
            .await?;
            set_message_status(&mut tx, row.id, MessageStatus::Pending, Some(&reason)).await?
        }
        Next::FallBackToPush(reason) => {
            tracing::info!(outbox = row.id, %reason, "reply not possible; pushing instead");
            sqlx::query!(
                "UPDATE outbox SET status = 'pending', route = 'push', reply_token = NULL, not_before = ?, updated_at = ? WHERE id = ?",
                now,
                now,
                row.id
            )
            .execute(&mut *tx)
            .await?;
            set_message_status(&mut tx, row.id, MessageStatus::Pending, None).await?
        }
    };
    tx.commit().await?;
    for e in events {
        core.events().publish(e);
    }
    Ok(())
}
