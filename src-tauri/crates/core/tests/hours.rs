//! The hours engine against a brute-force minute scan, over random schedules,
//! holidays, one-off days and instants; plus the cases people ask about by name.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};
use madoguchi_core::hours::format::describe_opening;
use madoguchi_core::hours::holidays::{holiday_name, holidays_of_year, HolidayCalendar, JapaneseHolidays};
use madoguchi_core::hours::model::{BusinessHours, DayOverride, DayRuleView, HolidayRuleView, PeriodView};
use madoguchi_core::hours::{DayRule, HolidayRule, Period, Schedule};
use proptest::prelude::*;

// ---------------------------------------------------------------------------------
// The oracle: local wall-clock minutes numbered from BASE 00:00, intervals as integers.
// Time zones without DST, so local minute n and instant (BASE + n minutes) correspond.

const BASE: Date = Date::constant(2026, 1, 1);
/// Random holidays and one-off days fall on BASE + 0..DATA_DAYS.
const DATA_DAYS: i64 = 70;
/// Random instants fall on BASE + 0..INSTANT_DAYS.
const INSTANT_DAYS: i64 = 40;
/// The oracle knows the days BASE + FIRST_DAY .. BASE + LAST_DAY.
const FIRST_DAY: i64 = -12;
const LAST_DAY: i64 = 85;

fn day(n: i64) -> Date {
    BASE.checked_add(n.days()).expect("date in range")
}

fn day_index(d: Date) -> i64 {
    d.duration_since(BASE).as_secs().div_euclid(86_400)
}

fn minute_of(tz: &TimeZone, ts: Timestamp) -> i64 {
    let dt = tz.to_datetime(ts);
    day_index(dt.date()) * 1440 + i64::from(dt.hour()) * 60 + i64::from(dt.minute())
}

fn tmin(t: Time) -> i64 {
    i64::from(t.hour()) * 60 + i64::from(t.minute())
}

/// The rules of the spec, written out again: override, else holiday rule, else weekday.
fn oracle_periods(s: &Schedule, holidays: &BTreeSet<Date>, d: Date) -> Vec<Period> {
    if let Some(rule) = s.overrides.get(&d) {
        return match rule {
            DayRule::Closed => vec![],
            DayRule::Periods(p) => p.clone(),
        };
    }
    let weekday = s.weekly[d.weekday().to_sunday_zero_offset() as usize].clone();
    if holidays.contains(&d) {
        return match &s.holidays {
            HolidayRule::Closed => vec![],
            HolidayRule::Open => weekday,
            HolidayRule::Special(p) => p.clone(),
        };
    }
    weekday
}

struct Oracle {
    /// open[i] = open during local minute FIRST_DAY*1440 + i.
    open: Vec<bool>,
}

impl Oracle {
    fn new(s: &Schedule, holidays: &BTreeSet<Date>) -> Oracle {
        let len = ((LAST_DAY - FIRST_DAY + 2) * 1440) as usize;
        let mut open = vec![false; len];
        for n in FIRST_DAY..=LAST_DAY {
            for p in oracle_periods(s, holidays, day(n)) {
                let start = n * 1440 + tmin(p.start);
                // Ends the next day when the end is not after the start (24 h when equal).
                let end = n * 1440 + tmin(p.end) + if p.end <= p.start { 1440 } else { 0 };
                for m in start..end {
                    open[(m - FIRST_DAY * 1440) as usize] = true;
                }
            }
        }
        Oracle { open }
    }

    fn lo(&self) -> i64 {
        FIRST_DAY * 1440 + 1440 // the first day's own midnight is only known from the day before
    }

    fn hi(&self) -> i64 {
        LAST_DAY * 1440
    }

    fn is_open(&self, m: i64) -> bool {
        self.open[(m - FIRST_DAY * 1440) as usize]
    }

    /// The first minute >= from that is open and follows a closed one.
    fn next_opening(&self, from: i64) -> Option<i64> {
        (from..self.hi()).find(|&m| self.is_open(m) && !self.is_open(m - 1))
    }

