//! Fetches LINE profiles (name, picture) of friends we have not fetched yet: on
//! their first message and again on every follow. Runs after commit; resumes after a crash.
//! The picture is downloaded into the media store when its address is new (LINE gives
//! a changed picture a new address), so screens show it from the shop's own copy.

use std::time::Duration;

use super::media;
use crate::events::CoreEvent;
use crate::runtime::Core;
use crate::time::now_ms;
use crate::Result;

const MAX_ATTEMPTS: i64 = 5;

pub async fn worker(core: Core) {
    let wake = core.wakeups().profiles.clone();
    crate::runtime::worker_loop(core, "profiles", wake, Duration::from_secs(30), |c| async move { fetch_due(&c).await })
        .await;
}

async fn fetch_due(core: &Core) -> Result<bool> {
    let pool = &core.store().pool;
    let due = sqlx::query!(
        r#"SELECT f.id AS "id!", f.account_id, f.line_user_id, c.id AS "conversation_id?"
           FROM friends f LEFT JOIN conversations c ON c.friend_id = f.id
           WHERE f.profile_fetched_at IS NULL AND f.profile_attempts < ? LIMIT 16"#,
        MAX_ATTEMPTS
    )
    .fetch_all(pool)
    .await?;
    if due.is_empty() {
        return Ok(false);
    }
    let mut progressed = false;
    for f in due {
        let Some(client) = core.client(f.account_id).await else { continue };
        let now = now_ms();
        match client.get_profile(&f.line_user_id).await {
            Ok(p) => {
                sqlx::query!(
                    "UPDATE friends SET display_name = ?, picture_url = ?, status_message = ?, language = ?,
                       profile_fetched_at = ? WHERE id = ?",
                    p.display_name,
                    p.picture_url,
                    p.status_message,
                    p.language,
                    now,
                    f.id
                )
                .execute(pool)
                .await?;
                progressed = true;
                store_picture(core, &client, f.id, p.picture_url.as_deref()).await?;
                if let Some(conversation_id) = f.conversation_id {
                    core.events().publish(CoreEvent::ConversationUpdated { conversation_id });
                }
            }
            Err(e) if e.is_definitely_rejected() => {
                // 404: blocked us or never was a friend; nothing to retry.
                sqlx::query!("UPDATE friends SET profile_fetched_at = ? WHERE id = ?", now, f.id)
                    .execute(pool)
                    .await?;
                progressed = true;
            }
            Err(e) => {
                tracing::warn!(friend = f.id, error = %e.reason(), "profile fetch failed");
                sqlx::query!("UPDATE friends SET profile_attempts = profile_attempts + 1 WHERE id = ?", f.id)
                    .execute(pool)
                    .await?;
            }
        }
    }
    Ok(progressed)
}

/// Keeps the friend's picture in step with the profile: downloaded when its address is
/// new, cleared when the profile has none. A failed download keeps the last picture
/// and is tried again with the next profile fetch.
async fn store_picture(core: &Core, client: &line::LineClient, friend_id: i64, url: Option<&str>) -> Result<()> {
    let pool = &core.store().pool;
    let Some(url) = url else {
        sqlx::query("UPDATE friends SET picture_file = NULL, picture_source_url = NULL WHERE id = ?")
            .bind(friend_id)
            .execute(pool)
            .await?;
        return Ok(());
    };
    let known: Option<String> = sqlx::query_scalar("SELECT picture_source_url FROM friends WHERE id = ?")
        .bind(friend_id)
        .fetch_optional(pool)
        .await?
        .flatten();
    if known.as_deref() == Some(url) {
        return Ok(());
    }
    match client.get_profile_picture(url).await {
        Ok(content) => {
            let ct = content.content_type.as_deref().unwrap_or("image/jpeg");
            let (_, file) = media::store_bytes(pool, &core.store().media_dir(), &content.bytes, ct, false).await?;
            sqlx::query("UPDATE friends SET picture_file = ?, picture_source_url = ? WHERE id = ?")
                .bind(file)
                .bind(url)
                .bind(friend_id)
                .execute(pool)
                .await?;
        }
        Err(e) => tracing::warn!(friend = friend_id, error = %e, "profile picture download failed"),
    }
    Ok(())
}
