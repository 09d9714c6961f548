//! Bookings in the store. Every write that can take time from a staff member or seats
//! from a resource runs inside one `BEGIN IMMEDIATE` transaction that reads the
//! overlapping bookings, checks, then writes: two writers racing for the last seat are
//! serialised by SQLite, and the loser gets `CoreError::SlotTaken` ("just taken").

use std::collections::BTreeSet;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use sqlx::{SqliteConnection, SqlitePool};

use crate::accounts::check_exists;
use crate::hours::holidays::JapaneseHolidays;
use crate::hours::model::{parse_date, BusinessHours};
use crate::hours::schedule::Schedule;
use crate::reservations::availability::{month_days, Busy, Need, Occupancy, Offer, Rules, World};
use crate::reservations::model::*;
use crate::reservations::setup;
use crate::time::now_ms;
use crate::{CoreError, Result};

const MINUTE_MS: i64 = 60_000;
const DAY_MS: i64 = 24 * 60 * MINUTE_MS;
/// Bookings this far around a time are enough to decide about it (a booking is at
/// most a day plus its buffer long).
const MARGIN_MS: i64 = 2 * DAY_MS;

/// The combined need of the chosen menus.
pub fn need_of(menus: &[Menu], party: i64) -> Result<Need> {
    range(party, 1, MAX_PARTY, "party size", "人数")?;
    let duration: i64 = menus.iter().map(|m| m.duration_minutes).sum();
    range(duration, 1, MAX_BOOKING_MINUTES, "total duration (minutes)", "合計の所要時間（分）")?;
    let kinds: BTreeSet<&str> = menus.iter().filter_map(|m| m.resource_kind.as_deref()).collect();
    if kinds.len() > 1 {
        return Err(CoreError::bad_input(
            "these menus need different kinds of resource; book them separately",
            "選んだメニューは必要な設備の種類が異なります。別々に予約してください",
        ));
    }
    let mut allowed: Option<BTreeSet<i64>> = None;
    for m in menus.iter().filter(|m| m.needs_staff && !m.staff_ids.is_empty()) {
        let these: BTreeSet<i64> = m.staff_ids.iter().copied().collect();
        allowed = Some(match allowed {
            Some(a) => a.intersection(&these).copied().collect(),
            None => these,
        });
    }
    Ok(Need {
        duration_minutes: duration,
        buffer_minutes: menus.iter().map(|m| m.buffer_minutes).max().unwrap_or(0),
        needs_staff: menus.iter().any(|m| m.needs_staff),
        allowed_staff: allowed,
        resource_kind: kinds.into_iter().next().map(str::to_string),
        party,
    })
}

/// The business hours the engine books within: the saved ones, else the template
/// (Mon–Sat 10:00–19:00) so that a new shop can try bookings before setting hours.
pub async fn schedule(pool: &SqlitePool, account_id: i64) -> Result<Schedule> {
    match crate::hours::store::schedule(pool, account_id).await? {
        Some(s) => Ok(s),
        None => Ok(BusinessHours::template().validate()?.1),
    }
}

pub fn customer_rules(s: &ReservationSettings, now: i64) -> Rules {
    Rules {
        slot_minutes: s.slot_minutes,
        earliest: Some(now + s.min_notice_minutes * MINUTE_MS),
        latest: Some(now + s.window_days * DAY_MS),
    }
}

fn owner_rules(s: &ReservationSettings) -> Rules {
    Rules { slot_minutes: s.slot_minutes, earliest: None, latest: None }
}

/// Active bookings overlapping `[from, to)`, except `except`.
async fn busy(conn: &mut SqliteConnection, account_id: i64, from: i64, to: i64, except: i64) -> Result<Vec<Busy>> {
    let rows = sqlx::query!(
        "SELECT staff_id, resource_id, start_at, busy_until, party_size FROM reservations
         WHERE account_id = ? AND status NOT IN ('cancelled', 'noShow') AND start_at < ? AND busy_until > ? AND id <> ?",
        account_id,
        to,
        from,
        except
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Busy {
            staff_id: r.staff_id,
            resource_id: r.resource_id,
            start: r.start_at,
            until: r.busy_until,
            party: r.party_size,
        })
        .collect())
}

