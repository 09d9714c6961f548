//! The shop's reservation set-up in the store: booking settings, menus, staff with
//! their shifts, and resources. Removing keeps the row (inactive) for past bookings.

use std::collections::BTreeSet;

use sqlx::SqlitePool;

use crate::accounts::check_exists;
use crate::hours::model::{parse_date, parse_period, PeriodView};
use crate::hours::schedule::Period;
use crate::reservations::availability::{ResourceSeats, StaffShifts};
use crate::reservations::model::{
    name, Menu, ReservationSettings, ReservationSetup, Resource, Staff,
};
use crate::time::now_ms;
use crate::{CoreError, Result};

const WEEKDAYS_JA: [&str; 7] = ["日曜", "月曜", "火曜", "水曜", "木曜", "金曜", "土曜"];
const WEEKDAYS_EN: [&str; 7] = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MAX_ITEMS: i64 = 200;
const MAX_DAYS_OFF: usize = 1000;

pub async fn settings(pool: &SqlitePool, account_id: i64) -> Result<ReservationSettings> {
    let row = sqlx::query!(
        "SELECT slot_minutes, min_notice_minutes, window_days, cancel_deadline_hours, approval_required
         FROM reservation_settings WHERE account_id = ?",
        account_id
    )
    .fetch_optional(pool)
    .await?;
    Ok(match row {
        Some(r) => ReservationSettings {
            slot_minutes: r.slot_minutes,
            min_notice_minutes: r.min_notice_minutes,
            window_days: r.window_days,
            cancel_deadline_hours: r.cancel_deadline_hours,
            approval_required: r.approval_required != 0,
        },
        None => ReservationSettings::default(),
    })
}

pub async fn set_settings(pool: &SqlitePool, account_id: i64, s: &ReservationSettings) -> Result<ReservationSettings> {
    check_exists(pool, account_id).await?;
    s.validate()?;
    let now = now_ms();
    let approval = i64::from(s.approval_required);
    sqlx::query!(
        "INSERT INTO reservation_settings
           (account_id, slot_minutes, min_notice_minutes, window_days, cancel_deadline_hours, approval_required, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(account_id) DO UPDATE SET slot_minutes = excluded.slot_minutes,
           min_notice_minutes = excluded.min_notice_minutes, window_days = excluded.window_days,
           cancel_deadline_hours = excluded.cancel_deadline_hours,
           approval_required = excluded.approval_required, updated_at = excluded.updated_at",
        account_id,
        s.slot_minutes,
        s.min_notice_minutes,
        s.window_days,
        s.cancel_deadline_hours,
        approval,
        now
    )
    .execute(pool)
    .await?;
    settings(pool, account_id).await
}

/// Settings, menus, staff and resources, with the shop's time zone.
pub async fn setup(pool: &SqlitePool, account_id: i64) -> Result<ReservationSetup> {
    check_exists(pool, account_id).await?;
    let tz = crate::hours::store::time_zone(pool, account_id).await?;
    Ok(ReservationSetup {
        settings: settings(pool, account_id).await?,
        menus: menus(pool, account_id).await?,
        staff: staff(pool, account_id).await?,
        resources: resources(pool, account_id).await?,
        time_zone: tz.iana_name().unwrap_or(crate::hours::model::DEFAULT_TIME_ZONE).to_string(),
    })
}

// ---------------------------------------------------------------------------------
// Menus

pub async fn menus(pool: &SqlitePool, account_id: i64) -> Result<Vec<Menu>> {
    let rows = sqlx::query!(
        r#"SELECT id AS "id!", name, duration_minutes, buffer_minutes, price_yen, needs_staff, staff_ids_json, resource_kind
           FROM reservation_menus WHERE account_id = ? AND active = 1 ORDER BY position, id"#,
        account_id
    )
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(Menu {
                id: r.id,
                name: r.name,
                duration_minutes: r.duration_minutes,
                buffer_minutes: r.buffer_minutes,
                price_yen: r.price_yen,
                needs_staff: r.needs_staff != 0,
                staff_ids: serde_json::from_str(&r.staff_ids_json)?,
                resource_kind: r.resource_kind,
            })
        })
        .collect()
}

