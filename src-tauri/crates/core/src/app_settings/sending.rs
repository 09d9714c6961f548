//! Undo-send seconds and the reply-token safe window, checked before they are stored.

use serde::{Deserialize, Serialize};
use sqlx::SqlitePool;
use ts_rs::TS;

use crate::settings::{self, DEFAULT_REPLY_SAFE_WINDOW_SECONDS, DEFAULT_UNDO_SECONDS};
use crate::{CoreError, Result};

/// Longer than this and the owner forgets the message is still waiting.
pub const MAX_UNDO_SECONDS: i64 = 60;
/// LINE documents "use a reply token within about one minute"; past 55 s a reply
/// leaving now may arrive after the token died, so the route would fail instead of push.
pub const MAX_REPLY_SAFE_WINDOW_SECONDS: i64 = 55;
/// Below this almost every answer becomes a push that costs quota.
pub const MIN_REPLY_SAFE_WINDOW_SECONDS: i64 = 10;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SendingSettings {
    /// Seconds a sent message waits (and can be cancelled) before it leaves; 0 = at once.
    #[ts(type = "number")]
    pub undo_seconds: i64,
    /// A reply token younger than this is used (free); older ones are not risked (push).
    #[ts(type = "number")]
    pub reply_safe_window_seconds: i64,
}

pub async fn get(pool: &SqlitePool) -> Result<SendingSettings> {
    Ok(SendingSettings {
        undo_seconds: settings::get_i64(pool, settings::UNDO_SECONDS, DEFAULT_UNDO_SECONDS).await?,
        reply_safe_window_seconds: settings::get_i64(
            pool,
            settings::REPLY_SAFE_WINDOW_SECONDS,
            DEFAULT_REPLY_SAFE_WINDOW_SECONDS,
        )
        .await?,
    })
}

pub fn validate(s: &SendingSettings) -> Result<()> {
    if !(0..=MAX_UNDO_SECONDS).contains(&s.undo_seconds) {
        return Err(CoreError::bad_input(
            format!("undo-send time must be 0 to {MAX_UNDO_SECONDS} seconds"),
            format!("送信取り消しの時間は 0〜{MAX_UNDO_SECONDS} 秒で指定してください"),
        ));
    }
    if !(MIN_REPLY_SAFE_WINDOW_SECONDS..=MAX_REPLY_SAFE_WINDOW_SECONDS).contains(&s.reply_safe_window_seconds) {
        return Err(CoreError::bad_input(
            format!(
                "the reply-token window must be {MIN_REPLY_SAFE_WINDOW_SECONDS} to {MAX_REPLY_SAFE_WINDOW_SECONDS} seconds (LINE's tokens last about one minute)"
            ),
            format!(
                "無料返信の有効時間は {MIN_REPLY_SAFE_WINDOW_SECONDS}〜{MAX_REPLY_SAFE_WINDOW_SECONDS} 秒で指定してください（LINE の返信トークンは約 1 分で切れます）"
            ),
        ));
    }
    Ok(())
}

pub async fn set(pool: &SqlitePool, s: &SendingSettings) -> Result<SendingSettings> {
    validate(s)?;
    settings::set(pool, settings::UNDO_SECONDS, &s.undo_seconds.to_string()).await?;
    settings::set(
        pool,
        settings::REPLY_SAFE_WINDOW_SECONDS,
        &s.reply_safe_window_seconds.to_string(),
    )
    .await?;
    get(pool).await
}
