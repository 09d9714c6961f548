//! Turns what the owner composed into LINE message objects, checking what LINE would
//! refuse before it costs a request: empty or over-long text, media without an https
//! home that LINE can fetch it from.

use std::path::Path;

use line::messages::Message;
use sqlx::SqlitePool;

use crate::inbox::media;
use crate::outbox::model::OutgoingContent;
use crate::outbox::OutgoingEntry;
use crate::settings;
use crate::{CoreError, Result};

/// `conversation_id`: the chat it goes to (the call button uses that account's phone settings).
pub async fn build(
    pool: &SqlitePool,
    media_dir: &Path,
    conversation_id: i64,
    content: OutgoingContent,
) -> Result<OutgoingEntry> {
    match content {
        OutgoingContent::CallButton => {
            let account_id = sqlx::query_scalar!("SELECT account_id FROM conversations WHERE id = ?", conversation_id)
                .fetch_optional(pool)
                .await?
                .ok_or_else(|| CoreError::NotFound(format!("conversation {conversation_id}")))?;
            let settings = crate::phone::store::get(pool, account_id).await?;
            crate::phone::call_button_entry(&settings)
        }
        OutgoingContent::PaymentLink { url, amount_yen, label } => {
            crate::payments::payment_link_entry(&url, amount_yen, &label)
        }
        OutgoingContent::Text { text } => {
            crate::outbox::limits::check_text(&text)?;
            Ok(OutgoingEntry {
                kind: "text".into(),
                text: Some(text.clone()),
                media_id: None,
                object: Message::text(text).into(),
            })
        }
        OutgoingContent::Sticker { package_id, sticker_id } => {
            if package_id.trim().is_empty() || sticker_id.trim().is_empty() {
                return Err(CoreError::bad_input("choose a sticker", "スタンプを選んでください"));
            }
            Ok(OutgoingEntry {
                kind: "sticker".into(),
                text: None,
                media_id: None,
                object: Message::sticker(package_id, sticker_id).into(),
            })
        }
        OutgoingContent::Image { path } => {
            let base = public_base(pool).await?;
            let (media_id, url) = import(pool, media_dir, &base, Path::new(&path), &["image/jpeg", "image/png"]).await?;
            Ok(OutgoingEntry {
                kind: "image".into(),
                text: None,
                media_id: Some(media_id),
                object: Message::image(url.clone(), url).into(),
            })
        }
        OutgoingContent::Video { path, preview_path } => {
            let base = public_base(pool).await?;
            let (media_id, url) = import(pool, media_dir, &base, Path::new(&path), &["video/mp4"]).await?;
            let Some(preview) = preview_path else {
                return Err(CoreError::bad_input(
                    "a video needs a preview image (JPEG or PNG)",
                    "動画にはプレビュー画像（JPEG または PNG）が必要です",
                ));
            };
            let (_, preview_url) = import(pool, media_dir, &base, Path::new(&preview), &["image/jpeg", "image/png"]).await?;
            Ok(OutgoingEntry {
                kind: "video".into(),
                text: None,
                media_id: Some(media_id),
                object: Message::Video { original_content_url: url, preview_image_url: preview_url, tracking_id: None }
                    .into(),
            })
        }
    }
}

async fn public_base(pool: &SqlitePool) -> Result<String> {
    let base = settings::get(pool, settings::PUBLIC_BASE_URL).await?.unwrap_or_default();
    if !base.starts_with("https://") {
        return Err(CoreError::bad_input(
            "to send images or videos, set the public https address of this PC (Settings → Account); LINE only fetches media over https",
            "画像や動画を送るには、この PC の公開 https アドレスを設定してください（設定 → アカウント）。LINE は https でしかメディアを取得しません",
        ));
    }
    Ok(base.trim_end_matches('/').to_string())
}

async fn import(
    pool: &SqlitePool,
    media_dir: &Path,
    base: &str,
    path: &Path,
    allowed: &[&str],
) -> Result<(i64, String)> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let content_type = media::content_type_for_path(path).filter(|ct| allowed.contains(ct)).ok_or_else(|| {
        CoreError::bad_input(
            format!("{name}: this file type cannot be sent (allowed: {})", allowed.join(", ")),
            format!("{name}: この種類のファイルは送れません（送れる種類: {}）", allowed.join(", ")),
        )
    })?;
    let bytes = tokio::fs::read(path).await.map_err(|e| {
        CoreError::bad_input(format!("{name}: cannot read the file ({e})"), format!("{name}: ファイルを読めません（{e}）"))
    })?;
    let limit: usize = if content_type.starts_with("video/") { 200 << 20 } else { 10 << 20 };
    if bytes.len() > limit {
        return Err(CoreError::bad_input(
            format!("{name}: too large for LINE (max {} MB)", limit >> 20),
            format!("{name}: LINE で送るには大きすぎます（上限 {} MB）", limit >> 20),
        ));
    }
    let (id, file_name) = media::store_bytes(pool, media_dir, &bytes, content_type, true).await?;
    Ok((id, format!("{base}/media/{file_name}")))
}
