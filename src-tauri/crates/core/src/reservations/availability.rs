//! The availability engine: pure, no database. Given business hours (the `hours`
//! engine's `Schedule`), staff shifts, resources and the bookings already made, it
//! answers "which start times are free for these menus on this day?" and picks the
//! staff member and resource for each.
//!
//! Semantics (the property tests in `tests/reservations_availability.rs` check them
//! against a brute-force oracle):
//! - A booking occupies its staff member and resource from its start until its end
//!   plus the cleanup buffer (`[start, end + buffer)`).
//! - Offered start times lie on the slot grid counted from the start of each open
//!   period of the day (periods belong to the day they start, so 18:00–翌2:00 slots are
//!   Friday's), and the service itself (`[start, end)`) fits inside that one period.
//!   The buffer may run past closing time.
//! - A staff member can take it when the service fits inside one of their shifts (a
//!   shift belongs to the day it starts; a day off cancels that day's shifts), they may
//!   do every menu, and nothing else of theirs overlaps the busy time.
//! - A resource of the menus' kind can take it when, at every instant of the busy time,
//!   the party sizes of the overlapping bookings plus this party fit its seats.
//! - Customers (not the owner) also need `start >= now + minimum notice` and
//!   `start < now + booking window`.

use std::collections::{BTreeSet, HashMap};

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::Timestamp;

use crate::hours::holidays::HolidayCalendar;
use crate::hours::schedule::{Period, Schedule};

const MINUTE_MS: i64 = 60_000;

/// A staff member's working pattern.
#[derive(Debug, Clone)]
pub struct StaffShifts {
    pub id: i64,
    pub weekly: [Vec<Period>; 7],
    pub days_off: BTreeSet<Date>,
}

#[derive(Debug, Clone)]
pub struct ResourceSeats {
    pub id: i64,
    pub kind: String,
    pub capacity: i64,
}

/// An existing active booking as the engine sees it: busy from `start` to `until` (ms).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Busy {
    pub staff_id: Option<i64>,
    pub resource_id: Option<i64>,
    pub start: i64,
    pub until: i64,
    pub party: i64,
}

/// What the booking needs, from its menus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Need {
    pub duration_minutes: i64,
    pub buffer_minutes: i64,
    pub needs_staff: bool,
    /// None = anyone may do it.
    pub allowed_staff: Option<BTreeSet<i64>>,
    pub resource_kind: Option<String>,
    pub party: i64,
}

/// Booking rules for customers; the owner books without them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rules {
    pub slot_minutes: i64,
    /// Earliest allowed start (ms), from the minimum notice.
    pub earliest: Option<i64>,
    /// Starts must be before this (ms), from the booking window.
    pub latest: Option<i64>,
}

/// Who would take a start time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Offer {
    pub start: i64,
    pub end: i64,
    pub staff_id: Option<i64>,
    pub resource_id: Option<i64>,
}

/// Existing bookings, by staff member and by resource, sorted by start for range look-ups.
#[derive(Debug, Default)]
pub struct Occupancy {
    staff: HashMap<i64, Lane>,
    resources: HashMap<i64, Lane>,
}

#[derive(Debug, Default)]
struct Lane {
    /// (start, until, party), by start.
    items: Vec<(i64, i64, i64)>,
    longest: i64,
}

impl Lane {
    fn push(&mut self, start: i64, until: i64, party: i64) {
        self.items.push((start, until, party));
        self.longest = self.longest.max(until - start);
    }

    fn overlapping(&self, from: i64, to: i64) -> impl Iterator<Item = (i64, i64, i64)> + '_ {
        // Items starting before `to`; of those only the ones starting after
        // `from - longest` can still reach past `from`.
        let hi = self.items.partition_point(|&(s, _, _)| s < to);
        let lo = self.items[..hi].partition_point(|&(s, _, _)| s < from - self.longest);
        self.items[lo..hi].iter().copied().filter(move |&(s, u, _)| s < to && u > from)
    }
}

impl Occupancy {
    pub fn new(bookings: impl IntoIterator<Item = Busy>) -> Occupancy {
        let mut o = Occupancy::default();
        for b in bookings {
            if b.until <= b.start {
                continue;
            }
            if let Some(s) = b.staff_id {
                o.staff.entry(s).or_default().push(b.start, b.until, b.party);
            }
            if let Some(r) = b.resource_id {
                o.resources.entry(r).or_default().push(b.start, b.until, b.party);
            }
        }
        for lane in o.staff.values_mut().chain(o.resources.values_mut()) {
            lane.items.sort_unstable();
        }
        o
    }

