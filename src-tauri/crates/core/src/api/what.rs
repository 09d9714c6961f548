//! What a method call did, in a few words: the methods that change something a member
//! should answer for. A fixed phrase per method (a member's or a tag's name at most),
//! never the values it was given, so nothing secret (LINE credentials, passwords) is
//! ever written down.

use crate::activity::{ActivityKind, Done};
use crate::api::types::{ConversationStatus, Request, Response};


fn done(kind: ActivityKind, summary: impl Into<String>) -> Done {
    Done { kind, summary: summary.into(), conversation_id: None, friend_id: None, reservation_id: None }
}

fn in_chat(kind: ActivityKind, summary: &str, conversation_id: i64) -> Done {
    Done { conversation_id: Some(conversation_id), ..done(kind, summary) }
}

fn of_friend(kind: ActivityKind, summary: &str, friend_id: i64) -> Done {
    Done { friend_id: Some(friend_id), ..done(kind, summary) }
}

/// A name as typed, cut to what a history line shows.
fn short(name: &str) -> String {
    name.trim().chars().filter(|c| !c.is_control()).take(40).collect()
}

/// Every method that changes something a member answers for, with its kind and the
/// phrase the history shows. Methods whose phrase depends on the params (whose chat,
/// which status, a tag's name) are refined in [`describe`].
pub const RECORDED: &[(&str, ActivityKind, &str)] = {
    use ActivityKind::*;
    &[
        // Sends: the message rows name their sender too.
        ("SendMessage", Send, "メッセージを送信"),
        ("SendTemplate", Send, "定型文を送信"),
        ("CreateBroadcast", Send, "一斉配信を作成"),
        ("CancelBroadcast", Send, "一斉配信を中止"),
        // Notes: the note rows name their author too.
        ("AddNote", Note, "メモを追加"),
        ("UpdateNote", Note, "メモを編集"),
        ("DeleteNote", Note, "メモを削除"),
        ("TagFriends", Tag, "タグを付与"),
        ("SetConversationStatus", Status, "対応状況を変更"),
        ("AssignConversation", Status, "担当者を変更"),
        // Bookings (the reservation calendar).
        ("CreateReservation", Booking, "予約を作成"),
        ("MoveReservation", Booking, "予約の日時を変更"),
        ("UpdateReservation", Booking, "予約を編集"),
        ("SetReservationStatus", Booking, "予約の状態を変更"),
        ("CancelReservation", Booking, "予約をキャンセル"),
        // Settings: the owner's 変更履歴.
        ("SetAutoAssign", Settings, "自動割り当ての設定を変更"),
        ("SetBusinessHours", Settings, "営業時間を変更"),
        ("SaveKeywordRules", Settings, "キーワード応答を変更"),
        ("SetGreeting", Settings, "あいさつメッセージを変更"),
        ("SetAwayReply", Settings, "営業時間外の自動応答を変更"),
        ("SetPhoneSettings", Settings, "電話の設定を変更"),
        ("SetNotificationSettings", Settings, "通知の設定を変更"),
        ("SetSendingSettings", Settings, "送信の設定を変更"),
        ("SetPaymentLinks", Settings, "支払いリンクを変更"),
        ("SetAutoBackup", Settings, "自動バックアップの設定を変更"),
        ("ConnectAccount", Settings, "LINE公式アカウントの接続情報を変更"),
        ("SetPublicBaseUrl", Settings, "公開URLを変更"),
        ("ConnectWebhook", Settings, "Webhookを接続"),
        ("SaveTemplateFolder", Settings, "定型文のフォルダを保存"),
        ("DeleteTemplateFolder", Settings, "定型文のフォルダを削除"),
        ("SaveTemplate", Settings, "定型文を保存"),
        ("DeleteTemplate", Settings, "定型文を削除"),
        ("SetReplyTimeSettings", Settings, "返信時間の設定を変更"),
        ("SaveCustomField", Settings, "顧客の項目を保存"),
        ("DeleteCustomField", Settings, "顧客の項目を削除"),
        ("ImportFriendsCsv", Settings, "顧客をCSVから取り込み"),
        ("SaveTag", Settings, "タグを保存"),
        ("DeleteTag", Settings, "タグを削除"),
        ("SaveTagRule", Settings, "自動タグのルールを保存"),
        ("DeleteTagRule", Settings, "自動タグのルールを削除"),
        ("SetReservationSettings", Settings, "予約の設定を変更"),
        ("SaveReservationMenu", Settings, "予約メニューを保存"),
        ("RemoveReservationMenu", Settings, "予約メニューを削除"),
        ("SaveReservationStaff", Settings, "予約の担当スタッフを保存"),
        ("RemoveReservationStaff", Settings, "予約の担当スタッフを削除"),
        ("SaveReservationResource", Settings, "予約の設備を保存"),
        ("RemoveReservationResource", Settings, "予約の設備を削除"),
        ("SetLineBookingSettings", Settings, "LINE予約・リマインダーの設定を変更"),
        ("AddMember", Settings, "メンバーを追加"),
        ("UpdateMember", Settings, "メンバーを変更"),
        ("RemoveMember", Settings, "メンバーを削除"),
        ("CreatePairingCode", Settings, "ペアリングコードを発行"),
        ("RevokeDevice", Settings, "端末のログインを取り消し"),
    ]
};

