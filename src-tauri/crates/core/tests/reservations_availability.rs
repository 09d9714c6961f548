//! The availability engine against a brute-force oracle over random shops: random
//! hours (past midnight included), holidays, staff shifts and days off, resources with
//! seats, existing bookings with buffers, menus and rules. The oracle scans every
//! minute of two days and checks each constraint directly (pairwise overlaps, seat
//! counts minute by minute), sharing no code with the engine's sweep and index.

use std::collections::BTreeSet;

use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use madoguchi_core::hours::{DayRule, HolidayRule, Period, Schedule};
use madoguchi_core::reservations::availability::{Busy, Need, Occupancy, ResourceSeats, Rules, StaffShifts, World};
use proptest::prelude::*;

const MIN: i64 = 60_000;
/// The day under test; random holidays and days off fall on DAY - 1 or DAY.
const DAY: Date = Date::constant(2026, 3, 20);
const KINDS: [&str; 2] = ["chair", "room"];

fn period(a: u16, b: u16) -> Period {
    let t = |q: u16| Time::new((q / 4) as i8, ((q % 4) * 15) as i8, 0, 0).expect("time");
    Period::new(t(a), t(b))
}

fn arb_periods(max: usize) -> impl Strategy<Value = Vec<Period>> {
    proptest::collection::vec((0u16..96, 0u16..96).prop_map(|(a, b)| period(a, b)), 0..=max)
}

fn arb_week(max: usize) -> impl Strategy<Value = [Vec<Period>; 7]> {
    proptest::collection::vec(arb_periods(max), 7).prop_map(|v| v.try_into().expect("seven days"))
}

#[derive(Debug, Clone)]
struct Case {
    schedule: Schedule,
    holidays: BTreeSet<Date>,
    staff: Vec<StaffShifts>,
    resources: Vec<ResourceSeats>,
    bookings: Vec<Busy>,
    need: Need,
    rules: Rules,
}

fn ms(tz: &TimeZone, d: Date, minute: i64) -> i64 {
    let base = tz.to_timestamp(d.to_datetime(Time::midnight())).expect("instant").as_millisecond();
    base + minute * MIN
}