// ---------------------------------------------------------------------------------
// Availability

/// Free start times for a menu (or several) on a day or a whole month, for customers
/// (notice and window applied) or the owner (`as_owner`).
pub async fn availability(pool: &SqlitePool, q: &AvailabilityQuery) -> Result<Availability> {
    availability_at(pool, q, now_ms()).await
}

pub async fn availability_at(pool: &SqlitePool, q: &AvailabilityQuery, now: i64) -> Result<Availability> {
    check_exists(pool, q.account_id).await?;
    let menus = setup::menus_by_id(pool, q.account_id, &q.menu_ids).await?;
    let need = need_of(&menus, q.party_size)?;
    let days = parse_day_or_month(&q.date)?;
    let settings = setup::settings(pool, q.account_id).await?;
    let schedule = schedule(pool, q.account_id).await?;
    let staff = setup::staff_shifts(pool, q.account_id).await?;
    let resources = setup::resource_seats(pool, q.account_id).await?;
    if let Some(id) = q.staff_id
        && !staff.iter().any(|s| s.id == id) {
            return Err(CoreError::NotFound(format!("staff {id}")));
        }
    let (Some(first), Some(last)) = (days.first(), days.last()) else {
        return Ok(Availability { time_zone: zone_name(&schedule.tz), days: vec![] });
    };
    let from = day_start(&schedule.tz, *first)? - MARGIN_MS;
    let to = day_start(&schedule.tz, *last)? + 2 * MARGIN_MS;
    let mut conn = pool.acquire().await?;
    let occupancy = Occupancy::new(busy(&mut conn, q.account_id, from, to, 0).await?);
    drop(conn);
    let world = World { schedule: &schedule, holidays: &JapaneseHolidays, staff: &staff, resources: &resources, occupancy: &occupancy };
    let rules = if q.as_owner { owner_rules(&settings) } else { customer_rules(&settings, now) };
    let days = days
        .iter()
        .map(|d| DaySlots { date: d.to_string(), slots: world.day(*d, &need, &rules, q.staff_id).into_iter().map(slot).collect() })
        .collect();
    Ok(Availability { time_zone: zone_name(&schedule.tz), days })
}

/// Open periods starting on the days `from..=to`, for shading the calendar.
pub async fn open_periods(pool: &SqlitePool, q: &OpenPeriodsQuery) -> Result<OpenPeriods> {
    check_exists(pool, q.account_id).await?;
    let (from, to) = (parse_date(&q.from)?, parse_date(&q.to)?);
    let span = from.until(to).map_err(|e| CoreError::internal(e.to_string()))?.get_days();
    if !(0..=62).contains(&span) {
        return Err(CoreError::bad_input("at most 62 days at a time", "一度に表示できるのは 62 日までです"));
    }
    let configured = crate::hours::store::get(pool, q.account_id).await?.is_some();
    let schedule = schedule(pool, q.account_id).await?;
    let mut periods = Vec::new();
    let mut day = from;
    while day <= to {
        for p in schedule.periods_on(day, &JapaneseHolidays) {
            let Some((s, e)) = p.on(day) else { continue };
            let s = schedule.tz.to_ambiguous_timestamp(s).compatible();
            let e = schedule.tz.to_ambiguous_timestamp(e).compatible();
            if let (Ok(s), Ok(e)) = (s, e) {
                periods.push(TimeRange { start: s.as_millisecond(), end: e.as_millisecond() });
            }
        }
        day = day.tomorrow().map_err(|e| CoreError::internal(e.to_string()))?;
    }
    Ok(OpenPeriods { time_zone: zone_name(&schedule.tz), configured, periods })
}

fn slot(o: Offer) -> Slot {
    Slot { start: o.start, end: o.end, staff_id: o.staff_id, resource_id: o.resource_id }
}

