//! App settings kept in the store (never secrets). Read where they are used, so a
//! change applies at once without a restart.

use sqlx::SqlitePool;

use crate::Result;

pub const UNDO_SECONDS: &str = "undoSeconds";
pub const REPLY_SAFE_WINDOW_SECONDS: &str = "replySafeWindowSeconds";
pub const PUBLIC_BASE_URL: &str = "publicBaseUrl";
/// Where the desktop app's embedded webhook receiver listens (a tunnel forwards to it); written by the app.
pub const LOCAL_WEBHOOK_URL: &str = "localWebhookUrl";

/// LINE says a reply token should be used within about a minute; leave a margin.
pub const DEFAULT_REPLY_SAFE_WINDOW_SECONDS: i64 = 50;
pub const DEFAULT_UNDO_SECONDS: i64 = 5;

pub async fn get(pool: &SqlitePool, key: &str) -> Result<Option<String>> {
    Ok(sqlx::query_scalar!("SELECT value FROM settings WHERE account_id = 0 AND key = ?", key)
        .fetch_optional(pool)
        .await?)
}

pub async fn set(pool: &SqlitePool, key: &str, value: &str) -> Result<()> {
    sqlx::query!(
        "INSERT INTO settings (account_id, key, value) VALUES (0, ?, ?)
         ON CONFLICT(account_id, key) DO UPDATE SET value = excluded.value",
        key,
        value
    )
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn get_i64(pool: &SqlitePool, key: &str, default: i64) -> Result<i64> {
    Ok(get(pool, key).await?.and_then(|v| v.parse().ok()).unwrap_or(default))
}
