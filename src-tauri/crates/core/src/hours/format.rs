//! How an opening time reads in a Japanese message: "本日 17:00", "明日 10:00",
//! "12月28日(月) 10:00" — relative to when the customer wrote, in the shop's zone.

use jiff::tz::TimeZone;
use jiff::Timestamp;

const WEEKDAYS: [&str; 7] = ["日", "月", "火", "水", "木", "金", "土"];

pub fn describe_opening(tz: &TimeZone, from: Timestamp, opening: Timestamp) -> String {
    let now = tz.to_datetime(from);
    let at = tz.to_datetime(opening);
    let time = format!("{}:{:02}", at.hour(), at.minute());
    let today = now.date();
    if at.date() == today {
        format!("本日 {time}")
    } else if today.tomorrow().ok() == Some(at.date()) {
        format!("明日 {time}")
    } else {
        let wd = WEEKDAYS[at.date().weekday().to_sunday_zero_offset() as usize];
        let year = if at.year() != now.year() { format!("{}年", at.year()) } else { String::new() };
        format!("{year}{}月{}日({wd}) {time}", at.month(), at.day())
    }
}
