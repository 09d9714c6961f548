//! LINE accounts' methods of the one API (declared in `api/methods.rs`).

use crate::accounts::model::{AccountRef, QuotaView};
use crate::accounts::{self, AccountView};
use crate::runtime::Core;
use crate::{CoreError, Result};

pub async fn list_accounts(core: &Core) -> Result<Vec<AccountView>> {
    Ok(accounts::list(&core.store().pool).await?.iter().map(|a| a.view()).collect())
}

/// This month's message quota, asked of LINE.
pub async fn get_quota(core: &Core, q: AccountRef) -> Result<QuotaView> {
    let client = core.client(q.account_id).await.ok_or_else(|| {
        CoreError::not_configured(
            format!("account {} has no LINE credentials", q.account_id),
            format!("アカウント {} の LINE 認証情報が設定されていません", q.account_id),
        )
    })?;
    let quota = client.get_quota().await.map_err(CoreError::from)?;
    let used = client.get_quota_consumption().await.map_err(CoreError::from)?;
    let limit = match quota.kind {
        line::responses::QuotaType::Limited => quota.value,
        line::responses::QuotaType::Unlimited => None,
    };
    Ok(QuotaView { limit, used: used.total_usage })
}
