//! `Core`: the assembled product — store, event bus, webhook ingest, the LINE clients
//! of each account and the background workers — behind one cheap-to-clone handle
//! that the Tauri shell and `madoguchi-server` both hold.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use line::client::{LineClient, LineConfig};
use tokio::sync::{watch, Mutex, RwLock};
use tokio::task::JoinHandle;

use crate::accounts::{self, AccountRow};
use crate::api::{self, ApiError, Request, Response};
use crate::events::EventBus;
use crate::inbox::ingest::Ingestor;
use crate::secrets::SecretStore;
use crate::store::Store;
use crate::{autoreply, inbox, outbox, CoreError, Result};

mod wakeups;

pub use wakeups::Wakeups;

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
    pub row: AccountRow,
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
    ingestor: Ingestor,
    wake: Wakeups,
    secrets: Arc<dyn SecretStore>,
    api_base: String,
    data_base: String,
    accounts: RwLock<HashMap<i64, Arc<AccountRuntime>>>,
    shutdown: watch::Sender<bool>,
    tasks: Mutex<Vec<JoinHandle<()>>>,
    /// What the UI last said about its focus (notifications); memory only.
    ui_focus: crate::notify::FocusState,
    /// When each chat last got LINE's loading animation; memory only.
    typing: crate::inbox::typing::TypingThrottle,
    /// When each member's typing in each chat was last passed on; memory only.
    member_typing: crate::assignment::typing::MemberTyping,
    /// How far the short-query search index is built for the stored history.
    short_search_index: Arc<crate::search::backfill::Progress>,
}

impl Core {
    pub async fn open(opts: CoreOptions) -> Result<Core> {
        let store = if opts.read_only { Store::open_read_only(&opts.data_dir).await? } else { Store::open(&opts.data_dir).await? };
        let start_workers = opts.start_workers && !opts.read_only;
        let bus = EventBus::default();
        let wake = Wakeups::default();
        let (shutdown, _) = watch::channel(false);
        // The projector stops with the core; the journal's writer when its last handle goes.
        // Tools that only read (export, backup) may run beside a live server on the same data dir.
        let reader_if_busy = !start_workers;
        let (ingestor, projector) = Ingestor::start(&store, bus.clone(), wake.clone(), shutdown.subscribe(), reader_if_busy).await?;
        let core = Core {
            inner: Arc::new(Inner {
                store,
                bus,
                ingestor,
                wake,
                secrets: opts.secrets,
                api_base: opts.line_api_base,
                data_base: opts.line_data_base,
                accounts: RwLock::new(HashMap::new()),
                shutdown,
                tasks: Mutex::new(vec![projector]),
                ui_focus: Default::default(),
                typing: Default::default(),
                member_typing: Default::default(),
                short_search_index: Default::default(),
            }),
        };
        core.reload_accounts().await?;
        // Bodies acknowledged before a crash or kill are in the store before anyone reads it
        // (exports, backups and the inbox all see them).
        core.inner.ingestor.settled().await?;
        if start_workers {
            let mut tasks = core.inner.tasks.lock().await;
            tasks.push(tokio::spawn(outbox::sender::worker(core.clone())));
            tasks.push(tokio::spawn(inbox::media::worker(core.clone())));
            tasks.push(tokio::spawn(inbox::profiles::worker(core.clone())));
            tasks.push(tokio::spawn(autoreply::worker(core.clone())));
            // Settings: automatic daily backups.
            tasks.push(tokio::spawn(crate::backup::auto::worker(core.clone())));
            // Broadcast: scheduled starts and multicast batches.
            tasks.push(tokio::spawn(crate::broadcast::worker::worker(core.clone())));
            // Customers: automatic tags.
            tasks.push(tokio::spawn(crate::tags::auto::worker(core.clone())));
            // Reservations: reminders and thank-yous
            tasks.push(tokio::spawn(crate::reservations::reminders::worker(core.clone())));
            // Search: the short-query index for messages stored before it existed.
            tasks.push(tokio::spawn(crate::search::backfill::worker(core.clone())));
        }
        Ok(core)
    }

    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    /// How far the short-query search index is built (see search::backfill).
    pub fn short_search_index(&self) -> &Arc<crate::search::backfill::Progress> {
        &self.inner.short_search_index
    }

    pub fn events(&self) -> &EventBus {
        &self.inner.bus
    }

    /// The UI's focus as last reported by the `uiFocus` request.
    pub fn ui_focus(&self) -> &crate::notify::FocusState {
        &self.inner.ui_focus
    }

    pub fn typing(&self) -> &crate::inbox::typing::TypingThrottle {
        &self.inner.typing
    }

    pub fn member_typing(&self) -> &crate::assignment::typing::MemberTyping {
        &self.inner.member_typing
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
        self.inner.ingestor.close().await;
        self.inner.store.close().await;
    }

    /// Creates the account whose secrets live under `secret_key` (if new) and loads it.
    pub async fn register_account(&self, secret_key: &str, name: &str) -> Result<AccountRow> {
        let row = accounts::ensure(&self.inner.store.pool, secret_key, name).await?;
        self.reload_accounts().await?;
        Ok(row)
    }

    /// Re-reads accounts and their secrets (after the wizard stored new ones).
    pub async fn reload_accounts(&self) -> Result<()> {
        let rows = accounts::list(&self.inner.store.pool).await?;
        let mut loaded = HashMap::new();
        for row in rows {
            let Some(secrets) = self.inner.secrets.account(&row.secret_key)? else {
                tracing::info!(account = row.id, "account has no credentials yet");
                continue;
            };
            let config = LineConfig::new(secrets.access_token.clone())
                .with_bases(self.inner.api_base.clone(), self.inner.data_base.clone());
            let mut once = config.clone();
            once.max_attempts = 1;
            let client = LineClient::new(config)?;
            let reply_once = LineClient::new(once)?;
            loaded.insert(
                row.id,
                Arc::new(AccountRuntime { row, channel_secret: secrets.channel_secret, client, reply_once }),
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

    /// The first account (the headless server has exactly one).
    pub async fn default_account_id(&self) -> Result<i64> {
        accounts::list(&self.inner.store.pool)
            .await?
            .first()
            .map(|a| a.id)
            .ok_or_else(|| {
                CoreError::not_configured(
                    "no LINE Official Account is connected yet",
                    "LINE 公式アカウントがまだ接続されていません",
                )
            })
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
                .map(|a| a.row.id)
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
        Ok(self.inner.ingestor.append(account_id, body).await?)
    }

    /// Resolves once the store holds the webhook request `handle_webhook` journaled as `id`.
    pub async fn webhooks_projected(&self, id: i64) -> Result<()> {
        self.inner.ingestor.projected(id).await
    }

    /// Webhook requests acknowledged but not yet in the store.
    pub fn webhook_backlog(&self) -> i64 {
        self.inner.ingestor.backlog()
    }

    /// Resolves once every webhook request journaled so far is in the store.
    pub async fn webhooks_settled(&self) -> Result<()> {
        self.inner.ingestor.settled().await
    }

    pub async fn dispatch(&self, request: Request) -> Result<Response, ApiError> {
        api::dispatch(self, request).await
    }

    /// `dispatch` on behalf of a member: what the handler records (a send, a note, a
    /// settings change) names them. See `members::actor`.
    pub async fn dispatch_as(&self, actor: crate::members::Actor, request: Request) -> Result<Response, ApiError> {
        crate::members::actor::acting(actor, api::dispatch(self, request)).await
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

