// Generated from the Rust API types (src-tauri/crates/core/src/api). Do not edit:
// run `UPDATE_TS=1 cargo test -p madoguchi-core typescript` instead.

export type Request = { "method": "listAccounts" } | { "method": "listConversations", "params": ListConversations } | { "method": "getThread", "params": GetThread } | { "method": "sendMessage", "params": SendMessage } | { "method": "getSendByKey", "params": GetSendByKey } | { "method": "uploadMedia", "params": UploadMedia } | { "method": "cancelSend", "params": OutboxRef } | { "method": "retrySend", "params": OutboxRef } | { "method": "markRead", "params": ConversationRef } | { "method": "previewRoute", "params": ConversationRef } | { "method": "ownerTyping", "params": ConversationRef } | { "method": "listAssignees" } | { "method": "assignConversation", "params": AssignConversation } | { "method": "reportTyping", "params": ConversationRef } | { "method": "getAutoAssign" } | { "method": "setAutoAssign", "params": AutoAssignSettings } | { "method": "getMyNotifyScope" } | { "method": "setMyNotifyScope", "params": MyNotifyScope } | { "method": "shouldNotify", "params": ConversationRef } | { "method": "getQuota", "params": AccountRef } | { "method": "getBusinessHours", "params": AccountRef } | { "method": "setBusinessHours", "params": SetBusinessHours } | { "method": "hoursStatus", "params": AccountRef } | { "method": "listKeywordRules", "params": AccountRef } | { "method": "saveKeywordRules", "params": SaveKeywordRules } | { "method": "getGreeting", "params": AccountRef } | { "method": "setGreeting", "params": SetGreeting } | { "method": "getAwayReply", "params": AccountRef } | { "method": "setAwayReply", "params": SetAwayReply } | { "method": "testKeywordRule", "params": TestKeywordRule } | { "method": "getPhoneSettings", "params": AccountRef } | { "method": "setPhoneSettings", "params": SetPhoneSettings } | { "method": "buildCallButton", "params": AccountRef } | { "method": "getNotificationSettings" } | { "method": "setNotificationSettings", "params": NotificationSettings } | { "method": "uiFocus", "params": UiFocus } | { "method": "getSendingSettings" } | { "method": "setSendingSettings", "params": SendingSettings } | { "method": "getPaymentLinks", "params": AccountRef } | { "method": "setPaymentLinks", "params": SetPaymentLinks } | { "method": "getBackupStatus" } | { "method": "setAutoBackup", "params": AutoBackupSettings } | { "method": "backupNow" } | { "method": "exportMessages", "params": ExportMessages } | { "method": "getConnections" } | { "method": "connectAccount", "params": ConnectAccount } | { "method": "setPublicBaseUrl", "params": SetPublicBaseUrl } | { "method": "connectWebhook", "params": AccountRef } | { "method": "testWebhook", "params": AccountRef } | { "method": "previewBroadcast", "params": PreviewBroadcast } | { "method": "createBroadcast", "params": CreateBroadcast } | { "method": "listBroadcasts", "params": BroadcastAccount } | { "method": "getBroadcast", "params": BroadcastRef } | { "method": "cancelBroadcast", "params": BroadcastRef } | { "method": "listTagsForAudience", "params": BroadcastAccount } | { "method": "searchMessages", "params": SearchQuery } | { "method": "searchNotes", "params": SearchQuery } | { "method": "listTemplates", "params": AccountRef } | { "method": "saveTemplateFolder", "params": SaveTemplateFolder } | { "method": "deleteTemplateFolder", "params": TemplateFolderRef } | { "method": "saveTemplate", "params": SaveTemplate } | { "method": "deleteTemplate", "params": TemplateRef } | { "method": "renderTemplate", "params": UseTemplate } | { "method": "sendTemplate", "params": UseTemplate } | { "method": "getFriend", "params": FriendRef } | { "method": "listFriends", "params": ListFriends } | { "method": "setPrivateName", "params": SetPrivateName } | { "method": "addNote", "params": AddNote } | { "method": "updateNote", "params": UpdateNote } | { "method": "deleteNote", "params": NoteRef } | { "method": "listCustomFields", "params": AccountRef } | { "method": "saveCustomField", "params": SaveCustomField } | { "method": "deleteCustomField", "params": CustomFieldRef } | { "method": "setFieldValue", "params": SetFieldValue } | { "method": "exportFriendsCsv", "params": AccountRef } | { "method": "importFriendsCsv", "params": ImportFriendsCsv } | { "method": "listTags", "params": AccountRef } | { "method": "saveTag", "params": SaveTag } | { "method": "deleteTag", "params": TagRef } | { "method": "tagFriends", "params": TagFriends } | { "method": "listTagRules", "params": AccountRef } | { "method": "saveTagRule", "params": SaveTagRule } | { "method": "deleteTagRule", "params": TagRuleRef } | { "method": "setConversationStatus", "params": SetConversationStatus } | { "method": "getReplyTimeSettings" } | { "method": "setReplyTimeSettings", "params": ReplyTimeSettings } | { "method": "replyTimeReport", "params": ReplyTimeQuery } | { "method": "getReservationSetup", "params": AccountRef } | { "method": "setReservationSettings", "params": SetReservationSettings } | { "method": "saveReservationMenu", "params": SaveMenu } | { "method": "removeReservationMenu", "params": ReservationItemRef } | { "method": "saveReservationStaff", "params": SaveStaff } | { "method": "removeReservationStaff", "params": ReservationItemRef } | { "method": "saveReservationResource", "params": SaveResource } | { "method": "removeReservationResource", "params": ReservationItemRef } | { "method": "listReservations", "params": ListReservations } | { "method": "getReservation", "params": ReservationRef } | { "method": "createReservation", "params": NewReservation } | { "method": "moveReservation", "params": MoveReservation } | { "method": "updateReservation", "params": UpdateReservation } | { "method": "setReservationStatus", "params": SetReservationStatus } | { "method": "cancelReservation", "params": ReservationRef } | { "method": "reservationAvailability", "params": AvailabilityQuery } | { "method": "friendReservations", "params": FriendReservationsQuery } | { "method": "findReservationFriends", "params": FindFriends } | { "method": "reservationOpenPeriods", "params": OpenPeriodsQuery } | { "method": "getLineBookingSettings", "params": AccountRef } | { "method": "setLineBookingSettings", "params": SetLineBookingSettings } | { "method": "reminderCost", "params": AccountRef } | { "method": "exportReservations", "params": ExportReservations } | { "method": "reservationStaffCalendar", "params": StaffCalendar } | { "method": "listMembers" } | { "method": "addMember", "params": NewMember } | { "method": "updateMember", "params": UpdateMember } | { "method": "removeMember", "params": MemberRef } | { "method": "createPairingCode", "params": MemberRef } | { "method": "listDevices" } | { "method": "revokeDevice", "params": DeviceRef } | { "method": "listSettingsHistory", "params": ListSettingsHistory };