fn parse_day_or_month(s: &str) -> Result<Vec<Date>> {
    let t = s.trim();
    if t.len() == 7 {
        let d = parse_date(&format!("{t}-01"))?;
        return Ok(month_days(d));
    }
    Ok(vec![parse_date(t)?])
}

fn day_start(tz: &TimeZone, d: Date) -> Result<i64> {
    Ok(tz
        .to_ambiguous_timestamp(d.to_datetime(jiff::civil::Time::midnight()))
        .compatible()
        .map_err(|e| CoreError::internal(format!("date {d}: {e}")))?
        .as_millisecond())
}

fn zone_name(tz: &TimeZone) -> String {
    tz.iana_name().unwrap_or(crate::hours::model::DEFAULT_TIME_ZONE).to_string()
}

// ---------------------------------------------------------------------------------
// Writes

fn taken(detail_en: &str, detail_ja: &str) -> CoreError {
    CoreError::SlotTaken {
        en: format!("That time was just taken{detail_en}. Please choose another time."),
        ja: format!("その時間はちょうど埋まりました{detail_ja}。別の時間をお選びください。"),
    }
}

fn check_times(start: i64, end: i64) -> Result<()> {
    if end <= start || end - start > MAX_BOOKING_MINUTES * MINUTE_MS {
        return Err(CoreError::bad_input(
            "a booking must end after it starts and last at most 24 hours",
            "予約の終了は開始より後で、長さは 24 時間以内にしてください",
        ));
    }
    // Far-off nonsense (year 0 or 9999) would only confuse the calendar.
    let ok = |t: i64| (946_684_800_000..=4_102_444_800_000).contains(&t);
    if !ok(start) || !ok(end) {
        return Err(CoreError::bad_input("the date is out of range", "日付が範囲外です"));
    }
    Ok(())
}

fn clean_notes(notes: &str) -> Result<String> {
    let n = notes.trim();
    if n.chars().count() > MAX_NOTES_CHARS {
        return Err(CoreError::bad_input(
            format!("notes: at most {MAX_NOTES_CHARS} characters"),
            format!("メモは {MAX_NOTES_CHARS} 文字以内にしてください"),
        ));
    }
    Ok(n.to_string())
}

fn clean_phone(phone: Option<&str>) -> Result<Option<String>> {
    let Some(p) = phone.map(str::trim).filter(|p| !p.is_empty()) else { return Ok(None) };
    let ok = p.chars().count() <= 30 && p.chars().all(|c| c.is_ascii_digit() || "+-() ".contains(c));
    if !ok {
        return Err(CoreError::bad_input(
            format!("\"{p}\" is not a phone number"),
            format!("「{p}」は電話番号として読めません"),
        ));
    }
    Ok(Some(p.to_string()))
}

/// Books. Owner bookings (source owner, phone, walkIn) only have to be free; LINE
/// bookings must also be a start time the engine offers customers (hours, shifts,
/// notice, window). Staff and resource are chosen when not given.
pub async fn create(pool: &SqlitePool, r: &NewReservation) -> Result<ReservationView> {
    create_at(pool, r, now_ms()).await
}