fn arb_case() -> impl Strategy<Value = Case> {
    let tz = prop_oneof![Just("Asia/Tokyo"), Just("UTC")];
    let holiday_rule = prop_oneof![Just(HolidayRule::Closed), Just(HolidayRule::Open), arb_periods(2).prop_map(HolidayRule::Special)];
    let staff = proptest::collection::vec((arb_week(2), any::<bool>(), any::<bool>()), 0..=4);
    let resources = proptest::collection::vec((0usize..2, 1i64..=4), 0..=3);
    // Existing bookings: start minute from DAY-1 00:00 (0..4320 spans three days), length, buffer, party, who.
    let bookings = proptest::collection::vec(
        (0i64..(3 * 288), 1i64..=36, 0i64..=6, 1i64..=3, proptest::option::of(0usize..4), proptest::option::of(0usize..3)),
        0..=14,
    );
    let need = (
        1i64..=24,
        0i64..=6,
        any::<bool>(),
        proptest::option::of(proptest::collection::btree_set(0usize..4, 0..=3)),
        proptest::option::of(0usize..2),
        1i64..=4,
    );
    let rules = (
        prop_oneof![Just(5i64), Just(10), Just(15), Just(30)],
        proptest::option::of(0i64..(2 * 1440)),
        proptest::option::of(0i64..(3 * 1440)),
    );
    (tz, arb_week(3), holiday_rule, proptest::option::of(arb_periods(2)), any::<(bool, bool)>(), staff, resources, bookings, need, rules)
        .prop_map(|(tz, weekly, holidays, override_day, (hol_before, hol_day), staff, resources, bookings, need, rules)| {
            let tz = TimeZone::get(tz).expect("zone");
            let mut schedule = Schedule { tz: tz.clone(), weekly, holidays, overrides: Default::default() };
            if let Some(p) = override_day {
                let rule = if p.is_empty() { DayRule::Closed } else { DayRule::Periods(p) };
                schedule.overrides.insert(DAY, rule);
            }
            let mut holidays = BTreeSet::new();
            if hol_before {
                holidays.insert(DAY.yesterday().expect("date"));
            }
            if hol_day {
                holidays.insert(DAY);
            }
            let staff: Vec<StaffShifts> = staff
                .into_iter()
                .enumerate()
                .map(|(i, (weekly, off_before, off_day))| {
                    let mut days_off = BTreeSet::new();
                    if off_before {
                        days_off.insert(DAY.yesterday().expect("date"));
                    }
                    if off_day && i % 2 == 0 {
                        days_off.insert(DAY);
                    }
                    StaffShifts { id: 100 + i as i64, weekly, days_off }
                })
                .collect();
            let resources: Vec<ResourceSeats> = resources
                .into_iter()
                .enumerate()
                .map(|(i, (k, c))| ResourceSeats { id: 200 + i as i64, kind: KINDS[k].into(), capacity: c })
                .collect();
            let day_before = DAY.yesterday().expect("date");
            let bookings = bookings
                .into_iter()
                .map(|(start5, len5, buf5, party, s, r)| {
                    let start = ms(&tz, day_before, start5 * 5);
                    Busy {
                        staff_id: s.filter(|s| *s < staff.len()).map(|s| 100 + s as i64),
                        resource_id: r.filter(|r| *r < resources.len()).map(|r| 200 + r as i64),
                        start,
                        until: start + (len5 + buf5) * 5 * MIN,
                        party,
                    }
                })
                .collect();
            let (dur5, buf5, needs_staff, allowed, kind, party) = need;
            let kind = if needs_staff { kind } else { Some(kind.unwrap_or(0)) };
            let need = Need {
                duration_minutes: dur5 * 5,
                buffer_minutes: buf5 * 5,
                needs_staff,
                allowed_staff: allowed.map(|a| a.into_iter().map(|i| 100 + i as i64).collect()),
                resource_kind: kind.map(|k| KINDS[k].to_string()),
                party,
            };
            let (step, earliest, latest) = rules;
            let rules = Rules {
                slot_minutes: step,
                earliest: earliest.map(|m| ms(&tz, day_before, m)),
                latest: latest.map(|m| ms(&tz, day_before, m)),
            };
            Case { schedule, holidays, staff, resources, bookings, need, rules }
        })
}

// ---------------------------------------------------------------------------------
// The oracle

struct Oracle<'a> {
    c: &'a Case,
}

