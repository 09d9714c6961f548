//! The total the tray shows: unread customer messages across every chat.

use sqlx::SqlitePool;

use crate::Result;

pub async fn total_unread(pool: &SqlitePool) -> Result<i64> {
    let n = sqlx::query_scalar!(r#"SELECT coalesce(sum(unread_count), 0) AS "n!: i64" FROM conversations"#)
        .fetch_one(pool)
        .await?;
    Ok(n)
}
