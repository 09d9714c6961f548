//! `--demo`: the LINE simulator runs in-process, the client talks to it, and a
//! believable salon with Japanese customers and history arrives through the real
//! webhook path (signed, verified, stored like any other).

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use linesim::{SimConfig, Simulator};
use madoguchi_core::secrets::MemorySecretStore;
use madoguchi_core::{settings, Core, CoreOptions};

const DEMO_ACCOUNT_KEY: &str = "demo";
const DEMO_SHOP_NAME: &str = "ヘアサロン さくら（デモ）";

pub struct Demo {
    sim: Simulator,
}

pub async fn start_simulator() -> anyhow::Result<Demo> {
    let cfg = SimConfig { seed: 20261125, ..SimConfig::default() };
    let sim = Simulator::start(cfg).await.context("start the LINE simulator")?;
    tracing::info!(url = %sim.base_url(), "demo: LINE simulator running");
    Ok(Demo { sim })
}

impl Demo {
    pub fn simulator_url(&self) -> String {
        self.sim.base_url()
    }

    pub async fn open_core(&self, data_dir: &Path) -> anyhow::Result<Core> {
        let cfg = self.sim.config();
        let secrets = Arc::new(MemorySecretStore::with(DEMO_ACCOUNT_KEY, &cfg.channel_secret, &cfg.access_token));
        let mut opts = CoreOptions::new(data_dir, secrets);
        opts.line_api_base = self.sim.base_url();
        opts.line_data_base = self.sim.base_url();
        let core = Core::open(opts).await.with_context(|| format!("open data dir {}", data_dir.display()))?;
        let account = core.register_account(DEMO_ACCOUNT_KEY, DEMO_SHOP_NAME).await?;
        // Reservations: stylists, chairs, menus and a few bookings for the calendar.
        madoguchi_core::reservations::demo::seed(&core.store().pool, account.id).await?;
        crate::demo_settings::seed(&core, account.id).await?;
        // The simulator checks, like LINE, that media URLs are https; nothing fetches them.
        if settings::get(&core.store().pool, settings::PUBLIC_BASE_URL).await?.is_none() {
            settings::set(&core.store().pool, settings::PUBLIC_BASE_URL, "https://madoguchi-demo.invalid").await?;
        }
        Ok(core)
    }

    /// Points the simulator's webhooks at us, seeds the shop once, starts the chatter.
    pub async fn connect(&self, core: &Core, webhook_url: &str, friends: usize) -> anyhow::Result<()> {
        self.sim.set_webhook_url(webhook_url);
        let seeded: i64 = sqlx::query_scalar("SELECT count(*) FROM friends").fetch_one(&core.store().pool).await?;
        if seeded == 0 {
            linesim::seed_shop(&self.sim, friends).await.context("seed the demo shop")?;
            tracing::info!(friends, "demo: shop seeded");
        } else {
            tracing::warn!("demo: this data dir already has a shop; the new simulator does not know its customers, so only new ones will chat. Use an empty --data-dir for a fresh demo.");
            linesim::seed_shop(&self.sim, friends.min(4)).await.context("seed new demo customers")?;
        }
        linesim::start_chatter(&self.sim, Duration::from_secs(20)..Duration::from_secs(60));
        Ok(())
    }
}
