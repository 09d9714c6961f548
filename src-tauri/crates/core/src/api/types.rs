pub use super::methods::{Request, Response};
pub use crate::accounts::model::{AccountRef, QuotaView};
pub use crate::conversation::{ConversationRef, ConversationStatus};
pub use crate::events::MessageStatus;
pub use crate::inbox::model::{
    ConversationFilter, ConversationPage, ConversationSort, ConversationView, Direction, FriendView, GetThread, ListConversations,
    MessageView, Route, ThreadPage,
};
pub use crate::outbox::model::{
    GetSendByKey, OutboxRef, OutgoingContent, RoutePreview, SendAccepted, SendMessage, SendState, SendStatus,
};
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
