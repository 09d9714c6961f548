//! One chat's messages, oldest first on the page, paged backwards by message id.

use sqlx::sqlite::SqliteRow;
use sqlx::{Row as _, SqlitePool};

use crate::events::{ActedBy, MessageStatus};
use crate::inbox::conversations;
use crate::inbox::model::{Direction, MessageView, Route, ThreadPage};
use crate::Result;

const DEFAULT_PAGE: u32 = 50;
const MAX_PAGE: u32 = 500;

/// The columns every query here selects. Runtime queries (the sender's columns came
/// with the members); only this constant and fixed clauses are joined into them.
const SELECT: &str = "SELECT m.id, m.conversation_id, m.direction, m.kind, m.text, m.payload_json,
        m.created_at, m.status, m.error, m.unsent, m.outbox_id, o.route, md.file_name AS media_file,
        m.sent_by_member_id, m.sent_by_name, coalesce(o.auto_reply, 0) AS auto_reply
   FROM messages m
   LEFT JOIN outbox o ON o.id = m.outbox_id
   LEFT JOIN media md ON md.id = m.media_id";

fn view(r: &SqliteRow) -> Result<MessageView> {
    let direction: String = r.try_get("direction")?;
    let payload_json: String = r.try_get("payload_json")?;
    let status: String = r.try_get("status")?;
    let route: Option<String> = r.try_get("route")?;
    Ok(MessageView {
        id: r.try_get("id")?,
        conversation_id: r.try_get("conversation_id")?,
        direction: if direction == "out" { Direction::Out } else { Direction::In },
        kind: r.try_get("kind")?,
        text: r.try_get("text")?,
        payload: serde_json::from_str(&payload_json).unwrap_or(serde_json::Value::Null),
        created_at: r.try_get("created_at")?,
        status: MessageStatus::parse(&status),
        error: r.try_get("error")?,
        media_file: r.try_get("media_file")?,
        unsent: r.try_get::<i64, _>("unsent")? != 0,
        outbox_id: r.try_get("outbox_id")?,
        route: route.as_deref().and_then(Route::parse),
        sent_by: ActedBy::from_columns(r.try_get("sent_by_member_id")?, r.try_get("sent_by_name")?),
        auto_reply: r.try_get::<i64, _>("auto_reply")? != 0,
    })
}

fn views(rows: &[SqliteRow]) -> Result<Vec<MessageView>> {
    rows.iter().map(view).collect()
}

pub async fn page(
    pool: &SqlitePool,
    conversation_id: i64,
    before: Option<i64>,
    limit: Option<u32>,
) -> Result<ThreadPage> {
    let conversation = conversations::get(pool, conversation_id).await?;
    let limit = limit.unwrap_or(DEFAULT_PAGE).clamp(1, MAX_PAGE);
    let fetch = i64::from(limit) + 1;
    let before = before.unwrap_or(i64::MAX);
    let mut rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SELECT}
           WHERE m.conversation_id = ?1
             AND (m.created_at, m.id) < (
               SELECT coalesce((SELECT created_at FROM messages WHERE id = ?2), 9223372036854775807),
                      ?2)
           ORDER BY m.created_at DESC, m.id DESC
           LIMIT ?3"
    )))
    .bind(conversation_id)
    .bind(before)
    .bind(fetch)
    .fetch_all(pool)
    .await?;
    let has_more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    rows.reverse();
    Ok(ThreadPage { conversation, messages: views(&rows)?, has_more })
}

pub async fn message(pool: &SqlitePool, message_id: i64) -> Result<Option<MessageView>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT} WHERE m.id = ?"))).bind(message_id).fetch_optional(pool).await?;
    row.as_ref().map(view).transpose()
}

// Search: open a thread at a found message.
const AROUND_OLDER: i64 = 20;
const AROUND_MAX: i64 = 20_000;

/// The page that shows `message_id`: from a few messages older than it up to the newest,
/// so later live refreshes of the newest page merge without a gap.
pub async fn page_around(pool: &SqlitePool, conversation_id: i64, message_id: i64) -> Result<ThreadPage> {
    let conversation = conversations::get(pool, conversation_id).await?;
    let target = sqlx::query!(
        r#"SELECT created_at FROM messages WHERE id = ? AND conversation_id = ?"#,
        message_id,
        conversation_id
    )
    .fetch_optional(pool)
    .await?
    .ok_or_else(|| crate::CoreError::NotFound(format!("message {message_id} in conversation {conversation_id}")))?;
    // The oldest message to show: AROUND_OLDER before the target (or the first one).
    let anchor = sqlx::query!(
        r#"SELECT id AS "id!", created_at FROM messages
           WHERE conversation_id = ?1 AND (created_at, id) <= (?2, ?3)
           ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET ?4"#,
        conversation_id,
        target.created_at,
        message_id,
        AROUND_OLDER
    )
    .fetch_optional(pool)
    .await?;
    let (from_at, from_id) = anchor.map_or((i64::MIN, i64::MIN), |a| (a.created_at, a.id));
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SELECT}
           WHERE m.conversation_id = ?1 AND (m.created_at, m.id) >= (?2, ?3)
           ORDER BY m.created_at DESC, m.id DESC
           LIMIT ?4"
    )))
    .bind(conversation_id)
    .bind(from_at)
    .bind(from_id)
    .bind(AROUND_MAX)
    .fetch_all(pool)
    .await?;
    let mut messages = views(&rows)?;
    messages.reverse();
    let has_more = match messages.first() {
        Some(first) => sqlx::query_scalar!(
            r#"SELECT EXISTS (SELECT 1 FROM messages WHERE conversation_id = ?1 AND (created_at, id) < (?2, ?3)) AS "e!: bool""#,
            conversation_id,
            first.created_at,
            first.id
        )
        .fetch_one(pool)
        .await?,
        None => false,
    };
    Ok(ThreadPage { conversation, messages, has_more })
}
