//! `Core`: the handle every part of the product shares — store, event bus, webhook
//! journal, the LINE clients of each account, the workers' wake-ups and the shutdown
//! signal — cheap to clone, held by the Tauri shell and `madoguchi-server` alike. It
//! imports no domain: opening a core and starting the workers is `start`, answering
//! the API is `api`, and each domain defines its own accessors on `Core`.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use line::client::{LineClient, LineConfig};
use tokio::sync::{watch, Mutex, RwLock};
use tokio::task::JoinHandle;

use crate::events::EventBus;
use crate::secrets::SecretStore;
use crate::store::Store;
use crate::{CoreError, Result};

mod states;
mod wakeups;
mod webhooks;

use states::States;
pub use wakeups::Wakeups;
pub use webhooks::Webhooks;

pub const DEFAULT_API_BASE: &str = "https://api.line.me";
pub const DEFAULT_DATA_BASE: &str = "https://api-data.line.me";

pub struct CoreOptions {
    pub data_dir: PathBuf,
    pub secrets: Arc<dyn SecretStore>,
    pub line_api_base: String,
    pub line_data_base: String,
    /// Outbox sender, media and profile workers. Off for tools that only read (export).
    pub start_workers: bool,
    /// A copy to look through (a hub's backup pulled to this PC): no statement may
    /// change it and no worker runs, so nothing in it is sent a second time.
    pub read_only: bool,
}

impl CoreOptions {
    /// API hosts from `LINE_API_BASE` / `LINE_API_DATA_BASE`, else LINE's own.
    pub fn new(data_dir: impl Into<PathBuf>, secrets: Arc<dyn SecretStore>) -> Self {
        let env = |k: &str, d: &str| std::env::var(k).ok().filter(|v| !v.is_empty()).unwrap_or_else(|| d.to_string());
        CoreOptions {
            data_dir: data_dir.into(),
            secrets,
            line_api_base: env("LINE_API_BASE", DEFAULT_API_BASE),
            line_data_base: env("LINE_API_DATA_BASE", DEFAULT_DATA_BASE),
            start_workers: true,
            read_only: false,
        }
    }
}

/// One account ready to talk to LINE.
pub struct AccountRuntime {
    pub account_id: i64,
    channel_secret: String,
    pub client: LineClient,
    /// Replies are never retried inside the client: a reply token is single-use, so a
    /// blind retry would turn "maybe sent" into "refused" and hide the ambiguity.
    pub reply_once: LineClient,
}

/// Why a webhook request was not stored.
#[derive(Debug, thiserror::Error)]
pub enum WebhookRejection {
    #[error("signature missing or wrong")]
    Unauthorized,
    #[error("malformed webhook body: {0}")]
    BadRequest(String),
    #[error("could not store: {0}")]
    Unavailable(#[from] CoreError),
}

#[derive(Clone)]
pub struct Core {
    inner: Arc<Inner>,
}

struct Inner {
    store: Store,
    bus: EventBus,
    webhooks: Box<dyn Webhooks>,
    wake: Wakeups,
    secrets: Arc<dyn SecretStore>,
    api_base: String,
    data_base: String,
    accounts: RwLock<HashMap<i64, Arc<AccountRuntime>>>,
    shutdown: watch::Sender<bool>,
    tasks: Mutex<Vec<JoinHandle<()>>>,
    states: States,
}

/// What `start` assembles a core from.
pub(crate) struct Parts {
    pub store: Store,
    pub bus: EventBus,
    pub webhooks: Box<dyn Webhooks>,
    pub wake: Wakeups,
    pub shutdown: watch::Sender<bool>,
    pub tasks: Vec<JoinHandle<()>>,
}

impl Core {
    pub(crate) fn assemble(opts: CoreOptions, parts: Parts) -> Core {
        Core {
            inner: Arc::new(Inner {
                store: parts.store,
                bus: parts.bus,
                webhooks: parts.webhooks,
                wake: parts.wake,
                secrets: opts.secrets,
                api_base: opts.line_api_base,
                data_base: opts.line_data_base,
                accounts: RwLock::new(HashMap::new()),
                shutdown: parts.shutdown,
                tasks: Mutex::new(parts.tasks),
                states: States::default(),
            }),
        }
    }

    /// Keeps a background task to be stopped on `shutdown`.
    pub(crate) async fn keep_task(&self, task: JoinHandle<()>) {
        self.inner.tasks.lock().await.push(task);
    }

    /// A domain's memory-only state in this core (see `states.rs`).
    pub(crate) fn state<T: Default + Send + Sync + 'static>(&self) -> Arc<T> {
        self.inner.states.get()
    }

    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    pub fn events(&self) -> &EventBus {
        &self.inner.bus
    }

    pub fn wakeups(&self) -> &Wakeups {
        &self.inner.wake
    }