export type Response = { "kind": "accounts", "data": Array<AccountView> } | { "kind": "conversations", "data": ConversationPage } | { "kind": "thread", "data": ThreadPage } | { "kind": "sendAccepted", "data": SendAccepted } | { "kind": "sendStatus", "data": SendStatus } | { "kind": "routePreview", "data": RoutePreview } | { "kind": "quota", "data": QuotaView } | { "kind": "businessHours", "data": BusinessHoursView } | { "kind": "hoursStatus", "data": HoursStatus } | { "kind": "keywordRules", "data": Array<KeywordRule> } | { "kind": "greeting", "data": GreetingSettings } | { "kind": "awayReply", "data": AwayReplySettings } | { "kind": "autoReplyTest", "data": AutoReplyTest } | { "kind": "typingShown", "data": boolean } | { "kind": "assignees", "data": Array<MemberName> } | { "kind": "autoAssign", "data": AutoAssignSettings } | { "kind": "notifyScope", "data": MyNotifyScope } | { "kind": "shouldNotify", "data": boolean } | { "kind": "uploaded", "data": UploadedFile } | { "kind": "phoneSettings", "data": PhoneSettingsView } | { "kind": "lineMessage", "data": LineMessageView } | { "kind": "notificationSettings", "data": NotificationSettings } | { "kind": "sendingSettings", "data": SendingSettings } | { "kind": "paymentLinks", "data": PaymentLinksView } | { "kind": "backupStatus", "data": BackupStatus } | { "kind": "exportDone", "data": ExportDone } | { "kind": "connections", "data": ConnectionOverview } | { "kind": "accountConnection", "data": AccountConnection } | { "kind": "webhookCheck", "data": WebhookCheck } | { "kind": "broadcastPreview", "data": BroadcastPreview } | { "kind": "broadcast", "data": BroadcastView } | { "kind": "broadcasts", "data": Array<BroadcastView> } | { "kind": "broadcastDetail", "data": BroadcastDetail } | { "kind": "audienceTags", "data": Array<AudienceTag> } | { "kind": "searchResults", "data": SearchPage } | { "kind": "templates", "data": TemplateLibrary } | { "kind": "template", "data": TemplateView } | { "kind": "templateRendered", "data": RenderedTemplate } | { "kind": "friend", "data": FriendProfile } | { "kind": "friends", "data": FriendPage } | { "kind": "customFields", "data": Array<CustomField> } | { "kind": "csv", "data": CsvFile } | { "kind": "csvImport", "data": CsvImportResult } | { "kind": "tags", "data": Array<TagView> } | { "kind": "tag", "data": TagView } | { "kind": "tagRules", "data": Array<TagRule> } | { "kind": "conversation", "data": ConversationView } | { "kind": "replyTimeSettings", "data": ReplyTimeSettings } | { "kind": "replyTimeReport", "data": ReplyTimeReport } | { "kind": "reservationSetup", "data": ReservationSetup } | { "kind": "reservationSettings", "data": ReservationSettings } | { "kind": "reservationMenus", "data": Array<Menu> } | { "kind": "reservationStaff", "data": Array<Staff> } | { "kind": "reservationResources", "data": Array<Resource> } | { "kind": "reservations", "data": Array<ReservationView> } | { "kind": "reservation", "data": ReservationView } | { "kind": "reservationAvailability", "data": Availability } | { "kind": "friendReservations", "data": FriendReservations } | { "kind": "friendChoices", "data": Array<FriendChoice> } | { "kind": "openPeriods", "data": OpenPeriods } | { "kind": "lineBookingSettings", "data": LineBookingSettings } | { "kind": "reminderCost", "data": ReminderCost } | { "kind": "exportedFile", "data": ExportedFile } | { "kind": "members", "data": Array<MemberView> } | { "kind": "member", "data": MemberView } | { "kind": "pairingCode", "data": PairingCode } | { "kind": "devices", "data": Array<DeviceView> } | { "kind": "settingsHistory", "data": SettingsHistoryPage } | { "kind": "ok" };

export type ApiError = { code: string, message: string, messageJa: string, 
/**
 * Only for an internal error: the id its details were logged under, shown to the
 * person so that they can quote it.
 */
logId?: string, };

export type CoreEvent = { "type": "messageArrived", conversationId: number, messageId: number, 
/**
 * The chat's assignee (担当者): each member's screen decides from it whether a
 * customer's message notifies them (their notification scope).
 */
assigneeMemberId: number | null, } | { "type": "messageStatusChanged", conversationId: number, messageId: number, status: MessageStatus, error: string | null, } | { "type": "conversationUpdated", conversationId: number, } | { "type": "callRequested", conversationId: number, } | { "type": "broadcastUpdated", broadcastId: number, } | { "type": "memberActed", by: ActedBy, kind: ActivityKind, conversationId: number | null, friendId: number | null, reservationId: number | null, } | { "type": "memberTyping", conversationId: number, memberId: number, name: string, } | { "type": "resync" };

export type Role = "staff" | "owner";

export type AccountConnection = { account: AccountView, hasCredentials: boolean, channelSecretMasked: string | null, accessTokenMasked: string | null, };

export type AccountRef = { accountId: number, };

export type AccountView = { id: number, name: string, botUserId: string | null, basicId: string | null, };

export type ActedBy = { memberId: number, name: string, };

export type ActivityKind = "send" | "note" | "tag" | "status" | "booking" | "settings";

export type AddNote = { friendId: number, body: string, };

export type AssignConversation = { conversationId: number, 
/**
 * None: nobody (未割り当て).
 */
memberId: number | null, };

export type AssigneeFilter = "everyone" | "mine" | "unassigned";

export type AudienceTag = { id: number, name: string, color: string, friends: number, };

export type AutoAssignSettings = { 
/**
 * To the member linked to the reservation staff of the customer's booking today.
 */
bookingStaff: boolean, 
/**
 * Otherwise in turn among the members (removed ones skipped).
 */
roundRobin: boolean, };

export type AutoBackupSettings = { enabled: boolean, 
/**
 * Absolute folder path on this PC ("" = not chosen yet).
 */
folder: string, 
/**
 * Backups to keep; older ones (made by Madoguchi, in that folder) are deleted.
 */
keep: number, };

export type AutoReplyTest = { "kind": "keyword", ruleId: number, 
/**
 * 0-based place in the list.
 */
position: number, messages: Array<Record<string, unknown>>, } | { "kind": "away", messages: Array<Record<string, unknown>>, nextOpening: number | null, } | { "kind": "none" };

export type Availability = { timeZone: string, days: Array<DaySlots>, };

export type AvailabilityQuery = { accountId: number, menuIds: number[], staffId: number | null, partySize: number, 
/**
 * "2026-12-24" for one day, or "2026-12" for the whole month (shop's calendar).
 */
date: string, 
/**
 * Ignore the minimum notice and the booking window (the owner booking by hand).
 */
asOwner: boolean, };

export type AwayReplySettings = { enabled: boolean, text: string, };

export type BackupFile = { name: string, path: string, sizeBytes: number, 
/**
 * Epoch ms the file was last written.
 */
modifiedAt: number, };

export type BackupStatus = { settings: AutoBackupSettings, lastBackupAt: number | null, 
/**
 * Newest first.
 */
files: Array<BackupFile>, 
/**
 * The command that restores a backup (the app must be stopped; restore writes into a new, empty folder).
 */
restoreCommand: string, 
/**
 * Why the last automatic backup failed, while it keeps failing (a full disk, a
 * removed USB stick): the owner must see it, not find out on the day they need one.
 */
lastError: string | null, 
/**
 * A folder to offer when none is chosen: "Madoguchi バックアップ" in the user's Documents
 * (a place owners find and copy to a USB stick); "" when there is no home folder.
 */
suggestedFolder: string, };

export type BackupSummary = { 
/**
 * When the backup was made (ms since the epoch).
 */
createdAt: number, 
/**
 * The app version that made it.
 */
appVersion: string, friends: number, messages: number, reservations: number, mediaFiles: number, };

export type BatchStatus = "pending" | "sending" | "sent" | "failed" | "cancelled";

export type BatchView = { seq: number, status: BatchStatus, recipients: number, 
/**
 * Recipients actually requested (blocked since the start left out); None before the first attempt.
 */
sentCount: number | null, attempts: number, 
/**
 * LINE's x-line-request-id for the accepted request.
 */
requestId: string | null, 
/**
 * Why it failed, or why the last attempt did not go through.
 */
error: string | null, updatedAt: number, };

export type BookedMenu = { menuId: number, name: string, durationMinutes: number, priceYen: number, };

export type BroadcastAccount = { accountId: number | null, };

export type BroadcastAudience = { "type": "all" } | { "type": "tags", expr: TagExpr, };

export type BroadcastDetail = { broadcast: BroadcastView, batches: Array<BatchView>, };

export type BroadcastPreview = { 
/**
 * Followed friends the audience selects now.
 */
recipients: number, 
/**
 * Friends the audience selects who blocked the account (left out).
 */
blockedExcluded: number, quota: QuotaImpact | null, 
/**
 * Why the quota is unknown (LINE unreachable, no credentials), bilingual.
 */
quotaError: string | null, wouldExceed: boolean, };

export type BroadcastRef = { broadcastId: number, };

export type BroadcastStatus = "scheduled" | "sending" | "done" | "failed" | "cancelled";

export type BroadcastView = { id: number, accountId: number, status: BroadcastStatus, 
/**
 * The first text bubble.
 */
summary: string | null, bubbleKinds: Array<string>, audience: BroadcastAudience, sendAt: number, startedAt: number | null, finishedAt: number | null, error: string | null, createdAt: number, batchesTotal: number, batchesSent: number, batchesFailed: number, batchesCancelled: number, 
/**
 * Audience size: while scheduled, the followed friends the audience selects now;
 * frozen when the broadcast starts.
 */
recipientsTotal: number, 
/**
 * Recipients of batches LINE accepted (blocked-since-start left out).
 */
recipientsSent: number, 
/**
 * The member who created it (who did what); null for the owner at this PC.
 */
createdBy: ActedBy | null, };

export type BusinessHours = { 
/**
 * IANA name; empty = Asia/Tokyo.
 */
timeZone: string, 
/**
 * Seven entries, index 0 = Sunday … 6 = Saturday (like JavaScript's getDay()).
 */
weekly: Array<Array<PeriodView>>, holidays: HolidayRuleView, overrides: Array<DayOverride>, };

