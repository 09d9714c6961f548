//! Friends as the shop knows them: LINE's profile plus a private name, notes, custom
//! field values and tags; the friends list; CSV import and export.

pub mod api;
pub mod csv;
pub mod fields;
pub mod model;

use sqlx::{Row as _, SqlitePool};

use crate::events::ActedBy;
use crate::friends::model::{FieldValue, FriendNote, FriendPage, FriendProfile, FriendSummary, ListFriends};
use crate::time::now_ms;
use crate::{CoreError, Result};

const MAX_NOTE: usize = 10_000;
const MAX_PRIVATE_NAME: usize = 100;

pub async fn profile(pool: &SqlitePool, friend_id: i64) -> Result<FriendProfile> {
    let f = sqlx::query!(
        r#"SELECT f.id AS "id!", f.account_id, c.id AS "conversation_id?", f.line_user_id, f.display_name,
                  f.picture_url, f.picture_file, f.status_message, f.private_name, f.followed, f.first_seen_at,
                  max(f.last_seen_at, coalesce(c.last_message_at, 0)) AS "last_contact_at!: i64",
                  (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id) AS "message_count!: i64"
           FROM friends f LEFT JOIN conversations c ON c.friend_id = f.id WHERE f.id = ?"#,
        friend_id
    )
    .fetch_optional(pool)
    .await?
    .ok_or_else(|| CoreError::NotFound(format!("friend {friend_id}")))?;
    let notes = notes_of(pool, friend_id).await?;
    let fields = sqlx::query_as!(
        FieldValue,
        r#"SELECT v.field_id AS "field_id!", v.value FROM friend_field_values v
           JOIN custom_fields cf ON cf.id = v.field_id WHERE v.friend_id = ? ORDER BY cf.position, cf.id"#,
        friend_id
    )
    .fetch_all(pool)
    .await?;
    Ok(FriendProfile {
        id: f.id,
        account_id: f.account_id,
        conversation_id: f.conversation_id,
        line_user_id: f.line_user_id,
        display_name: f.display_name,
        picture_url: f.picture_url,
        picture_file: f.picture_file,
        status_message: f.status_message,
        private_name: f.private_name,
        followed: f.followed != 0,
        first_contact_at: f.first_seen_at,
        last_contact_at: f.last_contact_at,
        message_count: f.message_count,
        tag_ids: crate::tags::store::of_friend(pool, friend_id).await?,
        notes,
        fields,
    })
}

pub async fn set_private_name(pool: &SqlitePool, friend_id: i64, name: Option<&str>) -> Result<()> {
    let name = name.map(str::trim).filter(|n| !n.is_empty());
    if name.is_some_and(|n| n.chars().count() > MAX_PRIVATE_NAME) {
        return Err(CoreError::bad_input(
            format!("a private name has at most {MAX_PRIVATE_NAME} characters"),
            format!("管理用の名前は {MAX_PRIVATE_NAME} 文字までです"),
        ));
    }
    let n = sqlx::query!("UPDATE friends SET private_name = ? WHERE id = ?", name, friend_id)
        .execute(pool)
        .await?
        .rows_affected();
    if n == 0 {
        return Err(CoreError::NotFound(format!("friend {friend_id}")));
    }
    Ok(())
}

fn clean_note(body: &str) -> Result<&str> {
    let b = body.trim();
    if b.is_empty() {
        return Err(CoreError::bad_input("a note cannot be empty", "メモを入力してください"));
    }
    if b.chars().count() > MAX_NOTE {
        return Err(CoreError::bad_input(
            format!("a note has at most {MAX_NOTE} characters"),
            format!("メモは {MAX_NOTE} 文字までです"),
        ));
    }
    Ok(b)
}

/// A friend's notes, newest first, with their authors.
async fn notes_of(pool: &SqlitePool, friend_id: i64) -> Result<Vec<FriendNote>> {
    let rows = sqlx::query(
        "SELECT id, body, created_at, updated_at, author_member_id, author_name FROM friend_notes
         WHERE friend_id = ? ORDER BY created_at DESC, id DESC",
    )
    .bind(friend_id)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(FriendNote {
                id: r.try_get("id")?,
                body: r.try_get("body")?,
                created_at: r.try_get("created_at")?,
                updated_at: r.try_get("updated_at")?,
                author: ActedBy::from_columns(r.try_get("author_member_id")?, r.try_get("author_name")?),
            })
        })
        .collect()
}

