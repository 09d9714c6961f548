//! The conversation list: newest first, pinned on top, keyset-paged so the first
//! page costs the same with 100 friends or 100 000.

use sqlx::SqlitePool;

use crate::api::types::{
    ConversationFilter, ConversationPage, ConversationSort, ConversationStatus, ConversationView, Direction, FriendView,
    ListConversations,
};
use crate::{CoreError, Result};

const DEFAULT_PAGE: u32 = 50;
const MAX_PAGE: u32 = 500;
/// The "waiting" sort key of a chat nobody waits on: after every waiting one, newest first.
const NOT_WAITING: i64 = 4_000_000_000_000_000;

struct Row {
    id: i64,
    account_id: i64,
    last_preview: Option<String>,
    last_kind: Option<String>,
    last_direction: Option<String>,
    last_message_at: i64,
    unread_count: i64,
    status: String,
    pinned: i64,
    waiting_since: Option<i64>,
    tags: String,
    friend_id: i64,
    line_user_id: String,
    display_name: Option<String>,
    picture_url: Option<String>,
    picture_file: Option<String>,
    followed: i64,
    private_name: Option<String>,
}

impl Row {
    fn view(self) -> ConversationView {
        ConversationView {
            id: self.id,
            account_id: self.account_id,
            friend: FriendView {
                id: self.friend_id,
                line_user_id: self.line_user_id,
                display_name: self.display_name,
                picture_url: self.picture_url,
                picture_file: self.picture_file,
                followed: self.followed != 0,
                private_name: self.private_name,
            },
            last_preview: self.last_preview,
            last_kind: self.last_kind,
            last_direction: match self.last_direction.as_deref() {
                Some("in") => Some(Direction::In),
                Some("out") => Some(Direction::Out),
                _ => None,
            },
            last_message_at: (self.last_message_at > 0).then_some(self.last_message_at),
            unread_count: self.unread_count,
            status: ConversationStatus::parse(&self.status),
            pinned: self.pinned != 0,
            waiting_since: self.waiting_since,
            tag_ids: serde_json::from_str(&self.tags).unwrap_or_default(),
        }
    }

