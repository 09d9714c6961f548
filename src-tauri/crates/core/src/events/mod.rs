//! What happened, published after the commit that made it true: the UI refreshes,
//! the desktop notifies, workers (media, profiles, the outbox) wake up.

use serde::{Deserialize, Serialize};
use tokio::sync::broadcast;
use ts_rs::TS;

mod model;

pub use model::{ActedBy, ActivityKind, MessageStatus};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum CoreEvent {
    MessageArrived {
        #[ts(type = "number")]
        conversation_id: i64,
        #[ts(type = "number")]
        message_id: i64,
        /// The chat's assignee (担当者): each member's screen decides from it whether a
        /// customer's message notifies them (their notification scope).
        #[ts(type = "number | null")]
        #[serde(default)]
        assignee_member_id: Option<i64>,
    },
    MessageStatusChanged {
        #[ts(type = "number")]
        conversation_id: i64,
        #[ts(type = "number")]
        message_id: i64,
        status: MessageStatus,
        error: Option<String>,
    },
    ConversationUpdated {
        #[ts(type = "number")]
        conversation_id: i64,
    },
    /// A customer asked to be called back (the "電話してほしい" button): notify the owner.
    CallRequested {
        #[ts(type = "number")]
        conversation_id: i64,
    },
    /// Broadcast: its status or a batch's result changed.
    BroadcastUpdated {
        #[ts(type = "number")]
        broadcast_id: i64,
    },
    /// A member sent, wrote a note, tagged, changed a chat's status, a booking or a
    /// setting (who did what): every open screen that shows it re-reads it, and may say
    /// who. Only for a signed-in member; the owner at this PC acts unnamed.
    MemberActed {
        by: ActedBy,
        kind: ActivityKind,
        #[ts(type = "number | null")]
        conversation_id: Option<i64>,
        #[ts(type = "number | null")]
        friend_id: Option<i64>,
        #[ts(type = "number | null")]
        reservation_id: Option<i64>,
    },
    /// A member is typing in this chat (「佐藤さんが入力中」). Ephemeral: never stored;
    /// screens show it for a few seconds after the last one.
    MemberTyping {
        #[ts(type = "number")]
        conversation_id: i64,
        #[ts(type = "number")]
        member_id: i64,
        name: String,
    },
    /// This listener fell behind and missed events: what it shows may be stale, so it
    /// re-reads all of it. The transports send it in place of the missed events
    /// (see [`Listener::recv`]); it is never published.
    Resync,
}

/// A broadcast channel: slow subscribers miss old events (they re-read the store),
/// publishers never block. Screens listen through [`EventBus::listen`], which tells them
/// when they missed something.
#[derive(Clone)]
pub struct EventBus {
    tx: broadcast::Sender<CoreEvent>,
}

/// How many events the bus holds for a listener that has not read them yet.
const CAPACITY: usize = 1024;

impl Default for EventBus {
    fn default() -> Self {
        // A test makes the buffer tiny (`MADOGUCHI_EVENT_BUFFER=1`) so that a screen
        // falls behind at the first burst of events.
        let capacity = std::env::var("MADOGUCHI_EVENT_BUFFER").ok().and_then(|v| v.parse().ok()).filter(|n| *n > 0);
        let (tx, _) = broadcast::channel(capacity.unwrap_or(CAPACITY));
        Self { tx }
    }
}

impl EventBus {
    pub fn publish(&self, event: CoreEvent) {
        // No subscriber is not an error: the headless server may have no UI attached.
        let _ = self.tx.send(event);
    }

    pub fn subscribe(&self) -> broadcast::Receiver<CoreEvent> {
        self.tx.subscribe()
    }

    /// What a transport hands to a screen: every event, and a [`CoreEvent::Resync`]
    /// where it fell behind, so that no screen stays stale without knowing it.
    pub fn listen(&self) -> Listener {
        Listener { rx: self.tx.subscribe() }
    }
}

/// One screen's subscription (see [`EventBus::listen`]).
pub struct Listener {
    rx: broadcast::Receiver<CoreEvent>,
}

impl Listener {
    /// The next event, `Resync` after missed ones; `None` once the bus is gone.
    pub async fn recv(&mut self) -> Option<CoreEvent> {
        match self.rx.recv().await {
            Ok(event) => Some(event),
            Err(broadcast::error::RecvError::Lagged(missed)) => {
                tracing::info!(missed, "a screen missed core events; it is told to re-read");
                Some(CoreEvent::Resync)
            }
            Err(broadcast::error::RecvError::Closed) => None,
        }
    }
}
