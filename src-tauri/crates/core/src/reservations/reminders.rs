//! Reminders (the day before at a set time, N hours before), the thank-you after the
//! visit, and the "your request is confirmed" message of approval mode: pushes through
//! the outbox, each at most once. The notice row (unique per reservation and kind) and
//! its outbox row commit in one transaction, and the outbox sends pushes with a retry
//! key, so neither a crash nor a restart loses or repeats one.
//! Never for cancelled / no-show bookings, blocked friends (`followed = 0`) or guests
//! without a LINE friend. A reminder whose time passed before the booking was made is
//! not sent (the booking's own confirmation said it all), nor one after the start; a
//! thank-you more than a day late is dropped rather than sent stale.

use std::collections::HashMap;
use std::time::Duration;

use jiff::tz::TimeZone;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use sqlx::SqlitePool;
use ts_rs::TS;

use crate::events::CoreEvent;
use crate::outbox;
use crate::reservations::line_settings::{self, parse_hhmm, LineBookingSettings};
use crate::reservations::line_text::{menus_ja, when_ja};
use crate::reservations::model::BookedMenu;
use crate::runtime::Core;
use crate::{CoreError, Result};

const HOUR_MS: i64 = 3_600_000;
const DAY_MS: i64 = 24 * HOUR_MS;
/// A thank-you later than this after its time is not sent.
const THANKS_STALE_MS: i64 = DAY_MS;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    Approved,
    DayBefore,
    HoursBefore,
    Thanks,
}

impl NoticeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NoticeKind::Approved => "approved",
            NoticeKind::DayBefore => "dayBefore",
            NoticeKind::HoursBefore => "hoursBefore",
            NoticeKind::Thanks => "thanks",
        }
    }
}

/// One reservation as the worker sees it.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub id: i64,
    pub account_id: i64,
    pub conversation_id: i64,
    pub start: i64,
    pub end: i64,
    pub status: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub menus_json: String,
    /// Kinds already written (sent, or 'requested').
    pub done: Vec<String>,
}

/// When each notice of `c` is due under `s` (None = not for this booking).
pub fn due_times(c: &Candidate, s: &LineBookingSettings, tz: &TimeZone) -> Vec<(NoticeKind, i64)> {
    let mut out = Vec::new();
    let has = |k: &str| c.done.iter().any(|d| d == k);
    let confirmed = c.status == "confirmed";
    if confirmed && has("requested") {
        out.push((NoticeKind::Approved, c.updated_at));
    }
    if confirmed && s.day_before_enabled
        && let Ok((h, m)) = parse_hhmm(&s.day_before_time)
        && let Ok(t) = Timestamp::from_millisecond(c.start)
    {
        let day = tz.to_datetime(t).date();
        if let Ok(prev) = day.yesterday()
            && let Ok(at) = tz.to_timestamp(prev.at(h, m, 0, 0))
        {
            out.push((NoticeKind::DayBefore, at.as_millisecond()));
        }
    }
    if confirmed && s.hours_before > 0 {
        out.push((NoticeKind::HoursBefore, c.start - s.hours_before * HOUR_MS));
    }
    if s.thanks_enabled && matches!(c.status.as_str(), "confirmed" | "arrived" | "completed") {
        let after_end = c.end + s.thanks_delay_minutes * 60_000;
        let due = if c.status == "completed" { after_end.min(c.updated_at + s.thanks_delay_minutes * 60_000) } else { after_end };
        out.push((NoticeKind::Thanks, due));
    }
    out.retain(|(k, _)| !has(k.as_str()));
    out
}

/// Whether a notice due at `due` should still go out at `now` (or be dropped).
fn still_wanted(c: &Candidate, kind: NoticeKind, due: i64, now: i64) -> bool {
    match kind {
        NoticeKind::Approved => now < c.start,
        NoticeKind::DayBefore | NoticeKind::HoursBefore => c.created_at < due && now < c.start,
        NoticeKind::Thanks => now < due + THANKS_STALE_MS,
    }
}