    /// Closed at `m`: the first closed minute after the last open one before it.
    fn closed_since(&self, m: i64) -> Option<i64> {
        (self.lo()..m).rev().find(|&k| self.is_open(k)).map(|k| k + 1)
    }
}

fn period(start_slot: u16, end_slot: u16) -> Period {
    let t = |slot: u16| Time::new((slot / 4) as i8, ((slot % 4) * 15) as i8, 0, 0).expect("valid time");
    Period::new(t(start_slot), t(end_slot))
}

fn arb_periods() -> impl Strategy<Value = Vec<Period>> {
    // Quarter hours: more touching and overlapping periods than random minutes would give.
    proptest::collection::vec((0u16..96, 0u16..96).prop_map(|(s, e)| period(s, e)), 0..=3)
}

fn arb_schedule() -> impl Strategy<Value = (Schedule, BTreeSet<Date>)> {
    let tz = prop_oneof![Just("Asia/Tokyo"), Just("UTC"), Just("Asia/Kolkata")];
    let holiday_rule = prop_oneof![
        Just(HolidayRule::Closed),
        Just(HolidayRule::Open),
        arb_periods().prop_map(HolidayRule::Special),
    ];
    let day_rule = prop_oneof![Just(DayRule::Closed), arb_periods().prop_map(DayRule::Periods)];
    (
        tz,
        proptest::collection::vec(arb_periods(), 7),
        holiday_rule,
        proptest::collection::btree_map(0..DATA_DAYS, day_rule, 0..6),
        proptest::collection::btree_set(0..DATA_DAYS, 0..10),
    )
        .prop_map(|(tz, weekly, holidays, overrides, holiday_days)| {
            let weekly: [Vec<Period>; 7] = weekly.try_into().expect("seven days");
            let schedule = Schedule {
                tz: TimeZone::get(tz).expect("zone"),
                weekly,
                holidays,
                overrides: overrides.into_iter().map(|(n, r)| (day(n), r)).collect(),
            };
            (schedule, holiday_days.into_iter().map(day).collect())
        })
}

fn arb_instant() -> impl Strategy<Value = (i64, i64)> {
    // A local minute in the instant window, and a second within it (often 0: on the boundary).
    (0..INSTANT_DAYS * 1440, prop_oneof![Just(0i64), 0i64..60])
}

fn instant(tz: &TimeZone, minute: i64, second: i64) -> Timestamp {
    let dt = day(minute.div_euclid(1440)).to_datetime(
        Time::new((minute.rem_euclid(1440) / 60) as i8, (minute.rem_euclid(60)) as i8, second as i8, 0).expect("time"),
    );
    tz.to_timestamp(dt).expect("instant")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn open_now_agrees_with_a_minute_scan((schedule, holidays) in arb_schedule(), (minute, second) in arb_instant()) {
        let oracle = Oracle::new(&schedule, &holidays);
        let at = instant(&schedule.tz, minute, second);
        prop_assert_eq!(schedule.is_open_in(&holidays, at), oracle.is_open(minute), "at local minute {}", minute);
    }

    #[test]
    fn next_opening_is_the_first_open_minute((schedule, holidays) in arb_schedule(), (minute, second) in arb_instant()) {
        let oracle = Oracle::new(&schedule, &holidays);
        let at = instant(&schedule.tz, minute, second);
        let from = if second == 0 { minute } else { minute + 1 };
        let engine = schedule.next_opening_in(&holidays, at);
        match oracle.next_opening(from) {
            Some(expected) => {
                let got = engine.map(|t| minute_of(&schedule.tz, t));
                prop_assert_eq!(got, Some(expected));
                let t = engine.unwrap_or(Timestamp::MIN);
                prop_assert!(t >= at, "never in the past");
                prop_assert_eq!(t.as_second() % 60, 0, "openings are on minute boundaries");
                if !oracle.is_open(minute) {
                    // Closed now: the next opening is simply the first open minute.
                    let first_open = (from..oracle.hi()).find(|&m| oracle.is_open(m));
                    prop_assert_eq!(first_open, Some(expected));
                }
            }
            None => {
                let beyond = engine.is_none_or(|t| minute_of(&schedule.tz, t) >= oracle.hi());
                prop_assert!(beyond, "engine found {:?} where the scan found nothing", engine);
            }
        }
    }

    #[test]
    fn closed_period_start_is_where_the_last_opening_ended((schedule, holidays) in arb_schedule(), (minute, second) in arb_instant()) {
        let oracle = Oracle::new(&schedule, &holidays);
        let at = instant(&schedule.tz, minute, second);
        let engine = schedule.current_closed_period_start_in(&holidays, at);
        if oracle.is_open(minute) {
            prop_assert_eq!(engine, None);
        } else {
            let start = engine.expect("closed means Some");
            prop_assert!(start <= at);
            match oracle.closed_since(minute) {
                Some(expected) => prop_assert_eq!(minute_of(&schedule.tz, start), expected),
                None => prop_assert!(start == Timestamp::MIN || minute_of(&schedule.tz, start) <= oracle.lo()),
            }
            // Every instant of one closed period has the same key.
            let later = instant(&schedule.tz, minute, 59);
            prop_assert_eq!(schedule.current_closed_period_start_in(&holidays, later), Some(start));
        }
    }
}

