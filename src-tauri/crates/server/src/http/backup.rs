//! `GET /api/backup`: a fresh one-file backup of the hub, for the owner's desk to keep
//! (DESIGN §7: the history stays on the owner's PC). Owners only — it is every
//! customer's whole history. Made with the same `VACUUM INTO` copy as the automatic
//! backups, so it is consistent while the hub runs; never holds a secret.

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use madoguchi_core::api::ApiError;
use madoguchi_core::backup;
use madoguchi_core::members::Role;
use tokio_util::io::ReaderStream;

use super::auth;
use super::AppState;

/// Answers the backup's bytes; the file is removed once they are sent (or the desk
/// goes away).
pub async fn download(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let caller = match auth::caller(&state, &headers, None, false).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    if !caller.may(Role::Owner) {
        return auth::forbidden();
    }
    match make(&state).await {
        Ok((name, temp)) => match send(name, temp).await {
            Ok(r) => r,
            Err(e) => internal(&e),
        },
        Err(e) => internal(&e),
    }
}

async fn make(state: &AppState) -> anyhow::Result<(String, tempfile::TempPath)> {
    let core = &state.core;
    // Webhooks answered a moment ago may still be only in the journal; the copy holds them too.
    core.webhooks_settled().await?;
    let now = madoguchi_core::time::now_ms();
    let (_, name) = backup::auto::file_name(core, now).await?;
    // Beside the store, not in /tmp: the hub's service may not write elsewhere, and a
    // copy of every customer's history does not belong in a shared folder.
    let temp = tempfile::Builder::new().prefix(".pull-").tempfile_in(core.store().data_dir())?.into_temp_path();
    backup::backup(core.store(), &temp).await?;
    Ok((name, temp))
}

async fn send(name: String, temp: tempfile::TempPath) -> anyhow::Result<Response> {
    let file = tokio::fs::File::open(&temp).await?;
    let len = file.metadata().await?.len();
    let stream = ReaderStream::new(file);
    // The stream owns the temporary path: dropping it (sent, or the desk hung up) removes the file.
    let body = Body::from_stream(futures_util::StreamExt::map(stream, move |chunk| {
        let _keep = &temp;
        chunk
    }));
    let mut r = (StatusCode::OK, body).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/zstd"));
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(r)
}

fn internal(e: &anyhow::Error) -> Response {
    let e = ApiError::internal(&format!("{e:#}"));
    (StatusCode::INTERNAL_SERVER_ERROR, Json(e)).into_response()
}
