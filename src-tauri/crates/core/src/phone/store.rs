//! Phone settings in the store.

use sqlx::SqlitePool;

use crate::accounts::check_exists;
use crate::outgoing::limits::check_text;
use crate::phone::model::{PhoneSettings, PhoneSettingsView};
use crate::phone::{tel_uri, LINE_CALL_NOTE_EN, LINE_CALL_NOTE_JA};
use crate::time::now_ms;
use crate::{CoreError, Result};

/// At most a day between two answered requests of one chat.
pub const MAX_SPACING_MINUTES: i64 = 24 * 60;

pub async fn get(pool: &SqlitePool, account_id: i64) -> Result<PhoneSettings> {
    let row = sqlx::query!(
        "SELECT enabled, phone, spacing_minutes, received_text, polite_text, absence_text
         FROM phone_settings WHERE account_id = ?",
        account_id
    )
    .fetch_optional(pool)
    .await?;
    Ok(match row {
        Some(r) => PhoneSettings {
            enabled: r.enabled != 0,
            phone: r.phone,
            spacing_minutes: r.spacing_minutes,
            received_text: r.received_text,
            polite_text: r.polite_text,
            absence_text: r.absence_text,
        },
        None => PhoneSettings::default(),
    })
}

pub async fn view(pool: &SqlitePool, account_id: i64) -> Result<PhoneSettingsView> {
    check_exists(pool, account_id).await?;
    let settings = get(pool, account_id).await?;
    let tel = tel_uri(&settings.phone).ok();
    Ok(PhoneSettingsView {
        settings,
        tel_uri: tel,
        line_call_note_ja: LINE_CALL_NOTE_JA.into(),
        line_call_note_en: LINE_CALL_NOTE_EN.into(),
    })
}

pub async fn set(pool: &SqlitePool, account_id: i64, s: &PhoneSettings) -> Result<PhoneSettingsView> {
    check_exists(pool, account_id).await?;
    let phone = s.phone.trim().to_string();
    if !phone.is_empty() {
        tel_uri(&phone)?;
    } else if s.enabled {
        return Err(CoreError::bad_input(
            "to accept call requests, set the shop's phone number",
            "電話リクエストを受け付けるには、お店の電話番号を設定してください",
        ));
    }
    if !(0..=MAX_SPACING_MINUTES).contains(&s.spacing_minutes) {
        return Err(CoreError::bad_input(
            format!("the spacing between call requests must be 0 to {MAX_SPACING_MINUTES} minutes"),
            format!("電話リクエストの間隔は 0〜{MAX_SPACING_MINUTES} 分で設定してください"),
        ));
    }
    let received = s.received_text.trim().to_string();
    let polite = s.polite_text.trim().to_string();
    let absence = s.absence_text.trim().to_string();
    check_text(&received).map_err(|e| label(e, "call request received text", "電話リクエスト受付メッセージ"))?;
    check_text(&polite).map_err(|e| label(e, "repeat request note", "再リクエスト時のメッセージ"))?;
    check_text(&absence).map_err(|e| label(e, "outside-hours text", "営業時間外のメッセージ"))?;
    let now = now_ms();
    sqlx::query!(
        "INSERT INTO phone_settings (account_id, enabled, phone, spacing_minutes, received_text, polite_text, absence_text, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(account_id) DO UPDATE SET enabled = excluded.enabled, phone = excluded.phone,
           spacing_minutes = excluded.spacing_minutes, received_text = excluded.received_text,
           polite_text = excluded.polite_text, absence_text = excluded.absence_text, updated_at = excluded.updated_at",
        account_id,
        s.enabled,
        phone,
        s.spacing_minutes,
        received,
        polite,
        absence,
        now
    )
    .execute(pool)
    .await?;
    view(pool, account_id).await
}

fn label(e: CoreError, en: &str, ja: &str) -> CoreError {
    match e {
        CoreError::BadInput { en: m, ja: mj } => CoreError::bad_input(format!("{en}: {m}"), format!("{ja}: {mj}")),
        other => other,
    }
}
