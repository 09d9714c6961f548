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
            media_url: self.media_file.map(|f| format!("/api/media/{f}")),
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