export type BusinessHoursView = { 
/**
 * False = nothing saved yet; `hours` is then a template (Mon–Sat 10:00–19:00).
 */
configured: boolean, hours: BusinessHours, };

export type ConnectAccount = { 
/**
 * Re-enter the credentials of this account; null = connect a new Official Account.
 */
accountId: number | null, channelSecret: string, accessToken: string, };

export type ConnectionOverview = { accounts: Array<AccountConnection>, 
/**
 * "" = not set yet.
 */
publicBaseUrl: string, 
/**
 * `{publicBaseUrl}/webhook`, what LINE is told to call; null while no base URL is set.
 */
webhookUrl: string | null, 
/**
 * True when no account has credentials: the UI opens the wizard first.
 */
needsSetup: boolean, };

export type ConversationFilter = "all" | "unread" | "needsAction" | "resolved";

export type ConversationPage = { items: Array<ConversationView>, nextCursor: string | null, 
/**
 * A wait longer than this is overdue (the reply-time setting).
 */
waitLimitMs: number, };

export type ConversationRef = { conversationId: number, };

export type ConversationSort = "recent" | "waiting";

export type ConversationStatus = "open" | "needsAction" | "resolved";

export type ConversationView = { id: number, accountId: number, friend: FriendView, lastPreview: string | null, lastKind: string | null, lastDirection: Direction | null, lastMessageAt: number | null, unreadCount: number, status: ConversationStatus, pinned: boolean, 
/**
 * Since when the customer has waited for an answer; null when nobody waits.
 */
waitingSince: number | null, tagIds: number[], 
/**
 * The member who handles this chat (担当者); null: nobody.
 */
assignee: MemberName | null, 
/**
 * The last reply a member sent here (for 「…さんが30秒前に返信しました」).
 */
lastReplyBy: LastReply | null, };

export type CreateBroadcast = { accountId: number | null, 
/**
 * 1..5 bubbles: text, image (a local file) or sticker.
 */
contents: Array<OutgoingContent>, audience: BroadcastAudience, 
/**
 * Epoch ms; absent or in the past = now.
 */
sendAt: number | null, };

export type CsvFile = { fileName: string, 
/**
 * UTF-8 with a byte-order mark, CRLF line ends: what Excel on Windows opens as Japanese.
 */
content: string, };

export type CsvImportResult = { friends: number, createdFriends: number, createdTags: number, errors: Array<CsvRowError>, };

export type CsvRowError = { 
/**
 * 1-based line in the file (the header is line 1).
 */
line: number, column: string | null, message: string, messageJa: string, };

export type CustomField = { id: number, accountId: number, name: string, kind: FieldKind, 
/**
 * The choices of a `choice` field.
 */
options: Array<string>, };

export type CustomFieldRef = { fieldId: number, };

export type Customer = { "kind": "friend", friendId: number, } | { "kind": "guest", name: string, phone: string | null, };

export type DayOverride = { date: string, rule: DayRuleView, note: string | null, };

export type DayRuleView = { "kind": "closed" } | { "kind": "periods", periods: Array<PeriodView>, };

export type DaySlots = { date: string, slots: Array<Slot>, };

export type DeviceRef = { deviceId: number, };

export type DeviceView = { id: number, memberId: number, memberName: string, deviceName: string, createdAt: number, lastUsedAt: number, };

export type Direction = "in" | "out";

export type ExportDone = { path: string, messages: number, };

export type ExportFormat = "jsonl" | "csv";

export type ExportMessages = { format: ExportFormat, };

export type ExportReservations = { accountId: number, 
/**
 * First and last day, inclusive ("2026-12-01", "2026-12-31"; shop's calendar).
 */
from: string, to: string, 
/**
 * Only this staff member's bookings.
 */
staffId: number | null, format: ReservationExportFormat, };

export type ExportedFile = { fileName: string, mimeType: string, content: string, };

export type FieldKind = "text" | "number" | "date" | "choice" | "checkbox";

export type FieldValue = { fieldId: number, value: string, };

export type FindFriends = { accountId: number, query: string, 
/**
 * Just this friend (to pre-fill the booking dialog from a chat); `query` is then ignored.
 */
friendId: number | null, };

export type FriendChoice = { friendId: number, displayName: string | null, 
/**
 * The shop's own name for the friend: shown first, like everywhere else.
 */
privateName: string | null, pictureUrl: string | null, 
/**
 * The picture's stored copy, served like other media.
 */
pictureFile: string | null, };

export type FriendNote = { id: number, body: string, createdAt: number, updatedAt: number, 
/**
 * Who wrote it (members); null for the owner at this PC.
 */
author: ActedBy | null, };

export type FriendPage = { items: Array<FriendSummary>, 
/**
 * How many friends match in all.
 */
total: number, };

export type FriendProfile = { id: number, accountId: number, conversationId: number | null, lineUserId: string, displayName: string | null, pictureUrl: string | null, 
/**
 * The picture's stored copy, served like other media (screens never load LINE's URL).
 */
pictureFile: string | null, statusMessage: string | null, 
/**
 * Only the shop sees it.
 */
privateName: string | null, 
/**
 * False once the friend blocked the account (an unfollow event).
 */
followed: boolean, firstContactAt: number, lastContactAt: number, 
/**
 * Messages in the chat, both directions.
 */
messageCount: number, tagIds: number[], notes: Array<FriendNote>, fields: Array<FieldValue>, };

export type FriendRef = { friendId: number, };

export type FriendReservations = { 
/**
 * Soonest first.
 */
upcoming: Array<ReservationView>, 
/**
 * Most recent first (at most 50).
 */
past: Array<ReservationView>, noShowCount: number, 
/**
 * The shop's zone, to show the times in.
 */
timeZone: string, };

export type FriendReservationsQuery = { friendId: number, };

export type FriendSummary = { id: number, conversationId: number | null, lineUserId: string, displayName: string | null, privateName: string | null, pictureUrl: string | null, followed: boolean, lastContactAt: number, tagIds: number[], };

export type FriendView = { id: number, lineUserId: string, displayName: string | null, pictureUrl: string | null, 
/**
 * The profile picture's stored copy (`<sha-256>.<ext>`), served like other media;
 * screens show this, never `picture_url` (LINE's address).
 */
pictureFile: string | null, followed: boolean, 
/**
 * The shop's own name for the friend (customers).
 */
privateName: string | null, };

export type GetSendByKey = { clientKey: string, };

export type GetThread = { conversationId: number, 
/**
 * Page backwards from this message id (exclusive).
 */
before: number | null, limit: number | null, 
/**
 * Search: load the page around this message instead (from a few older ones up to
 * the newest, so the view has no gap); `before` is then ignored.
 */
around?: number | null, };

export type GreetingSettings = { enabled: boolean, followText: string, 
/**
 * Sent instead when a friend unblocks; null = the follow text.
 */
unblockText: string | null, };

export type Highlight = { start: number, end: number, };

export type HolidayRuleView = { "kind": "closed" } | { "kind": "open" } | { "kind": "special", periods: Array<PeriodView>, };

export type HoursStatus = { 
/**
 * False until the owner saves business hours; while false, `open` is true and no away reply is sent.
 */
configured: boolean, open: boolean, 
/**
 * Epoch ms of the next opening (when open: the one after the current stretch).
 */
nextOpening: number | null, timeZone: string, };

export type ImportFriendsCsv = { accountId: number, content: string, };

export type KeywordRule = { id: number, matchKind: MatchKind, pattern: string, 
/**
 * 1–5 LINE message objects. In text messages `{名前}` becomes the friend's name.
 */
messages: Array<Record<string, unknown>>, 
/**
 * YYYY-MM-DD (shop time), inclusive; null = no start.
 */
activeFrom: string | null, 
/**
 * YYYY-MM-DD (shop time), inclusive; null = no end.
 */
activeUntil: string | null, 
/**
 * Daily window (shop time); null = all day. An end at or before the start is the next day.
 */
activeHours: PeriodView | null, enabled: boolean, };

export type KeywordRuleInput = { id: number | null, matchKind: MatchKind, pattern: string, messages: Array<Record<string, unknown>>, activeFrom: string | null, activeUntil: string | null, activeHours: PeriodView | null, enabled: boolean, };

export type LastReply = { memberId: number, name: string, at: number, agoMs: number, };

