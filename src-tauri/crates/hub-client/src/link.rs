//! One desk's link to its hub: the token (from the keyring), whether the hub answers
//! and since when, and the event stream kept open with backoff. Every call through the
//! link updates what the window's banner shows; a 401 forgets the token at once.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use madoguchi_core::api::{ApiError, Request, Response};
use madoguchi_core::events::CoreEvent;
use madoguchi_core::members::SessionMember;
use serde::Serialize;
use serde_json::value::RawValue;
use tokio::sync::watch;

use crate::{DeviceToken, HubClient, HubError, MediaAnswer, TokenStore};

const FIRST_RETRY: Duration = Duration::from_millis(500);
/// The longest wait between tries: the banner clears within this of the hub's return.
const LAST_RETRY: Duration = Duration::from_secs(5);

/// What the window shows about the hub (Tauri event `hub-status`, command `hub_status`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LinkState {
    pub address: String,
    /// False once signed out or revoked: the window shows the connect wizard.
    pub paired: bool,
    /// Whether the last request or the stream reached the hub.
    pub online: bool,
    /// When the hub last answered (ms since the epoch).
    pub last_contact: Option<i64>,
    /// Why the hub cannot be reached, in both languages.
    pub reason: Option<ApiError>,
    /// The shop's time zone, learned while online, for the banner's times.
    pub time_zone: Option<String>,
}

pub struct Link {
    client: HubClient,
    tokens: Arc<dyn TokenStore>,
    token: Mutex<Option<DeviceToken>>,
    state: watch::Sender<LinkState>,
}

fn now_ms() -> i64 {
    madoguchi_core::time::now_ms()
}

impl Link {
    /// A link to `client`'s hub with the token `tokens` holds (none: not paired yet).
    pub fn open(client: HubClient, tokens: Arc<dyn TokenStore>) -> Result<Arc<Link>, HubError> {
        let token = tokens.get()?;
        let state = LinkState {
            address: client.address().to_owned(),
            paired: token.is_some(),
            // Until the first try says otherwise: no banner flashes at start.
            online: true,
            last_contact: None,
            reason: None,
            time_zone: None,
        };
        Ok(Arc::new(Link { client, tokens, token: Mutex::new(token), state: watch::Sender::new(state) }))
    }

    pub fn address(&self) -> &str {
        self.client.address()
    }

    pub fn state(&self) -> LinkState {
        self.state.borrow().clone()
    }

    pub fn watch(&self) -> watch::Receiver<LinkState> {
        self.state.subscribe()
    }

    fn token(&self) -> Option<DeviceToken> {
        self.token.lock().ok().and_then(|t| t.clone())
    }

    fn token_or_not_paired(&self) -> Result<DeviceToken, HubError> {
        self.token().ok_or(HubError::NotPaired)
    }

    /// Checks the hub's API against ours, pairs with `code`, keeps the token in the
    /// keyring. Any token from before is replaced (and forgotten by the hub).
    pub async fn pair(&self, code: &str, device_name: &str) -> Result<SessionMember, HubError> {
        self.client.check_version().await.inspect_err(|e| self.note_err(e))?;
        let paired = self.client.pair(code, device_name).await.inspect_err(|e| self.note_err(e))?;
        if let Some(old) = self.token() {
            let _ = self.client.logout(&old).await;
        }
        self.tokens.set(&paired.token)?;
        if let Ok(mut t) = self.token.lock() {
            *t = Some(paired.token);
        }
        self.state.send_modify(|s| s.paired = true);
        self.note_ok();
        Ok(paired.member)
    }

    /// One API call to the hub; the answer is the hub's `Response` JSON.
    pub async fn rpc(&self, request: &Request) -> Result<Box<RawValue>, HubError> {
        let token = self.token_or_not_paired()?;
        self.noted(self.client.rpc(&token, request).await)
    }

    /// The same, read as a `Response` (for the shell's own questions: unread count,
    /// a notification's message).
    pub async fn call(&self, request: &Request) -> Result<Response, HubError> {
        let raw = self.rpc(request).await?;
        serde_json::from_str(raw.get()).map_err(|e| HubError::BadAnswer(e.to_string()))
    }

    pub async fn me(&self) -> Result<Box<RawValue>, HubError> {
        let token = self.token_or_not_paired()?;
        self.noted(self.client.me(&token).await)
    }

    pub async fn media(&self, name: &str, range: Option<&str>) -> Result<MediaAnswer, HubError> {
        let token = self.token_or_not_paired()?;
        self.noted(self.client.media(&token, name, range).await)
    }

    /// The hub's fresh backup into `dest` (owners only; see [`crate::Pulls`]).
    pub async fn download_backup(&self, dest: &std::path::Path) -> Result<(Option<String>, u64), HubError> {
        let token = self.token_or_not_paired()?;
        self.noted(self.client.download_backup(&token, dest).await)
    }