fn text_of(kind: NoticeKind, c: &Candidate, s: &LineBookingSettings, tz: &TimeZone) -> String {
    let menus: Vec<BookedMenu> = serde_json::from_str(&c.menus_json).unwrap_or_default();
    let what = menus_ja(&menus);
    let when = when_ja(tz, c.start);
    match kind {
        NoticeKind::Approved => format!("ご予約が確定しました。\n{when}〜 {what}\nご来店をお待ちしております。"),
        NoticeKind::DayBefore => format!("【明日のご予約】\n{when}〜 {what}\nご来店をお待ちしております。"),
        NoticeKind::HoursBefore => format!("【まもなくご予約の時間です】\n{when}〜 {what}\nお気をつけてお越しください。"),
        NoticeKind::Thanks => s.thanks_text.clone(),
    }
}

/// The worker's clock. Debug builds (the tests' server process) can be moved forward
/// with `MADOGUCHI_TEST_CLOCK_OFFSET_MS` so reminders fall due without waiting.
pub fn now() -> i64 {
    #[cfg(debug_assertions)]
    {
        let offset = std::env::var("MADOGUCHI_TEST_CLOCK_OFFSET_MS").ok().and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
        crate::time::now_ms() + offset
    }
    #[cfg(not(debug_assertions))]
    crate::time::now_ms()
}

pub async fn worker(core: Core) {
    let wake = core.wakeups().reminders.clone();
    crate::runtime::worker_loop(core, "reminders", wake, Duration::from_secs(20), |c| async move {
        step_at(&c, now()).await.map(|_| false)
    })
    .await;
}

/// Active bookings with a followed LINE friend in `[from, to)` (the caller takes 2 days
/// back for the thank-yous, 2 days ahead for the reminders) and LINE requests confirmed
/// but not yet announced, with the notices they already have.
pub async fn candidates(pool: &SqlitePool, from: i64, to: i64) -> Result<Vec<Candidate>> {
    let rows = sqlx::query!(
        r#"SELECT r.id AS "id!", r.account_id, c.id AS "conversation_id!", r.start_at, r.end_at, r.status, r.created_at,
                  r.updated_at, r.menus_json,
                  (SELECT group_concat(n.kind) FROM reservation_notices n WHERE n.reservation_id = r.id) AS "done?: String"
           FROM reservations r
           JOIN friends f ON f.id = r.friend_id
           JOIN conversations c ON c.friend_id = f.id
           WHERE f.followed = 1 AND r.status IN ('confirmed', 'arrived', 'completed')
             AND ((r.start_at < ? AND r.end_at > ?)
                  OR (r.status = 'confirmed' AND r.start_at > ?
                      AND EXISTS (SELECT 1 FROM reservation_notices q WHERE q.reservation_id = r.id AND q.kind = 'requested')
                      AND NOT EXISTS (SELECT 1 FROM reservation_notices q WHERE q.reservation_id = r.id AND q.kind = 'approved')))
           ORDER BY r.start_at"#,
        to,
        from,
        from
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Candidate {
            id: r.id,
            account_id: r.account_id,
            conversation_id: r.conversation_id,
            start: r.start_at,
            end: r.end_at,
            status: r.status,
            created_at: r.created_at,
            updated_at: r.updated_at,
            menus_json: r.menus_json,
            done: r.done.map(|d| d.split(',').map(str::to_string).collect()).unwrap_or_default(),
        })
        .collect())
}

struct AccountCtx {
    settings: LineBookingSettings,
    tz: TimeZone,
}

async fn ctx<'a>(pool: &SqlitePool, cache: &'a mut HashMap<i64, AccountCtx>, account_id: i64) -> Result<&'a AccountCtx> {
    if let std::collections::hash_map::Entry::Vacant(e) = cache.entry(account_id) {
        let settings = line_settings::get(pool, account_id).await?;
        let tz = crate::hours::store::time_zone(pool, account_id).await?;
        e.insert(AccountCtx { settings, tz });
    }
    cache.get(&account_id).ok_or_else(|| CoreError::internal("account settings"))
}

/// Queues every notice due at `now`; returns how many pushes it queued.
pub async fn step_at(core: &Core, now: i64) -> Result<usize> {
    let pool = &core.store().pool;
    let list = candidates(pool, now - 2 * DAY_MS - THANKS_STALE_MS, now + 2 * DAY_MS).await?;
    let mut cache = HashMap::new();
    let mut queued = 0;
    for c in list {
        let cx = ctx(pool, &mut cache, c.account_id).await?;
        for (kind, due) in due_times(&c, &cx.settings, &cx.tz) {
            if due > now || !still_wanted(&c, kind, due, now) {
                continue;
            }
            let text = text_of(kind, &c, &cx.settings, &cx.tz);
            if queue(core, &c, kind, due, &text, now).await? {
                queued += 1;
            }
        }
    }
    Ok(queued)
}