pub async fn create_at(pool: &SqlitePool, r: &NewReservation, now: i64) -> Result<ReservationView> {
    check_exists(pool, r.account_id).await?;
    let (friend_id, customer_name, customer_phone) = match &r.customer {
        Customer::Friend { friend_id } => {
            let found = sqlx::query_scalar!(
                r#"SELECT id AS "id!" FROM friends WHERE id = ? AND account_id = ?"#,
                friend_id,
                r.account_id
            )
            .fetch_optional(pool)
            .await?;
            if found.is_none() {
                return Err(CoreError::NotFound(format!("friend {friend_id}")));
            }
            (Some(*friend_id), None, None)
        }
        Customer::Guest { name: n, phone } => {
            (None, Some(name(n, "customer name", "お客様のお名前")?), clean_phone(phone.as_deref())?)
        }
    };
    let menus = setup::menus_by_id(pool, r.account_id, &r.menu_ids).await?;
    let need = need_of(&menus, r.party_size)?;
    let duration_ms = need.duration_minutes * MINUTE_MS;
    let customer = r.source == ReservationSource::Line;
    let end = match r.end {
        Some(e) if !customer => e,
        _ => r.start + duration_ms,
    };
    check_times(r.start, end)?;
    let notes = clean_notes(&r.notes)?;
    let settings = setup::settings(pool, r.account_id).await?;
    let schedule = schedule(pool, r.account_id).await?;
    let staff = setup::staff_shifts(pool, r.account_id).await?;
    let resources = setup::resource_seats(pool, r.account_id).await?;
    if let Some(id) = r.staff_id {
        if !staff.iter().any(|s| s.id == id) {
            return Err(CoreError::NotFound(format!("staff {id}")));
        }
        if need.needs_staff && need.allowed_staff.as_ref().is_some_and(|a| !a.contains(&id)) {
            return Err(CoreError::bad_input(
                "this staff member does not do the chosen menu",
                "このスタッフは選んだメニューを担当できません",
            ));
        }
    }
    if let Some(id) = r.resource_id {
        let res = resources.iter().find(|x| x.id == id).ok_or_else(|| CoreError::NotFound(format!("resource {id}")))?;
        if need.resource_kind.as_deref().is_some_and(|k| k != res.kind) {
            return Err(CoreError::bad_input(
                format!("the menu needs a {}, not a {}", need.resource_kind.as_deref().unwrap_or(""), res.kind),
                format!("このメニューには「{}」が必要です（選んだのは「{}」）", need.resource_kind.as_deref().unwrap_or(""), res.kind),
            ));
        }
        if res.capacity < need.party {
            return Err(CoreError::bad_input(
                format!("this resource seats {} at most", res.capacity),
                format!("この設備は最大 {} 名までです", res.capacity),
            ));
        }
    }
    if let Some(kind) = &need.resource_kind
        && !resources.iter().any(|x| &x.kind == kind && x.capacity >= need.party) {
            return Err(CoreError::bad_input(
                format!("no {kind} seats a party of {}", need.party),
                format!("{} 名が入れる「{kind}」がありません", need.party),
            ));
        }
    let status = match r.status {
        Some(s) => s,
        None if customer && settings.approval_required => ReservationStatus::Tentative,
        None => ReservationStatus::Confirmed,
    };
    let menus_json = serde_json::to_string(
        &menus
            .iter()
            .map(|m| BookedMenu { menu_id: m.id, name: m.name.clone(), duration_minutes: m.duration_minutes, price_yen: m.price_yen })
            .collect::<Vec<_>>(),
    )?;

    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let occupancy = Occupancy::new(busy(&mut tx, r.account_id, r.start - MARGIN_MS, end + MARGIN_MS, 0).await?);
    let world = World { schedule: &schedule, holidays: &JapaneseHolidays, staff: &staff, resources: &resources, occupancy: &occupancy };
    let offer = if !status.is_active() {
        // A cancelled booking entered for the record takes nothing.
        Some(Offer { start: r.start, end, staff_id: r.staff_id, resource_id: r.resource_id })
    } else if customer {
        let rules = customer_rules(&settings, now);
        let offer = world.offer_at(r.start, &need, &rules, r.staff_id, r.resource_id);
        if offer.is_none() {
            let empty = Occupancy::default();
            let open_world = World { occupancy: &empty, ..world };
            if open_world.offer_at(r.start, &need, &rules, r.staff_id, r.resource_id).is_none() {
                return Err(CoreError::bad_input(
                    "that time cannot be booked (outside hours, too soon or too far ahead)",
                    "その時間はご予約いただけません（営業時間外、または受付期間外です）",
                ));
            }
        }
        offer
    } else {
        world
            .assign(&need, r.start, end, r.staff_id, r.resource_id, true)
            .or_else(|| world.assign(&need, r.start, end, r.staff_id, r.resource_id, false))
    };
    let Some(offer) = offer else {
        if customer {
            return Err(taken("", ""));
        }
        return Err(explain_taken(&world, &need, r.start, end, r.staff_id, r.resource_id, pool, r.account_id).await);
    };
    let busy_until = end + need.buffer_minutes * MINUTE_MS;
    let now_w = now_ms();
    let (status_s, source_s) = (status.as_str(), r.source.as_str());
    let id = sqlx::query_scalar!(
        r#"INSERT INTO reservations (account_id, friend_id, customer_name, customer_phone, menus_json, staff_id, resource_id,
             start_at, end_at, buffer_minutes, busy_until, party_size, status, notes, source, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id AS "id!""#,
        r.account_id,
        friend_id,
        customer_name,
        customer_phone,
        menus_json,
        offer.staff_id,
        offer.resource_id,
        r.start,
        end,
        need.buffer_minutes,
        busy_until,
        need.party,
        status_s,
        notes,
        source_s,
        now_w,
        now_w
    )
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    let view = get(pool, id).await?;
    after_change(pool, view.friend_id, true).await;
    Ok(view)
}

