//! api-data paths: content sent by users (contentProvider.type = line), its preview and
//! the transcoding status of video/audio.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::error::ApiError;
use crate::png;
use crate::sim::Simulator;
use crate::state::ContentKind;

/// Generated file contents stop here: a huge `fileSize` in an event must not exhaust memory.
const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

pub async fn content(
    State(sim): State<Simulator>,
    Path(message_id): Path<String>,
) -> Result<Response, ApiError> {
    let (kind, file_name) = {
        let st = sim.lock();
        let c = st.content.get(&message_id).ok_or(ApiError::NotFound)?;
        (c.kind, c.file_name.clone())
    };
    let (mime, bytes) = match kind {
        ContentKind::Image => ("image/png", png::gradient(&message_id, 640, 480)),
        ContentKind::Video { .. } => ("video/mp4", iso_media(b"mp42", 4096)),
        ContentKind::Audio { .. } => ("audio/x-m4a", iso_media(b"M4A ", 2048)),
        ContentKind::File { size } => (
            "application/octet-stream",
            file_bytes(file_name.as_deref(), size),
        ),
    };
    Ok(([(header::CONTENT_TYPE, mime)], bytes).into_response())
}

pub async fn preview(
    State(sim): State<Simulator>,
    Path(message_id): Path<String>,
) -> Result<Response, ApiError> {
    let kind = sim
        .lock()
        .content
        .get(&message_id)
        .map(|c| c.kind)
        .ok_or(ApiError::NotFound)?;
    match kind {
        ContentKind::Image | ContentKind::Video { .. } => Ok((
            [(header::CONTENT_TYPE, "image/png")],
            png::gradient(&message_id, 160, 120),
        )
            .into_response()),
        _ => Err(ApiError::NotFound),
    }
}

pub async fn transcoding(
    State(sim): State<Simulator>,
    Path(message_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let mut st = sim.lock();
    let c = st.content.get_mut(&message_id).ok_or(ApiError::NotFound)?;
    let status = match c.kind {
        // Video/audio need preparation: the first poll sees "processing", so clients that
        // skip polling or give up after one try are caught in tests.
        ContentKind::Video { .. } | ContentKind::Audio { .. } if c.transcoding_polls == 0 => {
            "processing"
        }
        _ => "succeeded",
    };
    c.transcoding_polls += 1;
    Ok(Json(json!({ "status": status })))
}

/// A minimal ISO base media file: an `ftyp` box then a `free` box as filler. Enough for
/// sniffers and size checks; no player will show anything.
fn iso_media(brand: &[u8; 4], len: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(len);
    out.extend_from_slice(&[0, 0, 0, 0x18]);
    out.extend_from_slice(b"ftyp");
    out.extend_from_slice(brand);
    out.extend_from_slice(&[0, 0, 0, 0]);
    out.extend_from_slice(brand);
    out.extend_from_slice(b"isom");
    let free = (len - out.len()) as u32;
    out.extend_from_slice(&free.to_be_bytes());
    out.extend_from_slice(b"free");
    out.resize(len, 0);
    out
}

fn file_bytes(name: Option<&str>, size: u64) -> Vec<u8> {
    let line = format!("linesim file {}\n", name.unwrap_or("file"));
    let len = size.min(MAX_FILE_BYTES) as usize;
    line.bytes().cycle().take(len).collect()
}
