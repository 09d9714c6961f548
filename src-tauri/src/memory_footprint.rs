//! What the app does to stay small while it idles in the tray all day. The window is one
//! page that never navigates, and the app's threads (tokio, one per SQLite connection)
//! are mostly asleep: the defaults of glibc and WebKitGTK are sized for a browser.

/// glibc gives each thread that ever allocates its own arena (up to 8 per core), and
/// each keeps the pages it once used. Two arenas serve an app that is mostly waiting.
/// Must run before the runtime's threads start.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn limit_malloc_arenas() {
    // SAFETY: mallopt only changes allocator parameters; called before other threads exist.
    if unsafe { libc::mallopt(libc::M_ARENA_MAX, 2) } != 1 {
        tracing::debug!("mallopt(M_ARENA_MAX) was refused");
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn limit_malloc_arenas() {}

/// WebKitGTK's default cache model is a web browser's: a memory cache of decoded
/// resources and a back/forward page cache. A single-page app that never navigates
/// needs neither (the customers' photos come from `media:` and are cached on disk).
#[cfg(target_os = "linux")]
pub fn document_viewer_cache<R: tauri::Runtime>(window: &tauri::WebviewWindow<R>) {
    let applied = window.with_webview(|webview| {
        use webkit2gtk::{CacheModel, WebContextExt, WebViewExt};
        if let Some(context) = webview.inner().context() {
            context.set_cache_model(CacheModel::DocumentViewer);
        }
    });
    if let Err(e) = applied {
        tracing::debug!(error = %e, "could not set the web view's cache model");
    }
}

#[cfg(not(target_os = "linux"))]
pub fn document_viewer_cache<R: tauri::Runtime>(_window: &tauri::WebviewWindow<R>) {}