/// Names what is in the way, for the owner's calendar (the LINE customer just sees "taken").
#[allow(clippy::too_many_arguments)]
async fn explain_taken(
    world: &World<'_>,
    need: &Need,
    start: i64,
    end: i64,
    staff: Option<i64>,
    resource: Option<i64>,
    pool: &SqlitePool,
    account_id: i64,
) -> CoreError {
    let until = end + need.buffer_minutes * MINUTE_MS;
    if let Some(s) = staff.filter(|s| need.needs_staff && !world.occupancy.staff_free(*s, start, until)) {
        let n = setup::staff(pool, account_id).await.ok().and_then(|v| v.into_iter().find(|x| x.id == s)).map(|x| x.name);
        let n = n.unwrap_or_default();
        return taken(&format!(" ({n} has another booking then)"), &format!("（{n}はその時間に別の予約があります）"));
    }
    if let Some(r) = resource {
        let n = setup::resources(pool, account_id).await.ok().and_then(|v| v.into_iter().find(|x| x.id == r)).map(|x| x.name);
        let n = n.unwrap_or_default();
        return taken(&format!(" ({n} is full then)"), &format!("（{n}はその時間満席です）"));
    }
    taken(" (no staff member or seat is free)", "（空いているスタッフ・席がありません）")
}

