use std::sync::Arc;

use linesim::{SimConfig, Simulator};
use madoguchi_core::secrets::MemorySecretStore;
use madoguchi_core::{Core, CoreOptions};
use tempfile::TempDir;

pub const ACCOUNT_KEY: &str = "test";

/// A Core on a fresh temp store, talking to a fresh simulator, with one account.
pub struct Harness {
    pub core: Core,
    pub sim: Simulator,
    pub account_id: i64,
    _dir: TempDir,
}

impl Harness {
    pub async fn new() -> anyhow::Result<Harness> {
        Self::with_sim(SimConfig::default()).await
    }

    pub async fn with_sim(cfg: SimConfig) -> anyhow::Result<Harness> {
        let sim = Simulator::start(cfg).await?;
        let dir = tempfile::tempdir()?;
        let c = sim.config();
        let secrets = Arc::new(MemorySecretStore::with(ACCOUNT_KEY, &c.channel_secret, &c.access_token));
        let mut opts = CoreOptions::new(dir.path(), secrets);
        opts.line_api_base = sim.base_url();
        opts.line_data_base = sim.base_url();
        let core = Core::open(opts).await?;
        let account = core.register_account(ACCOUNT_KEY, "テスト店").await?;
        Ok(Harness { core, sim, account_id: account.id, _dir: dir })
    }

    /// Delivers events straight into Core's webhook path (signature included) and waits
    /// until the store holds them.
    pub async fn ingest(&self, events: Vec<serde_json::Value>) -> anyhow::Result<()> {
        let (body, sig) = self.sim.signed_body(events);
        let id = self
            .core
            .handle_webhook(&body, Some(&sig))
            .await
            .map_err(|e| anyhow::anyhow!("webhook refused: {e}"))?;
        self.core.webhooks_projected(id).await?;
        Ok(())
    }

    pub async fn conversation_of(&self, line_user_id: &str) -> anyhow::Result<i64> {
        let id: i64 = sqlx::query_scalar(
            "SELECT c.id FROM conversations c JOIN friends f ON f.id = c.friend_id WHERE f.line_user_id = ?",
        )
        .bind(line_user_id)
        .fetch_one(&self.core.store().pool)
        .await?;
        Ok(id)
    }
}

/// Polls `check` until it returns Some, or fails after `secs` (a hang guard, not a timing assertion).
pub async fn eventually<T, F, Fut>(secs: u64, what: &str, mut check: F) -> anyhow::Result<T>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<Option<T>>>,
{
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    loop {
        if let Some(v) = check().await? {
            return Ok(v);
        }
        anyhow::ensure!(std::time::Instant::now() < deadline, "gave up waiting: {what}");
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
}

pub async fn set_setting(core: &Core, key: &str, value: &str) -> anyhow::Result<()> {
    madoguchi_core::settings::set(&core.store().pool, key, value).await?;
    Ok(())
}
