//! The activity log in SQLite.

use sqlx::{Row, SqlitePool};

use super::model::{ActedBy, Done, ActivityKind, ListSettingsHistory, SettingsChange, SettingsHistoryPage};
use crate::time::now_ms;
use crate::Result;

const DEFAULT_PAGE: u32 = 50;
const MAX_PAGE: u32 = 200;

pub async fn record(pool: &SqlitePool, by: Option<&ActedBy>, method: &str, done: &Done) -> Result<()> {
    sqlx::query(
        "INSERT INTO activity_log (at, member_id, member_name, kind, method, summary, conversation_id, friend_id, reservation_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(now_ms())
    .bind(by.map(|b| b.member_id))
    .bind(by.map(|b| b.name.as_str()))
    .bind(done.kind.as_str())
    .bind(method)
    .bind(&done.summary)
    .bind(done.conversation_id)
    .bind(done.friend_id)
    .bind(done.reservation_id)
    .execute(pool)
    .await?;
    Ok(())
}

/// Settings changes, newest first.
pub async fn settings_history(pool: &SqlitePool, q: &ListSettingsHistory) -> Result<SettingsHistoryPage> {
    let limit = q.limit.unwrap_or(DEFAULT_PAGE).clamp(1, MAX_PAGE);
    let rows = sqlx::query(
        "SELECT id, at, member_id, member_name, method, summary FROM activity_log
         WHERE kind = ? AND id < ? ORDER BY id DESC LIMIT ?",
    )
    .bind(ActivityKind::Settings.as_str())
    .bind(q.before.unwrap_or(i64::MAX))
    .bind(i64::from(limit) + 1)
    .fetch_all(pool)
    .await?;
    let mut changes = rows
        .iter()
        .map(|r| {
            Ok(SettingsChange {
                id: r.try_get("id")?,
                at: r.try_get("at")?,
                by: ActedBy::from_columns(r.try_get("member_id")?, r.try_get("member_name")?),
                method: r.try_get("method")?,
                summary: r.try_get("summary")?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let has_more = changes.len() > limit as usize;
    changes.truncate(limit as usize);
    Ok(SettingsHistoryPage { changes, has_more })
}
