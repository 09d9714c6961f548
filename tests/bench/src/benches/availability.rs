//! Reservation availability for a whole month: 10 stylists (Mon–Sat 10:00–20:00), 5
//! two-seat resources, 2 000 existing bookings spread over the month, one 60-minute
//! menu with 15 minutes of cleanup, a 15-minute grid.
//!
//! Rows: the whole API path (`booking::availability_at`: read set-up and bookings
//! from a real SQLite file, then the engine), and the engine alone on the same data.
//! Peer: a naive implementation measured in the same run, checking every minute of the
//! month against every booking (a linear scan per staff member, seats counted minute by
//! minute), the way a first version without an index would. Both must agree on the
//! number of free start times; the bench refuses to report if they do not.

use std::time::Instant;

use anyhow::Context as _;
use jiff::civil::{Date, Time};
use madoguchi_core::hours::holidays::JapaneseHolidays;
use madoguchi_core::hours::model::{parse_date, BusinessHours, PeriodView};
use madoguchi_core::reservations::availability::{month_days, Busy, Need, Occupancy, ResourceSeats, Rules, StaffShifts, World};
use madoguchi_core::reservations::model::{AvailabilityQuery, Menu, Resource, ReservationSettings, Staff};
use madoguchi_core::reservations::{booking, setup};
use madoguchi_core::store::Store;

use super::Benchmark;
use crate::Ctx;
use crate::report::{Outcome, Row};
use crate::rounds::{Paired, ROUNDS};

pub const BENCH: Benchmark = Benchmark { name: "availability", run: |ctx| Box::pin(run(ctx)) };

const STAFF: usize = 10;
const RESOURCES: usize = 5;
const BOOKINGS: usize = 2_000;
const GOAL_MS: f64 = 50.0;
const RUNS_PER_ROUND: usize = 3;
const MONTH: &str = "2027-03";
const MIN: i64 = 60_000;

/// A small deterministic generator: the same shop every run.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

