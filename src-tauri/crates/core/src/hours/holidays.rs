//! Japanese national holidays (国民の祝日, 振替休日, 国民の休日).
//!
//! Source: the `jpholiday` crate, pinned to 0.1.4. Why this one:
//! - It derives the holidays from the Holidays Act itself (fixed days, Happy Monday
//!   rules, the equinox formula, 振替休日 including the Golden Week case where 5/6 is
//!   the substitute, and the 国民の休日 sandwiched between two holidays), so it is not
//!   a hand-typed list that runs out: 2026-05-06 (振替休日), 2026-09-22 (国民の休日)
//!   and 2027-03-22 (振替休日) come out right, and so do later years until the law changes.
//! - Newer releases (0.2.x) need Rust 1.96; our toolchain is 1.95. The other candidate,
//!   `holiday_jp`, downloads its data over the network at run time with a 2016 HTTP
//!   stack, which a shop PC without a connection (and our builds) cannot rely on.
//! - Known gap: it lacks the one-off Olympic moves of 2021 (海の日 7/22, スポーツの日
//!   7/23, 山の日 8/8–9). The engine only looks forward from now, so past years do not
//!   matter; a future one-off law would be added here as an extra date.
//!   `tests/hours.rs` checks the years we rely on (through 2027) against the Cabinet
//!   Office's published list.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, OnceLock};

use jiff::civil::Date;

/// Answers "is this date a holiday?"; the engine takes it as a parameter so tests can
/// use random holidays.
pub trait HolidayCalendar {
    fn is_holiday(&self, date: Date) -> bool;
}

impl HolidayCalendar for std::collections::BTreeSet<Date> {
    fn is_holiday(&self, date: Date) -> bool {
        self.contains(&date)
    }
}

impl HolidayCalendar for HashSet<Date> {
    fn is_holiday(&self, date: Date) -> bool {
        self.contains(&date)
    }
}

/// No holidays at all.
pub struct NoHolidays;

impl HolidayCalendar for NoHolidays {
    fn is_holiday(&self, _: Date) -> bool {
        false
    }
}

/// Japan's national holidays, computed once per year and cached.
pub struct JapaneseHolidays;

impl HolidayCalendar for JapaneseHolidays {
    fn is_holiday(&self, date: Date) -> bool {
        year(date.year()).contains_key(&date)
    }
}

/// The holiday's name (e.g. "成人の日", "憲法記念日 振替休日"), if `date` is one.
pub fn holiday_name(date: Date) -> Option<String> {
    year(date.year()).get(&date).cloned()
}

/// All holidays of `y`, in date order.
pub fn holidays_of_year(y: i16) -> Vec<(Date, String)> {
    let mut v: Vec<_> = year(y).iter().map(|(d, n)| (*d, n.clone())).collect();
    v.sort();
    v
}

type YearTable = Arc<HashMap<Date, String>>;

fn year(y: i16) -> YearTable {
    static CACHE: OnceLock<Mutex<HashMap<i16, YearTable>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(t) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(&y) {
        return t.clone();
    }
    let table = Arc::new(compute(y));
    cache.lock().unwrap_or_else(|e| e.into_inner()).insert(y, table.clone());
    table
}

fn compute(y: i16) -> HashMap<Date, String> {
    // The Holidays Act dates from 1948; far-future years are computed by today's law.
    if !(1948..=2200).contains(&y) {
        return HashMap::new();
    }
    use jpholiday::chrono::Datelike;
    jpholiday::jpholiday::JPHoliday::new()
        .year_holidays(i32::from(y))
        .into_iter()
        .filter_map(|(d, name)| {
            let date = Date::new(d.year() as i16, d.month() as i8, d.day() as i8).ok()?;
            Some((date, name))
        })
        .collect()
}