/// Active menus by id, in the order asked; an unknown or removed id is an input error.
pub async fn menus_by_id(pool: &SqlitePool, account_id: i64, ids: &[i64]) -> Result<Vec<Menu>> {
    if ids.is_empty() {
        return Err(CoreError::bad_input("choose at least one menu", "メニューを 1 つ以上選んでください"));
    }
    if ids.len() > crate::reservations::model::MAX_MENUS_PER_BOOKING {
        return Err(CoreError::bad_input("too many menus in one booking", "1 件の予約に選べるメニューが多すぎます"));
    }
    let all = menus(pool, account_id).await?;
    ids.iter()
        .map(|id| {
            all.iter().find(|m| m.id == *id).cloned().ok_or_else(|| {
                CoreError::bad_input(
                    format!("menu {id} does not exist (any more)"),
                    format!("メニュー {id} は存在しません（削除された可能性があります）"),
                )
            })
        })
        .collect()
}

pub async fn save_menu(pool: &SqlitePool, account_id: i64, menu: &Menu) -> Result<Vec<Menu>> {
    check_exists(pool, account_id).await?;
    let m = menu.validate()?;
    let known: BTreeSet<i64> = staff(pool, account_id).await?.iter().map(|s| s.id).collect();
    if let Some(bad) = m.staff_ids.iter().find(|id| !known.contains(id)) {
        return Err(CoreError::bad_input(
            format!("staff member {bad} does not exist"),
            format!("スタッフ {bad} は存在しません"),
        ));
    }
    let staff_json = serde_json::to_string(&m.staff_ids)?;
    let needs_staff = i64::from(m.needs_staff);
    let now = now_ms();
    if m.id == 0 {
        let count = sqlx::query_scalar!("SELECT COUNT(*) FROM reservation_menus WHERE account_id = ? AND active = 1", account_id)
            .fetch_one(pool)
            .await?;
        limit(count, "menus", "メニュー")?;
        sqlx::query!(
            "INSERT INTO reservation_menus (account_id, name, duration_minutes, buffer_minutes, price_yen, needs_staff,
               staff_ids_json, resource_kind, position, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?,
               (SELECT COALESCE(MAX(position), 0) + 1 FROM reservation_menus WHERE account_id = ?), ?, ?)",
            account_id,
            m.name,
            m.duration_minutes,
            m.buffer_minutes,
            m.price_yen,
            needs_staff,
            staff_json,
            m.resource_kind,
            account_id,
            now,
            now
        )
        .execute(pool)
        .await?;
    } else {
        let done = sqlx::query!(
            "UPDATE reservation_menus SET name = ?, duration_minutes = ?, buffer_minutes = ?, price_yen = ?,
               needs_staff = ?, staff_ids_json = ?, resource_kind = ?, updated_at = ?
             WHERE id = ? AND account_id = ? AND active = 1",
            m.name,
            m.duration_minutes,
            m.buffer_minutes,
            m.price_yen,
            needs_staff,
            staff_json,
            m.resource_kind,
            now,
            m.id,
            account_id
        )
        .execute(pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(CoreError::NotFound(format!("menu {}", m.id)));
        }
    }
    menus(pool, account_id).await
}

pub async fn remove_menu(pool: &SqlitePool, account_id: i64, id: i64) -> Result<Vec<Menu>> {
    let now = now_ms();
    let done = sqlx::query!(
        "UPDATE reservation_menus SET active = 0, updated_at = ? WHERE id = ? AND account_id = ? AND active = 1",
        now,
        id,
        account_id
    )
    .execute(pool)
    .await?;
    if done.rows_affected() == 0 {
        return Err(CoreError::NotFound(format!("menu {id}")));
    }
    menus(pool, account_id).await
}

// ---------------------------------------------------------------------------------
// Staff