    pub fn staff_free(&self, staff_id: i64, from: i64, to: i64) -> bool {
        self.staff.get(&staff_id).is_none_or(|l| l.overlapping(from, to).next().is_none())
    }

    /// The most seats taken at any instant of `[from, to)`.
    pub fn peak_seats(&self, resource_id: i64, from: i64, to: i64) -> i64 {
        match self.resources.get(&resource_id) {
            Some(l) => peak_load(l.overlapping(from, to).map(|(s, u, p)| (s.max(from), u.min(to), p))),
            None => 0,
        }
    }

    pub fn resource_fits(&self, r: &ResourceSeats, from: i64, to: i64, party: i64) -> bool {
        party <= r.capacity && self.peak_seats(r.id, from, to) + party <= r.capacity
    }
}

/// The maximum over time of the summed loads of half-open intervals.
pub fn peak_load(intervals: impl Iterator<Item = (i64, i64, i64)>) -> i64 {
    let mut events: Vec<(i64, i64)> = Vec::new();
    for (s, u, p) in intervals {
        if u > s {
            events.push((s, p));
            events.push((u, -p));
        }
    }
    // Ends sort before starts at the same instant: [a, b) and [b, c) do not overlap.
    events.sort_unstable_by_key(|&(t, d)| (t, d));
    let (mut load, mut peak) = (0i64, 0i64);
    for (_, d) in events {
        load += d;
        peak = peak.max(load);
    }
    peak
}

/// Everything the engine reads; built once per query.
pub struct World<'a> {
    pub schedule: &'a Schedule,
    pub holidays: &'a (dyn HolidayCalendar + Sync),
    /// In the order the shop lists them: the first free one is chosen.
    pub staff: &'a [StaffShifts],
    pub resources: &'a [ResourceSeats],
    pub occupancy: &'a Occupancy,
}

