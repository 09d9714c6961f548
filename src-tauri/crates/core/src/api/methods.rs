//! Every API method, declared once: its name, params, response kind, the role allowed to
//! call it and its handler (which lives in its domain's `api.rs`). `declare.rs` makes the
//! `Request` and `Response` enums, the routing and the TypeScript method map from this
//! table. Adding a method is one line under `methods` plus its handler; a new kind of
//! answer is one more line under `responses`.

use super::types::*;
use crate::accounts::AccountView;
use crate::activity::{ListSettingsHistory, SettingsHistoryPage};
use crate::members::{DeviceRef, DeviceView, MemberRef, MemberView, NewMember, PairingCode, UpdateMember};
use crate::outbox::upload::{UploadMedia, UploadedFile};
use crate::{
    accounts, activity, app_settings, autoreply, broadcast, friends, hours, inbox, members, notify, outbox, phone, replytime, reservations,
    search, tags, templates,
};

api_methods! {
    responses {
        Accounts(Vec<AccountView>),
        Conversations(ConversationPage),
        Thread(ThreadPage),
        SendAccepted(SendAccepted),
        SendStatus(SendStatus),
        RoutePreview(RoutePreview),
        Quota(QuotaView),
        BusinessHours(BusinessHoursView),
        HoursStatus(HoursStatus),
        KeywordRules(Vec<KeywordRule>),
        Greeting(GreetingSettings),
        AwayReply(AwayReplySettings),
        AutoReplyTest(AutoReplyTest),
        TypingShown(bool),
        // Assignment (担当者).
        Assignees(Vec<crate::assignment::MemberName>),
        AutoAssign(crate::assignment::AutoAssignSettings),
        NotifyScope(crate::assignment::MyNotifyScope),
        ShouldNotify(bool),
        Uploaded(UploadedFile),
        PhoneSettings(PhoneSettingsView),
        LineMessage(LineMessageView),
        NotificationSettings(NotificationSettings),
        // Settings page.
        SendingSettings(SendingSettings),
        PaymentLinks(PaymentLinksView),
        BackupStatus(BackupStatus),
        ExportDone(ExportDone),
        Connections(ConnectionOverview),
        AccountConnection(AccountConnection),
        WebhookCheck(WebhookCheck),
        // Broadcast.
        BroadcastPreview(BroadcastPreview),
        Broadcast(BroadcastView),
        Broadcasts(Vec<BroadcastView>),
        BroadcastDetail(BroadcastDetail),
        AudienceTags(Vec<AudienceTag>),
        // Search and canned replies (定型文).
        SearchResults(SearchPage),
        Templates(TemplateLibrary),
        Template(TemplateView),
        TemplateRendered(RenderedTemplate),
        // Customers.
        Friend(FriendProfile),
        Friends(FriendPage),
        CustomFields(Vec<CustomField>),
        Csv(CsvFile),
        CsvImport(CsvImportResult),
        Tags(Vec<TagView>),
        Tag(TagView),
        TagRules(Vec<TagRule>),
        Conversation(ConversationView),
        ReplyTimeSettings(ReplyTimeSettings),
        ReplyTimeReport(ReplyTimeReport),
        // Reservations.
        ReservationSetup(ReservationSetup),
        ReservationSettings(ReservationSettings),
        ReservationMenus(Vec<Menu>),
        ReservationStaff(Vec<Staff>),
        ReservationResources(Vec<Resource>),
        Reservations(Vec<ReservationView>),
        Reservation(ReservationView),
        ReservationAvailability(Availability),
        FriendReservations(FriendReservations),
        FriendChoices(Vec<FriendChoice>),
        OpenPeriods(OpenPeriods),
        // Reservations: LINE booking, reminders, export.
        LineBookingSettings(LineBookingSettings),
        ReminderCost(ReminderCost),
        ExportedFile(ExportedFile),
        // Members and their devices.
        Members(Vec<MemberView>),
        Member(MemberView),
        PairingCode(PairingCode),
        Devices(Vec<DeviceView>),
        SettingsHistory(SettingsHistoryPage),
        Ok,
    }
    methods {
        // The inbox and sending.
        ListAccounts -> Accounts, staff => accounts::api::list_accounts;
        ListConversations(ListConversations) -> Conversations, staff => inbox::api::list_conversations;
        GetThread(GetThread) -> Thread, staff => inbox::api::get_thread;
        SendMessage(SendMessage) -> SendAccepted, staff => outbox::api::send_message;
        /// What became of a send whose answer was lost (the hub killed or unreachable mid-send), by its `clientKey`.
        GetSendByKey(GetSendByKey) -> SendStatus, staff => outbox::api::get_send_by_key;
        /// A file attached in the composer, as bytes (a browser has no paths); answers with a path for SendMessage.
        UploadMedia(UploadMedia) -> Uploaded, staff => outbox::api::upload_media;
        CancelSend(OutboxRef) -> Ok, staff => outbox::api::cancel_send;
        RetrySend(OutboxRef) -> Ok, staff => outbox::api::retry_send;
        MarkRead(ConversationRef) -> Ok, staff => inbox::api::mark_read;
        PreviewRoute(ConversationRef) -> RoutePreview, staff => outbox::api::preview_route;
        /// The owner is typing in this chat: LINE's loading animation for the customer (throttled).
        OwnerTyping(ConversationRef) -> TypingShown, staff => inbox::api::owner_typing;
        // Assignment (担当者) and no two answers at once: who handles a chat, who is typing where.
        ListAssignees -> Assignees, staff => crate::assignment::api::list_assignees;
        AssignConversation(crate::assignment::AssignConversation) -> Conversation, staff => inbox::api::assign_conversation;
        /// A member is typing in this chat: the other members see 「…さんが入力中」 (an event, never stored).
        ReportTyping(ConversationRef) -> Ok, staff => crate::assignment::api::report_typing;
        GetAutoAssign -> AutoAssign, owner => crate::assignment::api::get_auto_assign;
        SetAutoAssign(crate::assignment::AutoAssignSettings) -> AutoAssign, owner => crate::assignment::api::set_auto_assign;
        GetMyNotifyScope -> NotifyScope, staff => crate::assignment::api::get_my_notify_scope;
        SetMyNotifyScope(crate::assignment::MyNotifyScope) -> NotifyScope, staff => crate::assignment::api::set_my_notify_scope;
        /// Whether a customer's new message in this chat notifies the calling member (their scope and the chat's assignee).
        ShouldNotify(ConversationRef) -> ShouldNotify, staff => crate::assignment::api::should_notify;
        GetQuota(AccountRef) -> Quota, staff => accounts::api::get_quota;
        // Business hours and automatic replies.
        GetBusinessHours(AccountRef) -> BusinessHours, staff => hours::api::get_business_hours;
        SetBusinessHours(SetBusinessHours) -> BusinessHours, staff => hours::api::set_business_hours;
        HoursStatus(AccountRef) -> HoursStatus, staff => hours::api::hours_status;
        ListKeywordRules(AccountRef) -> KeywordRules, staff => autoreply::api::list_keyword_rules;
        SaveKeywordRules(SaveKeywordRules) -> KeywordRules, staff => autoreply::api::save_keyword_rules;
        GetGreeting(AccountRef) -> Greeting, staff => autoreply::api::get_greeting;
        SetGreeting(SetGreeting) -> Greeting, staff => autoreply::api::set_greeting;
        GetAwayReply(AccountRef) -> AwayReply, staff => autoreply::api::get_away_reply;
        SetAwayReply(SetAwayReply) -> AwayReply, staff => autoreply::api::set_away_reply;
        TestKeywordRule(TestKeywordRule) -> AutoReplyTest, staff => autoreply::api::test_keyword_rule;
        // Phone: the call button and call requests (LINE Call is not in the Messaging API).
        GetPhoneSettings(AccountRef) -> PhoneSettings, staff => phone::api::get_phone_settings;
        SetPhoneSettings(SetPhoneSettings) -> PhoneSettings, staff => phone::api::set_phone_settings;
        BuildCallButton(AccountRef) -> LineMessage, staff => phone::api::build_call_button;
        // Desktop notifications.
        GetNotificationSettings -> NotificationSettings, staff => notify::api::get_notification_settings;
        SetNotificationSettings(NotificationSettings) -> NotificationSettings, staff => notify::api::set_notification_settings;
        UiFocus(UiFocus) -> Ok, staff => notify::api::ui_focus;
        // Settings page: undo-send and reply window, saved payment links, backups and
        // export, the connect wizard (secrets go in, only masks come out).
        GetSendingSettings -> SendingSettings, staff => app_settings::api::get_sending_settings;
        SetSendingSettings(SendingSettings) -> SendingSettings, staff => app_settings::api::set_sending_settings;
        GetPaymentLinks(AccountRef) -> PaymentLinks, staff => app_settings::api::get_payment_links;
        SetPaymentLinks(SetPaymentLinks) -> PaymentLinks, owner => app_settings::api::set_payment_links;
        GetBackupStatus -> BackupStatus, owner => app_settings::api::get_backup_status;
        SetAutoBackup(AutoBackupSettings) -> BackupStatus, owner => app_settings::api::set_auto_backup;
        BackupNow -> BackupStatus, owner => app_settings::api::backup_now;
        ExportMessages(ExportMessages) -> ExportDone, owner => app_settings::api::export_messages;
        GetConnections -> Connections, owner => app_settings::api::get_connections;
        ConnectAccount(ConnectAccount) -> AccountConnection, owner => app_settings::api::connect_account;
        SetPublicBaseUrl(SetPublicBaseUrl) -> Connections, owner => app_settings::api::set_public_base_url;
        ConnectWebhook(AccountRef) -> WebhookCheck, owner => app_settings::api::connect_webhook;
        TestWebhook(AccountRef) -> WebhookCheck, owner => app_settings::api::test_webhook;
        // Broadcast to a segment (一斉配信).
        PreviewBroadcast(PreviewBroadcast) -> BroadcastPreview, staff => broadcast::api::preview_broadcast;
        CreateBroadcast(CreateBroadcast) -> Broadcast, staff => broadcast::api::create_broadcast;
        ListBroadcasts(BroadcastAccount) -> Broadcasts, staff => broadcast::api::list_broadcasts;
        GetBroadcast(BroadcastRef) -> BroadcastDetail, staff => broadcast::api::get_broadcast;
        CancelBroadcast(BroadcastRef) -> Broadcast, staff => broadcast::api::cancel_broadcast;
        ListTagsForAudience(BroadcastAccount) -> AudienceTags, staff => broadcast::api::list_tags_for_audience;
        // Search (messages and friend notes) and canned replies (定型文).
        SearchMessages(SearchQuery) -> SearchResults, staff => search::api::search_messages;
        SearchNotes(SearchQuery) -> SearchResults, staff => search::api::search_notes;
        ListTemplates(AccountRef) -> Templates, staff => templates::api::list_templates;
        SaveTemplateFolder(SaveTemplateFolder) -> Templates, staff => templates::api::save_template_folder;
        DeleteTemplateFolder(TemplateFolderRef) -> Ok, owner => templates::api::delete_template_folder;
        SaveTemplate(SaveTemplate) -> Template, staff => templates::api::save_template;
        DeleteTemplate(TemplateRef) -> Ok, owner => templates::api::delete_template;
        RenderTemplate(UseTemplate) -> TemplateRendered, staff => templates::api::render_template;
        SendTemplate(UseTemplate) -> SendAccepted, staff => templates::api::send_template;
        // Customers: friends, notes, custom fields, CSV.
        GetFriend(FriendRef) -> Friend, staff => friends::api::get_friend;
        ListFriends(ListFriends) -> Friends, staff => friends::api::list_friends;
        SetPrivateName(SetPrivateName) -> Friend, staff => friends::api::set_private_name;
        AddNote(AddNote) -> Friend, staff => friends::api::add_note;
        UpdateNote(UpdateNote) -> Friend, staff => friends::api::update_note;
        DeleteNote(NoteRef) -> Friend, owner => friends::api::delete_note;
        ListCustomFields(AccountRef) -> CustomFields, staff => friends::api::list_custom_fields;
        SaveCustomField(SaveCustomField) -> CustomFields, staff => friends::api::save_custom_field;
        DeleteCustomField(CustomFieldRef) -> CustomFields, owner => friends::api::delete_custom_field;
        SetFieldValue(SetFieldValue) -> Friend, staff => friends::api::set_field_value;
        ExportFriendsCsv(AccountRef) -> Csv, owner => friends::api::export_friends_csv;
        ImportFriendsCsv(ImportFriendsCsv) -> CsvImport, staff => friends::api::import_friends_csv;
        // Customers: tags and automatic tag rules.
        ListTags(AccountRef) -> Tags, staff => tags::api::list_tags;
        SaveTag(SaveTag) -> Tag, staff => tags::api::save_tag;
        DeleteTag(TagRef) -> Ok, owner => tags::api::delete_tag;
        TagFriends(TagFriends) -> Ok, staff => tags::api::tag_friends;
        ListTagRules(AccountRef) -> TagRules, staff => tags::api::list_tag_rules;
        SaveTagRule(SaveTagRule) -> TagRules, staff => tags::api::save_tag_rule;
        DeleteTagRule(TagRuleRef) -> Ok, owner => tags::api::delete_tag_rule;
        // Customers: reply-time tracking.
        SetConversationStatus(SetConversationStatus) -> Conversation, staff => inbox::api::set_conversation_status;
        GetReplyTimeSettings -> ReplyTimeSettings, staff => replytime::api::get_reply_time_settings;
        SetReplyTimeSettings(ReplyTimeSettings) -> ReplyTimeSettings, staff => replytime::api::set_reply_time_settings;
        ReplyTimeReport(ReplyTimeQuery) -> ReplyTimeReport, staff => replytime::api::reply_time_report;
        // Reservations.
        GetReservationSetup(AccountRef) -> ReservationSetup, staff => reservations::api::get_reservation_setup;
        SetReservationSettings(SetReservationSettings) -> ReservationSettings, staff => reservations::api::set_reservation_settings;
        SaveReservationMenu(SaveMenu) -> ReservationMenus, staff => reservations::api::save_reservation_menu;
        RemoveReservationMenu(ReservationItemRef) -> ReservationMenus, owner => reservations::api::remove_reservation_menu;
        SaveReservationStaff(SaveStaff) -> ReservationStaff, staff => reservations::api::save_reservation_staff;
        RemoveReservationStaff(ReservationItemRef) -> ReservationStaff, owner => reservations::api::remove_reservation_staff;
        SaveReservationResource(SaveResource) -> ReservationResources, staff => reservations::api::save_reservation_resource;
        RemoveReservationResource(ReservationItemRef) -> ReservationResources, owner => reservations::api::remove_reservation_resource;
        ListReservations(ListReservations) -> Reservations, staff => reservations::api::list_reservations;
        GetReservation(ReservationRef) -> Reservation, staff => reservations::api::get_reservation;
        CreateReservation(NewReservation) -> Reservation, staff => reservations::api::create_reservation;
        MoveReservation(MoveReservation) -> Reservation, staff => reservations::api::move_reservation;
        UpdateReservation(UpdateReservation) -> Reservation, staff => reservations::api::update_reservation;
        SetReservationStatus(SetReservationStatus) -> Reservation, staff => reservations::api::set_reservation_status;
        CancelReservation(ReservationRef) -> Reservation, staff => reservations::api::cancel_reservation;
        ReservationAvailability(AvailabilityQuery) -> ReservationAvailability, staff => reservations::api::reservation_availability;
        FriendReservations(FriendReservationsQuery) -> FriendReservations, staff => reservations::api::friend_reservations;
        FindReservationFriends(FindFriends) -> FriendChoices, staff => reservations::api::find_reservation_friends;
        ReservationOpenPeriods(OpenPeriodsQuery) -> OpenPeriods, staff => reservations::api::reservation_open_periods;
        // Reservations: LINE booking, reminders, export.
        GetLineBookingSettings(AccountRef) -> LineBookingSettings, staff => reservations::line_api::get_line_booking_settings;
        SetLineBookingSettings(SetLineBookingSettings) -> LineBookingSettings, staff => reservations::line_api::set_line_booking_settings;
        ReminderCost(AccountRef) -> ReminderCost, staff => reservations::line_api::reminder_cost;
        ExportReservations(ExportReservations) -> ExportedFile, owner => reservations::line_api::export_reservations;
        ReservationStaffCalendar(StaffCalendar) -> ExportedFile, owner => reservations::line_api::reservation_staff_calendar;
        // Members (メンバー) and their signed-in devices: the owner's page.
        ListMembers -> Members, owner => members::api::list_members;
        AddMember(NewMember) -> Member, owner => members::api::add_member;
        UpdateMember(UpdateMember) -> Member, owner => members::api::update_member;
        RemoveMember(MemberRef) -> Ok, owner => members::api::remove_member;
        CreatePairingCode(MemberRef) -> PairingCode, owner => members::api::create_pairing_code;
        ListDevices -> Devices, owner => members::api::list_devices;
        RevokeDevice(DeviceRef) -> Ok, owner => members::api::revoke_device;
        /// Who changed which setting when (変更履歴), newest first.
        ListSettingsHistory(ListSettingsHistory) -> SettingsHistory, owner => activity::api::list_settings_history;
    }
}
