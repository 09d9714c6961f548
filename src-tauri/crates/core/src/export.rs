//! `madoguchi-server export`: every message as JSON Lines, oldest first. Streams
//! rows, so a store of millions of messages exports in constant memory. Secrets are
//! not in the store, so they cannot leak through here.

// Settings: CSV export and the export buttons.
pub mod csv;
pub mod spreadsheet;
pub mod to_folder;

use std::io::Write;

use futures::TryStreamExt;
use serde::Serialize;
use sqlx::SqlitePool;

use crate::Result;

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportedMessage {
    pub id: i64,
    pub account: String,
    pub account_id: i64,
    pub friend_id: String,
    pub direction: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub text: Option<String>,
    pub line_message_id: Option<String>,
    pub webhook_event_id: Option<String>,
    pub timestamp: i64,
    pub status: String,
    pub unsent: bool,
}

/// Writes all messages to `out`; returns how many.
pub async fn export_jsonl(pool: &SqlitePool, out: &mut impl Write) -> Result<u64> {
    let mut rows = sqlx::query!(
        r#"SELECT m.id AS "id!", a.name AS account, m.account_id, f.line_user_id, m.direction, m.kind, m.text,
                  m.line_message_id, m.webhook_event_id, m.created_at, m.status, m.unsent
           FROM messages m
           JOIN accounts a ON a.id = m.account_id
           JOIN conversations c ON c.id = m.conversation_id
           JOIN friends f ON f.id = c.friend_id
           ORDER BY m.created_at, m.id"#
    )
    .fetch(pool);
    let mut n = 0;
    while let Some(r) = rows.try_next().await? {
        let line = ExportedMessage {
            id: r.id,
            account: r.account,
            account_id: r.account_id,
            friend_id: r.line_user_id,
            direction: r.direction,
            kind: r.kind,
            text: r.text,
            line_message_id: r.line_message_id,
            webhook_event_id: r.webhook_event_id,
            timestamp: r.created_at,
            status: r.status,
            unsent: r.unsent != 0,
        };
        serde_json::to_writer(&mut *out, &line)?;
        out.write_all(b"\n")?;
        n += 1;
    }
    out.flush()?;
    Ok(n)
}
