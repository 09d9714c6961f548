//! Payment links the owner saved once (a Stripe link for a cut, a PayPay page for a
//! deposit) so the chat's お支払い button offers them without pasting again. Each is
//! checked with the same rules as a sent one (https only, label, amount).

use serde::{Deserialize, Serialize};
use sqlx::SqlitePool;
use ts_rs::TS;

use crate::payments::payment_link_entry;
use crate::{CoreError, Result};

const KEY: &str = "paymentLinks";
const MAX_LINKS: usize = 20;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PaymentLinkPreset {
    pub label: String,
    pub url: String,
    #[ts(type = "number")]
    pub amount_yen: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PaymentLinksView {
    pub links: Vec<PaymentLinkPreset>,
    /// Why there is no LINE Pay button, for the UI.
    pub line_pay_note_ja: String,
    pub line_pay_note_en: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SetPaymentLinks {
    #[ts(type = "number")]
    pub account_id: i64,
    pub links: Vec<PaymentLinkPreset>,
}

pub async fn get(pool: &SqlitePool, account_id: i64) -> Result<PaymentLinksView> {
    crate::accounts::check_exists(pool, account_id).await?;
    let json: Option<String> = sqlx::query_scalar!(
        "SELECT value FROM settings WHERE account_id = ? AND key = ?",
        account_id,
        KEY
    )
    .fetch_optional(pool)
    .await?;
    let links = match json {
        Some(j) => serde_json::from_str(&j)?,
        None => vec![],
    };
    Ok(view(links))
}

pub async fn set(pool: &SqlitePool, q: &SetPaymentLinks) -> Result<PaymentLinksView> {
    crate::accounts::check_exists(pool, q.account_id).await?;
    if q.links.len() > MAX_LINKS {
        return Err(CoreError::bad_input(
            format!("at most {MAX_LINKS} saved payment links"),
            format!("保存できるお支払いリンクは {MAX_LINKS} 件までです"),
        ));
    }
    let mut clean = Vec::with_capacity(q.links.len());
    for (i, l) in q.links.iter().enumerate() {
        payment_link_entry(&l.url, l.amount_yen, &l.label).map_err(|e| match e {
            CoreError::BadInput { en, ja } => {
                CoreError::bad_input(format!("link {}: {en}", i + 1), format!("{} 件目: {ja}", i + 1))
            }
            other => other,
        })?;
        clean.push(PaymentLinkPreset {
            label: l.label.trim().into(),
            url: l.url.trim().into(),
            amount_yen: l.amount_yen,
        });
    }
    let json = serde_json::to_string(&clean)?;
    sqlx::query!(
        "INSERT INTO settings (account_id, key, value) VALUES (?, ?, ?)
         ON CONFLICT(account_id, key) DO UPDATE SET value = excluded.value",
        q.account_id,
        KEY,
        json
    )
    .execute(pool)
    .await?;
    Ok(view(clean))
}

fn view(links: Vec<PaymentLinkPreset>) -> PaymentLinksView {
    PaymentLinksView {
        links,
        line_pay_note_ja: crate::payments::LINE_PAY_NOTE_JA.into(),
        line_pay_note_en: crate::payments::LINE_PAY_NOTE_EN.into(),
    }
}
