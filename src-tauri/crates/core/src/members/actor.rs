//! Who is acting: the member whose request a handler is running, so a send, a note or
//! a settings change can record its author without every handler taking one more
//! argument. Transports set it around `Core::dispatch_as`; work the core starts by
//! itself (automatic replies, reminders, workers) runs with no actor.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The member behind a request. `member_id` is None for the printed session token and
/// the desktop's own window: the one person at this PC, who has no member row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Actor {
    #[ts(type = "number | null")]
    pub member_id: Option<i64>,
    pub name: Option<String>,
}

impl Actor {
    pub fn member(member_id: i64, name: impl Into<String>) -> Self {
        Actor { member_id: Some(member_id), name: Some(name.into()) }
    }
}

tokio::task_local! {
    static ACTOR: Actor;
}

/// Runs `fut` with `actor` as the acting member.
pub async fn acting<F: std::future::Future>(actor: Actor, fut: F) -> F::Output {
    ACTOR.scope(actor, fut).await
}

/// The acting member, if a transport named one for the running request. Not inherited
/// by spawned tasks: what a handler spawns is the core's own work.
pub fn current() -> Option<Actor> {
    ACTOR.try_with(|a| a.clone()).ok().filter(|a| a.member_id.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_actor_is_seen_inside_its_scope_only() {
        assert_eq!(current(), None);
        let inside = acting(Actor::member(7, "佐藤"), async { current() }).await;
        assert_eq!(inside, Some(Actor::member(7, "佐藤")));
        let session = acting(Actor { member_id: None, name: None }, async { current() }).await;
        assert_eq!(session, None);
        assert_eq!(current(), None);
    }
}
