//! `madoguchi --demo` (what `make demo` runs on a machine with a display): the desktop
//! app against the built-in LINE simulator with the seeded salon, the same set-up as
//! `madoguchi-server --demo`. Its data goes to `MADOGUCHI_DATA_DIR` when that is set
//! (a demo to come back to), otherwise to a temporary folder removed when the app quits;
//! never to the shop's real data dir.

use std::sync::Mutex;

use madoguchi_core::Core;
use madoguchi_server::demo::Demo;

pub fn requested() -> bool {
    std::env::args().any(|a| a == "--demo") || std::env::var("MADOGUCHI_DEMO").is_ok_and(|v| v == "1")
}

/// The simulator must outlive the app: it is kept in app state, with the temp folder.
pub struct DemoRun {
    pub demo: Demo,
    temp: Mutex<Option<tempfile::TempDir>>,
}

impl DemoRun {
    /// Keeps the temporary folder when the app quits (a restore put the shop there and
    /// the app starts again on it).
    pub fn keep_temp(&self) {
        if let Some(dir) = self.temp.lock().map(|mut t| t.take()).unwrap_or(None) {
            let _ = dir.keep();
        }
    }

    /// Removes the temporary data folder (on quit); a `MADOGUCHI_DATA_DIR` stays.
    pub fn remove_temp(&self) {
        let taken = self.temp.lock().map(|mut t| t.take()).unwrap_or(None);
        if let Some(dir) = taken {
            let path = dir.path().to_owned();
            if let Err(e) = dir.close() {
                tracing::warn!(error = %e, path = %path.display(), "could not remove the demo's temporary data");
            }
        }
    }
}

pub async fn open() -> anyhow::Result<(Core, DemoRun)> {
    let demo = madoguchi_server::demo::start_simulator().await?;
    let (core, temp) = match crate::data_dir_from_env() {
        Some(dir) => (demo.open_core(&dir).await?, None),
        None => {
            let dir = tempfile::Builder::new().prefix("madoguchi-demo-").tempdir()?;
            (demo.open_core(dir.path()).await?, Some(dir))
        }
    };
    Ok((core, DemoRun { demo, temp: Mutex::new(temp) }))
}

/// After the receiver listens: the simulator delivers to it, seeds the shop, chats.
pub async fn connect(run: &DemoRun, core: &Core, webhook_url: &str) -> anyhow::Result<()> {
    run.demo.connect(core, webhook_url, 24).await
}
