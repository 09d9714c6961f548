use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

use super::AppState;

/// The built UI, with index.html for client-side routes.
pub async fn serve(State(state): State<AppState>, uri: Uri) -> Response {
    let Some(dir) = state.ui_dir.clone() else {
        return (
            StatusCode::NOT_FOUND,
            Html("<!doctype html><meta charset=utf-8><title>Madoguchi</title><p>UI が見つかりません。<code>make demo</code> で UI をビルドしてください。 / The UI is not built: run <code>make demo</code>.</p>"),
        )
            .into_response();
    };
    let index = dir.join("index.html");
    let svc = ServeDir::new(&dir).fallback(ServeFile::new(index));
    let req = axum::http::Request::builder().uri(uri).body(axum::body::Body::empty());
    let Ok(req) = req else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    match svc.oneshot(req).await {
        Ok(resp) => resp.into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}
