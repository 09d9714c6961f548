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

/// How long the worker sleeps when nothing is due and nothing wakes it.
const IDLE: Duration = Duration::from_secs(30);

/// Milliseconds to wait after a failed fetch before the next one, from the number of
/// failures so far: 2 s, 4 s, 8 s … up to an hour. SQL, so that the due query and the
/// wait agree.
macro_rules! backoff_sql {
    () => {
        "CASE WHEN profile_attempts = 0 THEN 0 ELSE min(2000 << min(profile_attempts - 1, 11), 3600000) END"
    };
}

pub async fn worker(core: Core) {
    let wake = core.wakeups().profiles.clone();
    loop {
        match fetch_due(&core).await {
            Ok(true) => continue,
            Ok(false) => {}
            Err(e) => tracing::warn!(worker = "profiles", error = %e, "worker step failed"),
        }
        // A failed fetch is tried again when its wait is over, not at the next idle tick.
        let wait = match next_retry_in(&core).await {
            Ok(Some(ms)) => Duration::from_millis(ms).min(IDLE),
            Ok(None) => IDLE,
            Err(e) => {
                tracing::warn!(error = %e, "profiles: could not read when to retry");
                IDLE
            }
        };
        tokio::select! {
            _ = wake.notified() => {}
            _ = tokio::time::sleep(wait) => {}
            _ = core.shutdown_signal() => return,
        }
    }
}

struct Due {
    id: i64,
    account_id: i64,
    line_user_id: String,
    conversation_id: Option<i64>,
}

async fn fetch_due(core: &Core) -> Result<bool> {
    let pool = &core.store().pool;
    let due: Vec<(i64, i64, String, Option<i64>)> = sqlx::query_as(concat!(
        "SELECT f.id, f.account_id, f.line_user_id, c.id
           FROM friends f LEFT JOIN conversations c ON c.friend_id = f.id
          WHERE f.profile_fetched_at IS NULL
            AND coalesce(f.profile_failed_at, 0) + ",
        backoff_sql!(),
        " <= ? ORDER BY coalesce(f.profile_failed_at, 0) LIMIT 16"
    ))
    .bind(now_ms())
    .fetch_all(pool)
    .await?;
    let mut progressed = false;
    for (id, account_id, line_user_id, conversation_id) in due {
        let f = Due { id, account_id, line_user_id, conversation_id };
        // One friend's failure (a store error, a broken picture) never holds back the others.
        match fetch_one(core, &f).await {
            Ok(done) => progressed |= done,
            Err(e) => tracing::warn!(friend = f.id, error = %e, "profile not stored"),
        }
    }
    Ok(progressed)
}

/// Fetches one profile; true when the friend needs no further fetch.
async fn fetch_one(core: &Core, f: &Due) -> Result<bool> {
    let pool = &core.store().pool;
    let now = now_ms();
    let Some(client) = core.client(f.account_id).await else {
        // The account has no LINE credentials (yet): waits like a failed fetch.
        record_failure(pool, f.id, now).await?;
        return Ok(false);
    };
    match client.get_profile(&f.line_user_id).await {
        Ok(p) => {
            sqlx::query(
                "UPDATE friends SET display_name = ?, picture_url = ?, status_message = ?, language = ?,
                   profile_fetched_at = ?, profile_failed_at = NULL WHERE id = ?",
            )
            .bind(&p.display_name)
            .bind(&p.picture_url)
            .bind(&p.status_message)
            .bind(&p.language)
            .bind(now)
            .bind(f.id)
            .execute(pool)
            .await?;
            store_picture(core, &client, f.id, p.picture_url.as_deref()).await?;
            if let Some(conversation_id) = f.conversation_id {
                core.events().publish(CoreEvent::ConversationUpdated { conversation_id });
            }
            Ok(true)
        }
        Err(line::LineError::Api { status: 400 | 404, .. }) => {
            // Blocked us, never was a friend, or not a user id LINE knows: no profile to give.
            sqlx::query("UPDATE friends SET profile_fetched_at = ?, profile_failed_at = NULL WHERE id = ?")
                .bind(now)
                .bind(f.id)
                .execute(pool)
                .await?;
            Ok(true)
        }
        Err(e) => {
            tracing::warn!(friend = f.id, error = %e.reason(), "profile fetch failed; will try again");
            record_failure(pool, f.id, now).await?;
            Ok(false)
        }
    }
}

async fn record_failure(pool: &sqlx::SqlitePool, friend_id: i64, now: i64) -> Result<()> {
    sqlx::query("UPDATE friends SET profile_attempts = profile_attempts + 1, profile_failed_at = ? WHERE id = ?")
        .bind(now)
        .bind(friend_id)
        .execute(pool)
        .await?;
    Ok(())
}

/// Milliseconds until the next failed fetch is due again; None when none waits.
async fn next_retry_in(core: &Core) -> Result<Option<u64>> {
    let next: Option<i64> = sqlx::query_scalar(concat!(
        "SELECT min(coalesce(profile_failed_at, 0) + ",
        backoff_sql!(),
        ") FROM friends WHERE profile_fetched_at IS NULL"
    ))
    .fetch_one(&core.store().pool)
    .await?;
    Ok(next.map(|at| u64::try_from(at - now_ms()).unwrap_or(0)))
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