pub async fn staff(pool: &SqlitePool, account_id: i64) -> Result<Vec<Staff>> {
    let rows = sqlx::query!(
        r#"SELECT id AS "id!", name, color, weekly_json, days_off_json
           FROM reservation_staff WHERE account_id = ? AND active = 1 ORDER BY position, id"#,
        account_id
    )
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(Staff {
                id: r.id,
                name: r.name,
                color: r.color,
                weekly: serde_json::from_str(&r.weekly_json)?,
                days_off: serde_json::from_str(&r.days_off_json)?,
            })
        })
        .collect()
}

/// Validates a staff document; returns its canonical form and the engine's shifts.
pub fn check_staff(s: &Staff) -> Result<(Staff, StaffShifts)> {
    let staff_name = name(&s.name, "staff name", "スタッフ名")?;
    let color = s.color.trim();
    let color_ok = color.len() == 7 && color.starts_with('#') && color[1..].bytes().all(|b| b.is_ascii_hexdigit());
    if !color_ok {
        return Err(CoreError::bad_input(
            format!("colour \"{color}\" must look like #3a7bd5"),
            format!("色「{color}」は #3a7bd5 のように指定してください"),
        ));
    }
    if s.weekly.len() != 7 {
        return Err(CoreError::bad_input(
            "shifts need 7 days (Sunday first)",
            "シフトは日曜から土曜までの 7 日分が必要です",
        ));
    }
    let mut weekly: [Vec<Period>; 7] = Default::default();
    let mut weekly_view = Vec::with_capacity(7);
    for (i, day) in s.weekly.iter().enumerate() {
        if day.len() > 8 {
            return Err(CoreError::bad_input(
                format!("{}: at most 8 shifts a day", WEEKDAYS_EN[i]),
                format!("{}: 1 日のシフトは 8 個までです", WEEKDAYS_JA[i]),
            ));
        }
        let mut views: Vec<PeriodView> = Vec::new();
        for p in day {
            let (period, view) = parse_period(p, WEEKDAYS_EN[i], WEEKDAYS_JA[i])?;
            weekly[i].push(period);
            views.push(view);
        }
        weekly_view.push(views);
    }
    if s.days_off.len() > MAX_DAYS_OFF {
        return Err(CoreError::bad_input(
            format!("at most {MAX_DAYS_OFF} days off"),
            format!("休みの日は {MAX_DAYS_OFF} 件までです"),
        ));
    }
    let mut days_off = BTreeSet::new();
    for d in &s.days_off {
        days_off.insert(parse_date(d)?);
    }
    let canonical = Staff {
        id: s.id,
        name: staff_name,
        color: color.to_ascii_lowercase(),
        weekly: weekly_view,
        days_off: days_off.iter().map(|d| d.to_string()).collect(),
    };
    Ok((canonical, StaffShifts { id: s.id, weekly, days_off }))
}

pub async fn save_staff(pool: &SqlitePool, account_id: i64, s: &Staff) -> Result<Vec<Staff>> {
    check_exists(pool, account_id).await?;
    let (s, _) = check_staff(s)?;
    let weekly = serde_json::to_string(&s.weekly)?;
    let days_off = serde_json::to_string(&s.days_off)?;
    let now = now_ms();
    if s.id == 0 {
        let count = sqlx::query_scalar!("SELECT COUNT(*) FROM reservation_staff WHERE account_id = ? AND active = 1", account_id)
            .fetch_one(pool)
            .await?;
        limit(count, "staff members", "スタッフ")?;
        sqlx::query!(
            "INSERT INTO reservation_staff (account_id, name, color, weekly_json, days_off_json, position, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM reservation_staff WHERE account_id = ?), ?, ?)",
            account_id,
            s.name,
            s.color,
            weekly,
            days_off,
            account_id,
            now,
            now
        )
        .execute(pool)
        .await?;
    } else {
        let done = sqlx::query!(
            "UPDATE reservation_staff SET name = ?, color = ?, weekly_json = ?, days_off_json = ?, updated_at = ?
             WHERE id = ? AND account_id = ? AND active = 1",
            s.name,
            s.color,
            weekly,
            days_off,
            now,
            s.id,
            account_id
        )
        .execute(pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(CoreError::NotFound(format!("staff {}", s.id)));
        }
    }
    staff(pool, account_id).await
}