export type LineBookingSettings = { 
/**
 * Customers can book, cancel and change through LINE.
 */
bookingEnabled: boolean, 
/**
 * The message that starts a booking ("予約").
 */
keyword: string, dayBeforeEnabled: boolean, 
/**
 * The day before, at this shop time ("18:00").
 */
dayBeforeTime: string, 
/**
 * Also this many hours before the start; 0 = not.
 */
hoursBefore: number, 
/**
 * A thank-you after the visit.
 */
thanksEnabled: boolean, 
/**
 * Minutes after the end (or after being marked 完了).
 */
thanksDelayMinutes: number, thanksText: string, };

export type LineMessageView = { message: Record<string, unknown>, };

export type ListConversations = { accountId: number | null, filter: ConversationFilter, 
/**
 * Opaque cursor from the previous page's `nextCursor`.
 */
before: string | null, limit: number | null, 
/**
 * Only chats whose friend matches this tag expression (customers).
 */
tags?: TagExpr | null, 
/**
 * Default: recent.
 */
sort?: ConversationSort | null, 
/**
 * Assignment: everyone's chats (default), the acting member's (自分の担当) or nobody's (未割り当て).
 */
assignee?: AssigneeFilter | null, };

export type ListFriends = { accountId: number, 
/**
 * Part of the LINE name or the private name.
 */
query: string | null, tags: TagExpr | null, offset: number | null, limit: number | null, };

export type ListReservations = { accountId: number, 
/**
 * Epoch ms; bookings overlapping [from, to).
 */
from: number, to: number, staffId: number | null, 
/**
 * Cancelled and no-show bookings too.
 */
includeInactive: boolean, };

export type ListSettingsHistory = { 
/**
 * Only changes with a smaller id (the last id of the previous page).
 */
before?: number, limit?: number, };

export type MatchKind = "exact" | "contains" | "startsWith";

export type MemberName = { id: number, name: string, };

export type MemberRef = { memberId: number, };

export type MemberView = { id: number, name: string, role: Role, 
/**
 * The reservation staff member this person is (for 「自分の予約」).
 */
reservationStaffId: number | null, hasPassword: boolean, createdAt: number, };

export type Menu = { id: number, name: string, durationMinutes: number, 
/**
 * Cleanup after: the staff member and the resource stay busy this long after the end.
 */
bufferMinutes: number, priceYen: number, 
/**
 * False for bookings that need no staff member (e.g. a table).
 */
needsStaff: boolean, 
/**
 * Who may do it; empty = every staff member.
 */
staffIds: number[], 
/**
 * The kind of resource it takes ("chair", "個室", …); None = none.
 */
resourceKind: string | null, };

export type MessageStatus = "received" | "pending" | "sending" | "sent" | "failed" | "cancelled";

export type MessageView = { id: number, conversationId: number, direction: Direction, kind: string, text: string | null, payload: unknown, createdAt: number, status: MessageStatus, error: string | null, 
/**
 * The stored media file's name (`<sha-256>.<ext>`), when the message has media. Each
 * transport turns it into its own URL (the server's `/api/media/…`, the window's
 * `media:` scheme): a path only one of them answers never reaches the other.
 */
mediaFile: string | null, unsent: boolean, outboxId: number | null, route: Route | null, 
/**
 * Who sent it (members): null for a customer's message, the owner at this PC, an
 * automatic reply and a reminder.
 */
sentBy: ActedBy | null, 
/**
 * An automatic reply (keyword, away, greeting): the thread says 自動応答.
 */
autoReply: boolean, };

export type MissingKind = "prompt" | "friendValue";

export type MissingValue = { 
/**
 * The key to answer under in `UseTemplate.answers`: the text between the braces.
 */
key: string, 
/**
 * What to show the owner (the prompt or field name).
 */
label: string, kind: MissingKind, };

export type MoveReservation = { reservationId: number, start: number, end: number | null, 
/**
 * Absent = keep; null inside `Some` is not used: give the id to change it.
 */
staffId: number | null, resourceId: number | null, };

export type MyNotifyScope = { scope: NotifyScope, };

export type NewMember = { name: string, role: Role, 
/**
 * Optional: a member may join only through pairing codes.
 */
password?: string, reservationStaffId?: number, };

export type NewReservation = { accountId: number, customer: Customer, menuIds: number[], 
/**
 * None = chosen automatically among those free and allowed.
 */
staffId: number | null, 
/**
 * None = chosen automatically among the free ones of the menus' kind.
 */
resourceId: number | null, 
/**
 * Epoch ms.
 */
start: number, 
/**
 * None = start + the menus' durations.
 */
end: number | null, partySize: number, 
/**
 * None = 確定 for the owner, per the approval setting for LINE.
 */
status: ReservationStatus | null, notes: string, source: ReservationSource, };

export type NoteRef = { noteId: number, };

export type NotificationSettings = { 
/**
 * Show a popup for new messages (default on).
 */
popup: boolean, 
/**
 * Play the notification sound (default on).
 */
sound: boolean, 
/**
 * No popups between these times ("HH:MM", shop time zone); None = off.
 */
quietHours: QuietHours | null, };

export type NotifyScope = "all" | "mineAndUnassigned" | "mine";

export type OpenPeriods = { timeZone: string, 
/**
 * False while the owner has not saved business hours (the template is used).
 */
configured: boolean, periods: Array<TimeRange>, };

export type OpenPeriodsQuery = { accountId: number, 
/**
 * "2026-12-01", inclusive.
 */
from: string, 
/**
 * "2026-12-31", inclusive; at most 62 days after `from`.
 */
to: string, };

export type OutboxRef = { outboxId: number, };

export type OutgoingContent = { "type": "text", text: string, } | { "type": "sticker", packageId: string, stickerId: string, } | { "type": "image", path: string, } | { "type": "video", path: string, previewPath: string | null, } | { "type": "callButton" } | { "type": "paymentLink", url: string, amountYen: number, label: string, };

export type PairingCode = { code: string, memberId: number, expiresAt: number, };

export type PaymentLinkPreset = { label: string, url: string, amountYen: number, };

export type PaymentLinksView = { links: Array<PaymentLinkPreset>, 
/**
 * Why there is no LINE Pay button, for the UI.
 */
linePayNoteJa: string, linePayNoteEn: string, };

export type PeriodView = { start: string, end: string, };

export type PhoneSettings = { 
/**
 * Call requests (the "電話してほしい" button) are accepted and answered.
 */
enabled: boolean, 
/**
 * The shop's number, Japanese (03-1234-5678) or international (+81 3 1234 5678); "" = not set.
 */
phone: string, 
/**
 * A second request from the same chat within this many minutes only gets the polite note.
 */
spacingMinutes: number, 
/**
 * The answer to a request within business hours.
 */
receivedText: string, 
/**
 * The answer to a repeat request within the spacing.
 */
politeText: string, 
/**
 * The answer outside business hours; `{次の営業開始}` becomes the next opening.
 */
absenceText: string, };

export type PhoneSettingsView = { settings: PhoneSettings, 
/**
 * `tel:+81...` when the number is set and valid.
 */
telUri: string | null, lineCallNoteJa: string, lineCallNoteEn: string, };

export type PlaceholderInfo = { 
/**
 * As written in a template, braces included, e.g. `{名前}`.
 */
token: string, kind: PlaceholderKind, 
/**
 * False when it cannot be filled yet (next reservation before reservations exist).
 */
available: boolean, };

export type PlaceholderKind = "friend" | "shop" | "field" | "reservation" | "prompt";

export type PreviewBroadcast = { 
/**
 * The default account when absent.
 */
accountId: number | null, audience: BroadcastAudience, };

export type QuietHours = { 
/**
 * "HH:MM", inclusive.
 */
start: string, 
/**
 * "HH:MM", exclusive; earlier than `start` = spans midnight.
 */
end: string, };

export type QuotaImpact = { 
/**
 * This month's limit; None = no limit on this plan.
 */
limit: number | null, 
/**
 * What LINE counts as used this month.
 */
used: number, 
/**
 * Recipients of broadcasts already started whose batches are not sent yet.
 */
pending: number, 
/**
 * used + pending + this broadcast's recipients.
 */
after: number, };

export type QuotaView = { 
/**
 * None = no limit on this plan.
 */
limit: number | null, used: number, };

export type ReminderCost = { 
/**
 * Pushes already queued this calendar month (shop time) for reservations.
 */
sentThisMonth: number, 
/**
 * Pushes still due before the month ends, for the bookings that exist now.
 */
scheduledThisMonth: number, };

export type RenderedTemplate = { 
/**
 * Exactly what would be sent; empty while anything is missing.
 */
bubbles: Array<OutgoingContent>, 
/**
 * Values to ask the owner for before it can be sent.
 */
missing: Array<MissingValue>, };

