//! 「入力中」 between members, throttled here rather than trusting each screen: a desk
//! that reports every keystroke (an old build, a script, a stuck key) still costs the
//! other desks one event per member and chat per [`EVERY`]. The screens forget the
//! indicator a few seconds after the last event, so one per two seconds keeps it lit.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::runtime::Core;

/// At most one typing event per member and chat in this window.
pub const EVERY: Duration = Duration::from_secs(2);

#[derive(Debug, Default)]
pub struct MemberTyping {
    last: Mutex<HashMap<(i64, i64), Instant>>,
}

impl MemberTyping {
    /// True when `member_id`'s typing in `conversation_id` should be passed on now.
    pub fn take(&self, member_id: i64, conversation_id: i64, now: Instant) -> bool {
        let Ok(mut last) = self.last.lock() else { return false };
        match last.get(&(member_id, conversation_id)) {
            Some(t) if now.saturating_duration_since(*t) < EVERY => false,
            _ => {
                // Old entries go as new ones come, so the map stays the size of the typing now.
                last.retain(|_, t| now.saturating_duration_since(*t) < EVERY);
                last.insert((member_id, conversation_id), now);
                true
            }
        }
    }
}

impl Core {
    /// When each member's typing in each chat was last passed on; memory only.
    pub fn member_typing(&self) -> Arc<MemberTyping> {
        self.state()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_event_per_member_and_chat_per_window() {
        let t = MemberTyping::default();
        let start = Instant::now();
        assert!(t.take(1, 10, start));
        assert!(!t.take(1, 10, start + Duration::from_millis(1999)));
        assert!(t.take(1, 11, start), "another chat is its own");
        assert!(t.take(2, 10, start), "another member is their own");
        assert!(t.take(1, 10, start + EVERY));
    }
}