/// Returns the friend the note belongs to. The acting member is its author.
pub async fn add_note(pool: &SqlitePool, friend_id: i64, body: &str) -> Result<i64> {
    let body = clean_note(body)?;
    let now = now_ms();
    let author = ActedBy::current();
    sqlx::query(
        "INSERT INTO friend_notes (friend_id, body, created_at, updated_at, author_member_id, author_name)
         SELECT id, ?, ?, ?, ?, ? FROM friends WHERE id = ?",
    )
    .bind(body)
    .bind(now)
    .bind(now)
    .bind(author.as_ref().map(|a| a.member_id))
    .bind(author.as_ref().map(|a| a.name.as_str()))
    .bind(friend_id)
    .execute(pool)
    .await?
    .rows_affected()
    .eq(&1)
    .then_some(friend_id)
    .ok_or_else(|| CoreError::NotFound(format!("friend {friend_id}")))
}

pub async fn update_note(pool: &SqlitePool, note_id: i64, body: &str) -> Result<i64> {
    let body = clean_note(body)?;
    let now = now_ms();
    sqlx::query_scalar!(
        "UPDATE friend_notes SET body = ?, updated_at = ? WHERE id = ? RETURNING friend_id",
        body,
        now,
        note_id
    )
    .fetch_optional(pool)
    .await?
    .ok_or_else(|| CoreError::NotFound(format!("note {note_id}")))
}

pub async fn delete_note(pool: &SqlitePool, note_id: i64) -> Result<i64> {
    sqlx::query_scalar!("DELETE FROM friend_notes WHERE id = ? RETURNING friend_id", note_id)
        .fetch_optional(pool)
        .await?
        .ok_or_else(|| CoreError::NotFound(format!("note {note_id}")))
}

const DEFAULT_PAGE: u32 = 100;
const MAX_PAGE: u32 = 1000;

/// The friends list: newest contact first, by part of a name and a tag expression.
pub async fn list(pool: &SqlitePool, q: &ListFriends) -> Result<FriendPage> {
    let query = q.query.as_deref().map(|s| s.trim().to_lowercase()).filter(|s| !s.is_empty());
    let (all, any, none) = q.tags.clone().unwrap_or_default().json_lists();
    let limit = i64::from(q.limit.unwrap_or(DEFAULT_PAGE).clamp(1, MAX_PAGE));
    let offset = i64::from(q.offset.unwrap_or(0));
    let rows = sqlx::query!(
        r#"SELECT f.id AS "id!", c.id AS "conversation_id?", f.line_user_id, f.display_name, f.private_name,
                  f.picture_url, f.followed,
                  max(f.last_seen_at, coalesce(c.last_message_at, 0)) AS "last_contact_at!: i64",
                  (SELECT json_group_array(ft.tag_id) FROM friend_tags ft WHERE ft.friend_id = f.id) AS "tags!: String",
                  count(*) OVER () AS "total!: i64"
           FROM friends f LEFT JOIN conversations c ON c.friend_id = f.id
           WHERE f.account_id = ?1
             AND (?2 IS NULL OR instr(lower(coalesce(f.display_name, '')), ?2) > 0
                  OR instr(lower(coalesce(f.private_name, '')), ?2) > 0)
             AND (json_array_length(?3) = 0 OR f.id IN (
                  SELECT ft.friend_id FROM json_each(?3) j CROSS JOIN friend_tags ft ON ft.tag_id = j.value
                  GROUP BY ft.friend_id HAVING count(*) = json_array_length(?3)))
             AND (json_array_length(?4) = 0 OR f.id IN (
                  SELECT ft.friend_id FROM json_each(?4) j CROSS JOIN friend_tags ft ON ft.tag_id = j.value))
             AND f.id NOT IN (
                  SELECT ft.friend_id FROM json_each(?5) j CROSS JOIN friend_tags ft ON ft.tag_id = j.value)
           ORDER BY 8 DESC, f.id DESC
           LIMIT ?6 OFFSET ?7"#,
        q.account_id,
        query,
        all,
        any,
        none,
        limit,
        offset
    )
    .fetch_all(pool)
    .await?;
    let total = rows.first().map(|r| r.total).unwrap_or(0);
    let items = rows
        .into_iter()
        .map(|r| FriendSummary {
            id: r.id,
            conversation_id: r.conversation_id,
            line_user_id: r.line_user_id,
            display_name: r.display_name,
            private_name: r.private_name,
            picture_url: r.picture_url,
            followed: r.followed != 0,
            last_contact_at: r.last_contact_at,
            tag_ids: serde_json::from_str(&r.tags).unwrap_or_default(),
        })
        .collect();
    Ok(FriendPage { items, total })
}