// ---------------------------------------------------------------------------------
// Named cases.

fn tokyo() -> TimeZone {
    TimeZone::get("Asia/Tokyo").expect("Asia/Tokyo from the bundled tzdb")
}

fn at(y: i16, mo: i8, d: i8, h: i8, mi: i8) -> Timestamp {
    tokyo().to_timestamp(Date::constant(y, mo, d).at(h, mi, 0, 0)).expect("instant")
}

fn p(s: &str, e: &str) -> Period {
    Period::new(s.parse().expect("start"), e.parse().expect("end"))
}

/// Mon–Fri 10:00–19:00 with a lunch break, Fri/Sat 18:00–翌2:00, Sunday closed.
fn bar() -> Schedule {
    let weekday = vec![p("10:00", "14:00"), p("15:00", "19:00")];
    Schedule {
        tz: tokyo(),
        weekly: [
            vec![],
            weekday.clone(),
            weekday.clone(),
            weekday.clone(),
            weekday.clone(),
            vec![p("18:00", "02:00")],
            vec![p("18:00", "02:00")],
        ],
        holidays: HolidayRule::Closed,
        overrides: BTreeMap::new(),
    }
}

#[test]
fn a_period_past_midnight_belongs_to_the_day_it_starts() {
    let mut s = bar();
    // Friday 2026-11-20 18:00 – Saturday 02:00.
    assert!(s.is_open(at(2026, 11, 20, 23, 59)));
    assert!(s.is_open(at(2026, 11, 21, 1, 0)), "Saturday 01:00 is still Friday's night");
    assert!(!s.is_open(at(2026, 11, 21, 2, 0)), "closes at 翌2:00 sharp");
    // Closing Saturday does not cut Friday's night short, and Sunday 01:00 is Saturday's.
    s.overrides.insert(Date::constant(2026, 11, 21), DayRule::Closed);
    assert!(s.is_open(at(2026, 11, 21, 1, 0)));
    assert!(!s.is_open(at(2026, 11, 21, 19, 0)));
    assert!(!s.is_open(at(2026, 11, 22, 1, 0)), "Saturday is closed, so is its night");
    // Monday 11/23 is 勤労感謝の日 (closed on holidays): Tuesday it is.
    assert_eq!(s.next_opening(at(2026, 11, 21, 3, 0)), Some(at(2026, 11, 24, 10, 0)));
    assert_eq!(s.current_closed_period_start(at(2026, 11, 21, 3, 0)), Some(at(2026, 11, 21, 2, 0)));
}

