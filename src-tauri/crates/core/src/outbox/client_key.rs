//! The desk's own key for a send (`clientKey`). A desk whose send got no answer (the
//! hub killed mid-request, the connection cut) cannot tell whether the outbox row was
//! committed. With a key it can ask (`GetSendByKey`), and a resend with the same key
//! answers with the row already made, so neither a lost answer nor a double click sends
//! a message twice. The hub's own exactly-once towards LINE (retry key) is unchanged.

use sqlx::Row;

use crate::inbox::model::Route;
use crate::outbox::model::{SendAccepted, SendState, SendStatus};
use crate::{CoreError, Result};

const MIN_LEN: usize = 16;
const MAX_LEN: usize = 64;

/// A UUID fits; so does any other random token of letters, digits, `-` and `_`. Short
/// keys are refused: two desks must never pick the same one by chance.
pub fn validate(key: &str) -> Result<()> {
    let ok = (MIN_LEN..=MAX_LEN).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(CoreError::bad_input(
            format!("clientKey must be {MIN_LEN} to {MAX_LEN} characters of letters, digits, '-' or '_' (a UUID, for example)"),
            format!("送信キー（clientKey）は英数字と「-」「_」だけの {MIN_LEN}〜{MAX_LEN} 文字にしてください（UUID など）"),
        ))
    }
}

/// The send an earlier request with `key` made, answered as it was then; an error when
/// that send went to another chat (the key was reused by mistake).
pub(crate) async fn accepted<'e>(db: impl sqlx::SqliteExecutor<'e>, key: &str, conversation_id: i64) -> Result<Option<SendAccepted>> {
    let row = sqlx::query(
        "SELECT o.id, o.conversation_id, o.route, o.not_before,
                (SELECT min(m.id) FROM messages m WHERE m.outbox_id = o.id) AS first_message_id
         FROM outbox o WHERE o.client_key = ?",
    )
    .bind(key)
    .fetch_optional(db)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let chat: Option<i64> = row.try_get("conversation_id")?;
    if chat != Some(conversation_id) {
        return Err(CoreError::bad_input(
            "this clientKey was already used for a send to another chat; make a new key for each message",
            "この送信キー（clientKey）は別のチャットへの送信に使われています。メッセージごとに新しいキーを作ってください",
        ));
    }
    let route = match row.try_get::<String, _>("route")?.as_str() {
        "reply" => Route::Reply,
        _ => Route::Push,
    };
    Ok(Some(SendAccepted {
        outbox_id: row.try_get("id")?,
        message_id: row.try_get::<Option<i64>, _>("first_message_id")?.unwrap_or(0),
        route,
        send_at: row.try_get("not_before")?,
    }))
}

/// Marks a freshly inserted outbox row as the send of `key` (same transaction). The
/// unique index stops a second row even if the check before the insert was skipped.
pub(crate) async fn attach(conn: &mut sqlx::SqliteConnection, outbox_id: i64, key: &str) -> Result<()> {
    sqlx::query("UPDATE outbox SET client_key = ? WHERE id = ?").bind(key).bind(outbox_id).execute(conn).await?;
    Ok(())
}

/// What became of the send made with `key`.
pub async fn status(pool: &sqlx::SqlitePool, key: &str) -> Result<SendStatus> {
    validate(key)?;
    let row = sqlx::query(
        "SELECT o.id, o.conversation_id, o.status,
                (SELECT min(m.id) FROM messages m WHERE m.outbox_id = o.id) AS first_message_id
         FROM outbox o WHERE o.client_key = ?",
    )
    .bind(key)
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else {
        return Ok(SendStatus { state: SendState::None, conversation_id: None, outbox_id: None, message_id: None });
    };
    let state = match row.try_get::<String, _>("status")?.as_str() {
        "pending" | "sending" => SendState::Queued,
        "sent" => SendState::Sent,
        "failed" => SendState::Failed,
        "cancelled" => SendState::Cancelled,
        other => return Err(CoreError::internal(format!("outbox row with status {other:?}"))),
    };
    Ok(SendStatus {
        state,
        conversation_id: row.try_get("conversation_id")?,
        outbox_id: Some(row.try_get("id")?),
        message_id: row.try_get("first_message_id")?,
    })
}

/// Before a send does any work: checks the key and answers the earlier send made with
/// it, if there is one.
pub(crate) async fn repeated(pool: &sqlx::SqlitePool, key: Option<&str>, conversation_id: i64) -> Result<Option<SendAccepted>> {
    let Some(key) = key else { return Ok(None) };
    validate(key)?;
    accepted(pool, key, conversation_id).await
}