/// The notice row and its push, together; false when another step wrote it first or
/// the booking changed in between (cancelled, friend blocked).
async fn queue(core: &Core, c: &Candidate, kind: NoticeKind, due: i64, text: &str, now: i64) -> Result<bool> {
    let pool = &core.store().pool;
    let entries = crate::outgoing::text_entry(text)?;
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let still = sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!: i64" FROM reservations r JOIN friends f ON f.id = r.friend_id
           WHERE r.id = ? AND f.followed = 1 AND r.status IN ('confirmed', 'arrived', 'completed')"#,
        c.id
    )
    .fetch_one(&mut *tx)
    .await?;
    if still == 0 {
        return Ok(false);
    }
    let k = kind.as_str();
    let inserted = sqlx::query!(
        "INSERT INTO reservation_notices (reservation_id, kind, due_at, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (reservation_id, kind) DO NOTHING",
        c.id,
        k,
        due,
        now
    )
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if !inserted {
        return Ok(false);
    }
    // The sender runs on the real clock, whatever clock decided that this is due.
    let (outbox_id, events) = outbox::enqueue_push_in(&mut tx, c.conversation_id, &entries, crate::time::now_ms()).await?;
    sqlx::query!("UPDATE reservation_notices SET outbox_id = ? WHERE reservation_id = ? AND kind = ?", outbox_id, c.id, k)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    tracing::info!(reservation = c.id, kind = k, outbox = outbox_id, "reservation notice queued");
    for e in events {
        core.events().publish(e);
    }
    core.events().publish(CoreEvent::ConversationUpdated { conversation_id: c.conversation_id });
    core.wakeups().outbox.notify_one();
    Ok(true)
}

/// Marks a LINE booking made as 仮予約: once the owner confirms it, the customer is told.
pub(crate) async fn mark_requested(pool: &SqlitePool, reservation_id: i64, now: i64) -> Result<()> {
    sqlx::query!(
        "INSERT INTO reservation_notices (reservation_id, kind, due_at, created_at) VALUES (?, 'requested', ?, ?)
         ON CONFLICT (reservation_id, kind) DO NOTHING",
        reservation_id,
        now,
        now
    )
    .execute(pool)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReminderCost {
    /// Pushes already queued this calendar month (shop time) for reservations.
    #[ts(type = "number")]
    pub sent_this_month: i64,
    /// Pushes still due before the month ends, for the bookings that exist now.
    #[ts(type = "number")]
    pub scheduled_this_month: i64,
}

/// What reminders cost this month, in pushes (for the quota meter).
pub async fn cost(pool: &SqlitePool, account_id: i64, now: i64) -> Result<ReminderCost> {
    let settings = line_settings::get(pool, account_id).await?;
    let tz = crate::hours::store::time_zone(pool, account_id).await?;
    let z = tz.to_datetime(crate::hours::store::timestamp(now)?);
    let first = z.date().first_of_month();
    let next = first.checked_add(jiff::Span::new().months(1)).map_err(|e| CoreError::internal(e.to_string()))?;
    let month_start = tz.to_timestamp(first.at(0, 0, 0, 0)).map_err(|e| CoreError::internal(e.to_string()))?.as_millisecond();
    let month_end = tz.to_timestamp(next.at(0, 0, 0, 0)).map_err(|e| CoreError::internal(e.to_string()))?.as_millisecond();
    let sent = sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!: i64" FROM reservation_notices n JOIN reservations r ON r.id = n.reservation_id
           WHERE r.account_id = ? AND n.outbox_id IS NOT NULL AND n.created_at >= ? AND n.created_at < ?"#,
        account_id,
        month_start,
        month_end
    )
    .fetch_one(pool)
    .await?;
    let mut scheduled = 0;
    for c in candidates(pool, now - THANKS_STALE_MS, month_end + DAY_MS).await?.into_iter().filter(|c| c.account_id == account_id) {
        for (kind, due) in due_times(&c, &settings, &tz) {
            let at = due.max(now);
            if at < month_end && still_wanted(&c, kind, due, at) {
                scheduled += 1;
            }
        }
    }
    Ok(ReminderCost { sent_this_month: sent, scheduled_this_month: scheduled })
}
