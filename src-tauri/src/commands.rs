//! The one command: every UI request goes through `madoguchi_core::api::dispatch`,
//! exactly as over HTTP in `madoguchi-server`.

use madoguchi_core::api::{ApiError, Request, Response};
use madoguchi_core::Core;
use tauri::State;
use tokio::sync::watch;

/// The core once it has opened. The window loads while the store opens (start-up is
/// both at once, not one after the other); a request that comes in before waits here.
pub struct CoreSlot(watch::Receiver<Option<Core>>);

impl CoreSlot {
    pub fn new() -> (watch::Sender<Option<Core>>, CoreSlot) {
        let (tx, rx) = watch::channel(None);
        (tx, CoreSlot(rx))
    }

    pub(crate) async fn get(&self) -> Result<Core, ApiError> {
        let mut rx = self.0.clone();
        let core = rx.wait_for(Option::is_some).await.ok().and_then(|c| c.clone());
        // Only when opening failed: the app is exiting with the reason in its log.
        core.ok_or_else(|| {
            ApiError::new("unavailable", "the message store could not be opened; see the log", "メッセージの保存先を開けませんでした（詳細はログにあります）")
        })
    }
}

#[tauri::command]
pub async fn rpc(slot: State<'_, CoreSlot>, request: Request) -> Result<Response, ApiError> {
    slot.get().await?.dispatch(request).await
}
