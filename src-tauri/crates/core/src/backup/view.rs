//! A backup opened to look through: the desk's pulled copy of its hub (DESIGN §7) shown
//! as a solo store without becoming one. Unpacked into a folder of its own, opened
//! read-only, with no workers and no LINE credentials: nothing in it is sent again.

use std::path::Path;
use std::sync::Arc;

use crate::secrets::MemorySecretStore;
use crate::{Core, CoreOptions, Result};

/// Unpacks `backup` into `dir` (emptied first: it only ever holds the copy being looked
/// at) and opens it read-only.
pub async fn open(backup: &Path, dir: &Path) -> Result<Core> {
    if dir.exists() {
        std::fs::remove_dir_all(dir)?;
    }
    super::restore(backup, dir).await?;
    let mut opts = CoreOptions::new(dir, Arc::new(MemorySecretStore::default()));
    opts.start_workers = false;
    opts.read_only = true;
    Core::open(opts).await
}
