//! Tags: create, rename, recolour, delete; put on and take off friends.

use sqlx::SqlitePool;

use crate::tags::model::{SaveTag, TagFriends, TagView};
use crate::time::now_ms;
use crate::{CoreError, Result};

const MAX_NAME: usize = 50;

pub async fn list(pool: &SqlitePool, account_id: i64) -> Result<Vec<TagView>> {
    Ok(sqlx::query_as!(
        TagView,
        r#"SELECT t.id AS "id!", t.account_id, t.name, t.color,
                  (SELECT count(*) FROM friend_tags ft WHERE ft.tag_id = t.id) AS "friend_count!: i64"
           FROM tags t WHERE t.account_id = ? ORDER BY t.position, t.name, t.id"#,
        account_id
    )
    .fetch_all(pool)
    .await?)
}

pub async fn get(pool: &SqlitePool, tag_id: i64) -> Result<TagView> {
    sqlx::query_as!(
        TagView,
        r#"SELECT t.id AS "id!", t.account_id, t.name, t.color,
                  (SELECT count(*) FROM friend_tags ft WHERE ft.tag_id = t.id) AS "friend_count!: i64"
           FROM tags t WHERE t.id = ?"#,
        tag_id
    )
    .fetch_optional(pool)
    .await?
    .ok_or_else(|| CoreError::NotFound(format!("tag {tag_id}")))
}

/// A tag name as stored: trimmed, non-empty, at most 50 characters.
pub fn clean_name(name: &str) -> Result<String> {
    let n = name.trim();
    if n.is_empty() {
        return Err(CoreError::bad_input("a tag needs a name", "タグ名を入力してください"));
    }
    // The CSV export lists a friend's tags in one cell, separated by commas.
    if n.contains([',', '、', '\n', '\r']) {
        return Err(CoreError::bad_input(
            format!("a tag name cannot contain commas or line breaks: {n:?}"),
            format!("タグ名にカンマ（, 、）や改行は使えません: 「{n}」"),
        ));
    }
    if n.chars().count() > MAX_NAME {
        return Err(CoreError::bad_input(
            format!("a tag name has at most {MAX_NAME} characters"),
            format!("タグ名は {MAX_NAME} 文字までです"),
        ));
    }
    Ok(n.to_string())
}

/// `#rrggbb`, lower case.
pub fn clean_color(color: &str) -> Result<String> {
    let c = color.trim().to_ascii_lowercase();
    let ok = c.len() == 7 && c.starts_with('#') && c[1..].chars().all(|ch| ch.is_ascii_hexdigit());
    if !ok {
        return Err(CoreError::bad_input(
            format!("a tag colour is written #rrggbb, not {color:?}"),
            format!("タグの色は #rrggbb の形式で指定してください（{color:?}）"),
        ));
    }
    Ok(c)
}

/// The colours new tags cycle through (import creates tags without one).
pub const PALETTE: [&str; 8] = ["#06c755", "#1e88e5", "#f4511e", "#8e24aa", "#fbc02d", "#00897b", "#d81b60", "#6d4c41"];

pub async fn save(pool: &SqlitePool, q: &SaveTag) -> Result<TagView> {
    crate::accounts::check_exists(pool, q.account_id).await?;
    let name = clean_name(&q.name)?;
    let color = clean_color(&q.color)?;
    let taken = sqlx::query_scalar!(
        r#"SELECT id AS "id!" FROM tags WHERE account_id = ? AND name = ? AND id IS NOT ?"#,
        q.account_id,
        name,
        q.id
    )
    .fetch_optional(pool)
    .await?;
    if taken.is_some() {
        return Err(CoreError::bad_input(
            format!("there is already a tag named {name:?}"),
            format!("「{name}」というタグはすでにあります"),
        ));
    }
    let id = match q.id {
        Some(id) => {
            let n = sqlx::query!(
                "UPDATE tags SET name = ?, color = ? WHERE id = ? AND account_id = ?",
                name,
                color,
                id,
                q.account_id
            )
            .execute(pool)
            .await?
            .rows_affected();
            if n == 0 {
                return Err(CoreError::NotFound(format!("tag {id}")));
            }
            id
        }
        None => {
            let now = now_ms();
            sqlx::query_scalar!(
                r#"INSERT INTO tags (account_id, name, color, position, created_at)
                   VALUES (?1, ?2, ?3, (SELECT coalesce(max(position), 0) + 1 FROM tags WHERE account_id = ?1), ?4)
                   RETURNING id AS "id!""#,
                q.account_id,
                name,
                color,
                now
            )
            .fetch_one(pool)
            .await?
        }
    };
    get(pool, id).await
}

pub async fn delete(pool: &SqlitePool, tag_id: i64) -> Result<()> {
    let n = sqlx::query!("DELETE FROM tags WHERE id = ?", tag_id).execute(pool).await?.rows_affected();
    if n == 0 {
        return Err(CoreError::NotFound(format!("tag {tag_id}")));
    }
    Ok(())
}

/// Puts the tag on (or takes it off) every listed friend of the tag's account, in one
/// transaction; returns the conversations whose friends changed.
pub async fn tag_friends(pool: &SqlitePool, q: &TagFriends) -> Result<Vec<i64>> {
    let tag = get(pool, q.tag_id).await?;
    let ids = serde_json::to_string(&q.friend_ids)?;
    let now = now_ms();
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    if q.add {
        sqlx::query!(
            r#"INSERT INTO friend_tags (friend_id, tag_id, created_at, source)
               SELECT f.id, ?1, ?2, 'owner' FROM friends f
               WHERE f.account_id = ?3 AND f.id IN (SELECT value FROM json_each(?4))
               ON CONFLICT DO NOTHING"#,
            tag.id,
            now,
            tag.account_id,
            ids
        )
        .execute(&mut *tx)
        .await?;
    } else {
        sqlx::query!(
            "DELETE FROM friend_tags WHERE tag_id = ? AND friend_id IN (SELECT value FROM json_each(?))",
            tag.id,
            ids
        )
        .execute(&mut *tx)
        .await?;
    }
    let conversations = sqlx::query_scalar!(
        r#"SELECT id AS "id!" FROM conversations WHERE friend_id IN (SELECT value FROM json_each(?))"#,
        ids
    )
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(conversations)
}

/// The tag ids a friend carries.
pub async fn of_friend<'e>(db: impl sqlx::SqliteExecutor<'e>, friend_id: i64) -> Result<Vec<i64>> {
    Ok(sqlx::query_scalar!(
        r#"SELECT ft.tag_id AS "id!" FROM friend_tags ft JOIN tags t ON t.id = ft.tag_id
           WHERE ft.friend_id = ? ORDER BY t.position, t.name, t.id"#,
        friend_id
    )
    .fetch_all(db)
    .await?)
}