#[test]
fn lunch_break_splits_the_day() {
    let s = bar();
    assert!(s.is_open(at(2026, 11, 17, 13, 59)));
    assert!(!s.is_open(at(2026, 11, 17, 14, 30)));
    assert_eq!(s.next_opening(at(2026, 11, 17, 14, 30)), Some(at(2026, 11, 17, 15, 0)));
    assert_eq!(s.current_closed_period_start(at(2026, 11, 17, 14, 30)), Some(at(2026, 11, 17, 14, 0)));
    // Open now: the next opening is the one after this stretch.
    assert_eq!(s.next_opening(at(2026, 11, 17, 11, 0)), Some(at(2026, 11, 17, 15, 0)));
}

#[test]
fn a_holiday_on_monday_follows_the_holiday_rule() {
    // 2026-01-12 is 成人の日, a Monday; Sunday 2026-01-11 has a night period into it.
    let mut s = bar();
    s.weekly[0] = vec![p("18:00", "02:00")];
    assert_eq!(holiday_name(Date::constant(2026, 1, 12)).as_deref(), Some("成人の日"));
    assert!(!s.is_open(at(2026, 1, 12, 11, 0)), "closed on the holiday");
    assert!(s.is_open(at(2026, 1, 12, 1, 0)), "Sunday's night runs into the holiday: it belongs to Sunday");
    assert_eq!(s.next_opening(at(2026, 1, 12, 11, 0)), Some(at(2026, 1, 13, 10, 0)));
    assert!(s.is_open(at(2026, 1, 13, 11, 0)), "the Tuesday after is ordinary");

    s.holidays = HolidayRule::Special(vec![p("12:00", "16:00")]);
    assert!(!s.is_open(at(2026, 1, 12, 11, 0)));
    assert!(s.is_open(at(2026, 1, 12, 12, 0)));
    assert_eq!(s.next_opening(at(2026, 1, 12, 11, 0)), Some(at(2026, 1, 12, 12, 0)));

    s.holidays = HolidayRule::Open;
    assert!(s.is_open(at(2026, 1, 12, 11, 0)), "holidays open = the usual Monday");

    // A substitute holiday (振替休日) is a holiday too: 2025-02-24, a Monday.
    s.holidays = HolidayRule::Closed;
    assert!(!s.is_open(at(2025, 2, 24, 11, 0)));
    // A one-off day wins over the holiday rule.
    s.overrides.insert(Date::constant(2026, 1, 12), DayRule::Periods(vec![p("09:00", "12:00")]));
    assert!(s.is_open(at(2026, 1, 12, 11, 0)));
}

#[test]
fn the_holiday_data_covers_2026_and_2027_with_substitute_days() {
    // The Cabinet Office's published lists (内閣府「国民の祝日について」).
    let expected_2026 = [
        (1, 1), (1, 12), (2, 11), (2, 23), (3, 20), (4, 29), (5, 3), (5, 4), (5, 5), (5, 6),
        (7, 20), (8, 11), (9, 21), (9, 22), (9, 23), (10, 12), (11, 3), (11, 23),
    ];
    let expected_2027 = [
        (1, 1), (1, 11), (2, 11), (2, 23), (3, 21), (3, 22), (4, 29), (5, 3), (5, 4), (5, 5),
        (7, 19), (8, 11), (9, 20), (9, 23), (10, 11), (11, 3), (11, 23),
    ];
    for (year, expected) in [(2026i16, &expected_2026[..]), (2027, &expected_2027[..])] {
        let got: Vec<(i8, i8)> = holidays_of_year(year).iter().map(|(d, _)| (d.month(), d.day())).collect();
        assert_eq!(got, expected, "holidays of {year}");
    }
    assert!(holiday_name(Date::constant(2026, 5, 6)).is_some_and(|n| n.contains("振替休日")));
    assert!(holiday_name(Date::constant(2027, 3, 22)).is_some_and(|n| n.contains("振替休日")));
    assert_eq!(holiday_name(Date::constant(2026, 9, 22)).as_deref(), Some("国民の休日"));
    assert!(!JapaneseHolidays.is_holiday(Date::constant(2026, 11, 24)));
}

