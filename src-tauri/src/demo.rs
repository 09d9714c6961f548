//! `madoguchi --demo` (what `make demo` runs on a machine with a display): the desktop
//! app against the built-in LINE simulator with the seeded salon, the same set-up as
//! `madoguchi-server --demo`. Its data lives in a fresh temporary folder, never in the
//! shop's real data dir.

use madoguchi_core::Core;
use madoguchi_server::demo::Demo;

pub fn requested() -> bool {
    std::env::args().any(|a| a == "--demo") || std::env::var("MADOGUCHI_DEMO").is_ok_and(|v| v == "1")
}

/// The simulator and the temp dir must outlive the app: they are kept in app state.
pub struct DemoRun {
    pub demo: Demo,
    pub _dir: tempfile::TempDir,
}

pub async fn open() -> anyhow::Result<(Core, DemoRun)> {
    let demo = madoguchi_server::demo::start_simulator().await?;
    let dir = tempfile::Builder::new().prefix("madoguchi-demo-").tempdir()?;
    let core = demo.open_core(dir.path()).await?;
    Ok((core, DemoRun { demo, _dir: dir }))
}

/// After the receiver listens: the simulator delivers to it, seeds the shop, chats.
pub async fn connect(run: &DemoRun, core: &Core, webhook_url: &str) -> anyhow::Result<()> {
    run.demo.connect(core, webhook_url, 24).await
}
