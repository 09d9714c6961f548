//! The conversation list: newest first, pinned on top, keyset-paged so the first
//! page costs the same with 100 friends or 100 000.

use sqlx::sqlite::SqliteRow;
use sqlx::{Row as _, SqlitePool};

use crate::assignment::{AssigneeFilter, LastReply, MemberName};
use crate::conversation::ConversationStatus;
use crate::inbox::model::{ConversationFilter, ConversationPage, ConversationSort, ConversationView, Direction, FriendView, ListConversations};
use crate::time::now_ms;
use crate::{CoreError, Result};

const DEFAULT_PAGE: u32 = 50;
const MAX_PAGE: u32 = 500;
/// The "waiting" sort key of a chat nobody waits on: after every waiting one, newest first.
const NOT_WAITING: i64 = 4_000_000_000_000_000;

/// The columns every query here selects. Runtime queries: the assignee's and the last
/// reply's columns came with the members.
const SELECT: &str = "SELECT c.id, c.account_id, c.last_preview, c.last_kind, c.last_direction,
        c.last_message_at, c.unread_count, c.status, c.pinned, c.waiting_since,
        (SELECT json_group_array(ft.tag_id) FROM friend_tags ft WHERE ft.friend_id = f.id) AS tags,
        f.id AS friend_id, f.line_user_id, f.display_name, f.picture_url, f.picture_file, f.followed, f.private_name,
        c.assignee_member_id, am.name AS assignee_name,
        c.last_reply_member_id, rm.name AS last_reply_name, c.last_reply_at
   FROM conversations c JOIN friends f ON f.id = c.friend_id
   LEFT JOIN members am ON am.id = c.assignee_member_id
   LEFT JOIN members rm ON rm.id = c.last_reply_member_id";

/// The list's filters (status, unread, tags, assignment), the same for both sorts.
/// Parameters ?1 to ?9: see `list`.
const FILTERS: &str = "c.account_id = ?1 AND (?2 = 0 OR c.unread_count > 0) AND (?3 IS NULL OR c.status = ?3)
     AND (json_array_length(?4) = 0 OR c.friend_id IN (
          SELECT ft.friend_id FROM json_each(?4) j CROSS JOIN friend_tags ft ON ft.tag_id = j.value
          GROUP BY ft.friend_id HAVING count(*) = json_array_length(?4)))
     AND (json_array_length(?5) = 0 OR c.friend_id IN (
          SELECT ft.friend_id FROM json_each(?5) j CROSS JOIN friend_tags ft ON ft.tag_id = j.value))
     AND c.friend_id NOT IN (
          SELECT ft.friend_id FROM json_each(?6) j CROSS JOIN friend_tags ft ON ft.tag_id = j.value)
     AND (?7 = 0 OR (?7 = 1 AND c.assignee_member_id = ?8) OR (?7 = 2 AND c.assignee_member_id IS NULL))";

fn view(r: &SqliteRow, now: i64) -> Result<ConversationView> {
    let tags: String = r.try_get("tags")?;
    let last_direction: Option<String> = r.try_get("last_direction")?;
    let last_message_at: i64 = r.try_get("last_message_at")?;
    let status: String = r.try_get("status")?;
    let assignee = match (r.try_get::<Option<i64>, _>("assignee_member_id")?, r.try_get::<Option<String>, _>("assignee_name")?) {
        (Some(id), Some(name)) => Some(MemberName { id, name }),
        _ => None,
    };
    let last_reply_by = match (
        r.try_get::<Option<i64>, _>("last_reply_member_id")?,
        r.try_get::<Option<String>, _>("last_reply_name")?,
        r.try_get::<Option<i64>, _>("last_reply_at")?,
    ) {
        (Some(member_id), Some(name), Some(at)) => Some(LastReply { member_id, name, at, ago_ms: (now - at).max(0) }),
        _ => None,
    };
    Ok(ConversationView {
        id: r.try_get("id")?,
        account_id: r.try_get("account_id")?,
        friend: FriendView {
            id: r.try_get("friend_id")?,
            line_user_id: r.try_get("line_user_id")?,
            display_name: r.try_get("display_name")?,
            picture_url: r.try_get("picture_url")?,
            picture_file: r.try_get("picture_file")?,
            followed: r.try_get::<i64, _>("followed")? != 0,
            private_name: r.try_get("private_name")?,
        },
        last_preview: r.try_get("last_preview")?,
        last_kind: r.try_get("last_kind")?,
        last_direction: match last_direction.as_deref() {
            Some("in") => Some(Direction::In),
            Some("out") => Some(Direction::Out),
            _ => None,
        },
        last_message_at: (last_message_at > 0).then_some(last_message_at),
        unread_count: r.try_get("unread_count")?,
        status: ConversationStatus::parse(&status),
        pinned: r.try_get::<i64, _>("pinned")? != 0,
        waiting_since: r.try_get("waiting_since")?,
        tag_ids: serde_json::from_str(&tags).unwrap_or_default(),
        assignee,
        last_reply_by,
    })
}

