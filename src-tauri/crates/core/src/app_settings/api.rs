//! The Settings page's arm of the one API.

use crate::accounts::connect;
use crate::api::types::{Request, Response};
use crate::backup::auto;
use crate::export::to_folder;
use crate::runtime::Core;
use crate::{CoreError, Result};

use super::{payment_links, sending};

pub async fn dispatch(core: &Core, request: Request) -> Result<Response> {
    let pool = &core.store().pool;
    Ok(match request {
        Request::GetSendingSettings => Response::SendingSettings(sending::get(pool).await?),
        Request::SetSendingSettings(q) => Response::SendingSettings(sending::set(pool, &q).await?),
        Request::GetPaymentLinks(q) => Response::PaymentLinks(payment_links::get(pool, q.account_id).await?),
        Request::SetPaymentLinks(q) => Response::PaymentLinks(payment_links::set(pool, &q).await?),
        Request::GetBackupStatus => Response::BackupStatus(auto::status(pool).await?),
        Request::SetAutoBackup(q) => {
            auto::set_settings(pool, &q).await?;
            // Turning it on takes today's backup now rather than within the minute.
            let c = core.clone();
            tokio::spawn(async move {
                if let Err(e) = auto::run_due(&c, crate::time::now_ms()).await {
                    tracing::warn!(error = %e, "automatic backup failed");
                }
            });
            Response::BackupStatus(auto::status(pool).await?)
        }
        Request::BackupNow => {
            auto::backup_now(core).await?;
            Response::BackupStatus(auto::status(pool).await?)
        }
        Request::ExportMessages(q) => Response::ExportDone(to_folder::export_to_folder(core, q.format).await?),
        Request::GetConnections => Response::Connections(connect::overview(core).await?),
        Request::ConnectAccount(q) => Response::AccountConnection(connect::connect(core, &q).await?),
        Request::SetPublicBaseUrl(q) => Response::Connections(connect::set_public_base_url(core, &q.url).await?),
        Request::ConnectWebhook(q) => Response::WebhookCheck(connect::connect_webhook(core, q.account_id).await?),
        Request::TestWebhook(q) => Response::WebhookCheck(connect::test_webhook(core, q.account_id).await?),
        other => return Err(CoreError::Invalid(format!("not a settings request: {other:?}"))),
    })
}