#[test]
fn closed_forever_has_no_next_opening_and_a_stable_key() {
    let s = Schedule::closed(tokyo());
    let t = at(2026, 11, 17, 12, 0);
    assert!(!s.is_open(t));
    assert_eq!(s.next_opening(t), None);
    assert_eq!(s.current_closed_period_start(t), Some(Timestamp::MIN));
    assert_eq!(s.current_closed_period_start(at(2026, 12, 24, 12, 0)), Some(Timestamp::MIN));
}

#[test]
fn the_next_opening_reads_naturally_in_japanese() {
    let tz = tokyo();
    let from = at(2026, 11, 17, 22, 0); // Tuesday
    assert_eq!(describe_opening(&tz, from, at(2026, 11, 18, 10, 0)), "明日 10:00");
    assert_eq!(describe_opening(&tz, at(2026, 11, 17, 14, 30), at(2026, 11, 17, 15, 0)), "本日 15:00");
    assert_eq!(describe_opening(&tz, from, at(2026, 11, 20, 9, 30)), "11月20日(金) 9:30");
    assert_eq!(describe_opening(&tz, at(2026, 12, 30, 20, 0), at(2027, 1, 4, 10, 0)), "2027年1月4日(月) 10:00");
}

fn pv(s: &str, e: &str) -> PeriodView {
    PeriodView { start: s.into(), end: e.into() }
}

#[test]
fn business_hours_are_checked_and_made_canonical() {
    let mut h = BusinessHours::template();
    h.time_zone = String::new();
    h.weekly[5] = vec![pv("9:00", "12:00"), pv("18:00", "2:00")];
    h.weekly[0] = vec![pv("00:00", "24:00")];
    h.overrides = vec![
        DayOverride { date: "2026-12-31".into(), rule: DayRuleView::Closed, note: Some(" 大晦日 ".into()) },
        DayOverride { date: "2026-12-30".into(), rule: DayRuleView::Periods { periods: vec![pv("10:00", "15:00")] }, note: None },
    ];
    h.holidays = HolidayRuleView::Special { periods: vec![pv("11:00", "16:00")] };
    let (canonical, schedule) = h.validate().expect("valid");
    assert_eq!(canonical.time_zone, "Asia/Tokyo");
    assert_eq!(canonical.weekly[5], vec![pv("09:00", "12:00"), pv("18:00", "02:00")]);
    assert_eq!(canonical.weekly[0], vec![pv("00:00", "24:00")]);
    assert_eq!(canonical.overrides[0].date, "2026-12-30", "sorted by date");
    assert_eq!(canonical.overrides[1].note.as_deref(), Some("大晦日"));
    assert!(schedule.is_open(at(2026, 11, 22, 3, 0)), "Sunday is open all day");
    assert!(!schedule.is_open(at(2026, 12, 31, 11, 0)));

    let refuse = |mutate: &dyn Fn(&mut BusinessHours), ja: &str| {
        let mut bad = BusinessHours::template();
        mutate(&mut bad);
        match bad.validate() {
            Err(madoguchi_core::CoreError::BadInput { en, ja: got }) => {
                assert!(!en.is_empty());
                assert!(got.contains(ja), "Japanese message {got:?} should mention {ja:?}");
            }
            other => panic!("expected a bad-input error, got {other:?}"),
        }
    };
    refuse(&|h| h.weekly.truncate(6), "7 日分");
    refuse(&|h| h.weekly[1] = vec![pv("25:00", "26:00")], "時刻として読めません");
    refuse(&|h| h.weekly[1] = vec![pv("10:00", "10:00")], "開始と終了が同じ");
    refuse(&|h| h.time_zone = "Mars/Olympus".into(), "タイムゾーン");
    refuse(
        &|h| {
            h.overrides = vec![
                DayOverride { date: "2026-12-31".into(), rule: DayRuleView::Closed, note: None },
                DayOverride { date: "2026-12-31".into(), rule: DayRuleView::Closed, note: None },
            ]
        },
        "2 回",
    );
    refuse(&|h| h.overrides = vec![DayOverride { date: "12/31".into(), rule: DayRuleView::Closed, note: None }], "日付");
}
