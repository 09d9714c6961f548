//! Reservations out to other tools: an `.ics` file of a date range (optionally one
//! staff member's: their subscription file) and a CSV file (UTF-8 with a BOM so that
//! Excel opens the Japanese correctly). Times are the shop's wall clock with its time
//! zone. Customer names and notes are hostile text: the `icalendar` crate escapes and
//! folds them; in the CSV, cells that a spreadsheet would run as a formula are
//! defused with a leading apostrophe.

use icalendar::{Calendar, CalendarDateTime, Component, Event, EventLike, EventStatus};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};
use sqlx::SqlitePool;
use ts_rs::TS;

use crate::reservations::line_text::menus_ja;
use crate::reservations::model::{ListReservations, ReservationStatus, ReservationView};
use crate::reservations::{booking, setup};
use crate::{CoreError, Result};

const DAY_MS: i64 = 86_400_000;
/// A subscription file covers this many days back (and the booking window ahead).
const SUBSCRIPTION_PAST_DAYS: i64 = 30;
const MAX_RANGE_DAYS: i64 = 400;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ReservationExportFormat {
    Ics,
    Csv,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportReservations {
    #[ts(type = "number")]
    pub account_id: i64,
    /// First and last day, inclusive ("2026-12-01", "2026-12-31"; shop's calendar).
    pub from: String,
    pub to: String,
    /// Only this staff member's bookings.
    #[ts(type = "number | null")]
    #[serde(default)]
    pub staff_id: Option<i64>,
    pub format: ReservationExportFormat,
}

/// One staff member's calendar to subscribe to (past month and the booking window).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StaffCalendar {
    #[ts(type = "number")]
    pub account_id: i64,
    #[ts(type = "number")]
    pub staff_id: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportedFile {
    pub file_name: String,
    pub mime_type: String,
    pub content: String,
}

fn bad_date(s: &str) -> CoreError {
    CoreError::bad_input(format!("'{s}' is not a date like 2026-12-01"), format!("「{s}」は 2026-12-01 のような日付ではありません"))
}

fn day_start(tz: &TimeZone, d: Date) -> Result<i64> {
    Ok(tz.to_timestamp(d.at(0, 0, 0, 0)).map_err(|e| CoreError::internal(e.to_string()))?.as_millisecond())
}

pub async fn export(pool: &SqlitePool, q: &ExportReservations) -> Result<ExportedFile> {
    let from: Date = q.from.trim().parse().map_err(|_| bad_date(&q.from))?;
    let to: Date = q.to.trim().parse().map_err(|_| bad_date(&q.to))?;
    let days = (to - from).get_days() as i64;
    if !(0..=MAX_RANGE_DAYS).contains(&days) {
        return Err(CoreError::bad_input(
            format!("the range must run forward and be at most {MAX_RANGE_DAYS} days"),
            format!("期間は開始日から終了日まで、{MAX_RANGE_DAYS} 日以内で指定してください"),
        ));
    }
    let tz = crate::hours::store::time_zone(pool, q.account_id).await?;
    let next = to.tomorrow().map_err(|e| CoreError::internal(e.to_string()))?;
    let (start, end) = (day_start(&tz, from)?, day_start(&tz, next)?);
    let staff_name = match q.staff_id {
        Some(id) => Some(staff_name(pool, q.account_id, id).await?),
        None => None,
    };
    let stem = format!("reservations-{from}-{to}");
    match q.format {
        ReservationExportFormat::Ics => {
            let list = fetch(pool, q.account_id, start, end, q.staff_id, false).await?;
            let title = match &staff_name {
                Some(n) => format!("{n}の予約"),
                None => "予約".to_string(),
            };
            Ok(ExportedFile { file_name: format!("{stem}.ics"), mime_type: "text/calendar".into(), content: ics(&title, &tz, &list) })
        }
        ReservationExportFormat::Csv => {
            let list = fetch(pool, q.account_id, start, end, q.staff_id, true).await?;
            Ok(ExportedFile { file_name: format!("{stem}.csv"), mime_type: "text/csv".into(), content: csv(&tz, &list)? })
        }
    }
}

pub async fn staff_calendar(pool: &SqlitePool, q: &StaffCalendar, now: i64) -> Result<ExportedFile> {
    let name = staff_name(pool, q.account_id, q.staff_id).await?;
    let tz = crate::hours::store::time_zone(pool, q.account_id).await?;
    let window = setup::settings(pool, q.account_id).await?.window_days;
    let list = fetch(pool, q.account_id, now - SUBSCRIPTION_PAST_DAYS * DAY_MS, now + (window + 1) * DAY_MS, Some(q.staff_id), false).await?;
    Ok(ExportedFile {
        file_name: format!("staff-{}.ics", q.staff_id),
        mime_type: "text/calendar".into(),
        content: ics(&format!("{name}の予約"), &tz, &list),
    })
}

async fn staff_name(pool: &SqlitePool, account_id: i64, staff_id: i64) -> Result<String> {
    setup::staff(pool, account_id)
        .await?
        .into_iter()
        .find(|s| s.id == staff_id)
        .map(|s| s.name)
        .ok_or_else(|| CoreError::NotFound(format!("staff {staff_id}")))
}

async fn fetch(pool: &SqlitePool, account_id: i64, from: i64, to: i64, staff_id: Option<i64>, include_inactive: bool) -> Result<Vec<ReservationView>> {
    // `booking::list` serves the calendar a bounded range at a time.
    let mut list = Vec::new();
    let mut at = from;
    while at < to {
        let until = (at + 60 * DAY_MS).min(to);
        list.extend(booking::list(pool, &ListReservations { account_id, from: at, to: until, staff_id, include_inactive }).await?);
        at = until;
    }
    list.sort_by_key(|r| (r.start, r.id));
    list.dedup_by_key(|r| r.id);
    Ok(list)
}

fn local(tz: &TimeZone, ms: i64) -> Option<jiff::civil::DateTime> {
    jiff::Timestamp::from_millisecond(ms).ok().map(|t| tz.to_datetime(t))
}

fn ical_time(tz: &TimeZone, ms: i64) -> Option<CalendarDateTime> {
    let d = local(tz, ms)?;
    let date = chrono::NaiveDate::from_ymd_opt(d.year().into(), d.month() as u32, d.day() as u32)?;
    let date_time = date.and_hms_opt(d.hour() as u32, d.minute() as u32, d.second() as u32)?;
    Some(CalendarDateTime::WithTimezone { date_time, tzid: tz.iana_name().unwrap_or("UTC").to_string() })
}

/// The calendar file; events carry the shop's TZID.
pub fn ics(title: &str, tz: &TimeZone, list: &[ReservationView]) -> String {
    let mut cal = Calendar::new();
    cal.name(title).timezone(tz.iana_name().unwrap_or("UTC"));
    for r in list {
        let (Some(start), Some(end)) = (ical_time(tz, r.start), ical_time(tz, r.end)) else { continue };
        let mut details = vec![format!("メニュー: {}", menus_ja(&r.menus)), format!("人数: {}", r.party_size), format!("状態: {}", r.status.label_ja())];
        if let Some(s) = &r.staff_name {
            details.push(format!("担当: {s}"));
        }
        if let Some(s) = &r.resource_name {
            details.push(format!("設備: {s}"));
        }
        if !r.notes.is_empty() {
            details.push(format!("メモ: {}", r.notes));
        }
        let mut e = Event::new();
        e.uid(&format!("reservation-{}-{}@madoguchi", r.account_id, r.id))
            .summary(&format!("{} 様 {}", r.customer_name, menus_ja(&r.menus)))
            .description(&details.join("\n"))
            .starts(start)
            .ends(end)
            .status(if r.status == ReservationStatus::Tentative { EventStatus::Tentative } else { EventStatus::Confirmed });
        if let Some(t) = chrono::DateTime::from_timestamp_millis(r.updated_at) {
            e.timestamp(t).last_modified(t);
        }
        cal.push(e.done());
    }
    cal.done().to_string()
}

use crate::export::spreadsheet::guard;

pub fn csv(tz: &TimeZone, list: &[ReservationView]) -> Result<String> {
    let when = |ms: i64| local(tz, ms).map(|d| d.strftime("%Y-%m-%d %H:%M").to_string()).unwrap_or_default();
    let mut w = csv::Writer::from_writer(Vec::new());
    let io = |e: csv::Error| CoreError::internal(format!("csv: {e}"));
    w.write_record(["予約ID", "開始", "終了", "お客様", "電話番号", "メニュー", "料金(円)", "担当", "設備", "人数", "状態", "受付", "メモ", "作成日時"])
        .map_err(io)?;
    for r in list {
        let price: i64 = r.menus.iter().map(|m| m.price_yen).sum();
        w.write_record([
            r.id.to_string(),
            when(r.start),
            when(r.end),
            guard(&r.customer_name),
            guard(r.customer_phone.as_deref().unwrap_or("")),
            guard(&menus_ja(&r.menus)),
            price.to_string(),
            guard(r.staff_name.as_deref().unwrap_or("")),
            guard(r.resource_name.as_deref().unwrap_or("")),
            r.party_size.to_string(),
            r.status.label_ja().to_string(),
            source_ja(r.source).to_string(),
            guard(&r.notes),
            when(r.created_at),
        ])
        .map_err(io)?;
    }
    let bytes = w.into_inner().map_err(|e| CoreError::internal(format!("csv: {e}")))?;
    let body = String::from_utf8(bytes).map_err(|e| CoreError::internal(format!("csv: {e}")))?;
    Ok(format!("{}{body}", crate::export::spreadsheet::BOM))
}

fn source_ja(s: crate::reservations::model::ReservationSource) -> &'static str {
    use crate::reservations::model::ReservationSource::*;
    match s {
        Owner => "店舗",
        Line => "LINE",
        Phone => "電話",
        WalkIn => "来店",
    }
}
