//! Automatic assignment of new chats, decided where webhook events are projected: in
//! the same transaction as the customer's first message, so the chat never shows as
//! nobody's in between and the event that announces the message names its assignee.

use std::collections::HashMap;

use sqlx::{SqliteConnection, SqlitePool};

use crate::assignment::model::AutoAssignSettings;
use crate::hours::model::{BusinessHours, DEFAULT_TIME_ZONE};
use crate::{settings, CoreError, Result};

const BOOKING_STAFF: &str = "autoAssignBookingStaff";
const ROUND_ROBIN: &str = "autoAssignRoundRobin";
/// The member the last round-robin assignment went to.
const LAST: &str = "autoAssignLast";

/// Message kinds that are not the customer writing (the chat is not "new" at a follow).
const NOT_WRITING: &str = "('follow', 'unfollow')";

pub async fn get_settings(pool: &SqlitePool) -> Result<AutoAssignSettings> {
    let on = |v: Option<String>| v.as_deref() == Some("1");
    Ok(AutoAssignSettings {
        booking_staff: on(settings::get(pool, BOOKING_STAFF).await?),
        round_robin: on(settings::get(pool, ROUND_ROBIN).await?),
    })
}

pub async fn set_settings(pool: &SqlitePool, s: &AutoAssignSettings) -> Result<AutoAssignSettings> {
    let flag = |b: bool| if b { "1" } else { "0" };
    settings::set(pool, BOOKING_STAFF, flag(s.booking_staff)).await?;
    settings::set(pool, ROUND_ROBIN, flag(s.round_robin)).await?;
    get_settings(pool).await
}

/// Called with the inbound messages a projection batch just stored (ids, in order).
/// Assigns the chats whose customer wrote for the first time, if the owner turned that
/// on, and answers every chat of the batch that has an assignee, for the events.
pub async fn on_ingest(conn: &mut SqliteConnection, message_ids: &[i64], now_ms: i64) -> Result<HashMap<i64, i64>> {
    let Some(first) = message_ids.iter().min().copied() else { return Ok(HashMap::new()) };
    let ids = serde_json::to_string(message_ids)?;
    let (booking, round_robin): (Option<String>, Option<String>) = sqlx::query_as(
        "SELECT (SELECT value FROM settings WHERE account_id = 0 AND key = ?1),
                (SELECT value FROM settings WHERE account_id = 0 AND key = ?2)",
    )
    .bind(BOOKING_STAFF)
    .bind(ROUND_ROBIN)
    .fetch_one(&mut *conn)
    .await?;
    let (booking, round_robin) = (booking.as_deref() == Some("1"), round_robin.as_deref() == Some("1"));
    if booking || round_robin {
        // Chats that got a customer message now and had none before (ids grow: the
        // batch's messages are the newest rows).
        let new_chats: Vec<(i64, i64, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT c.id, c.account_id, c.friend_id FROM conversations c
             WHERE c.assignee_member_id IS NULL
               AND c.id IN (SELECT m.conversation_id FROM messages m
                            WHERE m.id IN (SELECT value FROM json_each(?1)) AND m.direction = 'in'
                              AND m.kind NOT IN {NOT_WRITING})
               AND NOT EXISTS (SELECT 1 FROM messages p WHERE p.conversation_id = c.id AND p.direction = 'in'
                                 AND p.kind NOT IN {NOT_WRITING} AND p.id < ?2)
             ORDER BY c.id"
        )))
        .bind(&ids)
        .bind(first)
        .fetch_all(&mut *conn)
        .await?;
        for (conversation_id, account_id, friend_id) in new_chats {
            let mut member = None;
            if booking {
                member = booking_staff_member(conn, account_id, friend_id, now_ms).await?;
            }
            if member.is_none() && round_robin {
                member = next_in_turn(conn).await?;
            }
            if let Some(m) = member {
                sqlx::query("UPDATE conversations SET assignee_member_id = ? WHERE id = ?")
                    .bind(m)
                    .bind(conversation_id)
                    .execute(&mut *conn)
                    .await?;
                tracing::info!(conversation_id, member_id = m, "new chat assigned automatically");
            }
        }
    }
    let assigned: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT c.id, c.assignee_member_id FROM conversations c
         WHERE c.assignee_member_id IS NOT NULL
           AND c.id IN (SELECT m.conversation_id FROM messages m WHERE m.id IN (SELECT value FROM json_each(?1)))",
    )
    .bind(&ids)
    .fetch_all(&mut *conn)
    .await?;
    Ok(assigned.into_iter().collect())
}

