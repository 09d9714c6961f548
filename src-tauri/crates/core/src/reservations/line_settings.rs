//! Settings of booking through LINE and of the reminders (per account): the keyword
//! that starts a booking, the day-before and N-hours-before reminders, the thank-you.

use serde::{Deserialize, Serialize};
use sqlx::SqlitePool;
use ts_rs::TS;

use crate::reservations::model::range;
use crate::time::now_ms;
use crate::{CoreError, Result};

pub const MAX_THANKS_CHARS: usize = 1000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LineBookingSettings {
    /// Customers can book, cancel and change through LINE.
    pub booking_enabled: bool,
    /// The message that starts a booking ("予約").
    pub keyword: String,
    pub day_before_enabled: bool,
    /// The day before, at this shop time ("18:00").
    pub day_before_time: String,
    /// Also this many hours before the start; 0 = not.
    #[ts(type = "number")]
    pub hours_before: i64,
    /// A thank-you after the visit.
    pub thanks_enabled: bool,
    /// Minutes after the end (or after being marked 完了).
    #[ts(type = "number")]
    pub thanks_delay_minutes: i64,
    pub thanks_text: String,
}

impl Default for LineBookingSettings {
    fn default() -> Self {
        LineBookingSettings {
            booking_enabled: true,
            keyword: "予約".into(),
            day_before_enabled: true,
            day_before_time: "18:00".into(),
            hours_before: 2,
            thanks_enabled: true,
            thanks_delay_minutes: 60,
            thanks_text: "本日はご来店ありがとうございました。またのお越しをお待ちしております。".into(),
        }
    }
}

impl LineBookingSettings {
    pub fn validate(&self) -> Result<LineBookingSettings> {
        let keyword = self.keyword.trim().to_string();
        if keyword.is_empty() || keyword.chars().count() > 20 || keyword.chars().any(char::is_control) {
            return Err(CoreError::bad_input(
                "the booking keyword must be 1–20 characters",
                "予約のキーワードは 1〜20 文字で入力してください",
            ));
        }
        parse_hhmm(&self.day_before_time)?;
        range(self.hours_before, 0, 48, "hours before", "何時間前")?;
        range(self.thanks_delay_minutes, 0, 24 * 60, "thank-you delay (minutes)", "お礼メッセージまでの時間（分）")?;
        let thanks_text = self.thanks_text.trim().to_string();
        if self.thanks_enabled && thanks_text.is_empty() {
            return Err(CoreError::bad_input("the thank-you text is empty", "お礼メッセージを入力してください"));
        }
        if thanks_text.chars().count() > MAX_THANKS_CHARS {
            return Err(CoreError::bad_input(
                format!("the thank-you text is longer than {MAX_THANKS_CHARS} characters"),
                format!("お礼メッセージは {MAX_THANKS_CHARS} 文字以内にしてください"),
            ));
        }
        if !thanks_text.is_empty() {
            crate::outbox::limits::check_text(&thanks_text)?;
        }
        Ok(LineBookingSettings { keyword, thanks_text, ..self.clone() })
    }
}

/// "18:00" → (18, 0).
pub fn parse_hhmm(s: &str) -> Result<(i8, i8)> {
    let bad = || CoreError::bad_input(format!("'{s}' is not a time like 18:00"), format!("「{s}」は 18:00 のような時刻ではありません"));
    let (h, m) = s.trim().split_once(':').ok_or_else(bad)?;
    let (h, m): (i8, i8) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    if !(0..24).contains(&h) || !(0..60).contains(&m) {
        return Err(bad());
    }
    Ok((h, m))
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SetLineBookingSettings {
    #[ts(type = "number")]
    pub account_id: i64,
    pub settings: LineBookingSettings,
}

pub async fn get(pool: &SqlitePool, account_id: i64) -> Result<LineBookingSettings> {
    let row = sqlx::query!(
        r#"SELECT booking_enabled AS "booking_enabled: bool", keyword, day_before_enabled AS "day_before_enabled: bool",
                  day_before_time, hours_before, thanks_enabled AS "thanks_enabled: bool", thanks_delay_minutes, thanks_text
           FROM reservation_line_settings WHERE account_id = ?"#,
        account_id
    )
    .fetch_optional(pool)
    .await?;
    Ok(match row {
        Some(r) => LineBookingSettings {
            booking_enabled: r.booking_enabled,
            keyword: r.keyword,
            day_before_enabled: r.day_before_enabled,
            day_before_time: r.day_before_time,
            hours_before: r.hours_before,
            thanks_enabled: r.thanks_enabled,
            thanks_delay_minutes: r.thanks_delay_minutes,
            thanks_text: r.thanks_text,
        },
        None => LineBookingSettings::default(),
    })
}

pub async fn set(pool: &SqlitePool, account_id: i64, s: &LineBookingSettings) -> Result<LineBookingSettings> {
    let s = s.validate()?;
    let exists = sqlx::query_scalar!(r#"SELECT id AS "id!" FROM accounts WHERE id = ?"#, account_id).fetch_optional(pool).await?;
    if exists.is_none() {
        return Err(CoreError::NotFound(format!("account {account_id}")));
    }
    let now = now_ms();
    sqlx::query!(
        "INSERT INTO reservation_line_settings (account_id, booking_enabled, keyword, day_before_enabled, day_before_time,
           hours_before, thanks_enabled, thanks_delay_minutes, thanks_text, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (account_id) DO UPDATE SET booking_enabled = excluded.booking_enabled, keyword = excluded.keyword,
           day_before_enabled = excluded.day_before_enabled, day_before_time = excluded.day_before_time,
           hours_before = excluded.hours_before, thanks_enabled = excluded.thanks_enabled,
           thanks_delay_minutes = excluded.thanks_delay_minutes, thanks_text = excluded.thanks_text,
           updated_at = excluded.updated_at",
        account_id,
        s.booking_enabled,
        s.keyword,
        s.day_before_enabled,
        s.day_before_time,
        s.hours_before,
        s.thanks_enabled,
        s.thanks_delay_minutes,
        s.thanks_text,
        now
    )
    .execute(pool)
    .await?;
    get(pool, account_id).await
}
