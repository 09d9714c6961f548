//! The one command: every UI request goes through `madoguchi_core::api::dispatch`,
//! exactly as over HTTP in `madoguchi-server` — or, in client mode, to the hub's
//! `/api/rpc` with the device token (`hub.rs`).

use std::sync::Arc;

use madoguchi_core::api::{ApiError, Request, Response};
use madoguchi_core::Core;
use madoguchi_hub_client::Link;
use serde::Serialize;
use serde_json::value::RawValue;
use tauri::State;
use tokio::sync::watch;

/// What answers the window: the app's own core, or the hub it is a client of.
#[derive(Clone)]
pub enum Backend {
    Local(Core),
    Hub(Arc<Link>),
    /// `connection.json` could not be read: nothing is open until the wizard chooses.
    Unchosen,
}

/// Changes what answers the window after start: a pulled copy of the hub's history
/// opened in its place, and back (hub_backup.rs).
#[derive(Clone)]
pub struct BackendSender(pub watch::Sender<Option<Backend>>);

impl BackendSender {
    pub fn set(&self, backend: Backend) {
        self.0.send_replace(Some(backend));
    }
}

/// The backend once it is ready. The window loads while the store opens (start-up is
/// both at once, not one after the other); a request that comes in before waits here.
pub struct CoreSlot(watch::Receiver<Option<Backend>>);

impl CoreSlot {
    pub fn new() -> (watch::Sender<Option<Backend>>, CoreSlot) {
        let (tx, rx) = watch::channel(None);
        (tx, CoreSlot(rx))
    }

    pub(crate) async fn backend(&self) -> Result<Backend, ApiError> {
        let mut rx = self.0.clone();
        let backend = rx.wait_for(Option::is_some).await.ok().and_then(|c| c.clone());
        // Only when opening failed: the app is exiting with the reason in its log.
        backend.ok_or_else(|| {
            ApiError::new("unavailable", "the message store could not be opened; see the log", "メッセージの保存先を開けませんでした（詳細はログにあります）")
        })
    }

    /// The app's own core; refused in client mode, where the store is the hub's.
    pub(crate) async fn get(&self) -> Result<Core, ApiError> {
        match self.backend().await? {
            Backend::Local(core) => Ok(core),
            Backend::Hub(_) => Err(ApiError::new(
                "hubMode",
                "This is done on the hub while this app is connected to it",
                "ハブにつないでいる間は、この操作はハブ側で行います",
            )),
            Backend::Unchosen => Err(unchosen()),
        }
    }
}

/// The window's answer while the saved connection could not be read (the UI shows the
/// connect wizard for this code).
pub(crate) fn unchosen() -> ApiError {
    ApiError::new(
        "connectionUnreadable",
        "The saved connection (connection.json) could not be read: choose this PC only or the shop's hub again",
        "保存されていた接続設定（connection.json）を読み込めませんでした。このPCだけか、お店のハブかをもう一度選んでください",
    )
}

/// The answer as the window reads it: core's `Response`, or the hub's JSON of one,
/// passed through unparsed.
#[derive(Serialize)]
#[serde(untagged)]
pub enum Answer {
    Local(Response),
    Hub(Box<RawValue>),
}

#[tauri::command]
pub async fn rpc(slot: State<'_, CoreSlot>, focus: State<'_, crate::hub::HubFocus>, request: Request) -> Result<Answer, ApiError> {
    match slot.backend().await? {
        Backend::Local(core) => core.dispatch(request).await.map(Answer::Local),
        Backend::Hub(link) => {
            // Which chat this window shows is this desk's business (its notifications),
            // not the hub's: kept here.
            if let Request::UiFocus(f) = request {
                focus.0.set(f);
                return Ok(Answer::Local(Response::Ok));
            }
            link.rpc(&request).await.map(Answer::Hub).map_err(|e| e.to_api_error())
        }
        Backend::Unchosen => Err(unchosen()),
    }
}
