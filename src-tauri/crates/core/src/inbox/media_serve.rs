//! Answering a request for a stored media file, the same way on every transport: the
//! server's `/api/media/*` and `/media/*` and the desktop window's `media:` scheme call
//! [`answer`] and only turn its result into their own response type.
//!
//! The content type comes from the media row (what LINE said when we downloaded it, or
//! what we checked before sending), never from the name a request carries. `Range` is
//! honoured because WebKit and Chromium fetch video and audio in pieces and refuse to
//! play (error 4) when a byte range is answered with the whole file.

use std::io::SeekFrom;
use std::path::Path;

use sqlx::SqlitePool;
use tokio::io::{AsyncReadExt, AsyncSeekExt};

use super::media;
use crate::Result;

/// An open-ended range (`bytes=0-`, what players ask first) is answered with at most
/// this much; the player asks for the rest as it needs it, so a long video is never read
/// into memory whole.
const MAX_OPEN_RANGE: u64 = 4 * 1024 * 1024;

/// What to send back. Each transport maps it onto its own status line and headers.
#[derive(Debug, PartialEq, Eq)]
pub enum MediaAnswer {
    /// Unknown name, not a media name at all, not public where only public is served,
    /// or the file is gone: the same answer for all, so a probe learns nothing.
    NotFound,
    /// 200 (whole file, `range` None) or 206 (`range` = (first, last, total)).
    Body {
        content_type: String,
        range: Option<(u64, u64, u64)>,
        bytes: Vec<u8>,
    },
    /// 416 with `Content-Range: bytes */total`.
    Unsatisfiable { total: u64 },
}

