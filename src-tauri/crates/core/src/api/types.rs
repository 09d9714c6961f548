use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use super::methods::{Request, Response};
pub use crate::events::MessageStatus;
pub use crate::autoreply::model::{
    AutoReplyTest, AwayReplySettings, GreetingSettings, KeywordRule, KeywordRuleInput, MatchKind, SaveKeywordRules,
    SetAwayReply, SetGreeting, TestKeywordRule,
};
pub use crate::notify::{NotificationSettings, QuietHours, UiFocus};
pub use crate::hours::model::{
    BusinessHours, BusinessHoursView, DayOverride, DayRuleView, HolidayRuleView, HoursStatus, PeriodView, SetBusinessHours,
};
// Broadcast.
pub use crate::broadcast::model::{
    AudienceTag, BatchStatus, BatchView, BroadcastAccount, BroadcastAudience, BroadcastDetail, BroadcastPreview, BroadcastRef,
    BroadcastStatus, BroadcastView, CreateBroadcast, PreviewBroadcast, QuotaImpact,
};
pub use crate::phone::model::{LineMessageView, PhoneSettings, PhoneSettingsView, SetPhoneSettings};
// Settings page: sending, payment links, backups and export, the connect wizard.
pub use crate::accounts::connect::{AccountConnection, ConnectAccount, ConnectionOverview, SetPublicBaseUrl, WebhookCheck};
pub use crate::app_settings::payment_links::{PaymentLinkPreset, PaymentLinksView, SetPaymentLinks};
pub use crate::app_settings::sending::SendingSettings;
pub use crate::backup::auto::{AutoBackupSettings, BackupFile, BackupStatus};
pub use crate::export::to_folder::{ExportDone, ExportFormat, ExportMessages};
// Search and canned replies (定型文).
pub use crate::search::model::{Highlight, SearchHit, SearchPage, SearchQuery, SearchSource};
pub use crate::templates::model::{
    MissingKind, MissingValue, PlaceholderInfo, PlaceholderKind, RenderedTemplate, SaveTemplate, SaveTemplateFolder,
    TemplateBubble, TemplateFolder, TemplateFolderRef, TemplateLibrary, TemplateRef, TemplateView, UseTemplate,
};
// Customers: friends, tags, reply-time tracking.
pub use crate::friends::model::{
    AddNote, CsvFile, CsvImportResult, CsvRowError, CustomField, CustomFieldRef, FieldKind, FieldValue, FriendNote,
    FriendPage, FriendProfile, FriendRef, FriendSummary, ImportFriendsCsv, ListFriends, NoteRef, SaveCustomField,
    SetFieldValue, SetPrivateName, UpdateNote,
};
pub use crate::replytime::model::{
    ReplyTimeQuery, ReplyTimeReport, ReplyTimeRow, ReplyTimeSettings, ReportBucket, SetConversationStatus,
};
pub use crate::tags::model::{SaveTag, SaveTagRule, TagFriends, TagMatch, TagRef, TagRule, TagRuleRef, TagTrigger, TagView};
pub use crate::tags::TagExpr;
// Reservations
pub use crate::reservations::model::{
    Availability, AvailabilityQuery, BookedMenu, Customer, DaySlots, FindFriends, FriendChoice, FriendReservations,
    FriendReservationsQuery, ListReservations, OpenPeriods, OpenPeriodsQuery, TimeRange, Menu, MoveReservation, NewReservation, ReservationItemRef, ReservationRef,
    ReservationSettings, ReservationSetup, ReservationSource, ReservationStatus, ReservationView, Resource, SaveMenu,
    SaveResource, SaveStaff, SetReservationSettings, SetReservationStatus, Slot, Staff, UpdateReservation,
};
// Reservations: LINE booking, reminders, export
pub use crate::reservations::interop::{ReservationExportFormat, ExportReservations, ExportedFile, StaffCalendar};
pub use crate::reservations::line_settings::{LineBookingSettings, SetLineBookingSettings};
pub use crate::reservations::reminders::ReminderCost;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ListConversations {
    #[ts(type = "number | null")]
    #[serde(default)]
    pub account_id: Option<i64>,
    #[serde(default)]
    pub filter: ConversationFilter,
    /// Opaque cursor from the previous page's `nextCursor`.
    #[serde(default)]
    pub before: Option<String>,
    #[serde(default)]
    pub limit: Option<u32>,
    /// Only chats whose friend matches this tag expression (customers).
    #[ts(optional = nullable)]
    #[serde(default)]
    pub tags: Option<TagExpr>,
    /// Default: recent.
    #[ts(optional = nullable)]
    #[serde(default)]
    pub sort: Option<ConversationSort>,
    /// Assignment: everyone's chats (default), the acting member's (自分の担当) or nobody's (未割り当て).
    #[ts(optional = nullable)]
    #[serde(default)]
    pub assignee: Option<crate::assignment::AssigneeFilter>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ConversationFilter {
    #[default]
    All,
    Unread,
    /// 要対応
    NeedsAction,
    /// 対応済み
    Resolved,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ConversationSort {
    /// Pinned first, then the newest message first.
    #[default]
    Recent,
    /// Chats waiting for an answer first, the longest wait on top; then the rest, newest first.
    Waiting,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GetThread {
    #[ts(type = "number")]
    pub conversation_id: i64,
    /// Page backwards from this message id (exclusive).
    #[ts(type = "number | null")]
    #[serde(default)]
    pub before: Option<i64>,
    #[serde(default)]
    pub limit: Option<u32>,
    /// Search: load the page around this message instead (from a few older ones up to
    /// the newest, so the view has no gap); `before` is then ignored.
    #[ts(optional, type = "number | null")]
    #[serde(default)]
    pub around: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SendMessage {
    #[ts(type = "number")]
    pub conversation_id: i64,
    pub content: OutgoingContent,
    /// The desk's own key for this send (a UUID made per message typed): the same key
    /// again answers with the row it made instead of a second message, and
    /// `GetSendByKey` says what became of it when the answer was lost.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_key: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum OutgoingContent {
    Text { text: String },
    Sticker { package_id: String, sticker_id: String },
    /// A local file; it is copied into the media store and served from the public base URL.
    Image { path: String },
    Video { path: String, preview_path: Option<String> },
    /// "電話する" (tel: link) and, when call requests are on, "電話してほしい": built from
    /// the account's phone settings.
    CallButton,
    /// A button opening the owner's payment page (https only; LINE Pay ended in Japan in
    /// April 2025).
    PaymentLink {
        url: String,
        #[ts(type = "number")]
        amount_yen: i64,
        label: String,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OutboxRef {
    #[ts(type = "number")]
    pub outbox_id: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConversationRef {
    #[ts(type = "number")]
    pub conversation_id: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AccountRef {
    #[ts(type = "number")]
    pub account_id: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FriendView {
    #[ts(type = "number")]
    pub id: i64,
    pub line_user_id: String,
    pub display_name: Option<String>,
    pub picture_url: Option<String>,
    /// The profile picture's stored copy (`<sha-256>.<ext>`), served like other media;
    /// screens show this, never `picture_url` (LINE's address).
    pub picture_file: Option<String>,
    pub followed: bool,
    /// The shop's own name for the friend (customers).
    pub private_name: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ConversationStatus {
    Open,
    NeedsAction,
    Resolved,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConversationView {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub account_id: i64,
    pub friend: FriendView,
    pub last_preview: Option<String>,
    pub last_kind: Option<String>,
    pub last_direction: Option<Direction>,
    #[ts(type = "number | null")]
    pub last_message_at: Option<i64>,
    #[ts(type = "number")]
    pub unread_count: i64,
    pub status: ConversationStatus,
    pub pinned: bool,
    /// Since when the customer has waited for an answer; null when nobody waits.
    #[ts(type = "number | null")]
    pub waiting_since: Option<i64>,
    #[ts(type = "number[]")]
    pub tag_ids: Vec<i64>,
    /// The member who handles this chat (担当者); null: nobody.
    pub assignee: Option<crate::assignment::MemberName>,
    /// The last reply a member sent here (for 「…さんが30秒前に返信しました」).
    pub last_reply_by: Option<crate::assignment::LastReply>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConversationPage {
    pub items: Vec<ConversationView>,
    pub next_cursor: Option<String>,
    /// A wait longer than this is overdue (the reply-time setting).
    #[ts(type = "number")]
    pub wait_limit_ms: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Direction {
    In,
    Out,
}


#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Route {
    Reply,
    Push,
    Multicast,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MessageView {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub conversation_id: i64,
    pub direction: Direction,
    pub kind: String,
    pub text: Option<String>,
    #[ts(type = "unknown")]
    pub payload: serde_json::Value,
    #[ts(type = "number")]
    pub created_at: i64,
    pub status: MessageStatus,
    pub error: Option<String>,
    /// The stored media file's name (`<sha-256>.<ext>`), when the message has media. Each
    /// transport turns it into its own URL (the server's `/api/media/…`, the window's
    /// `media:` scheme): a path only one of them answers never reaches the other.
    pub media_file: Option<String>,
    pub unsent: bool,
    #[ts(type = "number | null")]
    pub outbox_id: Option<i64>,
    pub route: Option<Route>,
    /// Who sent it (members): null for a customer's message, the owner at this PC, an
    /// automatic reply and a reminder.
    pub sent_by: Option<crate::activity::ActedBy>,
    /// An automatic reply (keyword, away, greeting): the thread says 自動応答.
    pub auto_reply: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ThreadPage {
    pub conversation: ConversationView,
    /// Oldest first.
    pub messages: Vec<MessageView>,
    pub has_more: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GetSendByKey {
    pub client_key: String,
}

/// What became of a send the desk made with `clientKey`, for a desk whose answer was
/// lost: `none` means the hub never committed it (nothing was or will be sent).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SendStatus {
    pub state: SendState,
    #[ts(type = "number | null")]
    pub conversation_id: Option<i64>,
    #[ts(type = "number | null")]
    pub outbox_id: Option<i64>,
    /// The first message of the send, as the thread shows it.
    #[ts(type = "number | null")]
    pub message_id: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum SendState {
    /// No send with this key: the request never reached the store.
    None,
    /// Committed, waiting for its undo window or being sent: it will go out once.
    Queued,
    Sent,
    /// LINE refused it; the thread offers 再送.
    Failed,
    /// Undone (取り消す) before it left.
    Cancelled,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SendAccepted {
    #[ts(type = "number")]
    pub outbox_id: i64,
    #[ts(type = "number")]
    pub message_id: i64,
    pub route: Route,
    /// When the sender may take it: the end of the undo window.
    #[ts(type = "number")]
    pub send_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoutePreview {
    pub route: Route,
    /// While a free reply is possible: until when.
    #[ts(type = "number | null")]
    pub reply_expires_at: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QuotaView {
    /// None = no limit on this plan.
    #[ts(type = "number | null")]
    pub limit: Option<i64>,
    #[ts(type = "number")]
    pub used: i64,
}

impl MessageStatus {
    pub fn parse(s: &str) -> MessageStatus {
        match s {
            "pending" => MessageStatus::Pending,
            "sending" => MessageStatus::Sending,
            "sent" => MessageStatus::Sent,
            "failed" => MessageStatus::Failed,
            "cancelled" => MessageStatus::Cancelled,
            _ => MessageStatus::Received,
        }
    }
}

impl ConversationStatus {
    pub fn parse(s: &str) -> ConversationStatus {
        match s {
            "needsAction" => ConversationStatus::NeedsAction,
            "resolved" => ConversationStatus::Resolved,
            _ => ConversationStatus::Open,
        }
    }
}

impl Route {
    pub fn as_str(self) -> &'static str {
        match self {
            Route::Reply => "reply",
            Route::Push => "push",
            Route::Multicast => "multicast",
        }
    }

    pub fn parse(s: &str) -> Option<Route> {
        match s {
            "reply" => Some(Route::Reply),
            "push" => Some(Route::Push),
            "multicast" => Some(Route::Multicast),
            _ => None,
        }
    }
}