/// Methods that change something yet are not a member's to answer for in the history,
/// each for a reason given here, so that leaving a new method out is a decision.
pub const NOT_RECORDED: &[&str] = &[
    // What a send became: the send itself is recorded, with its sender on the message.
    "CancelSend",
    "RetrySend",
    // A file for a send not yet made.
    "UploadMedia",
    // This member's own screen and preferences, nobody else's.
    "MarkRead",
    "UiFocus",
    "SetMyNotifyScope",
    // Momentary signals, never stored.
    "OwnerTyping",
    "ReportTyping",
    // A copy of the data; nothing in the shop changes.
    "BackupNow",
    // A customer's own details in the customer panel, like a note's text but not a note.
    "SetPrivateName",
    "SetFieldValue",
];

/// What `request` will have done if it succeeds; None for a method that only reads
/// (or is one of [`NOT_RECORDED`]).
pub fn describe(request: &Request) -> Option<Done> {
    let name = request.name();
    let &(_, kind, phrase) = RECORDED.iter().find(|(m, _, _)| *m == name)?;
    let mut d = done(kind, phrase);
    match request {
        Request::SendMessage(q) => d.conversation_id = Some(q.conversation_id),
        Request::SendTemplate(q) => d.conversation_id = Some(q.conversation_id),
        Request::AddNote(q) => d.friend_id = Some(q.friend_id),
        Request::TagFriends(q) => {
            let verb = if q.add { "タグを付与" } else { "タグを解除" };
            match q.friend_ids.as_slice() {
                [one] => d = of_friend(kind, verb, *one),
                many => d.summary = format!("{verb}（{}人）", many.len()),
            }
        }
        Request::SetConversationStatus(q) => {
            let summary = match q.status {
                ConversationStatus::NeedsAction => "要対応にした",
                ConversationStatus::Resolved => "対応済みにした",
                ConversationStatus::Open => "対応状況を外した",
            };
            d = in_chat(kind, summary, q.conversation_id);
        }
        Request::AssignConversation(q) => {
            let summary = if q.member_id.is_some() { "担当者を変更" } else { "担当を外した" };
            d = in_chat(kind, summary, q.conversation_id);
        }
        Request::MoveReservation(q) => d.reservation_id = Some(q.reservation_id),
        Request::UpdateReservation(q) => d.reservation_id = Some(q.reservation_id),
        Request::SetReservationStatus(q) => d.reservation_id = Some(q.reservation_id),
        Request::CancelReservation(q) => d.reservation_id = Some(q.reservation_id),
        Request::SaveTag(q) => d.summary = format!("タグ「{}」を保存", short(&q.name)),
        Request::AddMember(q) => d.summary = format!("メンバー「{}」を追加", short(&q.name)),
        _ => {}
    }
    Some(d)
}

/// What only the answer knows: the new booking's id, the friend of a reservation.
pub fn complete(done: &mut Done, response: &Response) {
    if let Response::Reservation(r) = response {
        done.reservation_id = Some(r.id);
        done.friend_id = done.friend_id.or(r.friend_id);
    }
    if let Response::Friend(f) = response {
        done.friend_id = Some(f.id);
        done.conversation_id = done.conversation_id.or(f.conversation_id);
    }
}

#[cfg(test)]
mod tests {
    use super::{NOT_RECORDED, RECORDED};
    use crate::api::methods::methods;

    /// Methods that only read, by the verb their name starts with or by name.
    fn only_reads(name: &str) -> bool {
        const VERBS: &[&str] = &["List", "Get", "Search", "Preview", "Render", "Test", "Export", "Find", "Build"];
        const NAMES: &[&str] = &[
            "HoursStatus",
            "ReplyTimeReport",
            "ReservationAvailability",
            "ReservationOpenPeriods",
            "ReservationStaffCalendar",
            "FriendReservations",
            "ReminderCost",
            "ShouldNotify",
        ];
        VERBS.iter().any(|v| name.starts_with(v) && name[v.len()..].starts_with(char::is_uppercase)) || NAMES.contains(&name)
    }

    /// A new method is a decision here: it reads, it is recorded with its phrase, or it
    /// is not a member's to answer for and says why in `NOT_RECORDED`. The activity
    /// history cannot miss a new settings method by a catch-all.
    #[test]
    fn every_declared_method_reads_or_is_recorded_or_says_why_not() {
        let declared: Vec<&str> = methods().iter().map(|m| m.name).collect();
        let mut unclassified = Vec::new();
        for name in &declared {
            let recorded = RECORDED.iter().any(|(m, _, _)| m == name);
            let not = NOT_RECORDED.contains(name);
            let reads = only_reads(name);
            match (recorded, not, reads) {
                (true, false, false) | (false, true, false) | (false, false, true) => {}
                (false, false, false) => unclassified.push(*name),
                _ => panic!("{name} is in more than one of RECORDED, NOT_RECORDED and the reads"),
            }
        }
        assert!(unclassified.is_empty(), "methods that change something but have no phrase in api/what.rs: {unclassified:?}");
        for (name, _, phrase) in RECORDED {
            assert!(declared.contains(name), "RECORDED names {name}, which is not a declared method");
            assert!(!phrase.trim().is_empty(), "{name} has an empty phrase");
        }
        for name in NOT_RECORDED {
            assert!(declared.contains(name), "NOT_RECORDED names {name}, which is not a declared method");
        }
    }
}