    /// Signs this device out: the hub revokes the token (if it can be reached) and the
    /// keyring forgets it either way.
    pub async fn sign_out(&self) -> Result<(), HubError> {
        if let Some(token) = self.token()
            && let Err(e) = self.client.logout(&token).await
        {
            tracing::warn!(error = %e, "the hub could not be told about the sign-out; the token is forgotten here");
        }
        self.forget()
    }

    /// Drops the token from memory and the keyring: the window goes back to the wizard.
    fn forget(&self) -> Result<(), HubError> {
        if let Ok(mut t) = self.token.lock() {
            *t = None;
        }
        self.state.send_modify(|s| s.paired = false);
        self.tokens.delete()
    }

    fn noted<T>(&self, r: Result<T, HubError>) -> Result<T, HubError> {
        match &r {
            Ok(_) => self.note_ok(),
            Err(e) => self.note_err(e),
        }
        r
    }

    fn note_ok(&self) {
        let now = now_ms();
        self.state.send_if_modified(|s| {
            let changed = !s.online || s.reason.is_some();
            s.online = true;
            s.reason = None;
            // Not every event counts as a change: the banner needs the time only when offline.
            s.last_contact = Some(now);
            changed
        });
    }

    fn note_err(&self, e: &HubError) {
        if e.is_offline() {
            let reason = e.to_api_error();
            self.state.send_if_modified(|s| {
                let changed = s.online || s.reason.as_ref() != Some(&reason);
                s.online = false;
                s.reason = Some(reason);
                changed
            });
        } else if matches!(e, HubError::Unauthorized(_)) {
            tracing::warn!("the hub refused this device's token; forgetting it");
            if let Err(e) = self.forget() {
                tracing::error!(error = %e, "could not remove the device token from the keyring");
            }
        } else {
            // The hub answered (a refusal is contact too).
            self.note_ok();
        }
    }

    /// Keeps the hub's event stream open while paired: each event goes to `sink`; after
    /// a gap (the hub restarted, the network dropped) `sink` gets [`CoreEvent::Resync`]
    /// so every screen reads again what it shows. Retries with backoff; never returns.
    pub async fn run_events(self: Arc<Self>, sink: impl Fn(CoreEvent) + Send + Sync + 'static) {
        let mut states = self.watch();
        // Whether what the window shows may be stale: a stream broke, or the hub could
        // not be reached (also at start, when the first screens failed to load).
        let mut gap = false;
        let mut wait = FIRST_RETRY;
        loop {
            let Some(token) = self.token() else {
                gap = false;
                // Until paired again.
                let _ = states.wait_for(|s| s.paired).await;
                continue;
            };
            match self.client.events(&token).await {
                Ok(mut stream) => {
                    self.note_ok();
                    if std::mem::take(&mut gap) {
                        sink(CoreEvent::Resync);
                    }
                    wait = FIRST_RETRY;
                    let me = self.clone();
                    tokio::spawn(async move { me.learn_time_zone().await });
                    loop {
                        match stream.next().await {
                            Some(Ok(event)) => {
                                self.note_ok();
                                sink(event);
                            }
                            Some(Err(e)) => {
                                self.note_err(&e);
                                break;
                            }
                            None => {
                                // Closed by the hub: stopping, or this device signed out. Ask.
                                let _ = self.me().await;
                                break;
                            }
                        }
                    }
                }
                Err(e) => self.note_err(&e),
            }
            gap = true;
            tokio::time::sleep(wait).await;
            wait = (wait * 2).min(LAST_RETRY);
        }
    }

    /// The shop's time zone (its first account's), for times on the banner.
    async fn learn_time_zone(&self) {
        let Ok(list) = serde_json::from_value::<Request>(serde_json::json!({ "method": "listAccounts" })) else { return };
        let Ok(raw) = self.rpc(&list).await else { return };
        let Ok(v) = serde_json::from_str::<serde_json::Value>(raw.get()) else { return };
        let Some(id) = v.pointer("/data/0/id").and_then(|i| i.as_i64()) else { return };
        let Ok(q) = serde_json::from_value::<Request>(serde_json::json!({ "method": "hoursStatus", "params": { "accountId": id } })) else { return };
        let Ok(raw) = self.rpc(&q).await else { return };
        let Ok(v) = serde_json::from_str::<serde_json::Value>(raw.get()) else { return };
        if let Some(tz) = v.pointer("/data/timeZone").and_then(|t| t.as_str()) {
            let tz = tz.to_owned();
            self.state.send_if_modified(|s| {
                let changed = s.time_zone.as_deref() != Some(&tz);
                s.time_zone = Some(tz);
                changed
            });
        }
    }
}
