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

/// What customers' videos and voice messages contain: one second each, in the codecs
/// LINE delivers (H.264 + AAC, AAC), so a player in the app really loads them
/// (media/make.sh made them).
const CUSTOMER_VIDEO: &[u8] = include_bytes!("../../media/customer-video.mp4");
const CUSTOMER_VOICE: &[u8] = include_bytes!("../../media/customer-voice.m4a");

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
        ContentKind::Video { .. } => ("video/mp4", CUSTOMER_VIDEO.to_vec()),
        ContentKind::Audio { .. } => ("audio/x-m4a", CUSTOMER_VOICE.to_vec()),
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

fn file_bytes(name: Option<&str>, size: u64) -> Vec<u8> {
    let line = format!("linesim file {}\n", name.unwrap_or("file"));
    let len = size.min(MAX_FILE_BYTES) as usize;
    line.bytes().cycle().take(len).collect()
}