fn cursor(r: &SqliteRow, sort: ConversationSort) -> Result<String> {
    let id: i64 = r.try_get("id")?;
    let last_message_at: i64 = r.try_get("last_message_at")?;
    Ok(match sort {
        ConversationSort::Recent => format!("{}:{}:{}", r.try_get::<i64, _>("pinned")?, last_message_at, id),
        ConversationSort::Waiting => {
            let waiting: Option<i64> = r.try_get("waiting_since")?;
            format!("w:{}:{}", waiting.unwrap_or(NOT_WAITING - last_message_at), id)
        }
    })
}

fn bad_cursor(c: &str) -> CoreError {
    CoreError::bad_input(format!("invalid page cursor: {c:?}"), format!("ページ位置の指定が正しくありません: {c:?}"))
}

/// Recent: "pinned:last_message_at:id" of the last row of the previous page.
fn parse_cursor(cursor: Option<&str>) -> Result<(i64, i64, i64)> {
    let Some(c) = cursor else {
        return Ok((i64::MAX, i64::MAX, i64::MAX));
    };
    let parts: Vec<i64> = c.split(':').filter_map(|p| p.parse().ok()).collect();
    match parts.as_slice() {
        [p, t, id] => Ok((*p, *t, *id)),
        _ => Err(bad_cursor(c)),
    }
}

/// Waiting: "w:key:id", the key being `waiting_since` or NOT_WAITING - last_message_at.
fn parse_waiting_cursor(cursor: Option<&str>) -> Result<(i64, i64)> {
    let Some(c) = cursor else {
        return Ok((i64::MIN, i64::MIN));
    };
    let mut parts = c.split(':');
    match (parts.next(), parts.next().map(str::parse), parts.next().map(str::parse), parts.next()) {
        (Some("w"), Some(Ok(k)), Some(Ok(id)), None) => Ok((k, id)),
        _ => Err(bad_cursor(c)),
    }
}

/// The assignment filter as (mode, member) for FILTERS' ?7 and ?8. 自分の担当 is the
/// acting member's; the one person at this PC (no member) has no such list.
fn assignee_params(filter: AssigneeFilter) -> Result<(i64, Option<i64>)> {
    Ok(match filter {
        AssigneeFilter::Everyone => (0, None),
        AssigneeFilter::Unassigned => (2, None),
        AssigneeFilter::Mine => match crate::members::actor::current().and_then(|a| a.member_id) {
            Some(id) => (1, Some(id)),
            None => {
                return Err(CoreError::bad_input(
                    "\"mine\" needs a signed-in member",
                    "「自分の担当」はログインしたメンバーだけが使えます",
                ))
            }
        },
    })
}