    pub fn secrets(&self) -> &Arc<dyn SecretStore> {
        &self.inner.secrets
    }

    /// The LINE API and data hosts this core talks to (the connect wizard checks new credentials there).
    pub fn line_bases(&self) -> (&str, &str) {
        (&self.inner.api_base, &self.inner.data_base)
    }

    /// Resolves once `shutdown` has been called.
    pub async fn shutdown_signal(&self) {
        let mut rx = self.inner.shutdown.subscribe();
        while !*rx.borrow_and_update() {
            if rx.changed().await.is_err() {
                return;
            }
        }
    }

    pub async fn shutdown(&self) {
        let _ = self.inner.shutdown.send(true);
        let tasks: Vec<_> = self.inner.tasks.lock().await.drain(..).collect();
        for t in tasks {
            if tokio::time::timeout(Duration::from_secs(5), t).await.is_err() {
                tracing::warn!("a background task did not stop in time");
            }
        }
        self.inner.webhooks.close().await;
        self.inner.store.close().await;
    }

    /// Loads the LINE clients of these accounts (id, key of their secrets), in place of
    /// the ones loaded before; an account without credentials yet gets none.
    pub(crate) async fn load_clients(&self, accounts: Vec<(i64, String)>) -> Result<()> {
        let mut loaded = HashMap::new();
        for (account_id, secret_key) in accounts {
            let Some(secrets) = self.inner.secrets.account(&secret_key)? else {
                tracing::info!(account = account_id, "account has no credentials yet");
                continue;
            };
            let config = LineConfig::new(secrets.access_token.clone())
                .with_bases(self.inner.api_base.clone(), self.inner.data_base.clone());
            let mut once = config.clone();
            once.max_attempts = 1;
            let client = LineClient::new(config)?;
            let reply_once = LineClient::new(once)?;
            loaded.insert(
                account_id,
                Arc::new(AccountRuntime { account_id, channel_secret: secrets.channel_secret, client, reply_once }),
            );
        }
        *self.inner.accounts.write().await = loaded;
        Ok(())
    }

    pub async fn clients(&self, account_id: i64) -> Option<Arc<AccountRuntime>> {
        self.inner.accounts.read().await.get(&account_id).cloned()
    }

    pub async fn client(&self, account_id: i64) -> Option<LineClient> {
        self.clients(account_id).await.map(|a| a.client.clone())
    }

    /// `POST /webhook`: signature over the raw bytes first (against each account's
    /// channel secret), then `check_callback`, then one durable write to the webhook journal. Only
    /// then may the caller answer 200. Returns the journal id; the chats and messages
    /// follow a moment later (`webhooks_projected`).
    pub async fn handle_webhook(&self, body: &[u8], signature: Option<&str>) -> Result<i64, WebhookRejection> {
        let account_id = {
            let accounts = self.inner.accounts.read().await;
            accounts
                .values()
                .find(|a| line::signature::verify(&a.channel_secret, body, signature).is_ok())
                .map(|a| a.account_id)
        };
        let Some(account_id) = account_id else {
            return Err(WebhookRejection::Unauthorized);
        };
        // What must hold before LINE hears 200: authentic, JSON, and every event carries
        // the fields the dedupe and the order need. The typed view is the projector's.
        let events = line::webhook::check_callback(body).map_err(|e| WebhookRejection::BadRequest(e.to_string()))?;
        if events == 0 {
            // LINE's "verify" button and webhook test send no events; nothing to keep.
            return Ok(0);
        }
        Ok(self.inner.webhooks.append(account_id, body).await?)
    }

    /// Resolves once the store holds the webhook request `handle_webhook` journaled as `id`.
    pub async fn webhooks_projected(&self, id: i64) -> Result<()> {
        self.inner.webhooks.projected(id).await
    }

    /// Webhook requests acknowledged but not yet in the store.
    pub fn webhook_backlog(&self) -> i64 {
        self.inner.webhooks.backlog()
    }

    /// Resolves once every webhook request journaled so far is in the store.
    pub async fn webhooks_settled(&self) -> Result<()> {
        self.inner.webhooks.settled().await
    }
}

/// Runs `step` until it reports no more work, then sleeps until `wake` fires, `idle`
/// passes or the core shuts down. The shape every after-commit worker shares.
pub(crate) async fn worker_loop<F, Fut>(core: Core, name: &str, wake: Arc<tokio::sync::Notify>, idle: Duration, mut step: F)
where
    F: FnMut(Core) -> Fut,
    Fut: std::future::Future<Output = Result<bool>>,
{
    loop {
        match step(core.clone()).await {
            Ok(true) => continue,
            Ok(false) => {}
            Err(e) => tracing::warn!(worker = name, error = %e, "worker step failed"),
        }
        tokio::select! {
            _ = wake.notified() => {}
            _ = tokio::time::sleep(idle) => {}
            _ = core.shutdown_signal() => return,
        }
    }
}

