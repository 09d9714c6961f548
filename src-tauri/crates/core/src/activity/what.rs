//! What a method call did, in a few words: the methods that change something a member
//! should answer for. A fixed phrase per method (a member's or a tag's name at most),
//! never the values it was given, so nothing secret (LINE credentials, passwords) is
//! ever written down.

use super::model::ActivityKind;
use crate::api::types::{ConversationStatus, Request, Response};

/// One thing done, before the method ran.
#[derive(Debug, Clone)]
pub struct Done {
    pub kind: ActivityKind,
    pub summary: String,
    pub conversation_id: Option<i64>,
    pub friend_id: Option<i64>,
    pub reservation_id: Option<i64>,
}

fn done(kind: ActivityKind, summary: impl Into<String>) -> Done {
    Done { kind, summary: summary.into(), conversation_id: None, friend_id: None, reservation_id: None }
}

fn in_chat(kind: ActivityKind, summary: &str, conversation_id: i64) -> Done {
    Done { conversation_id: Some(conversation_id), ..done(kind, summary) }
}

fn of_friend(kind: ActivityKind, summary: &str, friend_id: i64) -> Done {
    Done { friend_id: Some(friend_id), ..done(kind, summary) }
}

fn booking(summary: &str, reservation_id: Option<i64>) -> Done {
    Done { reservation_id, ..done(ActivityKind::Booking, summary) }
}

/// A name as typed, cut to what a history line shows.
fn short(name: &str) -> String {
    name.trim().chars().filter(|c| !c.is_control()).take(40).collect()
}

fn settings(summary: &str) -> Done {
    done(ActivityKind::Settings, summary)
}

/// What `request` will have done if it succeeds; None for a method that only reads
/// (or whose effect is not a member's to answer for, like marking a chat read).
pub fn describe(request: &Request) -> Option<Done> {
    use ActivityKind::*;
    Some(match request {
        // Sends: the message rows name their sender too.
        Request::SendMessage(q) => in_chat(Send, "メッセージを送信", q.conversation_id),
        Request::SendTemplate(q) => in_chat(Send, "定型文を送信", q.conversation_id),
        Request::CreateBroadcast(_) => done(Send, "一斉配信を作成"),
        Request::CancelBroadcast(_) => done(Send, "一斉配信を中止"),
        // Notes: the note rows name their author too.
        Request::AddNote(q) => of_friend(Note, "メモを追加", q.friend_id),
        Request::UpdateNote(_) => done(Note, "メモを編集"),
        Request::DeleteNote(_) => done(Note, "メモを削除"),
        Request::TagFriends(q) => {
            let verb = if q.add { "タグを付与" } else { "タグを解除" };
            match q.friend_ids.as_slice() {
                [one] => of_friend(Tag, verb, *one),
                many => done(Tag, format!("{verb}（{}人）", many.len())),
            }
        }
        Request::SetConversationStatus(q) => {
            let summary = match q.status {
                ConversationStatus::NeedsAction => "要対応にした",
                ConversationStatus::Resolved => "対応済みにした",
                ConversationStatus::Open => "対応状況を外した",
            };
            in_chat(Status, summary, q.conversation_id)
        }
        // Bookings (the reservation calendar).
        Request::CreateReservation(_) => booking("予約を作成", None),
        Request::MoveReservation(q) => booking("予約の日時を変更", Some(q.reservation_id)),
        Request::UpdateReservation(q) => booking("予約を編集", Some(q.reservation_id)),
        Request::SetReservationStatus(q) => booking("予約の状態を変更", Some(q.reservation_id)),
        Request::CancelReservation(q) => booking("予約をキャンセル", Some(q.reservation_id)),
        // Settings: the owner's 変更履歴.
        Request::SetBusinessHours(_) => settings("営業時間を変更"),
        Request::SaveKeywordRules(_) => settings("キーワード応答を変更"),
        Request::SetGreeting(_) => settings("あいさつメッセージを変更"),
        Request::SetAwayReply(_) => settings("営業時間外の自動応答を変更"),
        Request::SetPhoneSettings(_) => settings("電話の設定を変更"),
        Request::SetNotificationSettings(_) => settings("通知の設定を変更"),
        Request::SetSendingSettings(_) => settings("送信の設定を変更"),
        Request::SetPaymentLinks(_) => settings("支払いリンクを変更"),
        Request::SetAutoBackup(_) => settings("自動バックアップの設定を変更"),
        Request::ConnectAccount(_) => settings("LINE公式アカウントの接続情報を変更"),
        Request::SetPublicBaseUrl(_) => settings("公開URLを変更"),
        Request::ConnectWebhook(_) => settings("Webhookを接続"),
        Request::SetReplyTimeSettings(_) => settings("返信時間の設定を変更"),
        Request::SaveCustomField(_) => settings("顧客の項目を保存"),
        Request::DeleteCustomField(_) => settings("顧客の項目を削除"),
        Request::SaveTag(q) => settings(&format!("タグ「{}」を保存", short(&q.name))),
        Request::DeleteTag(_) => settings("タグを削除"),
        Request::SaveTagRule(_) => settings("自動タグのルールを保存"),
        Request::DeleteTagRule(_) => settings("自動タグのルールを削除"),
        Request::SetReservationSettings(_) => settings("予約の設定を変更"),
        Request::SaveReservationMenu(_) => settings("予約メニューを保存"),
        Request::RemoveReservationMenu(_) => settings("予約メニューを削除"),
        Request::SaveReservationStaff(_) => settings("予約の担当スタッフを保存"),
        Request::RemoveReservationStaff(_) => settings("予約の担当スタッフを削除"),
        Request::SaveReservationResource(_) => settings("予約の設備を保存"),
        Request::RemoveReservationResource(_) => settings("予約の設備を削除"),
        Request::SetLineBookingSettings(_) => settings("LINE予約・リマインダーの設定を変更"),
        Request::AddMember(q) => settings(&format!("メンバー「{}」を追加", short(&q.name))),
        Request::UpdateMember(_) => settings("メンバーを変更"),
        Request::RemoveMember(_) => settings("メンバーを削除"),
        Request::CreatePairingCode(_) => settings("ペアリングコードを発行"),
        Request::RevokeDevice(_) => settings("端末のログインを取り消し"),
        _ => return None,
    })
}

impl Done {
    /// What only the answer knows: the new booking's id, the friend of a reservation.
    pub fn complete(&mut self, response: &Response) {
        if let Response::Reservation(r) = response {
            self.reservation_id = Some(r.id);
            self.friend_id = self.friend_id.or(r.friend_id);
        }
        if let Response::Friend(f) = response {
            self.friend_id = Some(f.id);
            self.conversation_id = self.conversation_id.or(f.conversation_id);
        }
    }
}