export type ReplyTimeQuery = { accountId: number, bucket: ReportBucket, 
/**
 * How many days back from today (shop time), today included; default 14, at most 366.
 */
days: number | null, };

export type ReplyTimeReport = { bucket: ReportBucket, rows: Array<ReplyTimeRow>, 
/**
 * Chats waiting now, and how many of them longer than the limit.
 */
waiting: number, overLimit: number, };

export type ReplyTimeRow = { 
/**
 * `YYYY-MM-DD` of the day, or of the week's Monday.
 */
start: string, count: number, medianMs: number, averageMs: number, };

export type ReplyTimeSettings = { 
/**
 * A chat waiting longer than this is highlighted (default 24).
 */
waitLimitHours: number, };

export type ReportBucket = "day" | "week";

export type ReservationExportFormat = "ics" | "csv";

export type ReservationItemRef = { accountId: number, id: number, };

export type ReservationRef = { reservationId: number, };

export type ReservationSettings = { 
/**
 * Start times are offered every N minutes (5–120).
 */
slotMinutes: number, 
/**
 * Customers cannot book sooner than this many minutes from now.
 */
minNoticeMinutes: number, 
/**
 * …nor further ahead than this many days.
 */
windowDays: number, 
/**
 * Customers may cancel or change until this many hours before the start.
 */
cancelDeadlineHours: number, 
/**
 * LINE bookings start as 仮予約 until the owner confirms them.
 */
approvalRequired: boolean, };

export type ReservationSetup = { settings: ReservationSettings, menus: Array<Menu>, staff: Array<Staff>, resources: Array<Resource>, timeZone: string, };

export type ReservationSource = "owner" | "line" | "phone" | "walkIn";

export type ReservationStatus = "tentative" | "confirmed" | "arrived" | "completed" | "cancelled" | "noShow";

export type ReservationView = { id: number, accountId: number, friendId: number | null, 
/**
 * The friend's LINE display name, or the walk-in / phone customer's name.
 */
customerName: string, customerPhone: string | null, menus: Array<BookedMenu>, staffId: number | null, staffName: string | null, resourceId: number | null, resourceName: string | null, 
/**
 * Epoch ms.
 */
start: number, end: number, bufferMinutes: number, partySize: number, status: ReservationStatus, notes: string, source: ReservationSource, createdAt: number, updatedAt: number, };

export type Resource = { id: number, name: string, kind: string, 
/**
 * Seats: the party sizes of bookings at the same time add up to at most this.
 */
capacity: number, };

export type Route = "reply" | "push" | "multicast";

export type RoutePreview = { route: Route, 
/**
 * While a free reply is possible: until when.
 */
replyExpiresAt: number | null, };

export type SaveCustomField = { accountId: number, id: number | null, name: string, kind: FieldKind, options: Array<string>, };

export type SaveKeywordRules = { accountId: number, rules: Array<KeywordRuleInput>, };

export type SaveMenu = { accountId: number, 
/**
 * id 0 = a new menu.
 */
menu: Menu, };

export type SaveResource = { accountId: number, 
/**
 * id 0 = a new resource.
 */
resource: Resource, };

export type SaveStaff = { accountId: number, 
/**
 * id 0 = a new staff member.
 */
staff: Staff, };

export type SaveTag = { accountId: number, id: number | null, name: string, color: string, };

export type SaveTagRule = { accountId: number, id: number | null, tagId: number, trigger: TagTrigger, matchKind: TagMatch, pattern: string, enabled: boolean, };

export type SaveTemplate = { accountId: number, 
/**
 * null = a new template.
 */
id: number | null, folderId: number | null, title: string, bubbles: Array<TemplateBubble>, };

export type SaveTemplateFolder = { accountId: number, 
/**
 * null = a new folder.
 */
id: number | null, name: string, };

export type SearchHit = { source: SearchSource, 
/**
 * The message id (source = message) or the note id (source = note).
 */
id: number, 
/**
 * The friend's chat; null when a noted friend has never chatted.
 */
conversationId: number | null, accountId: number, friendId: number, 
/**
 * The private name when the shop set one, else the LINE name.
 */
friendName: string | null, direction: Direction | null, at: number, 
/**
 * Plain text around the first match (cut with "…" when the text is long).
 */
snippet: string, highlights: Array<Highlight>, };

export type SearchPage = { 
/**
 * Newest first.
 */
hits: Array<SearchHit>, 
/**
 * Pass as `before` for the next page; null = no more.
 */
nextBefore: number | null, };

export type SearchQuery = { 
/**
 * What to look for, as typed: matched as one literal substring (quotes and FTS
 * operators are plain text), case-insensitively.
 */
query: string, 
/**
 * Only this account; null = every account.
 */
accountId: number | null, 
/**
 * The previous page's `nextBefore`.
 */
before: number | null, limit: number | null, };

export type SearchSource = "message" | "note";

export type SendAccepted = { outboxId: number, messageId: number, route: Route, 
/**
 * When the sender may take it: the end of the undo window.
 */
sendAt: number, };

export type SendMessage = { conversationId: number, content: OutgoingContent, 
/**
 * The desk's own key for this send (a UUID made per message typed): the same key
 * again answers with the row it made instead of a second message, and
 * `GetSendByKey` says what became of it when the answer was lost.
 */
clientKey?: string, };

export type SendState = "none" | "queued" | "sent" | "failed" | "cancelled";

export type SendStatus = { state: SendState, conversationId: number | null, outboxId: number | null, 
/**
 * The first message of the send, as the thread shows it.
 */
messageId: number | null, };

export type SendingSettings = { 
/**
 * Seconds a sent message waits (and can be cancelled) before it leaves; 0 = at once.
 */
undoSeconds: number, 
/**
 * A reply token younger than this is used (free); older ones are not risked (push).
 */
replySafeWindowSeconds: number, };

export type Session = { token: string, member: SessionMember, };

export type SessionMember = { id: number, name: string, role: Role, };

export type SetAwayReply = { accountId: number, away: AwayReplySettings, };

export type SetBusinessHours = { accountId: number, hours: BusinessHours, };

export type SetConversationStatus = { conversationId: number, status: ConversationStatus, };

export type SetFieldValue = { friendId: number, fieldId: number, 
/**
 * Null or empty clears it. Number as typed, date `YYYY-MM-DD`, checkbox `true`/`false`.
 */
value: string | null, };

export type SetGreeting = { accountId: number, greeting: GreetingSettings, };

export type SetLineBookingSettings = { accountId: number, settings: LineBookingSettings, };

export type SetPaymentLinks = { accountId: number, links: Array<PaymentLinkPreset>, };

export type SetPhoneSettings = { accountId: number, phone: PhoneSettings, };

export type SetPrivateName = { friendId: number, 
/**
 * Empty or null clears it.
 */
privateName: string | null, };

export type SetPublicBaseUrl = { url: string, };

export type SetReservationSettings = { accountId: number, settings: ReservationSettings, };

export type SetReservationStatus = { reservationId: number, status: ReservationStatus, };

export type SettingsChange = { id: number, 
/**
 * Epoch ms.
 */
at: number, 
/**
 * Null: the owner at this PC (the desktop window or the printed session token).
 */
by: ActedBy | null, 
/**
 * The API method, e.g. `SetBusinessHours`.
 */
method: string, 
/**
 * A short phrase in Japanese, e.g. 「営業時間を変更」.
 */
summary: string, };

export type SettingsHistoryPage = { changes: Array<SettingsChange>, hasMore: boolean, };

export type Slot = { start: number, end: number, staffId: number | null, resourceId: number | null, };

export type Staff = { id: number, name: string, 
/**
 * CSS colour for the calendar ("#e07a5f").
 */
color: string, 
/**
 * Seven lists of shift periods, index 0 = Sunday; same form as business hours
 * ("22:00"–"02:00" ends the next day). An empty day = not working.
 */
weekly: Array<Array<PeriodView>>, 
/**
 * Dates off ("2026-12-24"), besides the weekly pattern.
 */
daysOff: Array<string>, };

export type StaffCalendar = { accountId: number, staffId: number, };

export type TagExpr = { all: number[], any: number[], none: number[], };

export type TagFriends = { tagId: number, friendIds: number[], add: boolean, };

export type TagMatch = "exact" | "contains";

export type TagRef = { tagId: number, };

export type TagRule = { id: number, accountId: number, tagId: number, trigger: TagTrigger, matchKind: TagMatch, 
/**
 * The keyword (keyword rules) or the postback data (postback rules); empty otherwise.
 */
pattern: string, enabled: boolean, };

export type TagRuleRef = { ruleId: number, };