fn median_ms(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

async fn run(ctx: &Ctx) -> anyhow::Result<Outcome> {
    let dir = ctx.work.path().join("availability");
    let store = Store::open(&dir).await.context("open the store")?;
    let pool = &store.pool;
    let account_id = madoguchi_core::accounts::ensure(pool, "bench-availability", "ベンチ").await?.id;

    // Set-up through the same functions the API uses.
    let week: Vec<Vec<PeriodView>> =
        (0..7).map(|d| if d == 0 { vec![] } else { vec![PeriodView { start: "10:00".into(), end: "20:00".into() }] }).collect();
    let mut hours = BusinessHours::template();
    hours.weekly = week.clone();
    madoguchi_core::hours::store::set(pool, account_id, &hours).await?;
    for i in 0..STAFF {
        let s = Staff { id: 0, name: format!("スタッフ{i}"), color: "#336699".into(), weekly: week.clone(), days_off: vec![] };
        setup::save_staff(pool, account_id, &s).await?;
    }
    for i in 0..RESOURCES {
        setup::save_resource(pool, account_id, &Resource { id: 0, name: format!("席{i}"), kind: "seat".into(), capacity: 2 }).await?;
    }
    let menu = Menu {
        id: 0,
        name: "カット".into(),
        duration_minutes: 60,
        buffer_minutes: 15,
        price_yen: 5000,
        needs_staff: true,
        staff_ids: vec![],
        resource_kind: Some("seat".into()),
    };
    let menu_id = setup::save_menu(pool, account_id, &menu).await?[0].id;
    let settings = ReservationSettings { slot_minutes: 15, min_notice_minutes: 0, window_days: 120, ..Default::default() };
    setup::set_settings(pool, account_id, &settings).await?;
    let staff = setup::staff_shifts(pool, account_id).await?;
    let resources = setup::resource_seats(pool, account_id).await?;
    let (_, schedule) = hours.validate()?;

    // 2 000 bookings that respect staff and seats, placed by rejection sampling.
    let days: Vec<_> = month_days(parse_date(&format!("{MONTH}-01"))?)
        .into_iter()
        .filter(|d| !schedule.periods_on(*d, &JapaneseHolidays).is_empty())
        .collect();
    let day_start = |d: Date| -> anyhow::Result<i64> {
        let dt = d.to_datetime(Time::midnight());
        Ok(schedule.tz.to_ambiguous_timestamp(dt).compatible()?.as_millisecond())
    };
    let mut rng = Lcg(0x5EED);
    let mut placed: Vec<Busy> = Vec::with_capacity(BOOKINGS);
    let mut attempts = 0;
    while placed.len() < BOOKINGS && attempts < 1_000_000 {
        attempts += 1;
        let d = days[rng.next(days.len() as u64) as usize];
        let start = day_start(d)? + (600 + 15 * rng.next(36) as i64) * MIN;
        let len = (30 + 15 * rng.next(3) as i64) * MIN;
        let until = start + len + 10 * MIN;
        let s = &staff[rng.next(STAFF as u64) as usize];
        let r = &resources[rng.next(RESOURCES as u64) as usize];
        let occ = Occupancy::new(placed.iter().copied().filter(|b| b.start < until && b.until > start));
        if occ.staff_free(s.id, start, until) && occ.resource_fits(r, start, until, 1) {
            placed.push(Busy { staff_id: Some(s.id), resource_id: Some(r.id), start, until, party: 1 });
        }
    }
    anyhow::ensure!(placed.len() == BOOKINGS, "could only place {} bookings", placed.len());
    let mut tx = pool.begin().await?;
    for b in &placed {
        sqlx::query(
            "INSERT INTO reservations (account_id, customer_name, menus_json, staff_id, resource_id, start_at, end_at,
               buffer_minutes, busy_until, party_size, status, notes, source, created_at, updated_at)
             VALUES (?, 'ベンチ', '[]', ?, ?, ?, ?, 10, ?, 1, 'confirmed', '', 'owner', 0, 0)",
        )
        .bind(account_id)
        .bind(b.staff_id)
        .bind(b.resource_id)
        .bind(b.start)
        .bind(b.until - 10 * MIN)
        .bind(b.until)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;

    let now = day_start(days[0])? - 24 * 60 * MIN;
    let q = AvailabilityQuery { account_id, menu_ids: vec![menu_id], staff_id: None, party_size: 1, date: MONTH.into(), as_owner: false };
    let need = Need { duration_minutes: 60, buffer_minutes: 15, needs_staff: true, allowed_staff: None, resource_kind: Some("seat".into()), party: 1 };
    let rules = Rules { slot_minutes: 15, earliest: Some(now), latest: Some(now + 120 * 24 * 60 * MIN) };
    let all_days = month_days(parse_date(&format!("{MONTH}-01"))?);
    let (mut api_slots, mut engine_slots, mut naive_slots) = (0, 0, 0);
    // Rounds, A B A B …: ours (the whole API path, then the engine alone, each the median
    // of a few runs), then the peer, the naive minute scan, once (it is slow).
    let (mut api_vs, mut engine_vs) = (Paired::latency(), Paired::latency());
    for _ in 0..ROUNDS {
        let mut api_times = Vec::new();
        for _ in 0..RUNS_PER_ROUND {
            let t = Instant::now();
            let a = booking::availability_at(pool, &q, now).await?;
            api_times.push(t.elapsed().as_secs_f64() * 1000.0);
            api_slots = a.days.iter().map(|d| d.slots.len()).sum();
        }
        let mut engine_times = Vec::new();
        for _ in 0..RUNS_PER_ROUND {
            let t = Instant::now();
            let occupancy = Occupancy::new(placed.iter().copied());
            let world = World { schedule: &schedule, holidays: &JapaneseHolidays, staff: &staff, resources: &resources, occupancy: &occupancy };
            engine_slots = all_days.iter().map(|d| world.day(*d, &need, &rules, None).len()).sum();
            engine_times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        let t = Instant::now();
        naive_slots = naive_month(&all_days, &schedule, &staff, &resources, &placed, &need, &rules, &day_start)?;
        let naive = t.elapsed().as_secs_f64() * 1000.0;
        api_vs.push(median_ms(api_times), naive);
        engine_vs.push(median_ms(engine_times), naive);
    }
    anyhow::ensure!(
        api_slots == engine_slots && engine_slots == naive_slots,
        "free start times disagree: API {api_slots}, engine {engine_slots}, naive {naive_slots}"
    );

    let (api, engine, naive) = (api_vs.ours_median(), engine_vs.ours_median(), api_vs.peer_median());
    let fmt = |x: f64| format!("{x:.1} ms");
    Ok(Outcome {
        rows: vec![
            Row::info("availability: a month, 10 staff, 5 resources, 2 000 bookings (API incl. SQLite)", fmt(api))
                .paired(fmt(naive), &api_vs)
                .goal(format!("< {GOAL_MS:.0} ms"), api < GOAL_MS),
            Row::info("availability: the same, engine only (data in memory)", fmt(engine)).paired(fmt(naive), &engine_vs),
        ],
        notes: vec![format!(
            "availability: {api_slots} free start times in {MONTH}; {ROUNDS} rounds, each the median of {RUNS_PER_ROUND} runs of ours then one of the peer = a naive minute-by-minute scan over every booking (same answers, checked); API per round: {}",
            api_vs.per_round(fmt)
        )],
    })
}

/// Free start times of the month, the slow obvious way: every minute of every day,
/// on-grid check, then every staff member against every booking and every resource
/// minute by minute.
#[allow(clippy::too_many_arguments)]
fn naive_month(
    days: &[Date],
    schedule: &madoguchi_core::hours::Schedule,
    staff: &[StaffShifts],
    resources: &[ResourceSeats],
    bookings: &[Busy],
    need: &Need,
    rules: &Rules,
    day_start: &dyn Fn(Date) -> anyhow::Result<i64>,
) -> anyhow::Result<usize> {
    let dur = need.duration_minutes * MIN;
    let until_of = |t: i64| t + (need.duration_minutes + need.buffer_minutes) * MIN;
    let mut count = 0;
    for d in days {
        let base = day_start(*d)?;
        let periods: Vec<(i64, i64)> = schedule
            .periods_on(*d, &JapaneseHolidays)
            .iter()
            .filter_map(|p| {
                let (s, e) = p.on(*d)?;
                Some((schedule.tz.to_ambiguous_timestamp(s).compatible().ok()?.as_millisecond(), schedule.tz.to_ambiguous_timestamp(e).compatible().ok()?.as_millisecond()))
            })
            .collect();
        for m in 0..(24 * 60) {
            let t = base + m * MIN;
            let on_grid = periods.iter().any(|&(s, e)| t >= s && (t - s) % (rules.slot_minutes * MIN) == 0 && t + dur <= e);
            if !on_grid || rules.earliest.is_some_and(|e| t < e) || rules.latest.is_some_and(|l| t >= l) {
                continue;
            }
            let until = until_of(t);
            let staff_ok = staff.iter().any(|s| {
                let shift = s.weekly[d.weekday().to_sunday_zero_offset() as usize].iter().any(|p| {
                    p.on(*d).and_then(|(a, b)| {
                        let a = schedule.tz.to_ambiguous_timestamp(a).compatible().ok()?.as_millisecond();
                        let b = schedule.tz.to_ambiguous_timestamp(b).compatible().ok()?.as_millisecond();
                        Some(a <= t && t + dur <= b)
                    }) == Some(true)
                });
                shift && bookings.iter().all(|b| b.staff_id != Some(s.id) || b.until <= t || b.start >= until)
            });
            let seat_ok = resources.iter().any(|r| {
                let mut x = t;
                while x < until {
                    let load: i64 = bookings.iter().filter(|b| b.resource_id == Some(r.id) && b.start <= x && x < b.until).map(|b| b.party).sum();
                    if load + need.party > r.capacity {
                        return false;
                    }
                    x += MIN;
                }
                true
            });
            if staff_ok && seat_ok {
                count += 1;
            }
        }
    }
    Ok(count)
}
