//! Each connected account's LINE clients in the core: loaded on open and again after
//! the connect wizard stored new credentials.

use crate::accounts::{self, AccountRow};
use crate::runtime::Core;
use crate::{CoreError, Result};

impl Core {
    /// Creates the account whose secrets live under `secret_key` (if new) and loads it.
    pub async fn register_account(&self, secret_key: &str, name: &str) -> Result<AccountRow> {
        let row = accounts::ensure(&self.store().pool, secret_key, name).await?;
        self.reload_accounts().await?;
        Ok(row)
    }

    /// Re-reads accounts and their secrets (after the wizard stored new ones).
    pub async fn reload_accounts(&self) -> Result<()> {
        let rows = accounts::list(&self.store().pool).await?;
        self.load_clients(rows.into_iter().map(|row| (row.id, row.secret_key)).collect()).await
    }

    /// The first account (the headless server has exactly one).
    pub async fn default_account_id(&self) -> Result<i64> {
        accounts::list(&self.store().pool)
            .await?
            .first()
            .map(|a| a.id)
            .ok_or_else(|| {
                CoreError::not_configured(
                    "no LINE Official Account is connected yet",
                    "LINE 公式アカウントがまだ接続されていません",
                )
            })
    }
}
