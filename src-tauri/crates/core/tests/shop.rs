//! Fixtures shared by the tests of automatic replies (away, keyword, greeting, calls).

use jiff::civil::Date;
use jiff::tz::TimeZone;
use linesim::Via;
use madoguchi_core::api::types::{BusinessHours, HolidayRuleView, PeriodView};

use crate::support::{eventually, Harness};

/// Epoch milliseconds of a Tokyo wall-clock time.
pub fn jst(y: i16, mo: i8, d: i8, h: i8, mi: i8) -> i64 {
    let tz = TimeZone::get("Asia/Tokyo").expect("zone");
    tz.to_timestamp(Date::constant(y, mo, d).at(h, mi, 0, 0)).expect("instant").as_millisecond()
}

/// Mon–Fri 10:00–19:00, Sat 10:00–17:00, closed on Sundays and holidays (Tokyo).
pub fn shop_hours() -> BusinessHours {
    let day = |s: &str, e: &str| vec![PeriodView { start: s.into(), end: e.into() }];
    BusinessHours {
        time_zone: "Asia/Tokyo".into(),
        weekly: vec![
            vec![],
            day("10:00", "19:00"),
            day("10:00", "19:00"),
            day("10:00", "19:00"),
            day("10:00", "19:00"),
            day("10:00", "19:00"),
            day("10:00", "17:00"),
        ],
        holidays: HolidayRuleView::Closed,
        overrides: vec![],
    }
}

/// Waits until the auto-reply worker has decided every inbound message and the outbox
/// has nothing left to send: after this, "nothing more arrived" is a fact, not a race.
pub async fn settled(h: &Harness) -> anyhow::Result<()> {
    let pool = h.core.store().pool.clone();
    eventually(10, "automatic replies decided and sent", || {
        let pool = pool.clone();
        async move {
            let (cursor, newest, busy): (i64, i64, i64) = sqlx::query_as(
                "SELECT (SELECT last_message_id FROM auto_reply_cursor),
                        (SELECT coalesce(max(id), 0) FROM messages WHERE direction = 'in'),
                        (SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending'))",
            )
            .fetch_one(&pool)
            .await?;
            Ok((cursor >= newest && busy == 0).then_some(()))
        }
    })
    .await
}

/// Texts a simulated customer received, with how they were sent.
pub fn texts(h: &Harness, user: &str) -> Vec<(String, Via)> {
    h.sim
        .received(user)
        .into_iter()
        .map(|r| (r.message["text"].as_str().unwrap_or_default().to_string(), r.via))
        .collect()
}
