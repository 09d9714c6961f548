use madoguchi_core::api::methods::methods;
use madoguchi_core::api::types::{AccountRef, ConversationRef, TagRef};
use madoguchi_core::api::{Request, Role};

/// Only the owner may touch LINE credentials, payment links, backups and exports,
/// members and devices (with automatic assignment and the settings history), and delete
/// data; everything else is for all staff.
#[test]
fn owner_methods_are_credentials_backups_exports_and_deleting() {
    let owner: Vec<&str> = methods().iter().filter(|m| m.role == Role::Owner).map(|m| m.name).collect();
    assert_eq!(
        owner,
        [
            "GetAutoAssign",
            "SetAutoAssign",
            "SetPaymentLinks",
            "GetBackupStatus",
            "SetAutoBackup",
            "BackupNow",
            "ExportMessages",
            "GetConnections",
            "ConnectAccount",
            "SetPublicBaseUrl",
            "ConnectWebhook",
            "TestWebhook",
            "DeleteTemplateFolder",
            "DeleteTemplate",
            "DeleteNote",
            "DeleteCustomField",
            "ExportFriendsCsv",
            "DeleteTag",
            "DeleteTagRule",
            "RemoveReservationMenu",
            "RemoveReservationStaff",
            "RemoveReservationResource",
            "ExportReservations",
            "ReservationStaffCalendar",
            "ListMembers",
            "AddMember",
            "UpdateMember",
            "RemoveMember",
            "CreatePairingCode",
            "ListDevices",
            "RevokeDevice",
            "ListSettingsHistory",
        ]
    );
    assert_eq!(Request::DeleteTag(TagRef { tag_id: 1 }).role(), Role::Owner);
    assert_eq!(Request::ConnectWebhook(AccountRef { account_id: 1 }).role(), Role::Owner);
    assert_eq!(Request::MarkRead(ConversationRef { conversation_id: 1 }).role(), Role::Staff);
    assert_eq!(Request::ListAccounts.role(), Role::Staff);
}

