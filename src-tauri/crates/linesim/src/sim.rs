use std::sync::{Arc, Mutex, MutexGuard};

use anyhow::Context as _;
use tokio::sync::{Notify, broadcast};

use crate::config::SimConfig;
use crate::faults::Faults;
use crate::ids::{Ids, splitmix};
use crate::state::{Received, SimUser, State, UserEntry};
use crate::stats::Stats;

/// A running simulated LINE platform. Cheap to clone; all clones share one instance.
#[derive(Clone)]
pub struct Simulator {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub cfg: SimConfig,
    pub base_url: String,
    pub ids: Ids,
    pub faults: Faults,
    pub http: reqwest::Client,
    state: Mutex<State>,
    /// Every accepted message, for listeners such as the chatter's "customer answers back".
    pub received_tx: broadcast::Sender<Received>,
    shutdown: Arc<Notify>,
}

impl Simulator {
    /// Binds `cfg.listen` and serves the LINE API and the `/sim/` control API on it.
    pub async fn start(cfg: SimConfig) -> anyhow::Result<Simulator> {
        let listener = tokio::net::TcpListener::bind(cfg.listen)
            .await
            .with_context(|| format!("binding the simulator to {}", cfg.listen))?;
        let addr = listener.local_addr().context("reading the bound address")?;
        let mut http = reqwest::Client::builder()
            // Webhook targets are usually loopback; a proxy from the environment would
            // swallow them.
            .no_proxy()
            .timeout(std::time::Duration::from_secs(30))
            .user_agent("LineBotWebhook/2.0");
        for pem in &cfg.webhook_root_certificates {
            http = http.add_root_certificate(
                reqwest::Certificate::from_pem(pem).context("a webhook root certificate is not PEM")?,
            );
        }
        let http = http.build().context("building the webhook HTTP client")?;
        let state = State {
            webhook_url: cfg.webhook_url.clone(),
            quota: Some(1000),
            ..State::default()
        };
        let (received_tx, _) = broadcast::channel(1024);
        let shutdown = Arc::new(Notify::new());
        let sim = Simulator {
            inner: Arc::new(Inner {
                ids: Ids::new(cfg.seed),
                base_url: format!("http://{addr}"),
                cfg,
                faults: Faults::default(),
                http,
                state: Mutex::new(state),
                received_tx,
                shutdown: shutdown.clone(),
            }),
        };
        let app = crate::api::router(sim.clone()).merge(crate::control::router(sim.clone()));
        tokio::spawn(async move {
            let serve = axum::serve(listener, app)
                .with_graceful_shutdown(async move { shutdown.notified().await });
            if let Err(e) = serve.await {
                tracing::error!(error = %e, "linesim server stopped");
            }
        });
        tracing::info!(url = %sim.base_url(), "linesim listening");
        Ok(sim)
    }

    /// Serves both the api.line.me and api-data.line.me paths.
    pub fn base_url(&self) -> String {
        self.inner.base_url.clone()
    }

    pub fn config(&self) -> &SimConfig {
        &self.inner.cfg
    }

    /// Stops accepting connections. The simulator keeps its records for inspection.
    pub fn shutdown(&self) {
        self.inner.shutdown.notify_one();
    }

    pub fn set_webhook_url(&self, url: &str) {
        self.lock().webhook_url = Some(url.to_owned());
    }

    pub fn webhook_url(&self) -> Option<String> {
        self.lock().webhook_url.clone()
    }

    /// `None` makes the quota endpoint answer type "none" (unlimited); default 1000.
    pub fn set_quota(&self, quota: Option<u64>) {
        self.lock().quota = quota;
    }

    /// A new friend of the bot, Japanese-speaking, usually with a profile picture.
    pub fn add_user(&self, display_name: &str) -> SimUser {
        self.add_user_with(display_name, "ja", None)
    }

    /// `with_picture: None` lets the seed decide (most users have one).
    pub fn add_user_with(
        &self,
        display_name: &str,
        language: &str,
        with_picture: Option<bool>,
    ) -> SimUser {
        let user_id = self.inner.ids.user_id();
        let with_picture = with_picture
            .unwrap_or_else(|| !splitmix(user_id.len() as u64 ^ hash(&user_id)).is_multiple_of(5));
        let user = SimUser {
            picture_url: with_picture
                .then(|| format!("{}/sim/avatars/{user_id}", self.inner.base_url)),
            user_id,
            display_name: display_name.to_owned(),
            language: language.to_owned(),
        };
        let mut st = self.lock();
        let idx = st.users.len();
        st.user_index.insert(user.user_id.clone(), idx);
        st.users.push(UserEntry {
            user: user.clone(),
            following: true,
        });
        user
    }

    /// The user sets a new profile picture: like LINE, it gets a new address.
    pub fn change_picture(&self, user_id: &str, version: u32) {
        let url = format!("{}/sim/avatars/{user_id}?v={version}", self.inner.base_url);
        let mut st = self.lock();
        if let Some(&idx) = st.user_index.get(user_id) {
            st.users[idx].user.picture_url = Some(url);
        }
    }

    pub fn users(&self) -> Vec<SimUser> {
        self.lock().users.iter().map(|u| u.user.clone()).collect()
    }

    /// Users who have not blocked the bot.
    pub fn following_users(&self) -> Vec<SimUser> {
        self.lock()
            .users
            .iter()
            .filter(|u| u.following)
            .map(|u| u.user.clone())
            .collect()
    }

    pub fn user(&self, user_id: &str) -> Option<SimUser> {
        self.lock().user(user_id).map(|u| u.user.clone())
    }

    pub fn received(&self, user_id: &str) -> Vec<Received> {
        self.lock()
            .received
            .iter()
            .filter(|r| r.user_id == user_id)
            .cloned()
            .collect()
    }

    pub fn all_received(&self) -> Vec<Received> {
        self.lock().received.clone()
    }

    /// Notified of every message accepted from now on.
    pub fn subscribe_received(&self) -> broadcast::Receiver<Received> {
        self.inner.received_tx.subscribe()
    }

    pub fn stats(&self) -> Stats {
        self.lock().stats.clone()
    }

    pub fn faults(&self) -> &Faults {
        &self.inner.faults
    }

    pub fn mark_read_calls(&self) -> Vec<String> {
        self.lock().mark_read_calls.clone()
    }

    pub fn loading_calls(&self) -> Vec<(String, u32)> {
        self.lock().loading_calls.clone()
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, State> {
        // A panicked handler must not take the whole simulator down with it.
        self.inner.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn hash(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}