impl Oracle<'_> {
    fn local(&self, d: Date, p: &Period) -> (i64, i64) {
        let tz = &self.c.schedule.tz;
        let s = ms(tz, d, i64::from(p.start.hour()) * 60 + i64::from(p.start.minute()));
        let mut e = ms(tz, d, i64::from(p.end.hour()) * 60 + i64::from(p.end.minute()));
        if p.end <= p.start {
            e += 1440 * MIN;
        }
        (s, e)
    }

    fn day_periods(&self, d: Date) -> Vec<(i64, i64)> {
        let s = &self.c.schedule;
        let periods: &[Period] = match s.overrides.get(&d) {
            Some(DayRule::Closed) => &[],
            Some(DayRule::Periods(p)) => p,
            None => {
                let weekday = &s.weekly[d.weekday().to_sunday_zero_offset() as usize];
                if self.c.holidays.contains(&d) {
                    match &s.holidays {
                        HolidayRule::Closed => &[],
                        HolidayRule::Open => weekday,
                        HolidayRule::Special(p) => p,
                    }
                } else {
                    weekday
                }
            }
        };
        periods.iter().map(|p| self.local(d, p)).collect()
    }

    fn on_grid(&self, t: i64) -> bool {
        let dur = self.c.need.duration_minutes * MIN;
        let step = self.c.rules.slot_minutes * MIN;
        self.day_periods(DAY).iter().any(|&(s, e)| t >= s && (t - s) % step == 0 && t + dur <= e)
    }

    fn rules_ok(&self, t: i64) -> bool {
        self.c.rules.earliest.is_none_or(|e| t >= e) && self.c.rules.latest.is_none_or(|l| t < l)
    }

    fn staff_ok(&self, s: &StaffShifts, t: i64) -> bool {
        let n = &self.c.need;
        let (end, until) = (t + n.duration_minutes * MIN, t + (n.duration_minutes + n.buffer_minutes) * MIN);
        let allowed = n.allowed_staff.as_ref().is_none_or(|a| a.contains(&s.id));
        let in_shift = [DAY.yesterday().expect("date"), DAY, DAY.tomorrow().expect("date")].iter().any(|d| {
            !s.days_off.contains(d)
                && s.weekly[d.weekday().to_sunday_zero_offset() as usize]
                    .iter()
                    .map(|p| self.local(*d, p))
                    .any(|(a, b)| a <= t && end <= b)
        });
        let free = self.c.bookings.iter().all(|b| b.staff_id != Some(s.id) || b.until <= t || b.start >= until);
        allowed && in_shift && free
    }

    fn resource_ok(&self, r: &ResourceSeats, t: i64) -> bool {
        let n = &self.c.need;
        if Some(&r.kind) != n.resource_kind.as_ref() || r.capacity < n.party {
            return false;
        }
        let until = t + (n.duration_minutes + n.buffer_minutes) * MIN;
        let mut m = t;
        // Bookings start on 5-minute marks, so checking every minute is exhaustive.
        while m < until {
            let load: i64 = self
                .c
                .bookings
                .iter()
                .filter(|b| b.resource_id == Some(r.id) && b.start <= m && m < b.until)
                .map(|b| b.party)
                .sum();
            if load + n.party > r.capacity {
                return false;
            }
            m += MIN;
        }
        true
    }

    fn bookable(&self, t: i64) -> bool {
        let n = &self.c.need;
        let staff = !n.needs_staff || self.c.staff.iter().any(|s| self.staff_ok(s, t));
        let seat = n.resource_kind.is_none() || self.c.resources.iter().any(|r| self.resource_ok(r, t));
        self.on_grid(t) && self.rules_ok(t) && staff && seat
    }
}