export type TagTrigger = "follow" | "keyword" | "postback" | "reservationMade" | "reservationCancelled";

export type TagView = { id: number, accountId: number, name: string, 
/**
 * `#rrggbb`
 */
color: string, 
/**
 * How many friends carry it.
 */
friendCount: number, };

export type TemplateBubble = { "type": "text", text: string, } | { "type": "image", path: string, } | { "type": "sticker", packageId: string, stickerId: string, };

export type TemplateFolder = { id: number, name: string, };

export type TemplateFolderRef = { folderId: number, };

export type TemplateLibrary = { folders: Array<TemplateFolder>, templates: Array<TemplateView>, placeholders: Array<PlaceholderInfo>, };

export type TemplateRef = { templateId: number, };

export type TemplateView = { id: number, folderId: number | null, title: string, bubbles: Array<TemplateBubble>, 
/**
 * Fill-in prompts (`{?…}`) the owner is asked for before sending, in order.
 */
prompts: Array<string>, updatedAt: number, };

export type TestKeywordRule = { accountId: number, text: string, at: number | null, 
/**
 * Fills `{名前}`; default 〇〇.
 */
displayName: string | null, };

export type ThreadPage = { conversation: ConversationView, 
/**
 * Oldest first.
 */
messages: Array<MessageView>, hasMore: boolean, };

export type TimeRange = { start: number, end: number, };

export type UiFocus = { focused: boolean, openConversationId: number | null, };

export type UpdateMember = { memberId: number, role: Role, reservationStaffId: number | null, };

export type UpdateNote = { noteId: number, body: string, };

export type UpdateReservation = { reservationId: number, partySize: number, notes: string, 
/**
 * Only for walk-in / phone customers.
 */
customerName: string | null, customerPhone: string | null, };

export type UploadMedia = { 
/**
 * Shown in errors only.
 */
fileName: string, dataBase64: string, };

export type UploadedFile = { 
/**
 * Give this to `sendMessage` as the image/video `path`.
 */
path: string, contentType: string, bytes: number, };

export type UseTemplate = { templateId: number, conversationId: number, 
/**
 * Values the owner typed, by `MissingValue.key`.
 */
answers: { [key in string]: string }, 
/**
 * SendTemplate only: the desk's key for this send, as in `SendMessage.clientKey`.
 */
clientKey?: string, };

export type WebhookCheck = { ok: boolean, endpoint: string, 
/**
 * The HTTP status LINE got from this PC; 0 or less = no answer at all.
 */
statusCode: number, reason: string, messageJa: string, messageEn: string, };

/** Each API method: its params, its result (the answer's `data`), the answer's kind
 * and the role allowed to call it. Generated from `api/methods.rs`. */