impl World<'_> {
    fn tz(&self) -> &TimeZone {
        &self.schedule.tz
    }

    /// The instants `[start, end)` of `periods` taken as starting on `date`.
    fn intervals(&self, periods: &[Period], date: Date) -> Vec<(i64, i64)> {
        periods
            .iter()
            .filter_map(|p| {
                let (s, e) = p.on(date)?;
                let s = self.tz().to_ambiguous_timestamp(s).compatible().ok()?.as_millisecond();
                let e = self.tz().to_ambiguous_timestamp(e).compatible().ok()?.as_millisecond();
                (s < e).then_some((s, e))
            })
            .collect()
    }

    fn local_date(&self, ms: i64) -> Option<Date> {
        Some(self.tz().to_datetime(Timestamp::from_millisecond(ms).ok()?).date())
    }

    /// Does `[start, end)` fit inside one of the staff member's shifts?
    pub fn in_shift(&self, staff: &StaffShifts, start: i64, end: i64) -> bool {
        let Some(today) = self.local_date(start) else { return false };
        self.shift_intervals(staff, today.yesterday().ok(), Some(today)).iter().any(|&(s, e)| s <= start && end <= e)
    }

    /// The shift instants of the days given (a day off has none).
    fn shift_intervals(&self, staff: &StaffShifts, a: Option<Date>, b: Option<Date>) -> Vec<(i64, i64)> {
        let mut out = Vec::new();
        for d in [a, b].into_iter().flatten() {
            if !staff.days_off.contains(&d) {
                out.extend(self.intervals(&staff.weekly[d.weekday().to_sunday_zero_offset() as usize], d));
            }
        }
        out
    }

    fn staff_candidates<'s>(&'s self, need: &'s Need, wanted: Option<i64>) -> impl Iterator<Item = (usize, &'s StaffShifts)> + 's {
        self.staff.iter().enumerate().filter(move |(_, s)| {
            wanted.is_none_or(|w| w == s.id) && need.allowed_staff.as_ref().is_none_or(|a| a.contains(&s.id))
        })
    }

    fn resource_candidates(&self, need: &Need, wanted: Option<i64>) -> Vec<&ResourceSeats> {
        let Some(kind) = &need.resource_kind else { return vec![] };
        let mut v: Vec<&ResourceSeats> = self
            .resources
            .iter()
            .filter(|r| &r.kind == kind && wanted.is_none_or(|w| w == r.id) && r.capacity >= need.party)
            .collect();
        // Best fit: the smallest table that seats the party keeps big ones for big parties.
        v.sort_by_key(|r| r.capacity);
        v
    }

    /// Picks a staff member and a resource free for `[start, end)` (+ buffer). With
    /// `require_shift` the staff member must be working then.
    pub fn assign(
        &self,
        need: &Need,
        start: i64,
        end: i64,
        staff: Option<i64>,
        resource: Option<i64>,
        require_shift: bool,
    ) -> Option<Offer> {
        let shift = |_: usize, s: &StaffShifts| !require_shift || self.in_shift(s, start, end);
        self.assign_with(need, start, end, staff, resource, &shift)
    }

    fn assign_with(
        &self,
        need: &Need,
        start: i64,
        end: i64,
        staff: Option<i64>,
        resource: Option<i64>,
        shift_ok: &dyn Fn(usize, &StaffShifts) -> bool,
    ) -> Option<Offer> {
        let until = end + need.buffer_minutes * MINUTE_MS;
        let pick_resource = || -> Option<Option<i64>> {
            if need.resource_kind.is_none() {
                return Some(None);
            }
            self.resource_candidates(need, resource)
                .into_iter()
                .find(|r| self.occupancy.resource_fits(r, start, until, need.party))
                .map(|r| Some(r.id))
        };
        if !need.needs_staff {
            let resource_id = pick_resource()?;
            return Some(Offer { start, end, staff_id: None, resource_id });
        }
        for (i, s) in self.staff_candidates(need, staff) {
            if !shift_ok(i, s) || !self.occupancy.staff_free(s.id, start, until) {
                continue;
            }
            let resource_id = pick_resource()?;
            return Some(Offer { start, end, staff_id: Some(s.id), resource_id });
        }
        None
    }

    /// The grid of start times of `date` that fit the opening periods and the rules,
    /// before looking at staff and seats.
    pub fn candidate_starts(&self, date: Date, need: &Need, rules: &Rules) -> Vec<i64> {
        let step = rules.slot_minutes.max(1) * MINUTE_MS;
        let duration = need.duration_minutes * MINUTE_MS;
        let mut out = Vec::new();
        for (ps, pe) in self.intervals(self.schedule.periods_on(date, self.holidays), date) {
            let mut t = ps;
            while t + duration <= pe {
                let early = rules.earliest.is_some_and(|e| t < e);
                let late = rules.latest.is_some_and(|l| t >= l);
                if !early && !late {
                    out.push(t);
                }
                t += step;
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Free start times on `date` (periods starting that day), each with its assignment.
    pub fn day(&self, date: Date, need: &Need, rules: &Rules, staff: Option<i64>) -> Vec<Offer> {
        let duration = need.duration_minutes * MINUTE_MS;
        let starts = self.candidate_starts(date, need, rules);
        if starts.is_empty() {
            return Vec::new();
        }
        // Starts fall on `date` or, for periods past midnight, the day after: the shifts
        // that can cover them start on the day before, `date` or the day after. Worked
        // out once per day, not once per start time.
        let (before, after) = (date.yesterday().ok(), date.tomorrow().ok());
        let shifts: Vec<Vec<(i64, i64)>> = self
            .staff
            .iter()
            .map(|s| {
                let mut v = self.shift_intervals(s, before, Some(date));
                v.extend(self.shift_intervals(s, after, None));
                v
            })
            .collect();
        starts
            .into_iter()
            .filter_map(|t| {
                let end = t + duration;
                let shift = |i: usize, _: &StaffShifts| shifts[i].iter().any(|&(s, e)| s <= t && end <= e);
                self.assign_with(need, t, end, staff, None, &shift)
            })
            .collect()
    }

    /// Is `start` offered to a customer (with the wanted staff and resource, if any)?
    pub fn offer_at(
        &self,
        start: i64,
        need: &Need,
        rules: &Rules,
        staff: Option<i64>,
        resource: Option<i64>,
    ) -> Option<Offer> {
        let today = self.local_date(start)?;
        let duration = need.duration_minutes * MINUTE_MS;
        [today.yesterday().ok(), Some(today)]
            .into_iter()
            .flatten()
            .any(|d| self.candidate_starts(d, need, rules).contains(&start))
            .then(|| self.assign(need, start, start + duration, staff, resource, true))
            .flatten()
    }
}

/// The days of the month `date` is in.
pub fn month_days(date: Date) -> Vec<Date> {
    let first = date.first_of_month();
    (0..first.days_in_month())
        .filter_map(|i| first.checked_add(jiff::Span::new().days(i64::from(i))).ok())
        .collect()
}
