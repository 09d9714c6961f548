//! The desktop memory row's peer: a Tauri window with one static page and nothing else,
//! built in the same run from the same Tauri and WebKitGTK as the app, so the row
//! compares what the app adds on top of the webview, not the webview itself.

fn main() {
    // The app draws without compositing on Linux (src-tauri/src/lib.rs); so does its peer.
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        // SAFETY: first thing in main, before any other thread exists.
        unsafe { std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1") };
    }
    if let Err(e) = tauri::Builder::default().run(tauri::generate_context!()) {
        eprintln!("bare window: {e}");
        std::process::exit(1);
    }
}
