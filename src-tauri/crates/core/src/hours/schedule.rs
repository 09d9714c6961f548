//! The hours engine: pure, no database. One weekly schedule with several periods a day,
//! periods that close after midnight, a rule for national holidays, one-off days, and
//! the shop's time zone. It answers "open now?", "when do we open next?" and "since
//! when have we been closed?" for any instant.
//!
//! Semantics:
//! - A period belongs to the day it starts on: Friday 18:00–翌2:00 makes Saturday 01:00
//!   open, whatever Saturday's own rule says. `end <= start` means the period ends the
//!   next day; `start == end` is a full 24 hours (00:00–24:00).
//! - Which periods a day has: a one-off override for that date wins; else, if the date
//!   is a national holiday, the holiday rule (closed, the usual weekday, or special
//!   periods); else the weekday's periods. So the holiday rule applies to the day a
//!   period starts on.
//! - Periods are wall-clock times in the shop's zone: the open intervals are the union
//!   of `[start, end)` of every period of every day, as instants.

use std::collections::BTreeMap;

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;
use jiff::Timestamp;

use crate::hours::holidays::{HolidayCalendar, JapaneseHolidays};

/// How far `next_opening` looks ahead and `current_closed_period_start` looks back.
pub const HORIZON_DAYS: i32 = 400;

/// One opening period, e.g. 11:00–14:00 or 18:00–翌2:00.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub start: Time,
    /// On the start day when after `start`; else (`end <= start`) on the next day.
    pub end: Time,
}

impl Period {
    pub fn new(start: Time, end: Time) -> Period {
        Period { start, end }
    }

    /// Ends on the day after it starts (including the 24-hour period).
    pub fn crosses_midnight(&self) -> bool {
        self.end <= self.start
    }

    /// Local start and end of this period on `date`; None at the edges of the calendar.
    pub fn on(&self, date: Date) -> Option<(DateTime, DateTime)> {
        let end_date = if self.crosses_midnight() { date.tomorrow().ok()? } else { date };
        Some((date.to_datetime(self.start), end_date.to_datetime(self.end)))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HolidayRule {
    /// Closed on national holidays.
    Closed,
    /// Holidays are ordinary days: the weekday's periods apply.
    Open,
    /// Holidays have their own periods.
    Special(Vec<Period>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DayRule {
    Closed,
    Periods(Vec<Period>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    pub tz: TimeZone,
    /// Index = days from Sunday (0 = Sunday … 6 = Saturday), like JavaScript's getDay().
    pub weekly: [Vec<Period>; 7],
    pub holidays: HolidayRule,
    /// One-off closures and special days; they win over the weekly and holiday rules.
    pub overrides: BTreeMap<Date, DayRule>,
}

impl Schedule {
    /// A schedule that is never open, in `tz`.
    pub fn closed(tz: TimeZone) -> Schedule {
        Schedule { tz, weekly: Default::default(), holidays: HolidayRule::Closed, overrides: BTreeMap::new() }
    }

    /// The periods that start on `date`.
    pub fn periods_on<'a>(&'a self, date: Date, holidays: &dyn HolidayCalendar) -> &'a [Period] {
        if let Some(rule) = self.overrides.get(&date) {
            return match rule {
                DayRule::Closed => &[],
                DayRule::Periods(p) => p,
            };
        }
        let weekday = &self.weekly[date.weekday().to_sunday_zero_offset() as usize];
        if holidays.is_holiday(date) {
            return match &self.holidays {
                HolidayRule::Closed => &[],
                HolidayRule::Open => weekday,
                HolidayRule::Special(p) => p,
            };
        }
        weekday
    }

    /// The open intervals `[start, end)` of the periods starting on `date`, by start.
    fn intervals_on(&self, date: Date, holidays: &dyn HolidayCalendar) -> Vec<(Timestamp, Timestamp)> {
        let mut out: Vec<_> = self
            .periods_on(date, holidays)
            .iter()
            .filter_map(|p| {
                let (s, e) = p.on(date)?;
                let s = self.tz.to_ambiguous_timestamp(s).compatible().ok()?;
                let e = self.tz.to_ambiguous_timestamp(e).compatible().ok()?;
                (s < e).then_some((s, e))
            })
            .collect();
        out.sort();
        out
    }

    fn local_date(&self, at: Timestamp) -> Date {
        self.tz.to_datetime(at).date()
    }

    pub fn is_open(&self, at: Timestamp) -> bool {
        self.is_open_in(&JapaneseHolidays, at)
    }

    pub fn next_opening(&self, at: Timestamp) -> Option<Timestamp> {
        self.next_opening_in(&JapaneseHolidays, at)
    }

    pub fn current_closed_period_start(&self, at: Timestamp) -> Option<Timestamp> {
        self.current_closed_period_start_in(&JapaneseHolidays, at)
    }

    /// Open at `at`? Only periods of the local day and the day before can cover it.
    pub fn is_open_in(&self, holidays: &dyn HolidayCalendar, at: Timestamp) -> bool {
        let today = self.local_date(at);
        let days = [today.yesterday().ok(), Some(today)];
        days.into_iter()
            .flatten()
            .any(|d| self.intervals_on(d, holidays).iter().any(|&(s, e)| s <= at && at < e))
    }

    /// The next instant at or after `at` when the shop goes from closed to open. When
    /// open at `at`, that is the opening after the current open stretch ends (periods
    /// that touch or overlap make one stretch). None if there is none within the horizon.
    pub fn next_opening_in(&self, holidays: &dyn HolidayCalendar, at: Timestamp) -> Option<Timestamp> {
        let mut day = self.local_date(at).yesterday().ok()?;
        // Interval merging over intervals sorted by start: day by day they are, because
        // a period starts on its own day.
        let mut stretch_end: Option<Timestamp> = None;
        for _ in 0..=HORIZON_DAYS + 1 {
            for (s, e) in self.intervals_on(day, holidays) {
                match stretch_end {
                    Some(end) if s <= end => stretch_end = Some(end.max(e)),
                    _ => {
                        if s >= at {
                            return Some(s);
                        }
                        stretch_end = Some(e);
                    }
                }
            }
            day = day.tomorrow().ok()?;
        }
        None
    }

    /// When closed at `at`: the instant the current closed period began (the end of the
    /// last open stretch), the key of "once per closed period". `Timestamp::MIN` when no
    /// opening is found within the horizon back. None when open.
    pub fn current_closed_period_start_in(&self, holidays: &dyn HolidayCalendar, at: Timestamp) -> Option<Timestamp> {
        if self.is_open_in(holidays, at) {
            return None;
        }
        let mut day = self.local_date(at);
        let mut best: Option<Timestamp> = None;
        let mut found_at: Option<i32> = None;
        for i in 0..=HORIZON_DAYS {
            // Closed at `at`: every interval either ended by `at` or starts after it.
            for (_, e) in self.intervals_on(day, holidays) {
                if e <= at {
                    best = Some(best.map_or(e, |b| b.max(e)));
                }
            }
            match found_at {
                // The day before the one with the latest end can still end later (past
                // midnight); two days before cannot.
                Some(f) if i > f => break,
                None if best.is_some() => found_at = Some(i),
                _ => {}
            }
            day = match day.yesterday() {
                Ok(d) => d,
                Err(_) => break,
            };
        }
        Some(best.unwrap_or(Timestamp::MIN))
    }
}
