//! Reply-time tracking: 要対応 (needsAction) / 対応済み (resolved), how long a customer
//! has waited, and first-response times.
//!
//! `conversations.waiting_since` is the time of the oldest customer message nobody
//! answered yet. Ingest sets it (when empty) and marks the chat 要対応 in the webhook
//! transaction; the owner's reply (`outbox::enqueue`) clears it, marks the chat 対応済み
//! and records the wait in `response_times`, in the same transaction as the outbox row.
//! Automatic replies do not count as an answer.

pub mod api;
pub mod model;

use sqlx::{SqliteConnection, SqlitePool};

use crate::conversation::ConversationStatus;
use crate::replytime::model::{ReplyTimeQuery, ReplyTimeReport, ReplyTimeRow, ReplyTimeSettings, ReportBucket};
use crate::time::now_ms;
use crate::{CoreError, Result, settings};

pub const WAIT_LIMIT_HOURS: &str = "replyWaitLimitHours";
pub const DEFAULT_WAIT_LIMIT_HOURS: i64 = 24;

pub async fn get_settings(pool: &SqlitePool) -> Result<ReplyTimeSettings> {
    Ok(ReplyTimeSettings { wait_limit_hours: settings::get_i64(pool, WAIT_LIMIT_HOURS, DEFAULT_WAIT_LIMIT_HOURS).await? })
}

pub async fn set_settings(pool: &SqlitePool, s: &ReplyTimeSettings) -> Result<ReplyTimeSettings> {
    if !(1..=24 * 30).contains(&s.wait_limit_hours) {
        return Err(CoreError::bad_input(
            "the waiting limit is between 1 hour and 30 days",
            "待ち時間の上限は 1 時間〜30 日で指定してください",
        ));
    }
    settings::set(pool, WAIT_LIMIT_HOURS, &s.wait_limit_hours.to_string()).await?;
    get_settings(pool).await
}

pub async fn wait_limit_ms(pool: &SqlitePool) -> Result<i64> {
    Ok(get_settings(pool).await?.wait_limit_hours * 3_600_000)
}

/// The owner answered (inside the outbox transaction): record the wait, if any, and
/// mark the chat 対応済み.
pub(crate) async fn on_owner_reply(conn: &mut SqliteConnection, conversation_id: i64, now: i64) -> Result<()> {
    sqlx::query!(
        "INSERT INTO response_times (account_id, conversation_id, waited_from, answered_at)
         SELECT account_id, id, waiting_since, ? FROM conversations WHERE id = ? AND waiting_since IS NOT NULL",
        now,
        conversation_id
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!("UPDATE conversations SET status = 'resolved', waiting_since = NULL WHERE id = ?", conversation_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The owner undid a reply (inside the outbox transaction): unless another reply of
/// theirs still stands, the customer waits again since the same moment as before.
pub(crate) async fn on_owner_cancel(conn: &mut SqliteConnection, conversation_id: i64, outbox_id: i64, created_at: i64) -> Result<()> {
    let other = sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!: i64" FROM outbox WHERE conversation_id = ? AND id != ? AND auto_reply = 0
             AND status != 'cancelled' AND route != 'multicast' AND created_at >= ?"#,
        conversation_id,
        outbox_id,
        created_at
    )
    .fetch_one(&mut *conn)
    .await?;
    if other > 0 {
        return Ok(());
    }
    let waited = sqlx::query_scalar!(
        "DELETE FROM response_times WHERE conversation_id = ? AND answered_at = ? RETURNING waited_from",
        conversation_id,
        created_at
    )
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(from) = waited {
        sqlx::query!(
            "UPDATE conversations SET status = 'needsAction', waiting_since = min(coalesce(waiting_since, ?1), ?1) WHERE id = ?2",
            from,
            conversation_id
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The owner's button. 対応済み / open stop the clock (no response is recorded: nothing
/// was sent); 要対応 starts it now unless it already runs.
pub async fn set_status(pool: &SqlitePool, conversation_id: i64, status: ConversationStatus) -> Result<()> {
    let now = now_ms();
    let n = match status {
        ConversationStatus::NeedsAction => sqlx::query!(
            "UPDATE conversations SET status = 'needsAction', waiting_since = coalesce(waiting_since, ?) WHERE id = ?",
            now,
            conversation_id
        )
        .execute(pool)
        .await?
        .rows_affected(),
        ConversationStatus::Resolved | ConversationStatus::Open => {
            let s = if status == ConversationStatus::Resolved { "resolved" } else { "open" };
            sqlx::query!("UPDATE conversations SET status = ?, waiting_since = NULL WHERE id = ?", s, conversation_id)
                .execute(pool)
                .await?
                .rows_affected()
        }
    };
    if n == 0 {
        return Err(CoreError::NotFound(format!("conversation {conversation_id}")));
    }
    Ok(())
}

/// Median of sorted values (the lower middle of an even count is averaged with the upper).
pub fn median(sorted: &[i64]) -> i64 {
    match sorted.len() {
        0 => 0,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2,
    }
}

pub async fn report(pool: &SqlitePool, q: &ReplyTimeQuery) -> Result<ReplyTimeReport> {
    report_at(pool, q, now_ms()).await
}

pub async fn report_at(pool: &SqlitePool, q: &ReplyTimeQuery, now: i64) -> Result<ReplyTimeReport> {
    let tz = crate::hours::store::time_zone(pool, q.account_id).await?;
    let days = i64::from(q.days.unwrap_or(14).clamp(1, 366));
    let today = tz.to_datetime(crate::hours::store::timestamp(now)?).date();
    let first_day = today.checked_sub(jiff::Span::new().days(days - 1)).map_err(|e| CoreError::internal(e.to_string()))?;
    let from = tz.to_timestamp(first_day.to_datetime(jiff::civil::Time::midnight())).map_err(|e| CoreError::internal(e.to_string()))?.as_millisecond();
    let rows = sqlx::query!(
        "SELECT waited_from, answered_at FROM response_times WHERE account_id = ? AND answered_at >= ? AND answered_at <= ?
         ORDER BY answered_at",
        q.account_id,
        from,
        now
    )
    .fetch_all(pool)
    .await?;
    let mut buckets: std::collections::BTreeMap<jiff::civil::Date, Vec<i64>> = Default::default();
    for r in rows {
        let day = tz.to_datetime(crate::hours::store::timestamp(r.answered_at)?).date();
        let key = match q.bucket {
            ReportBucket::Day => day,
            ReportBucket::Week => day
                .checked_sub(jiff::Span::new().days(i64::from(day.weekday().to_monday_zero_offset())))
                .map_err(|e| CoreError::internal(e.to_string()))?,
        };
        buckets.entry(key).or_default().push((r.answered_at - r.waited_from).max(0));
    }
    let rows = buckets
        .into_iter()
        .map(|(start, mut v)| {
            v.sort_unstable();
            let count = v.len() as i64;
            ReplyTimeRow {
                start: start.strftime("%Y-%m-%d").to_string(),
                count,
                median_ms: median(&v),
                average_ms: v.iter().sum::<i64>() / count.max(1),
            }
        })
        .collect();
    let limit = wait_limit_ms(pool).await?;
    let w = sqlx::query!(
        r#"SELECT count(*) AS "waiting!: i64", coalesce(sum(waiting_since <= ?), 0) AS "over!: i64"
           FROM conversations WHERE account_id = ? AND waiting_since IS NOT NULL"#,
        now - limit,
        q.account_id
    )
    .fetch_one(pool)
    .await?;
    Ok(ReplyTimeReport { bucket: q.bucket, rows, waiting: w.waiting, over_limit: w.over })
}