fn check(c: &Case) -> Result<(), TestCaseError> {
    let occupancy = Occupancy::new(c.bookings.iter().copied());
    let world = World { schedule: &c.schedule, holidays: &c.holidays, staff: &c.staff, resources: &c.resources, occupancy: &occupancy };
    let offers = world.day(DAY, &c.need, &c.rules, None);
    let offered: BTreeSet<i64> = offers.iter().map(|o| o.start).collect();
    prop_assert_eq!(offered.len(), offers.len(), "a start offered twice");

    let oracle = Oracle { c };
    let tz = &c.schedule.tz;
    let mut expected = BTreeSet::new();
    // Every minute from DAY 00:00 to DAY+2 00:00 (a period starting on DAY ends by then).
    for m in 0..(2 * 1440) {
        let t = ms(tz, DAY, m);
        if oracle.bookable(t) {
            expected.insert(t);
        }
    }
    prop_assert_eq!(&offered, &expected, "offered starts differ from the brute force");

    for o in &offers {
        prop_assert_eq!(o.end, o.start + c.need.duration_minutes * MIN);
        // The assignment itself satisfies every constraint…
        match o.staff_id {
            Some(id) => {
                let s = c.staff.iter().find(|s| s.id == id).expect("known staff");
                prop_assert!(c.need.needs_staff && oracle.staff_ok(s, o.start), "staff {} cannot take {}", id, o.start);
            }
            None => prop_assert!(!c.need.needs_staff),
        }
        match o.resource_id {
            Some(id) => {
                let r = c.resources.iter().find(|r| r.id == id).expect("known resource");
                prop_assert!(oracle.resource_ok(r, o.start), "resource {} cannot take {}", id, o.start);
            }
            None => prop_assert!(c.need.resource_kind.is_none()),
        }
        // …so booking it leaves no double booking: the engine refuses the same again
        // when a staff member or the last seats were taken.
        let mut after = c.bookings.clone();
        after.push(Busy {
            staff_id: o.staff_id,
            resource_id: o.resource_id,
            start: o.start,
            until: o.end + c.need.buffer_minutes * MIN,
            party: c.need.party,
        });
        let occ2 = Occupancy::new(after.iter().copied());
        let until = o.end + c.need.buffer_minutes * MIN;
        if let Some(id) = o.staff_id {
            prop_assert!(!occ2.staff_free(id, o.start, until));
        }
        if let Some(id) = o.resource_id {
            let r = c.resources.iter().find(|r| r.id == id).expect("known resource");
            prop_assert!(occ2.peak_seats(id, o.start, until) <= r.capacity, "over capacity after booking");
        }
        // And asking for exactly that start says yes with the same assignment.
        prop_assert_eq!(world.offer_at(o.start, &c.need, &c.rules, o.staff_id, o.resource_id).map(|x| x.start), Some(o.start));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn offered_starts_are_exactly_the_bookable_ones(c in arb_case()) {
        check(&c)?;
    }

    #[test]
    fn asking_for_one_staff_member_offers_a_subset_with_them(c in arb_case()) {
        let occupancy = Occupancy::new(c.bookings.iter().copied());
        let world = World { schedule: &c.schedule, holidays: &c.holidays, staff: &c.staff, resources: &c.resources, occupancy: &occupancy };
        let all: BTreeSet<i64> = world.day(DAY, &c.need, &c.rules, None).iter().map(|o| o.start).collect();
        for s in &c.staff {
            for o in world.day(DAY, &c.need, &c.rules, Some(s.id)) {
                prop_assert!(all.contains(&o.start));
                if c.need.needs_staff {
                    prop_assert_eq!(o.staff_id, Some(s.id));
                }
            }
        }
    }
}

/// The cases people ask about by name, on a fixed shop: 10:00–19:00, one stylist
/// working 10:00–15:00, one chair, a 60-minute cut with 15 minutes of cleanup.
#[test]
fn buffer_shift_and_capacity_by_example() {
    let tz = TimeZone::get("Asia/Tokyo").expect("zone");
    let open = vec![period(40, 76)];
    let schedule = Schedule {
        tz: tz.clone(),
        weekly: [open.clone(), open.clone(), open.clone(), open.clone(), open.clone(), open.clone(), open],
        holidays: HolidayRule::Open,
        overrides: Default::default(),
    };
    let shift = vec![period(40, 60)];
    let staff = vec![StaffShifts {
        id: 1,
        weekly: [shift.clone(), shift.clone(), shift.clone(), shift.clone(), shift.clone(), shift.clone(), shift],
        days_off: BTreeSet::new(),
    }];
    let resources = vec![ResourceSeats { id: 9, kind: "chair".into(), capacity: 1 }];
    let at = |h: i64, m: i64| ms(&tz, DAY, h * 60 + m);
    // Booked 11:00–12:00 (+15 min cleanup → busy until 12:15).
    let bookings = [Busy { staff_id: Some(1), resource_id: Some(9), start: at(11, 0), until: at(12, 15), party: 1 }];
    let occupancy = Occupancy::new(bookings);
    let holidays = BTreeSet::new();
    let world = World { schedule: &schedule, holidays: &holidays, staff: &staff, resources: &resources, occupancy: &occupancy };
    let need = Need {
        duration_minutes: 60,
        buffer_minutes: 15,
        needs_staff: true,
        allowed_staff: None,
        resource_kind: Some("chair".into()),
        party: 1,
    };
    let rules = Rules { slot_minutes: 15, earliest: None, latest: None };
    let starts: Vec<i64> = world.day(DAY, &need, &rules, None).iter().map(|o| o.start).collect();
    // 10:00 would run into the 11:00 booking with its cleanup (10:00–11:15 busy);
    // 9:45 is before opening; after 12:15 until the shift ends at 15:00 (last start 14:00).
    assert_eq!(starts, vec![at(12, 15), at(12, 30), at(12, 45), at(13, 0), at(13, 15), at(13, 30), at(13, 45), at(14, 0)]);
    // A party of two never fits a one-seat chair.
    let two = Need { party: 2, ..need.clone() };
    assert!(world.day(DAY, &two, &rules, None).is_empty());
}
