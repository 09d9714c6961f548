//! Assignment in the store: `conversations.assignee_member_id` and the last member reply
//! (`last_reply_member_id`, `last_reply_at`, migration 0022).

use sqlx::{SqliteConnection, SqlitePool};

use crate::assignment::model::{MemberName, NotifyScope};
use crate::{settings, CoreError, Result};

/// The members a chat can be given to: everyone not removed, in the order they joined.
pub async fn assignees(pool: &SqlitePool) -> Result<Vec<MemberName>> {
    let rows: Vec<(i64, String)> = sqlx::query_as("SELECT id, name FROM members WHERE removed_at IS NULL ORDER BY id")
        .fetch_all(pool)
        .await?;
    Ok(rows.into_iter().map(|(id, name)| MemberName { id, name }).collect())
}

/// Gives the chat to `member_id` (None: to nobody). A removed or unknown member is refused.
pub async fn assign(pool: &SqlitePool, conversation_id: i64, member_id: Option<i64>) -> Result<()> {
    if let Some(id) = member_id {
        let active: Option<i64> = sqlx::query_scalar("SELECT id FROM members WHERE id = ? AND removed_at IS NULL")
            .bind(id)
            .fetch_optional(pool)
            .await?;
        if active.is_none() {
            return Err(CoreError::bad_input(
                format!("member {id} does not exist or was removed"),
                "その担当者は見つかりません（削除されたメンバーかもしれません）",
            ));
        }
    }
    let done = sqlx::query("UPDATE conversations SET assignee_member_id = ? WHERE id = ?")
        .bind(member_id)
        .bind(conversation_id)
        .execute(pool)
        .await?
        .rows_affected();
    if done == 0 {
        return Err(CoreError::NotFound(format!("conversation {conversation_id}")));
    }
    Ok(())
}

/// Notes a member's reply in the chat, in the send's own transaction; answers the chat's
/// assignee (for the event). `member_id` None: not a member's reply (the owner at this
/// PC, automatic replies), which changes nothing.
pub async fn record_reply(
    conn: &mut SqliteConnection,
    conversation_id: i64,
    member_id: Option<i64>,
    at: i64,
) -> Result<Option<i64>> {
    let assignee: Option<Option<i64>> = match member_id {
        Some(m) => {
            sqlx::query_scalar(
                "UPDATE conversations SET last_reply_member_id = ?, last_reply_at = ? WHERE id = ? RETURNING assignee_member_id",
            )
            .bind(m)
            .bind(at)
            .bind(conversation_id)
            .fetch_optional(&mut *conn)
            .await?
        }
        None => {
            sqlx::query_scalar("SELECT assignee_member_id FROM conversations WHERE id = ?")
                .bind(conversation_id)
                .fetch_optional(&mut *conn)
                .await?
        }
    };
    Ok(assignee.flatten())
}

fn scope_key(member_id: i64) -> String {
    format!("notifyScope.{member_id}")
}

pub async fn notify_scope(pool: &SqlitePool, member_id: i64) -> Result<NotifyScope> {
    Ok(settings::get(pool, &scope_key(member_id)).await?.map(|v| NotifyScope::parse(&v)).unwrap_or_default())
}

pub async fn set_notify_scope(pool: &SqlitePool, member_id: i64, scope: NotifyScope) -> Result<()> {
    settings::set(pool, &scope_key(member_id), scope.store_value()).await
}