impl MediaAnswer {
    /// Status, headers and body, the same for every transport: each only copies them
    /// into its own response type.
    pub fn into_parts(self) -> (u16, Vec<(&'static str, String)>, Vec<u8>) {
        let mut headers = vec![
            ("accept-ranges", "bytes".to_owned()),
            // A content type from LINE is data: the browser must not guess a more dangerous one.
            ("x-content-type-options", "nosniff".to_owned()),
        ];
        match self {
            MediaAnswer::NotFound => (404, Vec::new(), Vec::new()),
            MediaAnswer::Unsatisfiable { total } => {
                headers.push(("content-range", format!("bytes */{total}")));
                (416, headers, Vec::new())
            }
            MediaAnswer::Body { content_type, range, bytes } => {
                headers.push(("content-type", content_type));
                // Names are content hashes: the bytes behind a name never change.
                headers.push(("cache-control", "private, max-age=31536000, immutable".to_owned()));
                let status = match range {
                    Some((first, last, total)) => {
                        headers.push(("content-range", format!("bytes {first}-{last}/{total}")));
                        206
                    }
                    None => 200,
                };
                (status, headers, bytes)
            }
        }
    }
}

/// Stored names are `<sha-256 in lower-case hex>.<extension>` ([`media::store_bytes`]).
/// Checking the shape before touching the database or the disk refuses every path,
/// `..`, percent-encoding, or a name of another app's file without a second thought.
pub fn is_media_name(name: &str) -> bool {
    let Some((hash, ext)) = name.split_once('.') else { return false };
    hash.len() == 64
        && hash.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        && (1..=8).contains(&ext.len())
        && ext.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

/// The answer to a request for `name` with the request's `Range` header, if any.
/// `public_only`: only media we sent (what LINE fetches without a token).
pub async fn answer(
    pool: &SqlitePool,
    media_dir: &Path,
    name: &str,
    range: Option<&str>,
    public_only: bool,
) -> Result<MediaAnswer> {
    if !is_media_name(name) {
        return Ok(MediaAnswer::NotFound);
    }
    let Some(content_type) = media::lookup(pool, name, public_only).await? else {
        return Ok(MediaAnswer::NotFound);
    };
    let mut file = match tokio::fs::File::open(media_dir.join(name)).await {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(MediaAnswer::NotFound),
        Err(e) => return Err(e.into()),
    };
    let total = file.metadata().await?.len();
    let wanted = match range.map(|r| requested_range(r, total)) {
        None | Some(Requested::Whole) => None,
        Some(Requested::Part(first, last)) => Some((first, last)),
        Some(Requested::Unsatisfiable) => return Ok(MediaAnswer::Unsatisfiable { total }),
    };
    let Some((first, last)) = wanted else {
        let mut bytes = Vec::with_capacity(usize::try_from(total).unwrap_or(0));
        file.read_to_end(&mut bytes).await?;
        return Ok(MediaAnswer::Body { content_type, range: None, bytes });
    };
    file.seek(SeekFrom::Start(first)).await?;
    let len = last - first + 1;
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(len).read_to_end(&mut bytes).await?;
    // The file shrank under us (it never should: names are content hashes).
    if bytes.len() as u64 != len {
        return Ok(MediaAnswer::NotFound);
    }
    Ok(MediaAnswer::Body { content_type, range: Some((first, last, total)), bytes })
}

#[derive(Debug, PartialEq, Eq)]
enum Requested {
    Whole,
    Part(u64, u64),
    Unsatisfiable,
}

/// One range is served as asked (an open end capped at [`MAX_OPEN_RANGE`]); several
/// ranges are answered with the whole file, which RFC 9110 allows and every player
/// accepts; a header that does not parse is ignored, as the RFC says.
fn requested_range(header: &str, total: u64) -> Requested {
    let Ok(parsed) = http_range_header::parse_range_header(header) else {
        return if header.trim_start().starts_with("bytes=") && total == 0 {
            Requested::Unsatisfiable
        } else {
            Requested::Whole
        };
    };
    if total == 0 {
        return Requested::Unsatisfiable;
    }
    let open_end = parsed.ranges.len() == 1
        && matches!(parsed.ranges[0].end, http_range_header::EndPosition::LastByte);
    match parsed.validate(total) {
        Ok(ranges) if ranges.len() == 1 => {
            let (first, mut last) = (*ranges[0].start(), *ranges[0].end());
            if first >= total {
                return Requested::Unsatisfiable;
            }
            if open_end {
                last = last.min(first + MAX_OPEN_RANGE - 1);
            }
            Requested::Part(first, last)
        }
        Ok(_) => Requested::Whole,
        // RFC 9110: a suffix longer than the file means the whole file.
        Err(http_range_header::RangeUnsatisfiableError::FileSuffixOutOfBounds) if parsed.ranges.len() == 1 => {
            Requested::Part(0, total - 1)
        }
        Err(_) => Requested::Unsatisfiable,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HASH: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    #[test]
    fn only_stored_names_are_media_names() {
        assert!(is_media_name(&format!("{HASH}.jpg")));
        assert!(is_media_name(&format!("{HASH}.m4a")));
        for bad in [
            String::new(),
            HASH.to_string(),
            format!("{HASH}."),
            format!("{}.jpg", &HASH[1..]),
            format!("{}.jpg", HASH.to_uppercase()),
            format!("../{HASH}.jpg"),
            format!("{HASH}.jpg/../../etc/passwd"),
            format!("{HASH}.JPG"),
            format!("{HASH}.tar.gz"),
            format!("{HASH}.j%2e"),
            format!("{HASH}.jpg\0"),
            "..".into(),
            "index.html".into(),
        ] {
            assert!(!is_media_name(&bad), "{bad:?} was taken for a media name");
        }
    }

    #[test]
    fn ranges() {
        assert_eq!(requested_range("bytes=0-99", 1000), Requested::Part(0, 99));
        assert_eq!(requested_range("bytes=990-2000", 1000), Requested::Part(990, 999));
        assert_eq!(requested_range("bytes=-10", 1000), Requested::Part(990, 999));
        assert_eq!(requested_range("bytes=0-", 1000), Requested::Part(0, 999));
        assert_eq!(requested_range("bytes=0-", 10 * MAX_OPEN_RANGE), Requested::Part(0, MAX_OPEN_RANGE - 1));
        assert_eq!(requested_range("bytes=1000-", 1000), Requested::Unsatisfiable);
        assert_eq!(requested_range("bytes=-2000", 1000), Requested::Part(0, 999));
        assert_eq!(requested_range("bytes=0-1,5-9", 1000), Requested::Whole);
        assert_eq!(requested_range("items=0-1", 1000), Requested::Whole);
        assert_eq!(requested_range("bytes=0-0", 0), Requested::Unsatisfiable);
    }
}
