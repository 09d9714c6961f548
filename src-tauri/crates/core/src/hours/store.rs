//! The `business_hours` table: one validated JSON document per account.

use jiff::Timestamp;
use sqlx::SqlitePool;

use crate::accounts::check_exists;
use crate::hours::model::{BusinessHours, BusinessHoursView, HoursStatus, DEFAULT_TIME_ZONE};
use crate::hours::schedule::Schedule;
use crate::runtime::Core;
use crate::time::now_ms;
use crate::{CoreError, Result};

/// The saved hours, or None while the owner has not set any.
pub async fn get(pool: &SqlitePool, account_id: i64) -> Result<Option<BusinessHours>> {
    let json = sqlx::query_scalar!("SELECT schedule_json FROM business_hours WHERE account_id = ?", account_id)
        .fetch_optional(pool)
        .await?;
    Ok(match json {
        Some(j) => Some(serde_json::from_str(&j)?),
        None => None,
    })
}

pub async fn view(pool: &SqlitePool, account_id: i64) -> Result<BusinessHoursView> {
    check_exists(pool, account_id).await?;
    Ok(match get(pool, account_id).await? {
        Some(hours) => BusinessHoursView { configured: true, hours },
        None => BusinessHoursView { configured: false, hours: BusinessHours::template() },
    })
}

/// Validates and stores; returns the canonical form that was stored.
pub async fn set(pool: &SqlitePool, account_id: i64, hours: &BusinessHours) -> Result<BusinessHours> {
    check_exists(pool, account_id).await?;
    let (canonical, _) = hours.validate()?;
    let json = serde_json::to_string(&canonical)?;
    let now = now_ms();
    sqlx::query!(
        "INSERT INTO business_hours (account_id, schedule_json, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(account_id) DO UPDATE SET schedule_json = excluded.schedule_json, updated_at = excluded.updated_at",
        account_id,
        json,
        now
    )
    .execute(pool)
    .await?;
    Ok(canonical)
}

/// The engine for the saved hours, or None while there are none.
pub async fn schedule(pool: &SqlitePool, account_id: i64) -> Result<Option<Schedule>> {
    match get(pool, account_id).await? {
        Some(h) => Ok(Some(h.validate()?.1)),
        None => Ok(None),
    }
}

/// The shop's time zone: the one in its hours, else Asia/Tokyo.
pub async fn time_zone(pool: &SqlitePool, account_id: i64) -> Result<jiff::tz::TimeZone> {
    let name = get(pool, account_id).await?.map(|h| h.time_zone).unwrap_or_default();
    let name = if name.is_empty() { DEFAULT_TIME_ZONE.to_string() } else { name };
    jiff::tz::TimeZone::get(&name).map_err(|e| CoreError::internal(format!("time zone {name}: {e}")))
}

pub async fn status(pool: &SqlitePool, account_id: i64, at_ms: i64) -> Result<HoursStatus> {
    check_exists(pool, account_id).await?;
    let Some(hours) = get(pool, account_id).await? else {
        return Ok(HoursStatus { configured: false, open: true, next_opening: None, time_zone: DEFAULT_TIME_ZONE.into() });
    };
    let (hours, schedule) = hours.validate()?;
    let at = timestamp(at_ms)?;
    Ok(HoursStatus {
        configured: true,
        open: schedule.is_open(at),
        next_opening: schedule.next_opening(at).map(|t| t.as_millisecond()),
        time_zone: hours.time_zone,
    })
}

pub fn timestamp(ms: i64) -> Result<Timestamp> {
    Timestamp::from_millisecond(ms).map_err(|e| CoreError::bad_input(format!("time {ms} is out of range: {e}"), format!("時刻 {ms} は範囲外です")))
}


pub fn now() -> Result<Timestamp> {
    timestamp(now_ms())
}

/// The shop's time zone for files and exports: the first account's, else Asia/Tokyo.
pub async fn shop_time_zone(core: &Core) -> Result<jiff::tz::TimeZone> {
    match core.default_account_id().await {
        Ok(id) => time_zone(&core.store().pool, id).await,
        Err(_) => jiff::tz::TimeZone::get(DEFAULT_TIME_ZONE)
            .map_err(|e| CoreError::internal(format!("time zone: {e}"))),
    }
}
