//! Open event streams learn at once that some token was revoked, and then check their
//! own. One counter for the process: a revocation is rare, a re-check is one query.

use std::sync::LazyLock;

use tokio::sync::watch;

static REVOKED: LazyLock<watch::Sender<u64>> = LazyLock::new(|| watch::channel(0).0);

pub fn announce() {
    REVOKED.send_modify(|n| *n = n.wrapping_add(1));
}

/// Changes after every revocation from now on.
pub fn watch() -> watch::Receiver<u64> {
    REVOKED.subscribe()
}
