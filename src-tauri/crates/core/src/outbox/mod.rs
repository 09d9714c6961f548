//! Outbound messages. `enqueue` commits the outbox row (with its retry key and its
//! route) before anything is sent; `sender` takes rows once their undo window is over.
//! Route choice is about cost: a reply token is free but single-use and short-lived,
//! a push counts against the monthly quota.

pub mod api;
pub mod client_key;
pub mod content;
pub mod model;
pub mod upload;
pub mod sender;

pub use crate::outgoing::{limits, OutgoingEntry};

use sqlx::SqlitePool;

use crate::events::{CoreEvent, MessageStatus};
use crate::inbox::model::Route;
use crate::outbox::model::{RoutePreview, SendAccepted};
use crate::settings;
use crate::time::now_ms;
use crate::{CoreError, Result};


struct Target {
    account_id: i64,
    line_user_id: String,
    /// False once the friend blocked the account (unfollow).
    followed: bool,
}

async fn target<'e>(db: impl sqlx::SqliteExecutor<'e>, conversation_id: i64) -> Result<Target> {
    sqlx::query_as!(
        Target,
        r#"SELECT c.account_id, f.line_user_id, f.followed AS "followed: bool"
           FROM conversations c JOIN friends f ON f.id = c.friend_id WHERE c.id = ?"#,
        conversation_id
    )
    .fetch_optional(db)
    .await?
    .ok_or_else(|| CoreError::NotFound(format!("conversation {conversation_id}")))
}

struct Timing {
    undo_ms: i64,
    window_ms: i64,
}

async fn timing(pool: &SqlitePool) -> Result<Timing> {
    let undo = settings::get_i64(pool, settings::UNDO_SECONDS, settings::DEFAULT_UNDO_SECONDS).await?;
    let window = settings::get_i64(
        pool,
        settings::REPLY_SAFE_WINDOW_SECONDS,
        settings::DEFAULT_REPLY_SAFE_WINDOW_SECONDS,
    )
    .await?;
    Ok(Timing { undo_ms: undo.max(0) * 1000, window_ms: window.max(0) * 1000 })
}

/// Which route a message written now would take, and until when a reply is possible.
pub async fn preview_route(pool: &SqlitePool, conversation_id: i64) -> Result<RoutePreview> {
    let t = timing(pool).await?;
    let now = now_ms();
    // Newest first through the chat's tokens: the first unused one is the answer.
    let newest = sqlx::query_scalar!(
        "SELECT received_at FROM reply_tokens WHERE conversation_id = ? AND used_at IS NULL ORDER BY received_at DESC LIMIT 1",
        conversation_id
    )
    .fetch_optional(pool)
    .await?;
    // The token must still be fresh when the undo window ends and the sender takes it.
    Ok(match newest {
        Some(at) if at + t.window_ms > now + t.undo_ms => {
            RoutePreview { route: Route::Reply, reply_expires_at: Some(at + t.window_ms - t.undo_ms) }
        }
        _ => RoutePreview { route: Route::Push, reply_expires_at: None },
    })
}

/// Commits an outbox row for 1..=5 messages to one chat and returns what the UI shows.
/// With the desk's `client_key`, a row already made under that key is answered instead
/// (no events: nothing changed).
pub async fn enqueue(
    pool: &SqlitePool,
    conversation_id: i64,
    entries: Vec<OutgoingEntry>,
    client_key: Option<&str>,
) -> Result<(SendAccepted, Vec<CoreEvent>)> {
    if entries.is_empty() || entries.len() > 5 {
        return Err(CoreError::bad_input(
            "send between 1 and 5 messages at a time",
            "一度に送れるメッセージは 1〜5 件です",
        ));
    }
    let target = target(pool, conversation_id).await?;
    if !target.followed {
        // LINE takes a push to a friend who blocked the account and delivers nothing.
        return Err(CoreError::bad_input(
            "this friend has blocked the account, so messages cannot reach them",
            "この友だちはアカウントをブロックしているため、メッセージを送れません",
        ));
    }
    let t = timing(pool).await?;
    let now = now_ms();
    let send_at = now + t.undo_ms;
    let fresh_after = send_at - t.window_ms;

    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    // Checked again under the write lock: two requests with one key (a double click, a
    // resend racing the first) cannot both get past it.
    if let Some(key) = client_key
        && let Some(done) = client_key::accepted(&mut *tx, key, conversation_id).await?
    {
        return Ok((done, Vec::new()));
    }
    let token = sqlx::query!(
        r#"SELECT received_at, token FROM reply_tokens
           WHERE conversation_id = ? AND used_at IS NULL AND received_at > ?
           ORDER BY received_at DESC LIMIT 1"#,
        conversation_id,
        fresh_after
    )
    .fetch_optional(&mut *tx)
    .await?;
    let (route, reply_token) = match token {
        Some(tok) => {
            sqlx::query!(
                "UPDATE reply_tokens SET used_at = ? WHERE conversation_id = ? AND received_at = ? AND token = ?",
                now,
                conversation_id,
                tok.received_at,
                tok.token
            )
                .execute(&mut *tx)
                .await?;
            (Route::Reply, Some(tok.token))
        }
        None => (Route::Push, None),
    };
    let row = NewRow { target: &target, conversation_id, route, reply_token: reply_token.as_deref(), send_at, now, auto_reply: false };
    let (outbox_id, first_message_id, events) = insert_row(&mut tx, row, &entries).await?;
    if let Some(key) = client_key {
        client_key::attach(&mut tx, outbox_id, key).await?;
    }
    // Reply-time tracking (customers): the owner answered, the customer no longer waits.
    crate::replytime::on_owner_reply(&mut tx, conversation_id, now).await?;
    tx.commit().await?;
    Ok((SendAccepted { outbox_id, message_id: first_message_id, route, send_at }, events))
}