/// The member linked to the reservation staff of the customer's first booking today
/// (the shop's day, in its time zone), if that member is still there.
async fn booking_staff_member(conn: &mut SqliteConnection, account_id: i64, friend_id: i64, now_ms: i64) -> Result<Option<i64>> {
    let (start, end) = today(conn, account_id, now_ms).await?;
    Ok(sqlx::query_scalar(
        "SELECT mb.id FROM reservations r
         JOIN members mb ON mb.reservation_staff_id = r.staff_id AND mb.removed_at IS NULL
         WHERE r.friend_id = ? AND r.status NOT IN ('cancelled', 'noShow') AND r.start_at >= ? AND r.start_at < ?
         ORDER BY r.start_at, r.id LIMIT 1",
    )
    .bind(friend_id)
    .bind(start)
    .bind(end)
    .fetch_optional(&mut *conn)
    .await?)
}

/// The shop's today as [start, end) in epoch milliseconds.
async fn today(conn: &mut SqliteConnection, account_id: i64, now_ms: i64) -> Result<(i64, i64)> {
    let json: Option<String> = sqlx::query_scalar("SELECT schedule_json FROM business_hours WHERE account_id = ?")
        .bind(account_id)
        .fetch_optional(&mut *conn)
        .await?;
    let zone_name = json
        .and_then(|j| serde_json::from_str::<BusinessHours>(&j).ok())
        .map(|h| h.time_zone.trim().to_string())
        .filter(|z| !z.is_empty())
        .unwrap_or_else(|| DEFAULT_TIME_ZONE.to_string());
    let zone = jiff::tz::TimeZone::get(&zone_name).map_err(|e| CoreError::internal(format!("time zone {zone_name}: {e}")))?;
    let now = jiff::Timestamp::from_millisecond(now_ms).map_err(|e| CoreError::internal(e.to_string()))?;
    let day = zone.to_datetime(now).date();
    let start_of = |d: jiff::civil::Date| -> Result<i64> {
        Ok(zone
            .to_ambiguous_timestamp(d.to_datetime(jiff::civil::Time::midnight()))
            .compatible()
            .map_err(|e| CoreError::internal(format!("date {d}: {e}")))?
            .as_millisecond())
    };
    let tomorrow = day.tomorrow().map_err(|e| CoreError::internal(e.to_string()))?;
    Ok((start_of(day)?, start_of(tomorrow)?))
}

/// The member after the last one given a chat, in the order they joined, round again.
async fn next_in_turn(conn: &mut SqliteConnection) -> Result<Option<i64>> {
    let members: Vec<i64> = sqlx::query_scalar("SELECT id FROM members WHERE removed_at IS NULL ORDER BY id")
        .fetch_all(&mut *conn)
        .await?;
    let last: Option<String> = sqlx::query_scalar("SELECT value FROM settings WHERE account_id = 0 AND key = ?")
        .bind(LAST)
        .fetch_optional(&mut *conn)
        .await?;
    let last: i64 = last.and_then(|v| v.parse().ok()).unwrap_or(0);
    let Some(next) = members.iter().copied().find(|id| *id > last).or_else(|| members.first().copied()) else {
        return Ok(None);
    };
    sqlx::query(
        "INSERT INTO settings (account_id, key, value) VALUES (0, ?, ?)
         ON CONFLICT(account_id, key) DO UPDATE SET value = excluded.value",
    )
    .bind(LAST)
    .bind(next.to_string())
    .execute(&mut *conn)
    .await?;
    Ok(Some(next))
}