pub async fn remove_staff(pool: &SqlitePool, account_id: i64, id: i64) -> Result<Vec<Staff>> {
    let now = now_ms();
    let done = sqlx::query!(
        "UPDATE reservation_staff SET active = 0, updated_at = ? WHERE id = ? AND account_id = ? AND active = 1",
        now,
        id,
        account_id
    )
    .execute(pool)
    .await?;
    if done.rows_affected() == 0 {
        return Err(CoreError::NotFound(format!("staff {id}")));
    }
    staff(pool, account_id).await
}

/// The engine's view of the active staff, in the shop's order.
pub async fn staff_shifts(pool: &SqlitePool, account_id: i64) -> Result<Vec<StaffShifts>> {
    staff(pool, account_id).await?.iter().map(|s| Ok(check_staff(s)?.1)).collect()
}

// ---------------------------------------------------------------------------------
// Resources

pub async fn resources(pool: &SqlitePool, account_id: i64) -> Result<Vec<Resource>> {
    let rows = sqlx::query!(
        r#"SELECT id AS "id!", name, kind, capacity FROM reservation_resources
           WHERE account_id = ? AND active = 1 ORDER BY position, id"#,
        account_id
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Resource { id: r.id, name: r.name, kind: r.kind, capacity: r.capacity })
        .collect())
}

pub async fn save_resource(pool: &SqlitePool, account_id: i64, r: &Resource) -> Result<Vec<Resource>> {
    check_exists(pool, account_id).await?;
    let r = r.validate()?;
    let now = now_ms();
    if r.id == 0 {
        let count =
            sqlx::query_scalar!("SELECT COUNT(*) FROM reservation_resources WHERE account_id = ? AND active = 1", account_id)
                .fetch_one(pool)
                .await?;
        limit(count, "resources", "設備")?;
        sqlx::query!(
            "INSERT INTO reservation_resources (account_id, name, kind, capacity, position, created_at, updated_at)
             VALUES (?, ?, ?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM reservation_resources WHERE account_id = ?), ?, ?)",
            account_id,
            r.name,
            r.kind,
            r.capacity,
            account_id,
            now,
            now
        )
        .execute(pool)
        .await?;
    } else {
        // Fewer seats than already booked would silently overbook: refuse.
        let peak = crate::reservations::booking::peak_future_seats(pool, r.id).await?;
        if peak > r.capacity {
            return Err(CoreError::bad_input(
                format!("{} seats are already booked at once in the future; keep at least that many", peak),
                format!("今後の予約で同時に {} 席が使われています。席数はそれ以上にしてください", peak),
            ));
        }
        let done = sqlx::query!(
            "UPDATE reservation_resources SET name = ?, kind = ?, capacity = ?, updated_at = ?
             WHERE id = ? AND account_id = ? AND active = 1",
            r.name,
            r.kind,
            r.capacity,
            now,
            r.id,
            account_id
        )
        .execute(pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(CoreError::NotFound(format!("resource {}", r.id)));
        }
    }
    resources(pool, account_id).await
}

pub async fn remove_resource(pool: &SqlitePool, account_id: i64, id: i64) -> Result<Vec<Resource>> {
    let now = now_ms();
    let done = sqlx::query!(
        "UPDATE reservation_resources SET active = 0, updated_at = ? WHERE id = ? AND account_id = ? AND active = 1",
        now,
        id,
        account_id
    )
    .execute(pool)
    .await?;
    if done.rows_affected() == 0 {
        return Err(CoreError::NotFound(format!("resource {id}")));
    }
    resources(pool, account_id).await
}

pub async fn resource_seats(pool: &SqlitePool, account_id: i64) -> Result<Vec<ResourceSeats>> {
    Ok(resources(pool, account_id)
        .await?
        .into_iter()
        .map(|r| ResourceSeats { id: r.id, kind: r.kind, capacity: r.capacity })
        .collect())
}

fn limit(count: i64, en: &str, ja: &str) -> Result<()> {
    if count >= MAX_ITEMS {
        return Err(CoreError::bad_input(
            format!("at most {MAX_ITEMS} {en}"),
            format!("{ja}は {MAX_ITEMS} 件までです"),
        ));
    }
    Ok(())
}