/// An automatic reply (keyword, away, greeting), inside the caller's transaction: it
/// answers through `reply_token` — the triggering event's, already claimed by the
/// caller — right away (no undo window), and the sender never turns it into a push.
/// Returns the outbox id and the events to publish after commit.
pub(crate) async fn enqueue_auto_reply(
    conn: &mut sqlx::SqliteConnection,
    conversation_id: i64,
    reply_token: &str,
    entries: &[OutgoingEntry],
    now: i64,
) -> Result<(i64, Vec<CoreEvent>)> {
    if entries.is_empty() || entries.len() > 5 {
        return Err(CoreError::bad_input(
            "send between 1 and 5 messages at a time",
            "一度に送れるメッセージは 1〜5 件です",
        ));
    }
    let target = target(&mut *conn, conversation_id).await?;
    let row = NewRow {
        target: &target,
        conversation_id,
        route: Route::Reply,
        reply_token: Some(reply_token),
        send_at: now,
        now,
        auto_reply: true,
    };
    let (outbox_id, _, events) = insert_row(conn, row, entries).await?;
    Ok((outbox_id, events))
}

// Reservations (reminders)
/// A push decided by a worker (a reservation reminder), inside the caller's
/// transaction so that the caller's own once-only row commits with it; sent right away.
pub(crate) async fn enqueue_push_in(
    conn: &mut sqlx::SqliteConnection,
    conversation_id: i64,
    entries: &[OutgoingEntry],
    now: i64,
) -> Result<(i64, Vec<CoreEvent>)> {
    if entries.is_empty() || entries.len() > 5 {
        return Err(CoreError::bad_input("send between 1 and 5 messages at a time", "一度に送れるメッセージは 1〜5 件です"));
    }
    let target = target(&mut *conn, conversation_id).await?;
    let row = NewRow { target: &target, conversation_id, route: Route::Push, reply_token: None, send_at: now, now, auto_reply: false };
    let (outbox_id, _, events) = insert_row(conn, row, entries).await?;
    Ok((outbox_id, events))
}

struct NewRow<'a> {
    target: &'a Target,
    conversation_id: i64,
    route: Route,
    reply_token: Option<&'a str>,
    send_at: i64,
    now: i64,
    auto_reply: bool,
}

/// The outbox row and its message rows; returns (outbox id, first message id, events).
async fn insert_row(
    tx: &mut sqlx::SqliteConnection,
    row: NewRow<'_>,
    entries: &[OutgoingEntry],
) -> Result<(i64, i64, Vec<CoreEvent>)> {
    let NewRow { target, conversation_id, route, reply_token, send_at, now, auto_reply } = row;
    let messages_json = serde_json::to_string(&entries.iter().map(|e| &e.object).collect::<Vec<_>>())?;
    let recipients_json = serde_json::to_string(&[&target.line_user_id])?;
    let retry_key = uuid::Uuid::new_v4().to_string();
    let route_str = route.as_str();
    let outbox_id = sqlx::query_scalar!(
        r#"INSERT INTO outbox (account_id, conversation_id, route, retry_key, reply_token, recipients_json,
                              messages_json, status, not_before, created_at, updated_at, auto_reply)
           VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?) RETURNING id AS "id!""#,
        target.account_id,
        conversation_id,
        route_str,
        retry_key,
        reply_token,
        recipients_json,
        messages_json,
        send_at,
        now,
        now,
        auto_reply
    )
    .fetch_one(&mut *tx)
    .await?;
    let mut first_message_id = 0;
    let mut events = Vec::new();
    // No two answers at once: the chat keeps this member's reply, on the server's clock.
    let replier = if auto_reply { None } else { crate::members::actor::current().and_then(|a| a.member_id) };
    let assignee_member_id = crate::assignment::store::record_reply(&mut *tx, conversation_id, replier, now).await?;
    // Who sent it (members): the acting member, in the same commit. Automatic replies
    // and reminders are the core's own work and name nobody.
    let sent_by = if auto_reply { None } else { crate::events::ActedBy::current() };
    if let Some(by) = &sent_by {
        sqlx::query("UPDATE outbox SET sent_by_member_id = ?, sent_by_name = ? WHERE id = ?")
            .bind(by.member_id)
            .bind(&by.name)
            .bind(outbox_id)
            .execute(&mut *tx)
            .await?;
    }
    for entry in entries {
        let payload = serde_json::to_string(&entry.object)?;
        let id = sqlx::query_scalar!(
            r#"INSERT INTO messages (account_id, conversation_id, direction, kind, text, payload_json, created_at,
                                    status, media_id, outbox_id)
               VALUES (?, ?, 'out', ?, ?, ?, ?, 'pending', ?, ?) RETURNING id AS "id!""#,
            target.account_id,
            conversation_id,
            entry.kind,
            entry.text,
            payload,
            now,
            entry.media_id,
            outbox_id
        )
        .fetch_one(&mut *tx)
        .await?;
        if let Some(by) = &sent_by {
            sqlx::query("UPDATE messages SET sent_by_member_id = ?, sent_by_name = ? WHERE id = ?")
                .bind(by.member_id)
                .bind(&by.name)
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        if first_message_id == 0 {
            first_message_id = id;
        }
        events.push(CoreEvent::MessageArrived { conversation_id, message_id: id, assignee_member_id });
    }
    if let Some(last) = entries.last() {
        sqlx::query!(
            "UPDATE conversations SET last_preview = ?, last_kind = ?, last_direction = 'out',
               last_message_at = max(last_message_at, ?) WHERE id = ?",
            last.text,
            last.kind,
            now,
            conversation_id
        )
        .execute(&mut *tx)
        .await?;
    }
    Ok((outbox_id, first_message_id, events))
}

