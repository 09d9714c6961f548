//! Files the owner attaches in the composer (file picker, drag and drop). A browser
//! cannot hand us a path, so every transport sends the bytes through the one API; they
//! land in `<data dir>/uploads/` under a name we choose, and `SendMessage` then takes
//! that path like any local file. The type is decided from the bytes, never from the
//! customer-visible name: a renamed program is not an image.

use std::path::{Path, PathBuf};

use base64::Engine as _;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{CoreError, Result};

/// Base64 of this many bytes fits the HTTP transport's body limit.
pub const MAX_UPLOAD_BYTES: usize = 50 << 20;
const IMAGE_LIMIT: usize = 10 << 20;
/// Uploads are copied into the media store when sent; leftovers go after a day.
const KEEP_SECS: u64 = 24 * 3600;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UploadMedia {
    /// Shown in errors only.
    pub file_name: String,
    pub data_base64: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UploadedFile {
    /// Give this to `sendMessage` as the image/video `path`.
    pub path: String,
    pub content_type: String,
    #[ts(type = "number")]
    pub bytes: u64,
}

/// What the bytes are, from their first bytes: what LINE accepts and nothing else.
pub fn sniff(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(("image/jpeg", "jpg"))
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(("image/png", "png"))
    } else if bytes.len() > 12 && &bytes[4..8] == b"ftyp" {
        Some(("video/mp4", "mp4"))
    } else {
        None
    }
}

pub async fn upload(data_dir: &Path, q: &UploadMedia) -> Result<UploadedFile> {
    let name = q.file_name.chars().take(120).collect::<String>();
    // 4 base64 characters carry 3 bytes: refuse before decoding anything huge.
    if q.data_base64.len() / 4 * 3 > MAX_UPLOAD_BYTES + 3 {
        return Err(too_large(&name, MAX_UPLOAD_BYTES));
    }
    let bytes = base64::engine::general_purpose::STANDARD.decode(q.data_base64.as_bytes()).map_err(|_| {
        CoreError::bad_input(format!("{name}: the file did not arrive intact"), format!("{name}: ファイルが正しく届きませんでした"))
    })?;
    let Some((content_type, ext)) = sniff(&bytes) else {
        return Err(CoreError::bad_input(
            format!("{name}: only JPEG or PNG images and MP4 videos can be sent on LINE"),
            format!("{name}: LINE で送れるのは JPEG・PNG の画像と MP4 の動画だけです"),
        ));
    };
    if content_type.starts_with("image/") && bytes.len() > IMAGE_LIMIT {
        return Err(too_large(&name, IMAGE_LIMIT));
    }
    let dir = data_dir.join("uploads");
    tokio::fs::create_dir_all(&dir).await?;
    sweep(&dir).await;
    let path: PathBuf = dir.join(format!("{}.{ext}", ulid::Ulid::new()));
    tokio::fs::write(&path, &bytes).await?;
    Ok(UploadedFile { path: path.to_string_lossy().into_owned(), content_type: content_type.into(), bytes: bytes.len() as u64 })
}

fn too_large(name: &str, limit: usize) -> CoreError {
    CoreError::bad_input(
        format!("{name}: too large to send (max {} MB)", limit >> 20),
        format!("{name}: 大きすぎて送れません（上限 {} MB）", limit >> 20),
    )
}

/// Best effort: an old leftover is only disk space.
async fn sweep(dir: &Path) {
    let Ok(mut entries) = tokio::fs::read_dir(dir).await else { return };
    while let Ok(Some(e)) = entries.next_entry().await {
        let old = e
            .metadata()
            .await
            .ok()
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age.as_secs() > KEEP_SECS);
        if old {
            let _ = tokio::fs::remove_file(e.path()).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bytes_decide_the_type() {
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]), Some(("image/jpeg", "jpg")));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some(("image/png", "png")));
        assert_eq!(sniff(b"\0\0\0\x18ftypmp42\0\0\0\0"), Some(("video/mp4", "mp4")));
        assert_eq!(sniff(b"MZ\x90\0 a renamed program.jpg"), None);
        assert_eq!(sniff(b"<svg onload=alert(1)>"), None);
    }
}