export type Methods = {
  "listAccounts": { params: undefined; result: Array<AccountView>; kind: "accounts"; role: "staff" };
  "listConversations": { params: ListConversations; result: ConversationPage; kind: "conversations"; role: "staff" };
  "getThread": { params: GetThread; result: ThreadPage; kind: "thread"; role: "staff" };
  "sendMessage": { params: SendMessage; result: SendAccepted; kind: "sendAccepted"; role: "staff" };
  "getSendByKey": { params: GetSendByKey; result: SendStatus; kind: "sendStatus"; role: "staff" };
  "uploadMedia": { params: UploadMedia; result: UploadedFile; kind: "uploaded"; role: "staff" };
  "cancelSend": { params: OutboxRef; result: void; kind: "ok"; role: "staff" };
  "retrySend": { params: OutboxRef; result: void; kind: "ok"; role: "staff" };
  "markRead": { params: ConversationRef; result: void; kind: "ok"; role: "staff" };
  "previewRoute": { params: ConversationRef; result: RoutePreview; kind: "routePreview"; role: "staff" };
  "ownerTyping": { params: ConversationRef; result: boolean; kind: "typingShown"; role: "staff" };
  "listAssignees": { params: undefined; result: Array<MemberName>; kind: "assignees"; role: "staff" };
  "assignConversation": { params: AssignConversation; result: ConversationView; kind: "conversation"; role: "staff" };
  "reportTyping": { params: ConversationRef; result: void; kind: "ok"; role: "staff" };
  "getAutoAssign": { params: undefined; result: AutoAssignSettings; kind: "autoAssign"; role: "owner" };
  "setAutoAssign": { params: AutoAssignSettings; result: AutoAssignSettings; kind: "autoAssign"; role: "owner" };
  "getMyNotifyScope": { params: undefined; result: MyNotifyScope; kind: "notifyScope"; role: "staff" };
  "setMyNotifyScope": { params: MyNotifyScope; result: MyNotifyScope; kind: "notifyScope"; role: "staff" };
  "shouldNotify": { params: ConversationRef; result: boolean; kind: "shouldNotify"; role: "staff" };
  "getQuota": { params: AccountRef; result: QuotaView; kind: "quota"; role: "staff" };
  "getBusinessHours": { params: AccountRef; result: BusinessHoursView; kind: "businessHours"; role: "staff" };
  "setBusinessHours": { params: SetBusinessHours; result: BusinessHoursView; kind: "businessHours"; role: "staff" };
  "hoursStatus": { params: AccountRef; result: HoursStatus; kind: "hoursStatus"; role: "staff" };
  "listKeywordRules": { params: AccountRef; result: Array<KeywordRule>; kind: "keywordRules"; role: "staff" };
  "saveKeywordRules": { params: SaveKeywordRules; result: Array<KeywordRule>; kind: "keywordRules"; role: "staff" };
  "getGreeting": { params: AccountRef; result: GreetingSettings; kind: "greeting"; role: "staff" };
  "setGreeting": { params: SetGreeting; result: GreetingSettings; kind: "greeting"; role: "staff" };
  "getAwayReply": { params: AccountRef; result: AwayReplySettings; kind: "awayReply"; role: "staff" };
  "setAwayReply": { params: SetAwayReply; result: AwayReplySettings; kind: "awayReply"; role: "staff" };
  "testKeywordRule": { params: TestKeywordRule; result: AutoReplyTest; kind: "autoReplyTest"; role: "staff" };
  "getPhoneSettings": { params: AccountRef; result: PhoneSettingsView; kind: "phoneSettings"; role: "staff" };
  "setPhoneSettings": { params: SetPhoneSettings; result: PhoneSettingsView; kind: "phoneSettings"; role: "staff" };
  "buildCallButton": { params: AccountRef; result: LineMessageView; kind: "lineMessage"; role: "staff" };
  "getNotificationSettings": { params: undefined; result: NotificationSettings; kind: "notificationSettings"; role: "staff" };
  "setNotificationSettings": { params: NotificationSettings; result: NotificationSettings; kind: "notificationSettings"; role: "staff" };
  "uiFocus": { params: UiFocus; result: void; kind: "ok"; role: "staff" };
  "getSendingSettings": { params: undefined; result: SendingSettings; kind: "sendingSettings"; role: "staff" };
  "setSendingSettings": { params: SendingSettings; result: SendingSettings; kind: "sendingSettings"; role: "staff" };
  "getPaymentLinks": { params: AccountRef; result: PaymentLinksView; kind: "paymentLinks"; role: "staff" };
  "setPaymentLinks": { params: SetPaymentLinks; result: PaymentLinksView; kind: "paymentLinks"; role: "owner" };
  "getBackupStatus": { params: undefined; result: BackupStatus; kind: "backupStatus"; role: "owner" };
  "setAutoBackup": { params: AutoBackupSettings; result: BackupStatus; kind: "backupStatus"; role: "owner" };
  "backupNow": { params: undefined; result: BackupStatus; kind: "backupStatus"; role: "owner" };
  "exportMessages": { params: ExportMessages; result: ExportDone; kind: "exportDone"; role: "owner" };
  "getConnections": { params: undefined; result: ConnectionOverview; kind: "connections"; role: "owner" };
  "connectAccount": { params: ConnectAccount; result: AccountConnection; kind: "accountConnection"; role: "owner" };
  "setPublicBaseUrl": { params: SetPublicBaseUrl; result: ConnectionOverview; kind: "connections"; role: "owner" };
  "connectWebhook": { params: AccountRef; result: WebhookCheck; kind: "webhookCheck"; role: "owner" };
  "testWebhook": { params: AccountRef; result: WebhookCheck; kind: "webhookCheck"; role: "owner" };
  "previewBroadcast": { params: PreviewBroadcast; result: BroadcastPreview; kind: "broadcastPreview"; role: "staff" };
  "createBroadcast": { params: CreateBroadcast; result: BroadcastView; kind: "broadcast"; role: "staff" };
  "listBroadcasts": { params: BroadcastAccount; result: Array<BroadcastView>; kind: "broadcasts"; role: "staff" };
  "getBroadcast": { params: BroadcastRef; result: BroadcastDetail; kind: "broadcastDetail"; role: "staff" };
  "cancelBroadcast": { params: BroadcastRef; result: BroadcastView; kind: "broadcast"; role: "staff" };
  "listTagsForAudience": { params: BroadcastAccount; result: Array<AudienceTag>; kind: "audienceTags"; role: "staff" };
  "searchMessages": { params: SearchQuery; result: SearchPage; kind: "searchResults"; role: "staff" };
  "searchNotes": { params: SearchQuery; result: SearchPage; kind: "searchResults"; role: "staff" };
  "listTemplates": { params: AccountRef; result: TemplateLibrary; kind: "templates"; role: "staff" };
  "saveTemplateFolder": { params: SaveTemplateFolder; result: TemplateLibrary; kind: "templates"; role: "staff" };
  "deleteTemplateFolder": { params: TemplateFolderRef; result: void; kind: "ok"; role: "owner" };
  "saveTemplate": { params: SaveTemplate; result: TemplateView; kind: "template"; role: "staff" };
  "deleteTemplate": { params: TemplateRef; result: void; kind: "ok"; role: "owner" };
  "renderTemplate": { params: UseTemplate; result: RenderedTemplate; kind: "templateRendered"; role: "staff" };
  "sendTemplate": { params: UseTemplate; result: SendAccepted; kind: "sendAccepted"; role: "staff" };
  "getFriend": { params: FriendRef; result: FriendProfile; kind: "friend"; role: "staff" };
  "listFriends": { params: ListFriends; result: FriendPage; kind: "friends"; role: "staff" };
  "setPrivateName": { params: SetPrivateName; result: FriendProfile; kind: "friend"; role: "staff" };
  "addNote": { params: AddNote; result: FriendProfile; kind: "friend"; role: "staff" };
  "updateNote": { params: UpdateNote; result: FriendProfile; kind: "friend"; role: "staff" };
  "deleteNote": { params: NoteRef; result: FriendProfile; kind: "friend"; role: "owner" };
  "listCustomFields": { params: AccountRef; result: Array<CustomField>; kind: "customFields"; role: "staff" };
  "saveCustomField": { params: SaveCustomField; result: Array<CustomField>; kind: "customFields"; role: "staff" };
  "deleteCustomField": { params: CustomFieldRef; result: Array<CustomField>; kind: "customFields"; role: "owner" };
  "setFieldValue": { params: SetFieldValue; result: FriendProfile; kind: "friend"; role: "staff" };
  "exportFriendsCsv": { params: AccountRef; result: CsvFile; kind: "csv"; role: "owner" };
  "importFriendsCsv": { params: ImportFriendsCsv; result: CsvImportResult; kind: "csvImport"; role: "staff" };
  "listTags": { params: AccountRef; result: Array<TagView>; kind: "tags"; role: "staff" };
  "saveTag": { params: SaveTag; result: TagView; kind: "tag"; role: "staff" };
  "deleteTag": { params: TagRef; result: void; kind: "ok"; role: "owner" };
  "tagFriends": { params: TagFriends; result: void; kind: "ok"; role: "staff" };
  "listTagRules": { params: AccountRef; result: Array<TagRule>; kind: "tagRules"; role: "staff" };
  "saveTagRule": { params: SaveTagRule; result: Array<TagRule>; kind: "tagRules"; role: "staff" };
  "deleteTagRule": { params: TagRuleRef; result: void; kind: "ok"; role: "owner" };
  "setConversationStatus": { params: SetConversationStatus; result: ConversationView; kind: "conversation"; role: "staff" };
  "getReplyTimeSettings": { params: undefined; result: ReplyTimeSettings; kind: "replyTimeSettings"; role: "staff" };
  "setReplyTimeSettings": { params: ReplyTimeSettings; result: ReplyTimeSettings; kind: "replyTimeSettings"; role: "staff" };
  "replyTimeReport": { params: ReplyTimeQuery; result: ReplyTimeReport; kind: "replyTimeReport"; role: "staff" };
  "getReservationSetup": { params: AccountRef; result: ReservationSetup; kind: "reservationSetup"; role: "staff" };
  "setReservationSettings": { params: SetReservationSettings; result: ReservationSettings; kind: "reservationSettings"; role: "staff" };
  "saveReservationMenu": { params: SaveMenu; result: Array<Menu>; kind: "reservationMenus"; role: "staff" };
  "removeReservationMenu": { params: ReservationItemRef; result: Array<Menu>; kind: "reservationMenus"; role: "owner" };
  "saveReservationStaff": { params: SaveStaff; result: Array<Staff>; kind: "reservationStaff"; role: "staff" };
  "removeReservationStaff": { params: ReservationItemRef; result: Array<Staff>; kind: "reservationStaff"; role: "owner" };
  "saveReservationResource": { params: SaveResource; result: Array<Resource>; kind: "reservationResources"; role: "staff" };
  "removeReservationResource": { params: ReservationItemRef; result: Array<Resource>; kind: "reservationResources"; role: "owner" };
  "listReservations": { params: ListReservations; result: Array<ReservationView>; kind: "reservations"; role: "staff" };
  "getReservation": { params: ReservationRef; result: ReservationView; kind: "reservation"; role: "staff" };
  "createReservation": { params: NewReservation; result: ReservationView; kind: "reservation"; role: "staff" };
  "moveReservation": { params: MoveReservation; result: ReservationView; kind: "reservation"; role: "staff" };
  "updateReservation": { params: UpdateReservation; result: ReservationView; kind: "reservation"; role: "staff" };
  "setReservationStatus": { params: SetReservationStatus; result: ReservationView; kind: "reservation"; role: "staff" };
  "cancelReservation": { params: ReservationRef; result: ReservationView; kind: "reservation"; role: "staff" };
  "reservationAvailability": { params: AvailabilityQuery; result: Availability; kind: "reservationAvailability"; role: "staff" };
  "friendReservations": { params: FriendReservationsQuery; result: FriendReservations; kind: "friendReservations"; role: "staff" };
  "findReservationFriends": { params: FindFriends; result: Array<FriendChoice>; kind: "friendChoices"; role: "staff" };
  "reservationOpenPeriods": { params: OpenPeriodsQuery; result: OpenPeriods; kind: "openPeriods"; role: "staff" };
  "getLineBookingSettings": { params: AccountRef; result: LineBookingSettings; kind: "lineBookingSettings"; role: "staff" };
  "setLineBookingSettings": { params: SetLineBookingSettings; result: LineBookingSettings; kind: "lineBookingSettings"; role: "staff" };
  "reminderCost": { params: AccountRef; result: ReminderCost; kind: "reminderCost"; role: "staff" };
  "exportReservations": { params: ExportReservations; result: ExportedFile; kind: "exportedFile"; role: "owner" };
  "reservationStaffCalendar": { params: StaffCalendar; result: ExportedFile; kind: "exportedFile"; role: "owner" };
  "listMembers": { params: undefined; result: Array<MemberView>; kind: "members"; role: "owner" };
  "addMember": { params: NewMember; result: MemberView; kind: "member"; role: "owner" };
  "updateMember": { params: UpdateMember; result: MemberView; kind: "member"; role: "owner" };
  "removeMember": { params: MemberRef; result: void; kind: "ok"; role: "owner" };
  "createPairingCode": { params: MemberRef; result: PairingCode; kind: "pairingCode"; role: "owner" };
  "listDevices": { params: undefined; result: Array<DeviceView>; kind: "devices"; role: "owner" };
  "revokeDevice": { params: DeviceRef; result: void; kind: "ok"; role: "owner" };
  "listSettingsHistory": { params: ListSettingsHistory; result: SettingsHistoryPage; kind: "settingsHistory"; role: "owner" };
};

