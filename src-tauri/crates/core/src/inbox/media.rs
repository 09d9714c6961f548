//! Media files, named by the SHA-256 of their content under `<data dir>/media/`.
//! Inbound content hosted by LINE is downloaded after the webhook commit by a worker
//! that resumes after a crash (the message row says `media_state = 'pending'`).

use std::path::Path;
use std::time::Duration;

use sha2::{Digest, Sha256};
use sqlx::SqlitePool;

use crate::events::CoreEvent;
use crate::runtime::Core;
use crate::time::now_ms;
use crate::Result;

const MAX_ATTEMPTS: i64 = 8;

/// Stores `bytes` (idempotent: the same content is one file and one row).
/// `public` marks media we send: only those are served to LINE without a session token.
pub async fn store_bytes(
    pool: &SqlitePool,
    media_dir: &Path,
    bytes: &[u8],
    content_type: &str,
    public: bool,
) -> Result<(i64, String)> {
    let sha = hex::encode(Sha256::digest(bytes));
    let file_name = format!("{sha}.{}", extension_for(content_type));
    let path = media_dir.join(&file_name);
    if !path.exists() {
        // Write then rename, so a crash never leaves a half file under the final name.
        let tmp = media_dir.join(format!(".{file_name}.{}", ulid::Ulid::new()));
        tokio::fs::write(&tmp, bytes).await?;
        tokio::fs::rename(&tmp, &path).await?;
    }
    let size = bytes.len() as i64;
    let now = now_ms();
    sqlx::query!(
        "INSERT INTO media (sha256, content_type, size, file_name, public, created_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(sha256) DO UPDATE SET public = max(public, excluded.public)",
        sha,
        content_type,
        size,
        file_name,
        public,
        now
    )
    .execute(pool)
    .await?;
    let id = sqlx::query_scalar!(r#"SELECT id AS "id!" FROM media WHERE sha256 = ?"#, sha)
        .fetch_one(pool)
        .await?;
    Ok((id, file_name))
}

pub fn extension_for(content_type: &str) -> &'static str {
    match content_type.split(';').next().unwrap_or("").trim() {
        "image/jpeg" => "jpg",
        "image/png" => "png",
        "image/gif" => "gif",
        "image/webp" => "webp",
        "video/mp4" => "mp4",
        "video/quicktime" => "mov",
        "audio/mp4" | "audio/x-m4a" | "audio/m4a" => "m4a",
        "audio/mpeg" => "mp3",
        "application/pdf" => "pdf",
        _ => "bin",
    }
}

pub fn content_type_for_path(path: &Path) -> Option<&'static str> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "mp4" => "video/mp4",
        "m4a" => "audio/mp4",
        _ => return None,
    })
}

struct Due {
    id: i64,
    account_id: i64,
    conversation_id: i64,
    kind: String,
    line_message_id: Option<String>,
    media_attempts: i64,
}

/// Downloads pending inbound media until none is due, then waits for a wake-up.
pub async fn worker(core: Core) {
    let wake = core.wakeups().media.clone();
    crate::runtime::worker_loop(core, "media", wake, Duration::from_secs(20), |c| async move { download_due(&c).await })
        .await;
}

/// Returns true when it did work (so there may be more).
async fn download_due(core: &Core) -> Result<bool> {
    let pool = &core.store().pool;
    let due = sqlx::query_as!(
        Due,
        r#"SELECT id AS "id!", account_id, conversation_id, kind, line_message_id, media_attempts
           FROM messages WHERE media_state = 'pending' AND media_attempts < ?
           ORDER BY id LIMIT 8"#,
        MAX_ATTEMPTS
    )
    .fetch_all(pool)
    .await?;
    if due.is_empty() {
        return Ok(false);
    }
    let mut progressed = false;
    for m in due {
        let Some(line_id) = m.line_message_id.as_deref() else { continue };
        let Some(client) = core.client(m.account_id).await else { continue };
        let result = async {
            if matches!(m.kind.as_str(), "video" | "audio") {
                use line::responses::TranscodingStatus;
                match client.get_transcoding_status(line_id).await? {
                    TranscodingStatus::Succeeded => {}
                    TranscodingStatus::Processing => return Ok::<_, crate::CoreError>(None),
                    TranscodingStatus::Failed => {
                        return Err(crate::CoreError::internal("LINE could not transcode this media"));
                    }
                }
            }
            let content = client.get_content(line_id).await?;
            let ct = content.content_type.clone().unwrap_or_else(|| "application/octet-stream".into());
            let (media_id, _) = store_bytes(pool, &core.store().media_dir(), &content.bytes, &ct, false).await?;
            Ok(Some(media_id))
        }
        .await;
        match result {
            Ok(Some(media_id)) => {
                sqlx::query!("UPDATE messages SET media_id = ?, media_state = 'done' WHERE id = ?", media_id, m.id)
                    .execute(pool)
                    .await?;
                core.events().publish(CoreEvent::ConversationUpdated { conversation_id: m.conversation_id });
                progressed = true;
            }
            Ok(None) => {
                // Still transcoding: count it so a stuck video gives up eventually.
                sqlx::query!("UPDATE messages SET media_attempts = media_attempts + 1 WHERE id = ?", m.id)
                    .execute(pool)
                    .await?;
            }
            Err(e) => {
                tracing::warn!(message = m.id, error = %e, "media download failed");
                let state = if m.media_attempts + 1 >= MAX_ATTEMPTS { "failed" } else { "pending" };
                sqlx::query!(
                    "UPDATE messages SET media_attempts = media_attempts + 1, media_state = ? WHERE id = ?",
                    state,
                    m.id
                )
                .execute(pool)
                .await?;
            }
        }
    }
    Ok(progressed)
}

/// A media file's content type, if it exists and `public_only` allows it.
pub async fn lookup(pool: &SqlitePool, file_name: &str, public_only: bool) -> Result<Option<String>> {
    Ok(sqlx::query_scalar!(
        "SELECT content_type FROM media WHERE file_name = ? AND (public = 1 OR ? = 0)",
        file_name,
        public_only
    )
    .fetch_optional(pool)
    .await?)
}
