use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A member as the assignee picker and the conversation list name them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MemberName {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
}

/// The last reply a member sent into a chat. `ago_ms` is measured on the server's
/// clock when the chat was read, so a phone whose clock is off still counts right.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LastReply {
    #[ts(type = "number")]
    pub member_id: i64,
    pub name: String,
    #[ts(type = "number")]
    pub at: i64,
    #[ts(type = "number")]
    pub ago_ms: i64,
}

/// The list's assignment filter: everyone's chats, 自分の担当 (the acting member's) or
/// 未割り当て (nobody's).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum AssigneeFilter {
    #[default]
    Everyone,
    Mine,
    Unassigned,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AssignConversation {
    #[ts(type = "number")]
    pub conversation_id: i64,
    /// None: nobody (未割り当て).
    #[ts(type = "number | null")]
    pub member_id: Option<i64>,
}

/// Automatic assignment of new chats (the owner's setting; both off by default). A chat
/// is new at its customer's first message. The booking rule is tried first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AutoAssignSettings {
    /// To the member linked to the reservation staff of the customer's booking today.
    pub booking_staff: bool,
    /// Otherwise in turn among the members (removed ones skipped).
    pub round_robin: bool,
}

/// Which new-message notifications this member wants.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum NotifyScope {
    /// Every chat (すべて).
    #[default]
    All,
    /// Chats assigned to me and chats nobody has (自分の担当と未割り当て).
    MineAndUnassigned,
    /// Only chats assigned to me (自分の担当だけ).
    Mine,
}

impl NotifyScope {
    fn as_str(self) -> &'static str {
        match self {
            NotifyScope::All => "all",
            NotifyScope::MineAndUnassigned => "mineAndUnassigned",
            NotifyScope::Mine => "mine",
        }
    }

    pub(crate) fn store_value(self) -> &'static str {
        self.as_str()
    }

    pub(crate) fn parse(s: &str) -> NotifyScope {
        match s {
            "mine" => NotifyScope::Mine,
            "mineAndUnassigned" => NotifyScope::MineAndUnassigned,
            _ => NotifyScope::All,
        }
    }

    /// Whether a new customer message in a chat assigned to `assignee` notifies `me`.
    pub fn wants(self, me: i64, assignee: Option<i64>) -> bool {
        match (self, assignee) {
            (_, Some(a)) if a == me => true,
            (NotifyScope::All, _) => true,
            (NotifyScope::MineAndUnassigned, None) => true,
            _ => false,
        }
    }
}

/// The acting member's notification scope (kept per member).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MyNotifyScope {
    pub scope: NotifyScope,
}

#[cfg(test)]
mod tests {
    use super::NotifyScope;

    #[test]
    fn the_assignee_is_always_notified_and_the_others_as_they_chose() {
        for scope in [NotifyScope::All, NotifyScope::MineAndUnassigned, NotifyScope::Mine] {
            assert!(scope.wants(7, Some(7)), "{scope:?}: my own chat");
        }
        assert!(NotifyScope::All.wants(7, Some(8)));
        assert!(!NotifyScope::MineAndUnassigned.wants(7, Some(8)));
        assert!(NotifyScope::MineAndUnassigned.wants(7, None));
        assert!(!NotifyScope::Mine.wants(7, None));
        assert!(!NotifyScope::Mine.wants(7, Some(8)));
    }
}
