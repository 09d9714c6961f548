//! The workers' wake-up calls: whoever commits work for a worker (an inbound message, a
//! queued send, a changed booking) notifies it, so it starts now instead of at its next
//! idle tick.

use std::sync::Arc;

use tokio::sync::Notify;

/// One notify per worker, shared by every handle of the core.
#[derive(Clone, Default)]
pub struct Wakeups {
    pub profiles: Arc<Notify>,
    pub media: Arc<Notify>,
    pub outbox: Arc<Notify>,
    /// The auto-reply worker (keyword, away, greeting) has new inbound messages to decide.
    pub autoreply: Arc<Notify>,
    /// Broadcast: a broadcast was created or cancelled.
    pub broadcast: Arc<Notify>,
    /// The auto-tag worker (customers) has new inbound messages to look at.
    pub autotag: Arc<Notify>,
    /// Reservations: a booking changed (an approval's "confirmed" push is due now, not on the next tick).
    pub reminders: Arc<Notify>,
}