/** Each method's answer kind, for the UI's `rpc` to check every answer against. */
export const METHOD_KINDS: { [M in keyof Methods]: Methods[M]["kind"] } = {
  "listAccounts": "accounts",
  "listConversations": "conversations",
  "getThread": "thread",
  "sendMessage": "sendAccepted",
  "getSendByKey": "sendStatus",
  "uploadMedia": "uploaded",
  "cancelSend": "ok",
  "retrySend": "ok",
  "markRead": "ok",
  "previewRoute": "routePreview",
  "ownerTyping": "typingShown",
  "listAssignees": "assignees",
  "assignConversation": "conversation",
  "reportTyping": "ok",
  "getAutoAssign": "autoAssign",
  "setAutoAssign": "autoAssign",
  "getMyNotifyScope": "notifyScope",
  "setMyNotifyScope": "notifyScope",
  "shouldNotify": "shouldNotify",
  "getQuota": "quota",
  "getBusinessHours": "businessHours",
  "setBusinessHours": "businessHours",
  "hoursStatus": "hoursStatus",
  "listKeywordRules": "keywordRules",
  "saveKeywordRules": "keywordRules",
  "getGreeting": "greeting",
  "setGreeting": "greeting",
  "getAwayReply": "awayReply",
  "setAwayReply": "awayReply",
  "testKeywordRule": "autoReplyTest",
  "getPhoneSettings": "phoneSettings",
  "setPhoneSettings": "phoneSettings",
  "buildCallButton": "lineMessage",
  "getNotificationSettings": "notificationSettings",
  "setNotificationSettings": "notificationSettings",
  "uiFocus": "ok",
  "getSendingSettings": "sendingSettings",
  "setSendingSettings": "sendingSettings",
  "getPaymentLinks": "paymentLinks",
  "setPaymentLinks": "paymentLinks",
  "getBackupStatus": "backupStatus",
  "setAutoBackup": "backupStatus",
  "backupNow": "backupStatus",
  "exportMessages": "exportDone",
  "getConnections": "connections",
  "connectAccount": "accountConnection",
  "setPublicBaseUrl": "connections",
  "connectWebhook": "webhookCheck",
  "testWebhook": "webhookCheck",
  "previewBroadcast": "broadcastPreview",
  "createBroadcast": "broadcast",
  "listBroadcasts": "broadcasts",
  "getBroadcast": "broadcastDetail",
  "cancelBroadcast": "broadcast",
  "listTagsForAudience": "audienceTags",
  "searchMessages": "searchResults",
  "searchNotes": "searchResults",
  "listTemplates": "templates",
  "saveTemplateFolder": "templates",
  "deleteTemplateFolder": "ok",
  "saveTemplate": "template",
  "deleteTemplate": "ok",
  "renderTemplate": "templateRendered",
  "sendTemplate": "sendAccepted",
  "getFriend": "friend",
  "listFriends": "friends",
  "setPrivateName": "friend",
  "addNote": "friend",
  "updateNote": "friend",
  "deleteNote": "friend",
  "listCustomFields": "customFields",
  "saveCustomField": "customFields",
  "deleteCustomField": "customFields",
  "setFieldValue": "friend",
  "exportFriendsCsv": "csv",
  "importFriendsCsv": "csvImport",
  "listTags": "tags",
  "saveTag": "tag",
  "deleteTag": "ok",
  "tagFriends": "ok",
  "listTagRules": "tagRules",
  "saveTagRule": "tagRules",
  "deleteTagRule": "ok",
  "setConversationStatus": "conversation",
  "getReplyTimeSettings": "replyTimeSettings",
  "setReplyTimeSettings": "replyTimeSettings",
  "replyTimeReport": "replyTimeReport",
  "getReservationSetup": "reservationSetup",
  "setReservationSettings": "reservationSettings",
  "saveReservationMenu": "reservationMenus",
  "removeReservationMenu": "reservationMenus",
  "saveReservationStaff": "reservationStaff",
  "removeReservationStaff": "reservationStaff",
  "saveReservationResource": "reservationResources",
  "removeReservationResource": "reservationResources",
  "listReservations": "reservations",
  "getReservation": "reservation",
  "createReservation": "reservation",
  "moveReservation": "reservation",
  "updateReservation": "reservation",
  "setReservationStatus": "reservation",
  "cancelReservation": "reservation",
  "reservationAvailability": "reservationAvailability",
  "friendReservations": "friendReservations",
  "findReservationFriends": "friendChoices",
  "reservationOpenPeriods": "openPeriods",
  "getLineBookingSettings": "lineBookingSettings",
  "setLineBookingSettings": "lineBookingSettings",
  "reminderCost": "reminderCost",
  "exportReservations": "exportedFile",
  "reservationStaffCalendar": "exportedFile",
  "listMembers": "members",
  "addMember": "member",
  "updateMember": "member",
  "removeMember": "ok",
  "createPairingCode": "pairingCode",
  "listDevices": "devices",
  "revokeDevice": "ok",
  "listSettingsHistory": "settingsHistory",
};

/** Each method's role, for the UI to show only what the signed-in member may call. */
export const METHOD_ROLES: { [M in keyof Methods]: Methods[M]["role"] } = {
  "listAccounts": "staff",
  "listConversations": "staff",
  "getThread": "staff",
  "sendMessage": "staff",
  "getSendByKey": "staff",
  "uploadMedia": "staff",
  "cancelSend": "staff",
  "retrySend": "staff",
  "markRead": "staff",
  "previewRoute": "staff",
  "ownerTyping": "staff",
  "listAssignees": "staff",
  "assignConversation": "staff",
  "reportTyping": "staff",
  "getAutoAssign": "owner",
  "setAutoAssign": "owner",
  "getMyNotifyScope": "staff",
  "setMyNotifyScope": "staff",
  "shouldNotify": "staff",
  "getQuota": "staff",
  "getBusinessHours": "staff",
  "setBusinessHours": "staff",
  "hoursStatus": "staff",
  "listKeywordRules": "staff",
  "saveKeywordRules": "staff",
  "getGreeting": "staff",
  "setGreeting": "staff",
  "getAwayReply": "staff",
  "setAwayReply": "staff",
  "testKeywordRule": "staff",
  "getPhoneSettings": "staff",
  "setPhoneSettings": "staff",
  "buildCallButton": "staff",
  "getNotificationSettings": "staff",
  "setNotificationSettings": "staff",
  "uiFocus": "staff",
  "getSendingSettings": "staff",
  "setSendingSettings": "staff",
  "getPaymentLinks": "staff",
  "setPaymentLinks": "owner",
  "getBackupStatus": "owner",
  "setAutoBackup": "owner",
  "backupNow": "owner",
  "exportMessages": "owner",
  "getConnections": "owner",
  "connectAccount": "owner",
  "setPublicBaseUrl": "owner",
  "connectWebhook": "owner",
  "testWebhook": "owner",
  "previewBroadcast": "staff",
  "createBroadcast": "staff",
  "listBroadcasts": "staff",
  "getBroadcast": "staff",
  "cancelBroadcast": "staff",
  "listTagsForAudience": "staff",
  "searchMessages": "staff",
  "searchNotes": "staff",
  "listTemplates": "staff",
  "saveTemplateFolder": "staff",
  "deleteTemplateFolder": "owner",
  "saveTemplate": "staff",
  "deleteTemplate": "owner",
  "renderTemplate": "staff",
  "sendTemplate": "staff",
  "getFriend": "staff",
  "listFriends": "staff",
  "setPrivateName": "staff",
  "addNote": "staff",
  "updateNote": "staff",
  "deleteNote": "owner",
  "listCustomFields": "staff",
  "saveCustomField": "staff",
  "deleteCustomField": "owner",
  "setFieldValue": "staff",
  "exportFriendsCsv": "owner",
  "importFriendsCsv": "staff",
  "listTags": "staff",
  "saveTag": "staff",
  "deleteTag": "owner",
  "tagFriends": "staff",
  "listTagRules": "staff",
  "saveTagRule": "staff",
  "deleteTagRule": "owner",
  "setConversationStatus": "staff",
  "getReplyTimeSettings": "staff",
  "setReplyTimeSettings": "staff",
  "replyTimeReport": "staff",
  "getReservationSetup": "staff",
  "setReservationSettings": "staff",
  "saveReservationMenu": "staff",
  "removeReservationMenu": "owner",
  "saveReservationStaff": "staff",
  "removeReservationStaff": "owner",
  "saveReservationResource": "staff",
  "removeReservationResource": "owner",
  "listReservations": "staff",
  "getReservation": "staff",
  "createReservation": "staff",
  "moveReservation": "staff",
  "updateReservation": "staff",
  "setReservationStatus": "staff",
  "cancelReservation": "staff",
  "reservationAvailability": "staff",
  "friendReservations": "staff",
  "findReservationFriends": "staff",
  "reservationOpenPeriods": "staff",
  "getLineBookingSettings": "staff",
  "setLineBookingSettings": "staff",
  "reminderCost": "staff",
  "exportReservations": "owner",
  "reservationStaffCalendar": "owner",
  "listMembers": "owner",
  "addMember": "owner",
  "updateMember": "owner",
  "removeMember": "owner",
  "createPairingCode": "owner",
  "listDevices": "owner",
  "revokeDevice": "owner",
  "listSettingsHistory": "owner",
};
