//! Webhook ingest. One writer task owns a dedicated connection and commits every
//! request that is waiting in one transaction (group commit): LINE gets its 200 only
//! after that commit, and a burst of concurrent webhooks costs one fsync, not one each.
//! Each request runs inside its own savepoint so one bad request cannot sink the others.

use line::webhook::{CallbackRequest, Event, EventKind, MessageContent, Source};
use sqlx::{Connection, SqliteConnection};
use tokio::sync::{mpsc, oneshot, Notify};
use tokio::task::JoinHandle;
use std::sync::Arc;

use crate::events::{CoreEvent, EventBus};
use crate::store::Store;
use crate::time::now_ms;
use crate::{CoreError, Result};

/// How many waiting requests one commit may take.
const MAX_BATCH: usize = 256;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct IngestOutcome {
    pub stored: usize,
    pub duplicates: usize,
}

struct Job {
    account_id: i64,
    request: CallbackRequest,
    done: oneshot::Sender<Result<IngestOutcome>>,
}

/// After-commit wake-ups for the workers that owe LINE a download or a profile fetch.
#[derive(Clone, Default)]
pub struct Wakeups {
    pub profiles: Arc<Notify>,
    pub media: Arc<Notify>,
    pub outbox: Arc<Notify>,
    /// The auto-reply worker (keyword, away, greeting) has new inbound messages to decide.
    pub autoreply: Arc<Notify>,
}

#[derive(Clone)]
pub struct Ingestor {
    tx: mpsc::Sender<Job>,
}

impl Ingestor {
    pub async fn start(store: &Store, events: EventBus, wake: Wakeups) -> Result<(Ingestor, JoinHandle<()>)> {
        let conn = store.dedicated_connection().await?;
        let (tx, rx) = mpsc::channel(4096);
        let handle = tokio::spawn(writer(conn, rx, events, wake));
        Ok((Ingestor { tx }, handle))
    }

    /// Stores a verified, parsed webhook request; returns once it is durably committed.
    pub async fn ingest(&self, account_id: i64, request: CallbackRequest) -> Result<IngestOutcome> {
        if request.events.is_empty() {
            return Ok(IngestOutcome::default());
        }
        let (done, wait) = oneshot::channel();
        self.tx
            .send(Job { account_id, request, done })
            .await
            .map_err(|_| CoreError::Closed)?;
        wait.await.map_err(|_| CoreError::Closed)?
    }
}

#[derive(Default)]
struct Effects {
    events: Vec<CoreEvent>,
    profiles_due: bool,
    media_due: bool,
}

async fn writer(mut conn: SqliteConnection, mut rx: mpsc::Receiver<Job>, bus: EventBus, wake: Wakeups) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while let Some(first) = rx.recv().await {
        batch.push(first);
        while batch.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        let mut effects = Effects::default();
        match commit_batch(&mut conn, &batch, &mut effects).await {
            Ok(results) => {
                for (job, result) in batch.drain(..).zip(results) {
                    let _ = job.done.send(result);
                }
                let autoreply_due = effects.events.iter().any(|e| matches!(e, CoreEvent::MessageArrived { .. }));
                for event in effects.events {
                    bus.publish(event);
                }
                if effects.profiles_due {
                    wake.profiles.notify_one();
                }
                if effects.media_due {
                    wake.media.notify_one();
                }
                if autoreply_due {
                    wake.autoreply.notify_one();
                }
            }
            Err(e) => {
                tracing::error!(error = %e, requests = batch.len(), "webhook commit failed");
                for job in batch.drain(..) {
                    let _ = job.done.send(Err(CoreError::Invalid(format!("commit failed: {e}"))));
                }
            }
        }
    }
}

async fn commit_batch(
    conn: &mut SqliteConnection,
    batch: &[Job],
    effects: &mut Effects,
) -> Result<Vec<Result<IngestOutcome>>> {
    let mut tx = conn.begin_with("BEGIN IMMEDIATE").await?;
    let mut results = Vec::with_capacity(batch.len());
    let now = now_ms();
    for job in batch {
        let mut sp = tx.begin().await?;
        let mut job_effects = Effects::default();
        match store_request(&mut sp, job.account_id, &job.request, now, &mut job_effects).await {
            Ok(outcome) => {
                sp.commit().await?;
                effects.events.append(&mut job_effects.events);
                effects.profiles_due |= job_effects.profiles_due;
                effects.media_due |= job_effects.media_due;
                results.push(Ok(outcome));
            }
            Err(e) => {
                sp.rollback().await?;
                tracing::warn!(error = %e, "webhook request not stored");
                results.push(Err(e));
            }
        }
    }
    tx.commit().await?;
    Ok(results)
}