    fn cursor(&self, sort: ConversationSort) -> String {
        match sort {
            ConversationSort::Recent => format!("{}:{}:{}", self.pinned, self.last_message_at, self.id),
            ConversationSort::Waiting => {
                format!("w:{}:{}", self.waiting_since.unwrap_or(NOT_WAITING - self.last_message_at), self.id)
            }
        }
    }
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
    // The tag expression on the chat's friend (same meaning as `tags::expr::matching_friend_ids`).
    // CROSS JOIN keeps SQLite walking json_each first and each tag's index range, not all of friend_tags.
    let sort = q.sort.unwrap_or_default();
    let mut rows = match sort {
        ConversationSort::Recent => {
            let (p, t, id) = parse_cursor(q.before.as_deref())?;
            sqlx::query_as!(
                Row,
                r#"SELECT c.id AS "id!", c.account_id, c.last_preview, c.last_kind, c.last_direction,
                          c.last_message_at, c.unread_count, c.status, c.pinned, c.waiting_since,
                          (SELECT json_group_array(ft.tag_id) FROM friend_tags ft WHERE ft.friend_id = f.id) AS "tags!: String",
                          f.id AS "friend_id!", f.line_user_id, f.display_name, f.picture_url, f.picture_file, f.followed, f.private_name
                   FROM conversations c JOIN friends f ON f.id = c.friend_id
                   WHERE c.account_id = ?1 AND (?2 = 0 OR c.unread_count > 0) AND (?7 IS NULL OR c.status = ?7)
                     AND (json_array_length(?8) = 0 OR c.friend_id IN (
                          SELECT ft.friend_id FROM json_each(?8) j CROSS JOIN friend_tags ft ON ft.tag_id = j.value
                          GROUP BY ft.friend_id HAVING count(*) = json_array_length(?8)))
                     AND (json_array_length(?9) = 0 OR c.friend_id IN (
                          SELECT ft.friend_id FROM json_each(?9) j CROSS JOIN friend_tags ft ON ft.tag_id = j.value))
                     AND c.friend_id NOT IN (
                          SELECT ft.friend_id FROM json_each(?10) j CROSS JOIN friend_tags ft ON ft.tag_id = j.value)
                     AND (c.pinned, c.last_message_at, c.id) < (?3, ?4, ?5)
                   ORDER BY c.pinned DESC, c.last_message_at DESC, c.id DESC
                   LIMIT ?6"#,
                account_id,
                unread_only,
                p,
                t,
                id,
                fetch,
                status,
                all,
                any,
                none
            )
            .fetch_all(pool)
            .await?
        }
        ConversationSort::Waiting => {
            let (k, id) = parse_waiting_cursor(q.before.as_deref())?;
            sqlx::query_as!(
                Row,
                r#"SELECT c.id AS "id!", c.account_id, c.last_preview, c.last_kind, c.last_direction,
                          c.last_message_at, c.unread_count, c.status, c.pinned, c.waiting_since,
                          (SELECT json_group_array(ft.tag_id) FROM friend_tags ft WHERE ft.friend_id = f.id) AS "tags!: String",
                          f.id AS "friend_id!", f.line_user_id, f.display_name, f.picture_url, f.picture_file, f.followed, f.private_name
                   FROM conversations c JOIN friends f ON f.id = c.friend_id
                   WHERE c.account_id = ?1 AND (?2 = 0 OR c.unread_count > 0) AND (?6 IS NULL OR c.status = ?6)
                     AND (json_array_length(?7) = 0 OR c.friend_id IN (
                          SELECT ft.friend_id FROM json_each(?7) j CROSS JOIN friend_tags ft ON ft.tag_id = j.value
                          GROUP BY ft.friend_id HAVING count(*) = json_array_length(?7)))
                     AND (json_array_length(?8) = 0 OR c.friend_id IN (
                          SELECT ft.friend_id FROM json_each(?8) j CROSS JOIN friend_tags ft ON ft.tag_id = j.value))
                     AND c.friend_id NOT IN (
                          SELECT ft.friend_id FROM json_each(?9) j CROSS JOIN friend_tags ft ON ft.tag_id = j.value)
                     AND (coalesce(c.waiting_since, ?10 - c.last_message_at), c.id) > (?3, ?4)
                   ORDER BY coalesce(c.waiting_since, ?10 - c.last_message_at), c.id
                   LIMIT ?5"#,
                account_id,
                unread_only,
                k,
                id,
                fetch,
                status,
                all,
                any,
                none,
                NOT_WAITING
            )
            .fetch_all(pool)
            .await?
        }
    };
    let next_cursor = if rows.len() > limit as usize {
        rows.truncate(limit as usize);
        rows.last().map(|r| r.cursor(sort))
    } else {
        None
    };
    Ok(ConversationPage {
        items: rows.into_iter().map(Row::view).collect(),
        next_cursor,
        wait_limit_ms: crate::replytime::wait_limit_ms(pool).await?,
    })
}

pub async fn get(pool: &SqlitePool, conversation_id: i64) -> Result<ConversationView> {
    let row = sqlx::query_as!(
        Row,
        r#"SELECT c.id AS "id!", c.account_id, c.last_preview, c.last_kind, c.last_direction,
                  c.last_message_at, c.unread_count, c.status, c.pinned, c.waiting_since,
                  (SELECT json_group_array(ft.tag_id) FROM friend_tags ft WHERE ft.friend_id = f.id) AS "tags!: String",
                  f.id AS "friend_id!", f.line_user_id, f.display_name, f.picture_url, f.picture_file, f.followed, f.private_name
           FROM conversations c JOIN friends f ON f.id = c.friend_id
           WHERE c.id = ?"#,
        conversation_id
    )
    .fetch_optional(pool)
    .await?
    .ok_or_else(|| CoreError::NotFound(format!("conversation {conversation_id}")))?;
    Ok(row.view())
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
