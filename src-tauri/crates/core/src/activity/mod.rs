//! Who did what (members): every send, note, tag and status change, booking change and
//! settings change names the member who made it. Sends and notes carry their author on
//! their own rows (written in the same transaction); the rest is one row of
//! `activity_log` per successful call, written by [`after`] once the method's handler
//! has committed. Screens learn of it through [`CoreEvent::MemberActed`].

pub mod api;
pub mod model;
pub mod store;

pub use model::{ActedBy, ActivityKind, Done, ListSettingsHistory, SettingsChange, SettingsHistoryPage};

use crate::events::CoreEvent;
use crate::runtime::Core;

/// Records what a successful call did and tells the screens who did it. A request with
/// no member (the owner at this PC, the printed session token) records settings changes
/// only, without a name; the log's write failing does not undo what was done.
pub async fn after(core: &Core, method: &'static str, done: Done) {
    let by = ActedBy::current();
    if by.is_none() && done.kind != ActivityKind::Settings {
        return;
    }
    if let Err(e) = store::record(&core.store().pool, by.as_ref(), method, &done).await {
        tracing::warn!(method, error = %e, "could not record who did what");
    }
    if let Some(by) = by {
        core.events().publish(CoreEvent::MemberActed {
            by,
            kind: done.kind,
            conversation_id: done.conversation_id,
            friend_id: done.friend_id,
            reservation_id: done.reservation_id,
        });
    }
}