async fn store_request(
    conn: &mut SqliteConnection,
    account_id: i64,
    request: &CallbackRequest,
    now: i64,
    effects: &mut Effects,
) -> Result<IngestOutcome> {
    let mut outcome = IngestOutcome::default();
    for event in &request.events {
        if store_event(conn, account_id, event, now, effects).await? {
            outcome.stored += 1;
        } else {
            outcome.duplicates += 1;
        }
    }
    Ok(outcome)
}

/// Returns false when the event was already stored (a redelivery or a retry).
async fn store_event(
    conn: &mut SqliteConnection,
    account_id: i64,
    event: &Event,
    now: i64,
    effects: &mut Effects,
) -> Result<bool> {
    let raw = serde_json::to_string(&event.raw)?;
    // The raw JSON keeps LINE's own spelling, also for types this build does not know.
    let event_type = raw_str(&event.raw, "type");
    let mode = raw_str(&event.raw, "mode");
    let source_user = event.source.as_ref().and_then(Source::user_id);
    let inserted = sqlx::query!(
        "INSERT INTO webhook_events
           (account_id, webhook_event_id, event_type, occurred_at, received_at, is_redelivery, mode, source_user_id, raw_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(webhook_event_id) DO NOTHING",
        account_id,
        event.webhook_event_id,
        event_type,
        event.timestamp,
        now,
        event.is_redelivery,
        mode,
        source_user,
        raw
    )
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if inserted == 0 {
        return Ok(false);
    }

    // Only 1:1 chats become conversations; group and room events stay in webhook_events.
    let Some(Source::User { user_id, .. }) = &event.source else {
        return Ok(true);
    };
    let friend_id = upsert_friend(conn, account_id, user_id, event.timestamp).await?;
    let conversation_id = sqlx::query_scalar!(
        r#"INSERT INTO conversations (account_id, friend_id) VALUES (?, ?)
           ON CONFLICT(friend_id) DO UPDATE SET friend_id = excluded.friend_id
           RETURNING id AS "id!""#,
        account_id,
        friend_id
    )
    .fetch_one(&mut *conn)
    .await?;

    if let Some(token) = &event.reply_token {
        sqlx::query!(
            "INSERT INTO reply_tokens (conversation_id, token, received_at) VALUES (?, ?, ?)
             ON CONFLICT(token) DO NOTHING",
            conversation_id,
            token,
            event.timestamp
        )
        .execute(&mut *conn)
        .await?;
    }

    let entry = match &event.kind {
        EventKind::Message(m) => Some(TimelineEntry::from_message(m, &event.raw)),
        EventKind::Follow { is_unblocked } => {
            sqlx::query!(
                "UPDATE friends SET followed = 1, profile_fetched_at = NULL, profile_attempts = 0 WHERE id = ?",
                friend_id
            )
            .execute(&mut *conn)
            .await?;
            effects.profiles_due = true;
            Some(TimelineEntry::system("follow", serde_json::json!({ "isUnblocked": is_unblocked })))
        }
        EventKind::Unfollow => {
            sqlx::query!("UPDATE friends SET followed = 0 WHERE id = ?", friend_id)
                .execute(&mut *conn)
                .await?;
            Some(TimelineEntry::system("unfollow", serde_json::json!({})))
        }
        EventKind::Postback { data, .. } => Some(TimelineEntry {
            kind: "postback",
            text: Some(data.clone()),
            payload: event.raw.get("postback").cloned().unwrap_or(serde_json::Value::Null),
            line_message_id: None,
            quote_token: None,
            mark_as_read_token: None,
            media_pending: false,
            counts_unread: true,
        }),
        EventKind::Unsend { message_id } => {
            sqlx::query!(
                "UPDATE messages SET unsent = 1 WHERE account_id = ? AND line_message_id = ?",
                account_id,
                message_id
            )
            .execute(&mut *conn)
            .await?;
            effects.events.push(CoreEvent::ConversationUpdated { conversation_id });
            None
        }
        _ => None,
    };
    if let Some(entry) = entry {
        let message_id =
            insert_timeline_entry(conn, account_id, conversation_id, event, &entry).await?;
        if let Some(message_id) = message_id {
            effects.media_due |= entry.media_pending;
            effects.events.push(CoreEvent::MessageArrived { conversation_id, message_id });
        }
    }
    Ok(true)
}

async fn upsert_friend(conn: &mut SqliteConnection, account_id: i64, user_id: &str, at: i64) -> Result<i64> {
    Ok(sqlx::query_scalar!(
        r#"INSERT INTO friends (account_id, line_user_id, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?)
           ON CONFLICT(account_id, line_user_id) DO UPDATE SET last_seen_at = max(last_seen_at, excluded.last_seen_at)
           RETURNING id AS "id!""#,
        account_id,
        user_id,
        at,
        at
    )
    .fetch_one(&mut *conn)
    .await?)
}

/// One row of a chat's timeline made from an inbound event.
struct TimelineEntry {
    kind: &'static str,
    text: Option<String>,
    payload: serde_json::Value,
    line_message_id: Option<String>,
    quote_token: Option<String>,
    mark_as_read_token: Option<String>,
    media_pending: bool,
    counts_unread: bool,
}

impl TimelineEntry {
    fn system(kind: &'static str, payload: serde_json::Value) -> Self {
        TimelineEntry {
            kind,
            text: None,
            payload,
            line_message_id: None,
            quote_token: None,
            mark_as_read_token: None,
            media_pending: false,
            counts_unread: false,
        }
    }

    fn from_message(m: &MessageContent, raw_event: &serde_json::Value) -> Self {
        // Content LINE hosts must be downloaded (from the data host); external content is a URL.
        let from_line = raw_event
            .pointer("/message/contentProvider/type")
            .and_then(serde_json::Value::as_str)
            == Some("line");
        let (kind, media_pending) = match m {
            MessageContent::Text { .. } => ("text", false),
            MessageContent::Sticker { .. } => ("sticker", false),
            MessageContent::Image { .. } => ("image", from_line),
            MessageContent::Video { .. } => ("video", from_line),
            MessageContent::Audio { .. } => ("audio", from_line),
            MessageContent::File { .. } => ("file", true),
            MessageContent::Location { .. } => ("location", false),
            MessageContent::Unknown { .. } => ("unknown", false),
        };
        let quote_token = raw_event
            .pointer("/message/quoteToken")
            .and_then(serde_json::Value::as_str)
            .map(str::to_string);
        TimelineEntry {
            kind,
            text: m.text().map(str::to_string),
            payload: raw_event.get("message").cloned().unwrap_or(serde_json::Value::Null),
            line_message_id: Some(m.id().to_string()),
            quote_token,
            mark_as_read_token: m.mark_as_read_token().map(str::to_string),
            media_pending,
            counts_unread: true,
        }
    }
}

async fn insert_timeline_entry(
    conn: &mut SqliteConnection,
    account_id: i64,
    conversation_id: i64,
    event: &Event,
    e: &TimelineEntry,
) -> Result<Option<i64>> {
    let payload = serde_json::to_string(&e.payload)?;
    let media_state = e.media_pending.then_some("pending");
    let message_id = sqlx::query_scalar!(
        r#"INSERT INTO messages
             (account_id, conversation_id, direction, kind, text, payload_json, line_message_id,
              webhook_event_id, quote_token, mark_as_read_token, created_at, status, media_state)
           VALUES (?, ?, 'in', ?, ?, ?, ?, ?, ?, ?, ?, 'received', ?)
           ON CONFLICT DO NOTHING
           RETURNING id AS "id!""#,
        account_id,
        conversation_id,
        e.kind,
        e.text,
        payload,
        e.line_message_id,
        event.webhook_event_id,
        e.quote_token,
        e.mark_as_read_token,
        event.timestamp,
        media_state
    )
    .fetch_optional(&mut *conn)
    .await?;
    if message_id.is_none() {
        return Ok(None);
    }
    let unread = i64::from(e.counts_unread);
    // Events can arrive out of order (redeliveries): only a newer one replaces the preview.
    sqlx::query!(
        "UPDATE conversations SET
           last_preview   = CASE WHEN ?1 >= last_message_at THEN ?2 ELSE last_preview END,
           last_kind      = CASE WHEN ?1 >= last_message_at THEN ?3 ELSE last_kind END,
           last_direction = CASE WHEN ?1 >= last_message_at THEN 'in' ELSE last_direction END,
           last_message_at = max(last_message_at, ?1),
           unread_count = unread_count + ?4,
           status = CASE WHEN ?4 > 0 THEN 'needsAction' ELSE status END
         WHERE id = ?5",
        event.timestamp,
        e.text,
        e.kind,
        unread,
        conversation_id
    )
    .execute(&mut *conn)
    .await?;
    Ok(message_id)
}

fn raw_str<'a>(raw: &'a serde_json::Value, key: &str) -> &'a str {
    raw.get(key).and_then(serde_json::Value::as_str).unwrap_or("")
}
