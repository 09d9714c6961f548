//! Automatic replies: keyword rules, the greeting on follow, the away reply outside
//! business hours. All of them answer through the reply token of the event that
//! triggered them, so they cost the shop nothing (see `worker`).

pub mod api;
// A customer's call request (電話してほしい): its automatic answer.
pub mod calls;
pub mod model;
pub mod rules;
pub mod store;
pub mod worker;

use sqlx::SqlitePool;

use crate::autoreply::model::{AutoReplyTest, TestKeywordRule};
use crate::autoreply::rules::Vars;
use crate::hours::format::describe_opening;
use crate::hours;
use crate::Result;

pub use worker::worker;

const TESTER_NAME: &str = "〇〇";

/// The rule tester: which rule (or the away reply, or nothing) would answer `text` at
/// `at` (default now), and with what. The once-per-closed-period limit is per chat and
/// so not part of the answer.
pub async fn test_rule(pool: &SqlitePool, q: &TestKeywordRule) -> Result<AutoReplyTest> {
    crate::accounts::check_exists(pool, q.account_id).await?;
    let at = match q.at {
        Some(ms) => hours::store::timestamp(ms)?,
        None => hours::store::now()?,
    };
    let vars = Vars {
        name: Some(q.display_name.clone().filter(|n| !n.trim().is_empty()).unwrap_or_else(|| TESTER_NAME.into())),
        next_opening: None,
    };
    let tz = hours::store::time_zone(pool, q.account_id).await?;
    let rules = store::compiled_rules(pool, q.account_id).await?;
    if let Some(rule) = rules::first_match(&rules, &q.text, tz.to_datetime(at)) {
        return Ok(AutoReplyTest::Keyword {
            rule_id: rule.rule.id,
            position: rule.position,
            messages: rules::render_messages(&rule.rule.messages, &vars),
        });
    }
    let away = store::away(pool, q.account_id).await?;
    if !away.enabled {
        return Ok(AutoReplyTest::None);
    }
    let Some(schedule) = hours::store::schedule(pool, q.account_id).await? else {
        return Ok(AutoReplyTest::None);
    };
    if schedule.is_open(at) {
        return Ok(AutoReplyTest::None);
    }
    let next = schedule.next_opening(at);
    let text = rules::render_text(
        &away.text,
        &Vars { next_opening: next.map(|t| describe_opening(&schedule.tz, at, t)), ..vars },
    );
    Ok(AutoReplyTest::Away {
        messages: vec![serde_json::json!({ "type": "text", "text": text })],
        next_opening: next.map(|t| t.as_millisecond()),
    })
}
