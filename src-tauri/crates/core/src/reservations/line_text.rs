//! How LINE messages about a reservation say when and what (Japanese, shop time).

use jiff::tz::TimeZone;
use jiff::Timestamp;

use crate::reservations::model::BookedMenu;

const WEEKDAYS: [&str; 7] = ["日", "月", "火", "水", "木", "金", "土"];

/// "12月3日(木) 14:00".
pub fn when_ja(tz: &TimeZone, ms: i64) -> String {
    let Ok(t) = Timestamp::from_millisecond(ms) else { return String::new() };
    let z = tz.to_datetime(t);
    let wd = WEEKDAYS[z.weekday().to_sunday_zero_offset() as usize % 7];
    format!("{}月{}日({wd}) {:02}:{:02}", z.month(), z.day(), z.hour(), z.minute())
}

/// "14:00".
pub fn time_ja(tz: &TimeZone, ms: i64) -> String {
    let Ok(t) = Timestamp::from_millisecond(ms) else { return String::new() };
    let z = tz.to_datetime(t);
    format!("{:02}:{:02}", z.hour(), z.minute())
}

pub fn menus_ja(menus: &[BookedMenu]) -> String {
    menus.iter().map(|m| m.name.as_str()).collect::<Vec<_>>().join("・")
}

/// LINE limits labels (20 chars for quick replies and buttons): cut, never fail.
pub fn label(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}
