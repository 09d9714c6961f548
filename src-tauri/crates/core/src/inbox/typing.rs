//! "The shop is typing": while the owner types a reply, LINE's loading animation shows
//! in the customer's chat. Throttled per chat so a fast typist costs one call per
//! `SHOW_SECONDS`, and best effort: a failure never reaches the composer.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::inbox::conversations;
use crate::runtime::Core;
use crate::Result;

/// How long one call shows the animation (LINE: 5–60 s in steps of 5; it also ends
/// when our message arrives).
pub const SHOW_SECONDS: u32 = 20;

#[derive(Default)]
pub struct TypingThrottle {
    last: Mutex<HashMap<i64, Instant>>,
}

impl TypingThrottle {
    /// True when this chat has not been shown the animation in the last `SHOW_SECONDS`.
    fn take(&self, conversation_id: i64, now: Instant) -> bool {
        let Ok(mut last) = self.last.lock() else { return false };
        let every = Duration::from_secs(u64::from(SHOW_SECONDS));
        match last.get(&conversation_id) {
            Some(t) if now.duration_since(*t) < every => false,
            _ => {
                last.retain(|_, t| now.duration_since(*t) < every);
                last.insert(conversation_id, now);
                true
            }
        }
    }
}

/// Whether LINE was asked and agreed (false: throttled, blocked friend, no credentials, LINE said no).
pub async fn owner_typing(core: &Core, conversation_id: i64) -> Result<bool> {
    let conversation = conversations::get(&core.store().pool, conversation_id).await?;
    if !conversation.friend.followed {
        return Ok(false);
    }
    let Some(client) = core.client(conversation.account_id).await else {
        return Ok(false);
    };
    if !core.typing().take(conversation_id, Instant::now()) {
        return Ok(false);
    }
    // The UI does not wait for this; awaiting here keeps the answer truthful.
    match client.show_loading_animation(&conversation.friend.line_user_id, SHOW_SECONDS).await {
        Ok(()) => Ok(true),
        Err(e) => {
            tracing::debug!(error = %e.reason(), "loading animation not shown");
            Ok(false)
        }
    }
}

impl Core {
    /// When each chat last got LINE's loading animation; memory only.
    pub fn typing(&self) -> Arc<TypingThrottle> {
        self.state()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_call_per_chat_per_window() {
        let t = TypingThrottle::default();
        let start = Instant::now();
        assert!(t.take(1, start));
        assert!(!t.take(1, start + Duration::from_secs(5)));
        assert!(t.take(2, start + Duration::from_secs(5)), "another chat is not throttled");
        assert!(t.take(1, start + Duration::from_secs(u64::from(SHOW_SECONDS))));
    }
}