/// Move, resize or reassign; the same conflict check as a new booking (the owner's).
pub async fn move_to(pool: &SqlitePool, m: &MoveReservation) -> Result<ReservationView> {
    let cur = get(pool, m.reservation_id).await?;
    let end = m.end.unwrap_or(m.start + (cur.end - cur.start));
    check_times(m.start, end)?;
    let staff_id = m.staff_id.or(cur.staff_id);
    let resource_id = m.resource_id.or(cur.resource_id);
    if let Some(id) = m.staff_id.filter(|id| Some(*id) != cur.staff_id)
        && !setup::staff(pool, cur.account_id).await?.iter().any(|s| s.id == id) {
            return Err(CoreError::NotFound(format!("staff {id}")));
        }
    if let Some(id) = m.resource_id.filter(|id| Some(*id) != cur.resource_id) {
        let res = setup::resources(pool, cur.account_id).await?;
        let r = res.iter().find(|r| r.id == id).ok_or_else(|| CoreError::NotFound(format!("resource {id}")))?;
        if r.capacity < cur.party_size {
            return Err(CoreError::bad_input(
                format!("this resource seats {} at most", r.capacity),
                format!("この設備は最大 {} 名までです", r.capacity),
            ));
        }
    }
    let busy_until = end + cur.buffer_minutes * MINUTE_MS;
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    if cur.status.is_active() {
        check_free(&mut tx, pool, &cur, m.start, busy_until, staff_id, resource_id, cur.party_size).await?;
    }
    let now = now_ms();
    sqlx::query!(
        "UPDATE reservations SET start_at = ?, end_at = ?, busy_until = ?, staff_id = ?, resource_id = ?, updated_at = ? WHERE id = ?",
        m.start,
        end,
        busy_until,
        staff_id,
        resource_id,
        now,
        cur.id
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    get(pool, cur.id).await
}

/// Inside the caller's transaction: is `[start, until)` free for this staff member and
/// these seats, not counting the booking itself?
#[allow(clippy::too_many_arguments)]
async fn check_free(
    tx: &mut SqliteConnection,
    pool: &SqlitePool,
    cur: &ReservationView,
    start: i64,
    until: i64,
    staff_id: Option<i64>,
    resource_id: Option<i64>,
    party: i64,
) -> Result<()> {
    let occupancy = Occupancy::new(busy(tx, cur.account_id, start - MARGIN_MS, until + MARGIN_MS, cur.id).await?);
    if let Some(s) = staff_id
        && !occupancy.staff_free(s, start, until) {
            let n = setup::staff(pool, cur.account_id).await?.into_iter().find(|x| x.id == s).map(|x| x.name);
            let n = n.or_else(|| cur.staff_name.clone()).unwrap_or_default();
            return Err(taken(&format!(" ({n} has another booking then)"), &format!("（{n}はその時間に別の予約があります）")));
        }
    if let Some(r) = resource_id {
        let res = setup::resource_seats(pool, cur.account_id).await?;
        // A removed resource keeps its past bookings; it cannot take new time.
        let fits = res.iter().find(|x| x.id == r).is_some_and(|x| occupancy.resource_fits(x, start, until, party));
        if !fits {
            let n = setup::resources(pool, cur.account_id).await?.into_iter().find(|x| x.id == r).map(|x| x.name);
            let n = n.or_else(|| cur.resource_name.clone()).unwrap_or_default();
            return Err(taken(&format!(" ({n} is full then)"), &format!("（{n}はその時間満席です）")));
        }
    }
    Ok(())
}

pub async fn update(pool: &SqlitePool, u: &UpdateReservation) -> Result<ReservationView> {
    let cur = get(pool, u.reservation_id).await?;
    range(u.party_size, 1, MAX_PARTY, "party size", "人数")?;
    let notes = clean_notes(&u.notes)?;
    let (name_v, phone_v) = if cur.friend_id.is_some() {
        (None, None)
    } else {
        let n = match &u.customer_name {
            Some(n) => name(n, "customer name", "お客様のお名前")?,
            None => cur.customer_name.clone(),
        };
        let p = match &u.customer_phone {
            Some(p) => clean_phone(Some(p))?,
            None => cur.customer_phone.clone(),
        };
        (Some(n), p)
    };
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    if cur.status.is_active() && u.party_size > cur.party_size {
        let until = cur.end + cur.buffer_minutes * MINUTE_MS;
        check_free(&mut tx, pool, &cur, cur.start, until, None, cur.resource_id, u.party_size).await?;
    }
    let now = now_ms();
    sqlx::query!(
        "UPDATE reservations SET party_size = ?, notes = ?, customer_name = COALESCE(?, customer_name),
           customer_phone = CASE WHEN friend_id IS NULL THEN ? ELSE customer_phone END, updated_at = ? WHERE id = ?",
        u.party_size,
        notes,
        name_v,
        phone_v,
        now,
        cur.id
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    get(pool, cur.id).await
}

/// Any status to any other; bringing a cancelled booking back checks for conflicts.
pub async fn set_status(pool: &SqlitePool, id: i64, status: ReservationStatus) -> Result<ReservationView> {
    let cur = get(pool, id).await?;
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    if status.is_active() && !cur.status.is_active() {
        let until = cur.end + cur.buffer_minutes * MINUTE_MS;
        check_free(&mut tx, pool, &cur, cur.start, until, cur.staff_id, cur.resource_id, cur.party_size).await?;
    }
    let (s, now) = (status.as_str(), now_ms());
    sqlx::query!("UPDATE reservations SET status = ?, updated_at = ? WHERE id = ?", s, now, id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    if cur.status.is_active() != status.is_active() {
        after_change(pool, cur.friend_id, status.is_active()).await;
    }
    get(pool, id).await
}

/// The shop's "on reservation made / cancelled" tag rules, after the booking is
/// committed. A rule that cannot be applied must not undo a booking: logged only.
async fn after_change(pool: &SqlitePool, friend_id: Option<i64>, made: bool) {
    if let Some(friend_id) = friend_id
        && let Err(e) = crate::tags::auto::on_reservation(pool, friend_id, made).await
    {
        tracing::warn!(error = %e, friend_id, "reservation tag rules not applied");
    }
}

/// The highest number of seats of `resource_id` in use at once from now on.
pub async fn peak_future_seats(pool: &SqlitePool, resource_id: i64) -> Result<i64> {
    let now = now_ms();
    let rows = sqlx::query!(
        "SELECT start_at, busy_until, party_size FROM reservations
         WHERE resource_id = ? AND busy_until > ? AND status NOT IN ('cancelled', 'noShow')",
        resource_id,
        now
    )
    .fetch_all(pool)
    .await?;
    Ok(crate::reservations::availability::peak_load(rows.into_iter().map(|r| (r.start_at, r.busy_until, r.party_size))))
}

// ---------------------------------------------------------------------------------
// Reads

struct Row {
    id: i64,
    account_id: i64,
    friend_id: Option<i64>,
    customer_name: Option<String>,
    customer_phone: Option<String>,
    menus_json: String,
    staff_id: Option<i64>,
    staff_name: Option<String>,
    resource_id: Option<i64>,
    resource_name: Option<String>,
    start_at: i64,
    end_at: i64,
    buffer_minutes: i64,
    party_size: i64,
    status: String,
    notes: String,
    source: String,
    created_at: i64,
    updated_at: i64,
    display_name: Option<String>,
}

impl Row {
    fn view(self) -> Result<ReservationView> {
        Ok(ReservationView {
            id: self.id,
            account_id: self.account_id,
            friend_id: self.friend_id,
            customer_name: self.display_name.or(self.customer_name).unwrap_or_default(),
            customer_phone: self.customer_phone,
            menus: serde_json::from_str(&self.menus_json)?,
            staff_id: self.staff_id,
            staff_name: self.staff_name,
            resource_id: self.resource_id,
            resource_name: self.resource_name,
            start: self.start_at,
            end: self.end_at,
            buffer_minutes: self.buffer_minutes,
            party_size: self.party_size,
            status: ReservationStatus::parse(&self.status),
            notes: self.notes,
            source: ReservationSource::parse(&self.source),
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

pub async fn get(pool: &SqlitePool, id: i64) -> Result<ReservationView> {
    let row = sqlx::query_as!(
        Row,
        r#"SELECT r.id AS "id!", r.account_id, r.friend_id, r.customer_name, r.customer_phone, r.menus_json,
             r.staff_id, s.name AS "staff_name?", r.resource_id, x.name AS "resource_name?", r.start_at, r.end_at,
             r.buffer_minutes, r.party_size, r.status, r.notes, r.source, r.created_at, r.updated_at,
             f.display_name AS "display_name?"
           FROM reservations r
           LEFT JOIN reservation_staff s ON s.id = r.staff_id
           LEFT JOIN reservation_resources x ON x.id = r.resource_id
           LEFT JOIN friends f ON f.id = r.friend_id
           WHERE r.id = ?"#,
        id
    )
    .fetch_optional(pool)
    .await?;
    row.ok_or_else(|| CoreError::NotFound(format!("reservation {id}")))?.view()
}

/// Bookings overlapping `[from, to)`, by start; at most 5 000 (a month of a busy shop).
pub async fn list(pool: &SqlitePool, q: &ListReservations) -> Result<Vec<ReservationView>> {
    check_exists(pool, q.account_id).await?;
    if q.to <= q.from || q.to - q.from > 62 * DAY_MS {
        return Err(CoreError::bad_input(
            "the range must be positive and at most 62 days",
            "期間は 62 日以内で指定してください",
        ));
    }
    let include = i64::from(q.include_inactive);
    let rows = sqlx::query_as!(
        Row,
        r#"SELECT r.id AS "id!", r.account_id, r.friend_id, r.customer_name, r.customer_phone, r.menus_json,
             r.staff_id, s.name AS "staff_name?", r.resource_id, x.name AS "resource_name?", r.start_at, r.end_at,
             r.buffer_minutes, r.party_size, r.status, r.notes, r.source, r.created_at, r.updated_at,
             f.display_name AS "display_name?"
           FROM reservations r
           LEFT JOIN reservation_staff s ON s.id = r.staff_id
           LEFT JOIN reservation_resources x ON x.id = r.resource_id
           LEFT JOIN friends f ON f.id = r.friend_id
           WHERE r.account_id = ?1 AND r.start_at < ?2 AND r.end_at > ?3
             AND (?4 IS NULL OR r.staff_id = ?4)
             AND (?5 = 1 OR r.status NOT IN ('cancelled', 'noShow'))
           ORDER BY r.start_at, r.id LIMIT 5000"#,
        q.account_id,
        q.to,
        q.from,
        q.staff_id,
        include
    )
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(Row::view).collect()
}

/// A friend's bookings for the chat's side panel.
pub async fn of_friend(pool: &SqlitePool, friend_id: i64) -> Result<FriendReservations> {
    let account_id = sqlx::query_scalar!("SELECT account_id FROM friends WHERE id = ?", friend_id)
        .fetch_optional(pool)
        .await?
        .ok_or_else(|| CoreError::NotFound(format!("friend {friend_id}")))?;
    let time_zone = zone_name(&crate::hours::store::time_zone(pool, account_id).await?);
    let rows = sqlx::query_as!(
        Row,
        r#"SELECT r.id AS "id!", r.account_id, r.friend_id, r.customer_name, r.customer_phone, r.menus_json,
             r.staff_id, s.name AS "staff_name?", r.resource_id, x.name AS "resource_name?", r.start_at, r.end_at,
             r.buffer_minutes, r.party_size, r.status, r.notes, r.source, r.created_at, r.updated_at,
             f.display_name AS "display_name?"
           FROM reservations r
           LEFT JOIN reservation_staff s ON s.id = r.staff_id
           LEFT JOIN reservation_resources x ON x.id = r.resource_id
           LEFT JOIN friends f ON f.id = r.friend_id
           WHERE r.friend_id = ?
           ORDER BY r.start_at DESC, r.id DESC LIMIT 500"#,
        friend_id
    )
    .fetch_all(pool)
    .await?;
    let now = now_ms();
    let all: Vec<ReservationView> = rows.into_iter().map(Row::view).collect::<Result<_>>()?;
    let no_show_count = all.iter().filter(|r| r.status == ReservationStatus::NoShow).count() as i64;
    let (mut upcoming, past): (Vec<_>, Vec<_>) = all.into_iter().partition(|r| r.end > now);
    upcoming.reverse();
    Ok(FriendReservations { upcoming, past: past.into_iter().take(50).collect(), no_show_count, time_zone })
}

/// Friends whose LINE name or the shop's own name for them contains `query`, for the
/// booking dialog's picker.
pub async fn find_friends(pool: &SqlitePool, q: &FindFriends) -> Result<Vec<FriendChoice>> {
    check_exists(pool, q.account_id).await?;
    let needle: String = q.query.trim().chars().take(50).collect();
    let escaped = needle.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    let pattern = format!("%{escaped}%");
    let rows = sqlx::query!(
        r#"SELECT id AS "id!", display_name, private_name, picture_url, picture_file FROM friends
           WHERE account_id = ?1 AND (CASE WHEN ?3 IS NULL
                 THEN display_name LIKE ?2 ESCAPE '\' OR private_name LIKE ?2 ESCAPE '\' ELSE id = ?3 END)
           ORDER BY last_seen_at DESC LIMIT 20"#,
        q.account_id,
        pattern,
        q.friend_id
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| FriendChoice {
            friend_id: r.id,
            display_name: r.display_name,
            private_name: r.private_name,
            picture_url: r.picture_url,
            picture_file: r.picture_file,
        })
        .collect())
}
