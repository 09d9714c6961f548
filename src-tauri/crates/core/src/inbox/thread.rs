//! One chat's messages, oldest first on the page, paged backwards by message id.

use sqlx::SqlitePool;

use crate::api::types::{Direction, MessageStatus, MessageView, Route, ThreadPage};
use crate::inbox::conversations;
use crate::Result;

const DEFAULT_PAGE: u32 = 50;
const MAX_PAGE: u32 = 500;

struct Row {
    id: i64,
    conversation_id: i64,
    direction: String,
    kind: String,
    text: Option<String>,
    payload_json: String,
    created_at: i64,
    status: String,
    error: Option<String>,
    unsent: i64,
    outbox_id: Option<i64>,
    route: Option<String>,
    media_file: Option<String>,
}

impl Row {
    fn view(self) -> MessageView {
        MessageView {
            id: self.id,
            conversation_id: self.conversation_id,
            direction: if self.direction == "out" { Direction::Out } else { Direction::In },
            kind: self.kind,
            text: self.text,
            payload: serde_json::from_str(&self.payload_json).unwrap_or(serde_json::Value::Null),
            created_at: self.created_at,
            status: MessageStatus::parse(&self.status),
            error: self.error,
            media_file: self.media_file,
            unsent: self.unsent != 0,
            outbox_id: self.outbox_id,
            route: self.route.as_deref().and_then(Route::parse),
        }
    }
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
    let mut rows = sqlx::query_as!(
        Row,
        r#"SELECT m.id AS "id!", m.conversation_id, m.direction, m.kind, m.text, m.payload_json,
                  m.created_at, m.status, m.error, m.unsent, m.outbox_id, o.route AS "route?",
                  md.file_name AS "media_file?"
           FROM messages m
           LEFT JOIN outbox o ON o.id = m.outbox_id
           LEFT JOIN media md ON md.id = m.media_id
           WHERE m.conversation_id = ?1
             AND (m.created_at, m.id) < (
               SELECT coalesce((SELECT created_at FROM messages WHERE id = ?2), 9223372036854775807),
                      ?2)
           ORDER BY m.created_at DESC, m.id DESC
           LIMIT ?3"#,
        conversation_id,
        before,
        fetch
    )
    .fetch_all(pool)
    .await?;
    let has_more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    rows.reverse();
    Ok(ThreadPage { conversation, messages: rows.into_iter().map(Row::view).collect(), has_more })
}

pub async fn message(pool: &SqlitePool, message_id: i64) -> Result<Option<MessageView>> {
    let row = sqlx::query_as!(
        Row,
        r#"SELECT m.id AS "id!", m.conversation_id, m.direction, m.kind, m.text, m.payload_json,
                  m.created_at, m.status, m.error, m.unsent, m.outbox_id, o.route AS "route?",
                  md.file_name AS "media_file?"
           FROM messages m
           LEFT JOIN outbox o ON o.id = m.outbox_id
           LEFT JOIN media md ON md.id = m.media_id
           WHERE m.id = ?"#,
        message_id
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(Row::view))
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
    let mut rows = sqlx::query_as!(
        Row,
        r#"SELECT m.id AS "id!", m.conversation_id, m.direction, m.kind, m.text, m.payload_json,
                  m.created_at, m.status, m.error, m.unsent, m.outbox_id, o.route AS "route?",
                  md.file_name AS "media_file?"
           FROM messages m
           LEFT JOIN outbox o ON o.id = m.outbox_id
           LEFT JOIN media md ON md.id = m.media_id
           WHERE m.conversation_id = ?1 AND (m.created_at, m.id) >= (?2, ?3)
           ORDER BY m.created_at DESC, m.id DESC
           LIMIT ?4"#,
        conversation_id,
        from_at,
        from_id,
        AROUND_MAX
    )
    .fetch_all(pool)
    .await?;
    rows.reverse();
    let has_more = match rows.first() {
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
    Ok(ThreadPage { conversation, messages: rows.into_iter().map(Row::view).collect(), has_more })
}
