//! The Settings page's methods of the one API (declared in `api/methods.rs`).

use crate::accounts::connect::{self, AccountConnection, ConnectAccount, ConnectionOverview, SetPublicBaseUrl, WebhookCheck};
use crate::accounts::model::AccountRef;
use crate::backup::auto::{self, AutoBackupSettings, BackupStatus};
use crate::export::to_folder::{self, ExportDone, ExportMessages};
use crate::runtime::Core;
use crate::Result;

use super::payment_links::{self, PaymentLinksView, SetPaymentLinks};
use super::sending::{self, SendingSettings};

pub async fn get_sending_settings(core: &Core) -> Result<SendingSettings> {
    sending::get(&core.store().pool).await
}

pub async fn set_sending_settings(core: &Core, q: SendingSettings) -> Result<SendingSettings> {
    sending::set(&core.store().pool, &q).await
}

pub async fn get_payment_links(core: &Core, q: AccountRef) -> Result<PaymentLinksView> {
    payment_links::get(&core.store().pool, q.account_id).await
}

pub async fn set_payment_links(core: &Core, q: SetPaymentLinks) -> Result<PaymentLinksView> {
    payment_links::set(&core.store().pool, &q).await
}

pub async fn get_backup_status(core: &Core) -> Result<BackupStatus> {
    auto::status(&core.store().pool).await
}

pub async fn set_auto_backup(core: &Core, q: AutoBackupSettings) -> Result<BackupStatus> {
    auto::set_settings(&core.store().pool, &q).await?;
    // Turning it on takes today's backup now rather than within the minute.
    let c = core.clone();
    tokio::spawn(async move {
        if let Err(e) = auto::run_due(&c, crate::time::now_ms()).await {
            tracing::warn!(error = %e, "automatic backup failed");
        }
    });
    auto::status(&core.store().pool).await
}

pub async fn backup_now(core: &Core) -> Result<BackupStatus> {
    auto::backup_now(core).await?;
    auto::status(&core.store().pool).await
}

pub async fn export_messages(core: &Core, q: ExportMessages) -> Result<ExportDone> {
    to_folder::export_to_folder(core, q.format).await
}

pub async fn get_connections(core: &Core) -> Result<ConnectionOverview> {
    connect::overview(core).await
}

pub async fn connect_account(core: &Core, q: ConnectAccount) -> Result<AccountConnection> {
    connect::connect(core, &q).await
}

pub async fn set_public_base_url(core: &Core, q: SetPublicBaseUrl) -> Result<ConnectionOverview> {
    connect::set_public_base_url(core, &q.url).await
}

pub async fn connect_webhook(core: &Core, q: AccountRef) -> Result<WebhookCheck> {
    connect::connect_webhook(core, q.account_id).await
}

pub async fn test_webhook(core: &Core, q: AccountRef) -> Result<WebhookCheck> {
    connect::test_webhook(core, q.account_id).await
}
