//! Updates: the signed `latest.json` of the project's GitHub releases, checked at start
//! and from Settings (更新を確認); an update is downloaded and installed only when the
//! owner asks for it (更新して再起動), then the app starts again on the new version.
//!
//! The updater plugin verifies every download against the public key in tauri.conf.json
//! (`plugins.updater.pubkey`). Where latest.json is (`plugins.updater.endpoints`) is
//! added by the release workflow for the repository it builds in
//! (scripts/release-config.mjs); a build without it (a local or a fork's build) has no
//! update source and says so instead of checking.

use madoguchi_core::api::ApiError;
use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime, State};
use tauri_plugin_updater::{Update, UpdaterExt};
use tokio::sync::Mutex;

use crate::commands::CoreSlot;

/// What a check found, for Settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "state")]
pub enum UpdateCheck {
    /// The newest release is the running version (or older).
    UpToDate { current: String },
    /// A newer release, ready to download when the owner asks.
    Available { current: String, version: String, notes: Option<String> },
    /// This build has no update source (built outside the release workflow).
    NotConfigured { current: String },
}

/// The update the last check found, kept for `install_update`.
#[derive(Default)]
pub struct PendingUpdate(Mutex<Option<Update>>);

/// Whether the app's configuration names a latest.json to check.
pub fn has_endpoints(plugins: &serde_json::Value) -> bool {
    plugins.pointer("/updater/endpoints").and_then(|e| e.as_array()).is_some_and(|e| !e.is_empty())
}

fn current<R: Runtime>(app: &AppHandle<R>) -> String {
    app.package_info().version.to_string()
}

async fn check<R: Runtime>(app: &AppHandle<R>, pending: &PendingUpdate) -> Result<UpdateCheck, ApiError> {
    let current = current(app);
    let plugins = serde_json::to_value(&app.config().plugins).unwrap_or_default();
    if !has_endpoints(&plugins) {
        return Ok(UpdateCheck::NotConfigured { current });
    }
    let update = app.updater().map_err(|e| check_failed(&e))?.check().await.map_err(|e| check_failed(&e))?;
    let found = match &update {
        Some(u) => UpdateCheck::Available { current, version: u.version.clone(), notes: u.body.clone().filter(|b| !b.trim().is_empty()) },
        None => UpdateCheck::UpToDate { current },
    };
    *pending.0.lock().await = update;
    Ok(found)
}

/// Settings → 更新を確認.
#[tauri::command]
pub async fn check_update<R: Runtime>(app: AppHandle<R>, pending: State<'_, PendingUpdate>) -> Result<UpdateCheck, ApiError> {
    check(&app, &pending).await
}

/// Settings → 更新して再起動: downloads the update the last check found, closes the
/// store, installs it and starts the new version.
#[tauri::command]
pub async fn install_update<R: Runtime>(app: AppHandle<R>, pending: State<'_, PendingUpdate>, slot: State<'_, CoreSlot>) -> Result<(), ApiError> {
    let Some(update) = pending.0.lock().await.take() else {
        return Err(ApiError::new(
            "invalid",
            "no update to install; check for updates first",
            "インストールする更新がありません。先に「更新を確認」を押してください",
        ));
    };
    let bytes = update.download(|_, _| {}, || {}).await.map_err(|e| {
        tracing::warn!(error = %e, version = %update.version, "downloading the update failed");
        ApiError::new(
            "unavailable",
            format!("the update could not be downloaded ({e}); check the internet connection and try again"),
            "更新をダウンロードできませんでした。インターネット接続を確認して、もう一度お試しください",
        )
    })?;
    // The installer replaces the program (on Windows it also ends this process): every
    // write is finished and the store closed first.
    if let Ok(core) = slot.get().await {
        core.shutdown().await;
    }
    if let Err(e) = update.install(bytes) {
        // The store is closed: starting again (on the old version) is the way back.
        tracing::error!(error = %e, version = %update.version, "installing the update failed; starting the current version again");
    } else {
        tracing::info!(version = %update.version, "update installed; starting it");
    }
    // The single-instance lock goes first, or the new process would hand its start to
    // this one and quit.
    tauri_plugin_single_instance::destroy(&app);
    app.restart()
}

/// One check shortly after start, so Settings can show a waiting update at once; a
/// failed check (offline at start) is only logged.
pub fn check_at_start<R: Runtime>(app: &AppHandle<R>) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let Some(pending) = app.try_state::<PendingUpdate>() else {
            return;
        };
        match check(&app, &pending).await {
            Ok(UpdateCheck::Available { version, .. }) => tracing::info!(%version, "an update is available"),
            Ok(_) => {}
            Err(e) => tracing::info!(error = %e.message, "no update check at start"),
        }
    });
}

/// A failed check, in words for the owner: nearly always no connection.
fn check_failed(e: &tauri_plugin_updater::Error) -> ApiError {
    tracing::warn!(error = %e, "checking for updates failed");
    ApiError::new(
        "unavailable",
        format!("Could not check for updates: the update server could not be reached ({e}). Check the internet connection and try again."),
        "更新を確認できませんでした。更新の配信元に接続できません。インターネット接続を確認して、もう一度お試しください。",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_build_with_an_update_source_checks() {
        assert!(has_endpoints(&serde_json::json!({ "updater": { "pubkey": "k", "endpoints": ["https://github.com/o/r/releases/latest/download/latest.json"] } })));
        assert!(!has_endpoints(&serde_json::json!({ "updater": { "pubkey": "k" } })), "the committed file: no source");
        assert!(!has_endpoints(&serde_json::json!({ "updater": { "pubkey": "k", "endpoints": [] } })));
        assert!(!has_endpoints(&serde_json::json!({})));
    }

    #[test]
    fn the_committed_configuration_has_a_key_and_no_source() {
        let conf: serde_json::Value = serde_json::from_str(include_str!("../tauri.conf.json")).expect("tauri.conf.json");
        let plugins = &conf["plugins"];
        assert!(plugins["updater"]["pubkey"].as_str().is_some_and(|k| k.len() > 40), "the updater's public key is built in");
        assert!(!has_endpoints(plugins), "latest.json is named per repository by the release workflow");
    }

    #[test]
    fn a_check_answer_is_tagged_for_the_ui() {
        let json = serde_json::to_value(UpdateCheck::Available { current: "0.1.0".into(), version: "0.2.0".into(), notes: None }).expect("json");
        assert_eq!(json, serde_json::json!({ "state": "available", "current": "0.1.0", "version": "0.2.0", "notes": null }));
    }
}
