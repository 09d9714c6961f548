//! LINE Official Accounts known to this install. Their secrets are in the
//! `SecretStore`, looked up by `secret_key`; this table only holds what is safe to keep.

// Settings → アカウント: the connect wizard.
pub mod api;
mod clients;
pub mod connect;
pub mod model;

use serde::{Deserialize, Serialize};
use sqlx::SqlitePool;
use ts_rs::TS;

use crate::time::now_ms;
use crate::{CoreError, Result};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AccountView {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub bot_user_id: Option<String>,
    pub basic_id: Option<String>,
}

#[derive(Debug, Clone)]
pub struct AccountRow {
    pub id: i64,
    pub name: String,
    pub secret_key: String,
    pub bot_user_id: Option<String>,
    pub basic_id: Option<String>,
}

impl AccountRow {
    pub fn view(&self) -> AccountView {
        AccountView {
            id: self.id,
            name: self.name.clone(),
            bot_user_id: self.bot_user_id.clone(),
            basic_id: self.basic_id.clone(),
        }
    }
}

pub async fn list(pool: &SqlitePool) -> Result<Vec<AccountRow>> {
    Ok(sqlx::query_as!(
        AccountRow,
        r#"SELECT id AS "id!", name, secret_key, bot_user_id, basic_id FROM accounts ORDER BY id"#
    )
    .fetch_all(pool)
    .await?)
}

/// The account whose secrets live under `secret_key`, created on first use.
pub async fn ensure(pool: &SqlitePool, secret_key: &str, name: &str) -> Result<AccountRow> {
    let now = now_ms();
    sqlx::query!(
        "INSERT INTO accounts (name, secret_key, created_at) VALUES (?, ?, ?)
         ON CONFLICT(secret_key) DO NOTHING",
        name,
        secret_key,
        now
    )
    .execute(pool)
    .await?;
    Ok(sqlx::query_as!(
        AccountRow,
        r#"SELECT id AS "id!", name, secret_key, bot_user_id, basic_id FROM accounts WHERE secret_key = ?"#,
        secret_key
    )
    .fetch_one(pool)
    .await?)
}

/// Records what bot info told us (the webhook `destination` is the bot's user id).
pub async fn set_bot_info(
    pool: &SqlitePool,
    account_id: i64,
    bot_user_id: &str,
    basic_id: &str,
    name: &str,
) -> Result<()> {
    sqlx::query!(
        "UPDATE accounts SET bot_user_id = ?, basic_id = ?, name = ? WHERE id = ?",
        bot_user_id,
        basic_id,
        name,
        account_id
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// NotFound unless the account exists: settings and records of an account are only
/// written for one that is there.
pub async fn check_exists(pool: &SqlitePool, account_id: i64) -> Result<()> {
    let found = sqlx::query_scalar!(r#"SELECT id AS "id!" FROM accounts WHERE id = ?"#, account_id)
        .fetch_optional(pool)
        .await?;
    found
        .map(|_| ())
        .ok_or_else(|| CoreError::NotFound(format!("account {account_id}")))
}