pub async fn list(pool: &SqlitePool, account_id: i64, q: &ListConversations) -> Result<ConversationPage> {
    let limit = q.limit.unwrap_or(DEFAULT_PAGE).clamp(1, MAX_PAGE);
    let fetch = i64::from(limit) + 1;
    let unread_only = q.filter == ConversationFilter::Unread;
    let status = match q.filter {
        ConversationFilter::NeedsAction => Some("needsAction"),
        ConversationFilter::Resolved => Some("resolved"),
        _ => None,
    };
    let (all, any, none) = q.tags.clone().unwrap_or_default().json_lists();
    let (assign_mode, assign_member) = assignee_params(q.assignee.unwrap_or_default())?;
    // The tag expression on the chat's friend (same meaning as `tags::expr::matching_friend_ids`).
    // CROSS JOIN keeps SQLite walking json_each first and each tag's index range, not all of friend_tags.
    let sort = q.sort.unwrap_or_default();
    // ?1–?8 are the filters, the same for both orders; ?9–?11 the order's cursor.
    let (order, after) = match sort {
        ConversationSort::Recent => {
            let (p, t, id) = parse_cursor(q.before.as_deref())?;
            (
                "AND (c.pinned, c.last_message_at, c.id) < (?9, ?10, ?11)
                 ORDER BY c.pinned DESC, c.last_message_at DESC, c.id DESC",
                [p, t, id],
            )
        }
        ConversationSort::Waiting => {
            let (k, id) = parse_waiting_cursor(q.before.as_deref())?;
            (
                "AND (coalesce(c.waiting_since, ?9 - c.last_message_at), c.id) > (?10, ?11)
                 ORDER BY coalesce(c.waiting_since, ?9 - c.last_message_at), c.id",
                [NOT_WAITING, k, id],
            )
        }
    };
    let mut rows = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT} WHERE {FILTERS} {order} LIMIT ?12")))
        .bind(account_id)
        .bind(unread_only)
        .bind(status)
        .bind(&all)
        .bind(&any)
        .bind(&none)
        .bind(assign_mode)
        .bind(assign_member)
        .bind(after[0])
        .bind(after[1])
        .bind(after[2])
        .bind(fetch)
        .fetch_all(pool)
        .await?;
    let next_cursor = if rows.len() > limit as usize {
        rows.truncate(limit as usize);
        rows.last().map(|r| cursor(r, sort)).transpose()?
    } else {
        None
    };
    let now = now_ms();
    Ok(ConversationPage {
        items: rows.iter().map(|r| view(r, now)).collect::<Result<_>>()?,
        next_cursor,
        wait_limit_ms: crate::replytime::wait_limit_ms(pool).await?,
    })
}

pub async fn get(pool: &SqlitePool, conversation_id: i64) -> Result<ConversationView> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT} WHERE c.id = ?")))
        .bind(conversation_id)
        .fetch_optional(pool)
        .await?
        .ok_or_else(|| CoreError::NotFound(format!("conversation {conversation_id}")))?;
    view(&row, now_ms())
}

/// The newest markAsReadToken not yet sent to LINE, after clearing the unread count.
pub async fn mark_read_locally(pool: &SqlitePool, conversation_id: i64) -> Result<Option<(i64, String)>> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let found = sqlx::query!(
        r#"SELECT m.id AS "id!", m.mark_as_read_token AS "token!"
           FROM messages m JOIN conversations c ON c.id = m.conversation_id
           WHERE m.conversation_id = ? AND m.direction = 'in' AND m.mark_as_read_token IS NOT NULL
             AND m.id > c.last_read_message_id
           ORDER BY m.created_at DESC, m.id DESC LIMIT 1"#,
        conversation_id
    )
    .fetch_optional(&mut *tx)
    .await?;
    let updated = sqlx::query!(
        "UPDATE conversations SET unread_count = 0,
           last_read_message_id = max(last_read_message_id, ?) WHERE id = ?",
        found.as_ref().map(|f| f.id).unwrap_or(0),
        conversation_id
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if updated == 0 {
        return Err(CoreError::NotFound(format!("conversation {conversation_id}")));
    }
    tx.commit().await?;
    Ok(found.map(|f| (f.id, f.token)))
}

/// Points the chat's preview (and its place in the list) at its newest message that
/// still counts: a cancelled send never left, so it is never the chat's last message.
/// Without any such message the preview is empty and the chat keeps its place.
pub async fn refresh_preview(conn: &mut sqlx::SqliteConnection, conversation_id: i64) -> Result<()> {
    sqlx::query!(
        r#"UPDATE conversations SET
             last_preview = m.text, last_kind = m.kind, last_direction = m.direction,
             last_message_at = coalesce(m.created_at, conversations.last_message_at)
           FROM (SELECT 1) AS one
           LEFT JOIN (SELECT text, kind, direction, created_at FROM messages
                      WHERE conversation_id = ?1 AND status <> 'cancelled'
                      ORDER BY created_at DESC, id DESC LIMIT 1) AS m
           WHERE conversations.id = ?1"#,
        conversation_id
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}
