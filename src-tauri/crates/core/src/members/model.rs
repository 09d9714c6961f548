use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a member may do. Owners (管理者) also manage the LINE connection, members and
/// devices, backups and exports, and deleting data; staff (スタッフ) work the inbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Staff,
    Owner,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Staff => "staff",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "owner" => Some(Role::Owner),
            "staff" => Some(Role::Staff),
            _ => None,
        }
    }

    /// Whether someone with this role may call a method that requires `needed`.
    pub fn allows(self, needed: Role) -> bool {
        self >= needed
    }
}

/// A member as login answers and the members page lists them. Never carries the hash.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MemberView {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub role: Role,
    /// The reservation staff member this person is (for 「自分の予約」).
    #[ts(type = "number | null")]
    pub reservation_staff_id: Option<i64>,
    pub has_password: bool,
    #[ts(type = "number")]
    pub created_at: i64,
}

/// A signed-in device of a member (the token itself is never shown again).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DeviceView {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub member_id: i64,
    pub member_name: String,
    pub device_name: String,
    #[ts(type = "number")]
    pub created_at: i64,
    #[ts(type = "number")]
    pub last_used_at: i64,
}

/// What a successful login or pairing answers: the token is shown this once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Session {
    pub token: String,
    pub member: SessionMember,
}

/// The member part of a login answer, exactly as the HTTP contract names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SessionMember {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub role: Role,
}

/// Who is calling, once a token has been checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    pub member_id: i64,
    pub name: String,
    pub role: Role,
    /// The device's token row: revoking it ends this caller's event stream.
    pub token_id: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewMember {
    pub name: String,
    pub role: Role,
    /// Optional: a member may join only through pairing codes.
    #[ts(optional)]
    pub password: Option<String>,
    #[ts(optional, type = "number")]
    pub reservation_staff_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UpdateMember {
    #[ts(type = "number")]
    pub member_id: i64,
    pub role: Role,
    #[ts(type = "number | null")]
    pub reservation_staff_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MemberRef {
    #[ts(type = "number")]
    pub member_id: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DeviceRef {
    #[ts(type = "number")]
    pub device_id: i64,
}

/// A pairing code as the owner sees it once, to read out or type on the phone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PairingCode {
    pub code: String,
    #[ts(type = "number")]
    pub member_id: i64,
    #[ts(type = "number")]
    pub expires_at: i64,
}
