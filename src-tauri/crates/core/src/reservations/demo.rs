//! The demo salon's reservation set-up (`madoguchi-server --demo`): three stylists,
//! three styling chairs and a private spa room, a few menus and some bookings around
//! today. Seeded once: nothing happens when the account already has staff.

use jiff::civil::Time;
use sqlx::SqlitePool;

use crate::hours::model::PeriodView;
use crate::reservations::model::*;
use crate::reservations::{booking, setup};
use crate::Result;

fn week(off: &[usize]) -> Vec<Vec<PeriodView>> {
    (0..7)
        .map(|d| {
            if d == 0 || off.contains(&d) {
                vec![]
            } else {
                vec![PeriodView { start: "10:00".into(), end: "19:00".into() }]
            }
        })
        .collect()
}

pub async fn seed(pool: &SqlitePool, account_id: i64) -> Result<()> {
    if !setup::staff(pool, account_id).await?.is_empty() {
        return Ok(());
    }
    for (name, color, off) in [("美咲", "#e07a5f", vec![]), ("健太", "#3d7dd8", vec![3]), ("由香", "#2a9d8f", vec![2])] {
        let staff = Staff { id: 0, name: name.into(), color: color.into(), weekly: week(&off), days_off: vec![] };
        setup::save_staff(pool, account_id, &staff).await?;
    }
    for (name, kind) in [("セット面 1", "セット面"), ("セット面 2", "セット面"), ("セット面 3", "セット面"), ("個室", "個室")] {
        setup::save_resource(pool, account_id, &Resource { id: 0, name: name.into(), kind: kind.into(), capacity: 1 }).await?;
    }
    let staff = setup::staff(pool, account_id).await?;
    let spa_staff: Vec<i64> = staff.iter().filter(|s| s.name != "健太").map(|s| s.id).collect();
    for (name, duration, buffer, price, kind, who) in [
        ("カット", 60, 15, 5500, "セット面", vec![]),
        ("カラー", 90, 15, 8800, "セット面", vec![]),
        ("前髪カット", 20, 5, 1100, "セット面", vec![]),
        ("ヘッドスパ", 45, 10, 4400, "個室", spa_staff),
    ] {
        let menu = Menu {
            id: 0,
            name: name.into(),
            duration_minutes: duration,
            buffer_minutes: buffer,
            price_yen: price,
            needs_staff: true,
            staff_ids: who,
            resource_kind: Some(kind.into()),
        };
        setup::save_menu(pool, account_id, &menu).await?;
    }
    let menus = setup::menus(pool, account_id).await?;
    let tz = crate::hours::store::time_zone(pool, account_id).await?;
    let today = tz.to_datetime(jiff::Timestamp::now()).date();
    let bookings = [
        (0, 11, 0, 0, 0, "佐藤 花子", ReservationStatus::Confirmed),
        (0, 14, 0, 1, 1, "高橋 誠", ReservationStatus::Confirmed),
        (1, 10, 30, 2, 3, "伊藤 さくら", ReservationStatus::Tentative),
        (1, 15, 0, 0, 1, "渡辺 健", ReservationStatus::Confirmed),
        (2, 12, 0, 1, 0, "山本 愛", ReservationStatus::Confirmed),
    ];
    for (day, h, m, staff_i, menu_i, name, status) in bookings {
        let Ok(date) = today.checked_add(jiff::Span::new().days(day)) else { continue };
        let Ok(start) = tz.to_ambiguous_timestamp(date.to_datetime(Time::constant(h, m, 0, 0))).compatible() else { continue };
        let (Some(s), Some(menu)) = (staff.get(staff_i), menus.get(menu_i)) else { continue };
        let r = NewReservation {
            account_id,
            customer: Customer::Guest { name: name.into(), phone: Some("090-0000-0000".into()) },
            menu_ids: vec![menu.id],
            staff_id: Some(s.id),
            resource_id: None,
            start: start.as_millisecond(),
            end: None,
            party_size: 1,
            status: Some(status),
            notes: String::new(),
            source: ReservationSource::Phone,
        };
        // Demo data: a clash with something the owner already entered is not worth failing for.
        if let Err(e) = booking::create(pool, &r).await {
            tracing::warn!(error = %e, "demo: skipped a seeded booking");
        }
    }
    Ok(())
}