/// Undo: only while the sender has not taken the row. A reply token it held is freed.
pub async fn cancel(pool: &SqlitePool, outbox_id: i64) -> Result<Vec<CoreEvent>> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let now = now_ms();
    let row = sqlx::query!(
        r#"UPDATE outbox SET status = 'cancelled', updated_at = ? WHERE id = ? AND status = 'pending'
           RETURNING conversation_id, reply_token, attempts, created_at, auto_reply"#,
        now,
        outbox_id
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(row) = row else {
        return Err(CoreError::bad_input(
            "too late to cancel: the message is already being sent",
            "送信が始まっているため取り消せません",
        ));
    };
    if let (Some(token), Some(conversation_id), 0) = (&row.reply_token, row.conversation_id, row.attempts) {
        sqlx::query!("UPDATE reply_tokens SET used_at = NULL WHERE conversation_id = ? AND token = ?", conversation_id, token)
            .execute(&mut *tx)
            .await?;
    }
    let mut events = set_message_status(&mut tx, outbox_id, MessageStatus::Cancelled, None).await?;
    if let Some(conversation_id) = row.conversation_id {
        crate::inbox::conversations::refresh_preview(&mut tx, conversation_id).await?;
        events.push(CoreEvent::ConversationUpdated { conversation_id });
    }
    // Reply-time tracking (customers): an undone reply answered nobody.
    if let (Some(conversation_id), 0) = (row.conversation_id, row.auto_reply) {
        crate::replytime::on_owner_cancel(&mut tx, conversation_id, outbox_id, row.created_at).await?;
    }
    tx.commit().await?;
    Ok(events)
}

/// Sends a failed row again, as a push with a fresh retry key (its reply token is gone).
pub async fn retry(pool: &SqlitePool, outbox_id: i64) -> Result<Vec<CoreEvent>> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let now = now_ms();
    let key = uuid::Uuid::new_v4().to_string();
    let updated = sqlx::query!(
        "UPDATE outbox SET status = 'pending', route = CASE WHEN route = 'reply' THEN 'push' ELSE route END,
           reply_token = NULL, retry_key = ?, attempts = 0, ambiguous = 0, last_error = NULL,
           not_before = ?, updated_at = ?
         WHERE id = ? AND status = 'failed'",
        key,
        now,
        now,
        outbox_id
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if updated == 0 {
        return Err(CoreError::bad_input(
            "only a failed message can be sent again",
            "再送できるのは送信に失敗したメッセージだけです",
        ));
    }
    let events = set_message_status(&mut tx, outbox_id, MessageStatus::Pending, None).await?;
    tx.commit().await?;
    Ok(events)
}

/// Mirrors an outbox row's state onto its message rows; returns the events to publish.
pub(crate) async fn set_message_status(
    conn: &mut sqlx::SqliteConnection,
    outbox_id: i64,
    status: MessageStatus,
    error: Option<&str>,
) -> Result<Vec<CoreEvent>> {
    let s = status_str(status);
    let rows = sqlx::query!(
        r#"UPDATE messages SET status = ?, error = ? WHERE outbox_id = ?
           RETURNING id AS "id!", conversation_id"#,
        s,
        error,
        outbox_id
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| CoreEvent::MessageStatusChanged {
            conversation_id: r.conversation_id,
            message_id: r.id,
            status,
            error: error.map(str::to_string),
        })
        .collect())
}

pub(crate) fn status_str(s: MessageStatus) -> &'static str {
    match s {
        MessageStatus::Received => "received",
        MessageStatus::Pending => "pending",
        MessageStatus::Sending => "sending",
        MessageStatus::Sent => "sent",
        MessageStatus::Failed => "failed",
        MessageStatus::Cancelled => "cancelled",
    }
}
