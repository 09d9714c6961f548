//! Business hours as the UI edits them and the store keeps them (one JSON document per
//! account), and their conversion into the engine's `Schedule` with input checks that
//! explain themselves in English and Japanese.

use std::collections::BTreeMap;

use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::hours::schedule::{DayRule, HolidayRule, Period, Schedule};
use crate::{CoreError, Result};

pub const DEFAULT_TIME_ZONE: &str = "Asia/Tokyo";
const MAX_PERIODS_PER_DAY: usize = 8;
const MAX_OVERRIDES: usize = 1000;
const WEEKDAYS_JA: [&str; 7] = ["日曜", "月曜", "火曜", "水曜", "木曜", "金曜", "土曜"];
const WEEKDAYS_EN: [&str; 7] = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/// "HH:MM" in the shop's time zone. An `end` at or before `start` is on the next day
/// (18:00–02:00 = 18:00–翌2:00); "24:00" is midnight; 00:00–24:00 is all day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PeriodView {
    pub start: String,
    pub end: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum HolidayRuleView {
    /// Closed on national holidays.
    Closed,
    /// Holidays follow the weekday's hours.
    Open,
    /// Holidays have their own hours.
    Special { periods: Vec<PeriodView> },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum DayRuleView {
    Closed,
    Periods { periods: Vec<PeriodView> },
}

/// A one-off closure or special day ("2026-12-31").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DayOverride {
    pub date: String,
    pub rule: DayRuleView,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BusinessHours {
    /// IANA name; empty = Asia/Tokyo.
    #[serde(default)]
    pub time_zone: String,
    /// Seven entries, index 0 = Sunday … 6 = Saturday (like JavaScript's getDay()).
    pub weekly: Vec<Vec<PeriodView>>,
    pub holidays: HolidayRuleView,
    #[serde(default)]
    pub overrides: Vec<DayOverride>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SetBusinessHours {
    #[ts(type = "number")]
    pub account_id: i64,
    pub hours: BusinessHours,
}

/// What `getBusinessHours` returns: the saved hours, or a template to start from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BusinessHoursView {
    /// False = nothing saved yet; `hours` is then a template (Mon–Sat 10:00–19:00).
    pub configured: bool,
    pub hours: BusinessHours,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HoursStatus {
    /// False until the owner saves business hours; while false, `open` is true and no away reply is sent.
    pub configured: bool,
    pub open: bool,
    /// Epoch ms of the next opening (when open: the one after the current stretch).
    #[ts(type = "number | null")]
    pub next_opening: Option<i64>,
    pub time_zone: String,
}

impl BusinessHours {
    /// Mon–Sat 10:00–19:00, closed on Sundays and holidays: a starting point for the UI.
    pub fn template() -> BusinessHours {
        let day = || vec![PeriodView { start: "10:00".into(), end: "19:00".into() }];
        BusinessHours {
            time_zone: DEFAULT_TIME_ZONE.into(),
            weekly: vec![vec![], day(), day(), day(), day(), day(), day()],
            holidays: HolidayRuleView::Closed,
            overrides: vec![],
        }
    }

    /// Checks everything and returns the canonical form (zero-padded times, sorted
    /// overrides, the default zone filled in) with the engine's schedule.
    pub fn validate(&self) -> Result<(BusinessHours, Schedule)> {
        let zone = if self.time_zone.trim().is_empty() { DEFAULT_TIME_ZONE } else { self.time_zone.trim() };
        let tz = TimeZone::get(zone).map_err(|_| {
            CoreError::bad_input(
                format!("unknown time zone \"{zone}\" (use an IANA name such as Asia/Tokyo)"),
                format!("タイムゾーン「{zone}」が見つかりません（Asia/Tokyo のような名前で指定してください）"),
            )
        })?;
        if self.weekly.len() != 7 {
            return Err(CoreError::bad_input(
                format!("the weekly schedule needs 7 days (Sunday first), got {}", self.weekly.len()),
                format!("週間スケジュールは日曜から土曜までの 7 日分が必要です（{} 日分でした）", self.weekly.len()),
            ));
        }
        let mut weekly: [Vec<Period>; 7] = Default::default();
        let mut weekly_view = Vec::with_capacity(7);
        for (i, day) in self.weekly.iter().enumerate() {
            let (view, periods) = periods(day, WEEKDAYS_EN[i], WEEKDAYS_JA[i])?;
            weekly[i] = periods;
            weekly_view.push(view);
        }
        let (holidays_view, holidays) = match &self.holidays {
            HolidayRuleView::Closed => (HolidayRuleView::Closed, HolidayRule::Closed),
            HolidayRuleView::Open => (HolidayRuleView::Open, HolidayRule::Open),
            HolidayRuleView::Special { periods: p } => {
                let (view, periods) = periods(p, "holidays", "祝日")?;
                (HolidayRuleView::Special { periods: view }, HolidayRule::Special(periods))
            }
        };
        if self.overrides.len() > MAX_OVERRIDES {
            return Err(CoreError::bad_input(
                format!("at most {MAX_OVERRIDES} special days"),
                format!("特別営業日・臨時休業日は {MAX_OVERRIDES} 件までです"),
            ));
        }
        let mut overrides = BTreeMap::new();
        let mut overrides_view = Vec::with_capacity(self.overrides.len());
        for o in &self.overrides {
            let date = parse_date(&o.date)?;
            let (rule_view, rule) = match &o.rule {
                DayRuleView::Closed => (DayRuleView::Closed, DayRule::Closed),
                DayRuleView::Periods { periods: p } => {
                    let label = date.to_string();
                    let (view, periods) = periods(p, &label, &label)?;
                    (DayRuleView::Periods { periods: view }, DayRule::Periods(periods))
                }
            };
            if overrides.insert(date, rule).is_some() {
                return Err(CoreError::bad_input(
                    format!("{date} is listed twice among the special days"),
                    format!("{date} が特別営業日・臨時休業日に 2 回あります"),
                ));
            }
            let note = o.note.as_deref().map(str::trim).filter(|n| !n.is_empty()).map(str::to_string);
            overrides_view.push(DayOverride { date: date.to_string(), rule: rule_view, note });
        }
        overrides_view.sort_by(|a, b| a.date.cmp(&b.date));
        let view = BusinessHours {
            time_zone: zone.to_string(),
            weekly: weekly_view,
            holidays: holidays_view,
            overrides: overrides_view,
        };
        Ok((view, Schedule { tz, weekly, holidays, overrides }))
    }
}

fn periods(views: &[PeriodView], what_en: &str, what_ja: &str) -> Result<(Vec<PeriodView>, Vec<Period>)> {
    if views.len() > MAX_PERIODS_PER_DAY {
        return Err(CoreError::bad_input(
            format!("{what_en}: at most {MAX_PERIODS_PER_DAY} periods a day"),
            format!("{what_ja}: 1 日の営業時間帯は {MAX_PERIODS_PER_DAY} 個までです"),
        ));
    }
    let mut out_view = Vec::with_capacity(views.len());
    let mut out = Vec::with_capacity(views.len());
    for v in views {
        let (period, view) = parse_period(v, what_en, what_ja)?;
        out.push(period);
        out_view.push(view);
    }
    Ok((out_view, out))
}

/// Parses one period; `end == start` is refused unless written as 00:00–24:00 style "24:00".
pub fn parse_period(v: &PeriodView, what_en: &str, what_ja: &str) -> Result<(Period, PeriodView)> {
    let (start, start_24) = parse_time(&v.start)?;
    let (end, end_24) = parse_time(&v.end)?;
    if start_24 {
        return Err(CoreError::bad_input(
            format!("{what_en}: a period cannot start at 24:00 (use 00:00)"),
            format!("{what_ja}: 24:00 開始はできません（00:00 を使ってください）"),
        ));
    }
    if start == end && !end_24 {
        return Err(CoreError::bad_input(
            format!("{what_en}: {} – {} starts and ends at the same time (for all day use 00:00 – 24:00)", v.start, v.end),
            format!("{what_ja}: {}〜{} は開始と終了が同じです（終日なら 00:00〜24:00）", v.start, v.end),
        ));
    }
    let view = PeriodView { start: fmt_time(start, false), end: fmt_time(end, end_24) };
    Ok((Period::new(start, end), view))
}

/// "9:30", "09:30" or "24:00" (returned as 00:00 with the flag set).
fn parse_time(s: &str) -> Result<(Time, bool)> {
    let bad = || {
        CoreError::bad_input(
            format!("\"{s}\" is not a time of day (write it like 09:30)"),
            format!("「{s}」は時刻として読めません（09:30 のように入力してください）"),
        )
    };
    let t = s.trim();
    let (h, m) = t.split_once(':').ok_or_else(bad)?;
    let valid = |p: &str, max_len| !p.is_empty() && p.len() <= max_len && p.bytes().all(|b| b.is_ascii_digit());
    if !valid(h, 2) || m.len() != 2 || !valid(m, 2) {
        return Err(bad());
    }
    let h: i8 = h.parse().map_err(|_| bad())?;
    let m: i8 = m.parse().map_err(|_| bad())?;
    if h == 24 && m == 0 {
        return Ok((Time::midnight(), true));
    }
    Time::new(h, m, 0, 0).map(|t| (t, false)).map_err(|_| bad())
}

fn fmt_time(t: Time, as_24: bool) -> String {
    if as_24 {
        "24:00".into()
    } else {
        format!("{:02}:{:02}", t.hour(), t.minute())
    }
}

pub fn parse_date(s: &str) -> Result<Date> {
    s.trim().parse::<Date>().map_err(|_| {
        CoreError::bad_input(
            format!("\"{s}\" is not a date (write it like 2026-12-31)"),
            format!("「{s}」は日付として読めません（2026-12-31 のように入力してください）"),
        )
    })
}
