//! The `media:` URI scheme: customers' photos, videos, voice messages and files in the
//! window. The window's pages come from `tauri://`, where `/api/media/…` would be
//! answered with the app's own index.html; this scheme answers with the stored bytes
//! through the same core function as the server's `/api/media/*`
//! (`madoguchi_core::inbox::media_serve::answer`). The UI builds these URLs with
//! `convertFileSrc(name, "media")`: `media://localhost/<name>` on Linux and macOS,
//! `http://media.localhost/<name>` on Windows; the CSP allows exactly those.

use madoguchi_core::inbox::media_serve;
use tauri::http::{header, Request, Response, StatusCode};
use tauri::{Manager, UriSchemeContext, UriSchemeResponder};

use crate::commands::{Backend, CoreSlot};
use crate::MAIN_WINDOW;

pub const SCHEME: &str = "media";

pub fn register<R: tauri::Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder.register_asynchronous_uri_scheme_protocol(SCHEME, handle)
}

fn handle<R: tauri::Runtime>(ctx: UriSchemeContext<'_, R>, request: Request<Vec<u8>>, responder: UriSchemeResponder) {
    // Only the app's own window: nothing else it might open one day reads the store.
    if ctx.webview_label() != MAIN_WINDOW {
        responder.respond(status(StatusCode::FORBIDDEN));
        return;
    }
    let app = ctx.app_handle().clone();
    let name = request.uri().path().trim_start_matches('/').to_owned();
    let origin = request.headers().get(header::ORIGIN).and_then(|v| v.to_str().ok()).filter(|o| is_app_origin(o)).map(str::to_owned);
    let range = request.headers().get(header::RANGE).and_then(|v| v.to_str().ok()).map(str::to_owned);
    tauri::async_runtime::spawn(async move {
        let mut response = answer(&app, &name, range.as_deref()).await;
        // The page (tauri://localhost) reads players' bytes with fetch on WebKitGTK, whose
        // GStreamer player cannot open a custom scheme itself; only the app's own origin.
        if let Some(o) = origin.and_then(|o| header::HeaderValue::from_str(&o).ok()) {
            response.headers_mut().insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, o);
        }
        responder.respond(response);
    });
}

async fn answer<R: tauri::Runtime>(app: &tauri::AppHandle<R>, name: &str, range: Option<&str>) -> Response<Vec<u8>> {
    // Refused before waiting for the store: a name that is not a content hash is never ours.
    if !media_serve::is_media_name(name) {
        return status(StatusCode::NOT_FOUND);
    }
    let core = match app.state::<CoreSlot>().backend().await {
        Ok(Backend::Local(core)) => core,
        Ok(Backend::Hub(link)) => return from_hub(&link, name, range).await,
        Ok(Backend::Unchosen) | Err(_) => return status(StatusCode::SERVICE_UNAVAILABLE),
    };
    let store = core.store();
    let answer = match media_serve::answer(&store.pool, &store.media_dir(), name, range, false).await {
        Ok(a) => a,
        Err(e) => {
            tracing::error!(error = %e, "serving a media file to the window failed");
            return status(StatusCode::INTERNAL_SERVER_ERROR);
        }
    };
    let (code, headers, body) = answer.into_parts();
    let mut builder = Response::builder().status(code);
    for (name, value) in headers {
        builder = builder.header(name, value);
    }
    // Only a content type LINE sent that is not a valid header value gets here.
    builder.body(body).unwrap_or_else(|_| status(StatusCode::INTERNAL_SERVER_ERROR))
}

/// Client mode: the hub's `/api/media/<name>` with the device token, which the page
/// never sees (it asks this scheme, as in solo mode).
async fn from_hub(link: &madoguchi_hub_client::Link, name: &str, range: Option<&str>) -> Response<Vec<u8>> {
    let answer = match link.media(name, range).await {
        Ok(a) => a,
        Err(e) => {
            tracing::warn!(error = %e, "a media file from the hub");
            return status(if e.is_offline() { StatusCode::BAD_GATEWAY } else { StatusCode::NOT_FOUND });
        }
    };
    let mut builder = Response::builder().status(answer.status);
    for (name, value) in answer.headers {
        builder = builder.header(name, value);
    }
    builder.body(answer.body).unwrap_or_else(|_| status(StatusCode::INTERNAL_SERVER_ERROR))
}

/// The origins the app's own pages have: `tauri://localhost` (Linux, macOS) and
/// `http(s)://tauri.localhost` (Windows).
fn is_app_origin(origin: &str) -> bool {
    matches!(origin, "tauri://localhost" | "http://tauri.localhost" | "https://tauri.localhost")
}

fn status(code: StatusCode) -> Response<Vec<u8>> {
    let mut r = Response::new(Vec::new());
    *r.status_mut() = code;
    r
}
