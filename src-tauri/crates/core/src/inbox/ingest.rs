//! Webhook ingest. One writer task owns a dedicated connection and commits every
//! request that is waiting in one transaction (group commit): LINE gets its 200 only
//! after that commit, and a burst of concurrent webhooks costs one fsync, not one each.
//! The statements work on the whole batch as a set, so a commit costs a fixed number of
//! round trips to SQLite whatever the batch size.

use std::collections::HashSet;
use std::sync::Arc;

use line::webhook::CallbackRequest;
use sqlx::{Connection, SqliteConnection};
use tokio::sync::{Notify, mpsc, oneshot};
use tokio::task::JoinHandle;

use crate::inbox::event_rows::EventRow;

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
    /// Broadcast: a broadcast was created or cancelled.
    pub broadcast: Arc<Notify>,
    /// The auto-tag worker (customers) has new inbound messages to look at.
    pub autotag: Arc<Notify>,
    /// Reservations: a booking changed (an approval's "confirmed" push is due now, not on the next tick).
    pub reminders: Arc<Notify>,
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
            .send(Job {
                account_id,
                request,
                done,
            })
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
                let autoreply_due = effects
                    .events
                    .iter()
                    .any(|e| matches!(e, CoreEvent::MessageArrived { .. }));
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
                if autoreply_due {
                    wake.autotag.notify_one();
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

/// Commits the whole batch; if that fails, each request alone, so one poisoned request
/// fails by itself and the others are still stored.
async fn commit_batch(
    conn: &mut SqliteConnection,
    batch: &[Job],
    effects: &mut Effects,
) -> Result<Vec<Result<IngestOutcome>>> {
    let all: Vec<(i64, &CallbackRequest)> = batch.iter().map(|j| (j.account_id, &j.request)).collect();
    match store_requests(conn, &all, effects).await {
        Ok(outcomes) => Ok(outcomes.into_iter().map(Ok).collect()),
        Err(batch_error) => {
            tracing::warn!(error = %batch_error, requests = batch.len(), "batch refused; storing requests one by one");
            let mut results = Vec::with_capacity(batch.len());
            for job in batch {
                let one = [(job.account_id, &job.request)];
                results.push(store_requests(conn, &one, effects).await.map(|mut o| o.remove(0)));
            }
            Ok(results)
        }
    }
}

/// One transaction, a fixed number of statements however many events: every statement
/// works on the batch as a set (`json_each` over one JSON array), so the cost per event
/// is SQLite's own work, not a round trip per row.
async fn store_requests(
    conn: &mut SqliteConnection,
    requests: &[(i64, &CallbackRequest)],
    effects: &mut Effects,
) -> Result<Vec<IngestOutcome>> {
    let mut rows = Vec::new();
    for (account_id, request) in requests {
        for event in &request.events {
            rows.push(EventRow::new(*account_id, event)?);
        }
    }
    let all_json = serde_json::to_string(&rows)?;
    let now = now_ms();

    let mut tx = conn.begin_with("BEGIN IMMEDIATE").await?;
    let inserted: HashSet<String> = sqlx::query_scalar!(
        r#"INSERT INTO webhook_events
             (account_id, webhook_event_id, event_type, occurred_at, received_at, is_redelivery, mode, source_user_id, raw_json)
           SELECT j.value ->> 'account', j.value ->> 'id', j.value ->> 'ty', j.value ->> 'at', ?2,
                  j.value ->> 'redelivery', j.value ->> 'mode', j.value ->> 'user', j.value ->> 'raw'
           FROM jsonb_each(?1) AS j WHERE true
           ON CONFLICT(webhook_event_id) DO NOTHING
           RETURNING webhook_event_id"#,
        all_json,
        now
    )
    .fetch_all(&mut *tx)
    .await?
    .into_iter()
    .collect();

    // Outcomes per request, and only the events stored just now go further.
    let mut outcomes = Vec::with_capacity(requests.len());
    let mut fresh = Vec::with_capacity(inserted.len());
    let mut rows = rows.into_iter();
    let mut claimed = HashSet::with_capacity(inserted.len());
    for (_, request) in requests {
        let mut outcome = IngestOutcome::default();
        for row in rows.by_ref().take(request.events.len()) {
            // The same event twice in one batch: the first one is the stored one.
            if inserted.contains(row.id) && claimed.insert(row.id) {
                outcome.stored += 1;
                fresh.push(row);
            } else {
                outcome.duplicates += 1;
            }
        }
        outcomes.push(outcome);
    }
    if fresh.is_empty() {
        tx.commit().await?;
        return Ok(outcomes);
    }
    let fresh_json = serde_json::to_string(&fresh)?;

    sqlx::query!(
        r#"INSERT INTO friends (account_id, line_user_id, first_seen_at, last_seen_at)
           SELECT j.value ->> 'account', j.value ->> 'user', min(j.value ->> 'at'), max(j.value ->> 'at')
           FROM jsonb_each(?1) AS j WHERE j.value ->> 'user' IS NOT NULL
           GROUP BY 1, 2
           ON CONFLICT(account_id, line_user_id) DO UPDATE SET last_seen_at = max(last_seen_at, excluded.last_seen_at)"#,
        fresh_json
    )
    .execute(&mut *tx)
    .await?;
    let new_friends = sqlx::query!(
        r#"INSERT INTO conversations (account_id, friend_id)
           SELECT DISTINCT f.account_id, f.id
           FROM jsonb_each(?1) AS j
           JOIN friends f ON f.account_id = j.value ->> 'account' AND f.line_user_id = j.value ->> 'user'
           WHERE true
           ON CONFLICT(friend_id) DO NOTHING"#,
        fresh_json
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    // The last follow or unfollow of a friend in this batch decides; a follow refetches the profile.
    let follows = if !fresh.iter().any(|r| r.follow.is_some()) {
        0
    } else {
        sqlx::query!(
        r#"UPDATE friends SET
             followed = x.followed,
             profile_fetched_at = CASE WHEN x.followed = 1 THEN NULL ELSE profile_fetched_at END,
             profile_attempts = CASE WHEN x.followed = 1 THEN 0 ELSE profile_attempts END
           FROM (SELECT j.value ->> 'account' AS account, j.value ->> 'user' AS user, j.value ->> 'follow' AS followed,
                        row_number() OVER (PARTITION BY j.value ->> 'account', j.value ->> 'user' ORDER BY j.key DESC) AS rn
                 FROM jsonb_each(?1) AS j
                 WHERE j.value ->> 'follow' IS NOT NULL AND j.value ->> 'user' IS NOT NULL) AS x
           WHERE x.rn = 1 AND friends.account_id = x.account AND friends.line_user_id = x.user"#,
            fresh_json
        )
        .execute(&mut *tx)
        .await?
        .rows_affected()
    };
    sqlx::query!(
        r#"INSERT INTO reply_tokens (conversation_id, token, received_at)
           SELECT c.id, j.value ->> 'rt', j.value ->> 'at'
           FROM jsonb_each(?1) AS j
           JOIN friends f ON f.account_id = j.value ->> 'account' AND f.line_user_id = j.value ->> 'user'
           JOIN conversations c ON c.friend_id = f.id
           WHERE j.value ->> 'rt' IS NOT NULL
           ON CONFLICT(token) DO NOTHING"#,
        fresh_json
    )
    .execute(&mut *tx)
    .await?;
    let messages = sqlx::query!(
        r#"INSERT INTO messages
             (account_id, conversation_id, direction, kind, text, payload_json, line_message_id,
              webhook_event_id, quote_token, mark_as_read_token, created_at, status, media_state)
           SELECT c.account_id, c.id, 'in', j.value ->> 'kind', j.value ->> 'text', j.value ->> 'payload',
                  j.value ->> 'mid', j.value ->> 'id', j.value ->> 'qt', j.value ->> 'mrt', j.value ->> 'at',
                  'received', CASE WHEN j.value ->> 'media' THEN 'pending' END
           FROM jsonb_each(?1) AS j
           JOIN friends f ON f.account_id = j.value ->> 'account' AND f.line_user_id = j.value ->> 'user'
           JOIN conversations c ON c.friend_id = f.id
           WHERE j.value ->> 'kind' IS NOT NULL
           ORDER BY j.key
           ON CONFLICT DO NOTHING
           RETURNING id AS "id!", conversation_id, media_state"#,
        fresh_json
    )
    .fetch_all(&mut *tx)
    .await?;
    // Per chat: the newest entry becomes the preview (events can arrive out of order,
    // redeliveries), and unread counts add up.
    sqlx::query!(
        r#"UPDATE conversations SET
             last_preview   = CASE WHEN x.at >= last_message_at THEN x.text ELSE last_preview END,
             last_kind      = CASE WHEN x.at >= last_message_at THEN x.kind ELSE last_kind END,
             last_direction = CASE WHEN x.at >= last_message_at THEN 'in' ELSE last_direction END,
             last_message_at = max(last_message_at, x.at),
             unread_count = unread_count + x.unread,
             status = CASE WHEN x.unread > 0 THEN 'needsAction' ELSE status END,
             -- Reply-time tracking (customers): the oldest unanswered customer message.
             waiting_since = CASE WHEN x.unread > 0 THEN min(coalesce(waiting_since, x.first_unread), x.first_unread)
                                  ELSE waiting_since END
           FROM (SELECT c.id AS cid, j.value ->> 'at' AS at, j.value ->> 'text' AS text, j.value ->> 'kind' AS kind,
                        sum(j.value ->> 'unread') OVER (PARTITION BY c.id) AS unread,
                        min(CASE WHEN j.value ->> 'unread' > 0 THEN j.value ->> 'at' END) OVER (PARTITION BY c.id) AS first_unread,
                        row_number() OVER (PARTITION BY c.id ORDER BY j.value ->> 'at' DESC, j.key DESC) AS rn
                 FROM jsonb_each(?1) AS j
                 JOIN friends f ON f.account_id = j.value ->> 'account' AND f.line_user_id = j.value ->> 'user'
                 JOIN conversations c ON c.friend_id = f.id
                 WHERE j.value ->> 'kind' IS NOT NULL) AS x
           WHERE x.rn = 1 AND conversations.id = x.cid"#,
        fresh_json
    )
    .execute(&mut *tx)
    .await?;
    // A row-value IN here made SQLite scan every message; the join uses the index.
    let unsent = if fresh.iter().any(|r| r.unsend.is_some()) {
        sqlx::query_scalar!(
            r#"UPDATE messages SET unsent = 1
               FROM (SELECT j.value ->> 'account' AS account, j.value ->> 'unsend' AS mid
                     FROM jsonb_each(?1) AS j WHERE j.value ->> 'unsend' IS NOT NULL) AS u
               WHERE messages.account_id = u.account AND messages.line_message_id = u.mid
               RETURNING conversation_id"#,
            fresh_json
        )
        .fetch_all(&mut *tx)
        .await?
    } else {
        Vec::new()
    };
    tx.commit().await?;

    effects.profiles_due |= new_friends > 0 || follows > 0;
    for m in messages {
        effects.media_due |= m.media_state.is_some();
        effects.events.push(CoreEvent::MessageArrived {
            conversation_id: m.conversation_id,
            message_id: m.id,
        });
    }
    for conversation_id in unsent {
        effects.events.push(CoreEvent::ConversationUpdated { conversation_id });
    }
    Ok(outcomes)
}
