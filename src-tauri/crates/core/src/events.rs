//! What happened, published after the commit that made it true: the UI refreshes,
//! the desktop notifies, workers (media, profiles, the outbox) wake up.

use serde::{Deserialize, Serialize};
use tokio::sync::broadcast;
use ts_rs::TS;

use crate::api::types::MessageStatus;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum CoreEvent {
    MessageArrived {
        #[ts(type = "number")]
        conversation_id: i64,
        #[ts(type = "number")]
        message_id: i64,
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
}

/// A broadcast channel: slow subscribers miss old events (they re-read the store),
/// publishers never block.
#[derive(Clone)]
pub struct EventBus {
    tx: broadcast::Sender<CoreEvent>,
}

impl Default for EventBus {
    fn default() -> Self {
        let (tx, _) = broadcast::channel(1024);
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
}
