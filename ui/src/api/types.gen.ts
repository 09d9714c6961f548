// Generated from the Rust API types (src-tauri/crates/core/src/api). Do not edit:
// run `UPDATE_TS=1 cargo test -p madoguchi-core typescript` instead.

export type Request = { "method": "listAccounts" } | { "method": "listConversations", "params": ListConversations } | { "method": "getThread", "params": GetThread } | { "method": "sendMessage", "params": SendMessage } | { "method": "cancelSend", "params": OutboxRef } | { "method": "retrySend", "params": OutboxRef } | { "method": "markRead", "params": ConversationRef } | { "method": "previewRoute", "params": ConversationRef } | { "method": "getQuota", "params": AccountRef } | { "method": "getBusinessHours", "params": AccountRef } | { "method": "setBusinessHours", "params": SetBusinessHours } | { "method": "hoursStatus", "params": AccountRef } | { "method": "listKeywordRules", "params": AccountRef } | { "method": "saveKeywordRules", "params": SaveKeywordRules } | { "method": "getGreeting", "params": AccountRef } | { "method": "setGreeting", "params": SetGreeting } | { "method": "getAwayReply", "params": AccountRef } | { "method": "setAwayReply", "params": SetAwayReply } | { "method": "testKeywordRule", "params": TestKeywordRule } | { "method": "getPhoneSettings", "params": AccountRef } | { "method": "setPhoneSettings", "params": SetPhoneSettings } | { "method": "buildCallButton", "params": AccountRef } | { "method": "getNotificationSettings" } | { "method": "setNotificationSettings", "params": NotificationSettings } | { "method": "uiFocus", "params": UiFocus } | { "method": "getFriend", "params": FriendRef } | { "method": "listFriends", "params": ListFriends } | { "method": "setPrivateName", "params": SetPrivateName } | { "method": "addNote", "params": AddNote } | { "method": "updateNote", "params": UpdateNote } | { "method": "deleteNote", "params": NoteRef } | { "method": "listCustomFields", "params": AccountRef } | { "method": "saveCustomField", "params": SaveCustomField } | { "method": "deleteCustomField", "params": CustomFieldRef } | { "method": "setFieldValue", "params": SetFieldValue } | { "method": "exportFriendsCsv", "params": AccountRef } | { "method": "importFriendsCsv", "params": ImportFriendsCsv } | { "method": "listTags", "params": AccountRef } | { "method": "saveTag", "params": SaveTag } | { "method": "deleteTag", "params": TagRef } | { "method": "tagFriends", "params": TagFriends } | { "method": "listTagRules", "params": AccountRef } | { "method": "saveTagRule", "params": SaveTagRule } | { "method": "deleteTagRule", "params": TagRuleRef } | { "method": "setConversationStatus", "params": SetConversationStatus } | { "method": "getReplyTimeSettings" } | { "method": "setReplyTimeSettings", "params": ReplyTimeSettings } | { "method": "replyTimeReport", "params": ReplyTimeQuery };

export type Response = { "kind": "accounts", "data": Array<AccountView> } | { "kind": "conversations", "data": ConversationPage } | { "kind": "thread", "data": ThreadPage } | { "kind": "sendAccepted", "data": SendAccepted } | { "kind": "routePreview", "data": RoutePreview } | { "kind": "quota", "data": QuotaView } | { "kind": "businessHours", "data": BusinessHoursView } | { "kind": "hoursStatus", "data": HoursStatus } | { "kind": "keywordRules", "data": Array<KeywordRule> } | { "kind": "greeting", "data": GreetingSettings } | { "kind": "awayReply", "data": AwayReplySettings } | { "kind": "autoReplyTest", "data": AutoReplyTest } | { "kind": "phoneSettings", "data": PhoneSettingsView } | { "kind": "lineMessage", "data": LineMessageView } | { "kind": "notificationSettings", "data": NotificationSettings } | { "kind": "friend", "data": FriendProfile } | { "kind": "friends", "data": FriendPage } | { "kind": "customFields", "data": Array<CustomField> } | { "kind": "csv", "data": CsvFile } | { "kind": "csvImport", "data": CsvImportResult } | { "kind": "tags", "data": Array<TagView> } | { "kind": "tag", "data": TagView } | { "kind": "tagRules", "data": Array<TagRule> } | { "kind": "conversation", "data": ConversationView } | { "kind": "replyTimeSettings", "data": ReplyTimeSettings } | { "kind": "replyTimeReport", "data": ReplyTimeReport } | { "kind": "ok" };

export type ApiError = { code: string, message: string, messageJa: string, };

export type CoreEvent = { "type": "messageArrived", conversationId: number, messageId: number, } | { "type": "messageStatusChanged", conversationId: number, messageId: number, status: MessageStatus, error: string | null, } | { "type": "conversationUpdated", conversationId: number, } | { "type": "callRequested", conversationId: number, };

export type AccountView = { id: number, name: string, botUserId: string | null, basicId: string | null, };

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
sort?: ConversationSort | null, };

export type ConversationFilter = "all" | "unread" | "needsAction" | "resolved";

export type GetThread = { conversationId: number, 
/**
 * Page backwards from this message id (exclusive).
 */
before: number | null, limit: number | null, };

export type SendMessage = { conversationId: number, content: OutgoingContent, };

export type OutgoingContent = { "type": "text", text: string, } | { "type": "sticker", packageId: string, stickerId: string, } | { "type": "image", path: string, } | { "type": "video", path: string, previewPath: string | null, } | { "type": "callButton" } | { "type": "paymentLink", url: string, amountYen: number, label: string, };

export type OutboxRef = { outboxId: number, };

export type ConversationRef = { conversationId: number, };

export type AccountRef = { accountId: number, };

export type FriendView = { id: number, lineUserId: string, displayName: string | null, pictureUrl: string | null, followed: boolean, 
/**
 * The shop's own name for the friend (customers).
 */
privateName: string | null, };

export type ConversationStatus = "open" | "needsAction" | "resolved";

export type ConversationView = { id: number, accountId: number, friend: FriendView, lastPreview: string | null, lastKind: string | null, lastDirection: Direction | null, lastMessageAt: number | null, unreadCount: number, status: ConversationStatus, pinned: boolean, 
/**
 * Since when the customer has waited for an answer; null when nobody waits.
 */
waitingSince: number | null, tagIds: number[], };

export type ConversationPage = { items: Array<ConversationView>, nextCursor: string | null, 
/**
 * A wait longer than this is overdue (the reply-time setting).
 */
waitLimitMs: number, };

export type Direction = "in" | "out";

export type MessageStatus = "received" | "pending" | "sending" | "sent" | "failed" | "cancelled";

export type Route = "reply" | "push" | "multicast";

export type MessageView = { id: number, conversationId: number, direction: Direction, kind: string, text: string | null, payload: unknown, createdAt: number, status: MessageStatus, error: string | null, 
/**
 * Where the UI can load this message's media (served by the app), when it has any.
 */
mediaUrl: string | null, unsent: boolean, outboxId: number | null, route: Route | null, };

export type ThreadPage = { conversation: ConversationView, 
/**
 * Oldest first.
 */
messages: Array<MessageView>, hasMore: boolean, };

export type SendAccepted = { outboxId: number, messageId: number, route: Route, 
/**
 * When the sender may take it: the end of the undo window.
 */
sendAt: number, };

export type RoutePreview = { route: Route, 
/**
 * While a free reply is possible: until when.
 */
replyExpiresAt: number | null, };

export type QuotaView = { 
/**
 * None = no limit on this plan.
 */
limit: number | null, used: number, };

export type PeriodView = { start: string, end: string, };

export type HolidayRuleView = { "kind": "closed" } | { "kind": "open" } | { "kind": "special", periods: Array<PeriodView>, };

export type DayRuleView = { "kind": "closed" } | { "kind": "periods", periods: Array<PeriodView>, };

export type DayOverride = { date: string, rule: DayRuleView, note: string | null, };

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

export type SetBusinessHours = { accountId: number, hours: BusinessHours, };

export type HoursStatus = { 
/**
 * False until the owner saves business hours; while false, `open` is true and no away reply is sent.
 */
configured: boolean, open: boolean, 
/**
 * Epoch ms of the next opening (when open: the one after the current stretch).
 */
nextOpening: number | null, timeZone: string, };

export type MatchKind = "exact" | "contains" | "startsWith";

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

export type SaveKeywordRules = { accountId: number, rules: Array<KeywordRuleInput>, };

export type GreetingSettings = { enabled: boolean, followText: string, 
/**
 * Sent instead when a friend unblocks; null = the follow text.
 */
unblockText: string | null, };

export type SetGreeting = { accountId: number, greeting: GreetingSettings, };

export type AwayReplySettings = { enabled: boolean, text: string, };

export type SetAwayReply = { accountId: number, away: AwayReplySettings, };

export type TestKeywordRule = { accountId: number, text: string, at: number | null, 
/**
 * Fills `{名前}`; default 〇〇.
 */
displayName: string | null, };

export type AutoReplyTest = { "kind": "keyword", ruleId: number, 
/**
 * 0-based place in the list.
 */
position: number, messages: Array<Record<string, unknown>>, } | { "kind": "away", messages: Array<Record<string, unknown>>, nextOpening: number | null, } | { "kind": "none" };

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

export type SetPhoneSettings = { accountId: number, phone: PhoneSettings, };

export type LineMessageView = { message: Record<string, unknown>, };

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

export type QuietHours = { 
/**
 * "HH:MM", inclusive.
 */
start: string, 
/**
 * "HH:MM", exclusive; earlier than `start` = spans midnight.
 */
end: string, };

export type UiFocus = { focused: boolean, openConversationId: number | null, };

export type ConversationSort = "recent" | "waiting";

export type TagExpr = { all: number[], any: number[], none: number[], };

export type FriendRef = { friendId: number, };

export type FriendProfile = { id: number, accountId: number, conversationId: number | null, lineUserId: string, displayName: string | null, pictureUrl: string | null, statusMessage: string | null, 
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

export type FriendNote = { id: number, body: string, createdAt: number, updatedAt: number, };

export type FieldValue = { fieldId: number, value: string, };

export type SetPrivateName = { friendId: number, 
/**
 * Empty or null clears it.
 */
privateName: string | null, };

export type AddNote = { friendId: number, body: string, };

export type UpdateNote = { noteId: number, body: string, };

export type NoteRef = { noteId: number, };

export type FieldKind = "text" | "number" | "date" | "choice" | "checkbox";

export type CustomField = { id: number, accountId: number, name: string, kind: FieldKind, 
/**
 * The choices of a `choice` field.
 */
options: Array<string>, };

export type SaveCustomField = { accountId: number, id: number | null, name: string, kind: FieldKind, options: Array<string>, };

export type CustomFieldRef = { fieldId: number, };

export type SetFieldValue = { friendId: number, fieldId: number, 
/**
 * Null or empty clears it. Number as typed, date `YYYY-MM-DD`, checkbox `true`/`false`.
 */
value: string | null, };

export type ListFriends = { accountId: number, 
/**
 * Part of the LINE name or the private name.
 */
query: string | null, tags: TagExpr | null, offset: number | null, limit: number | null, };

export type FriendSummary = { id: number, conversationId: number | null, lineUserId: string, displayName: string | null, privateName: string | null, pictureUrl: string | null, followed: boolean, lastContactAt: number, tagIds: number[], };

export type FriendPage = { items: Array<FriendSummary>, 
/**
 * How many friends match in all.
 */
total: number, };

export type CsvFile = { fileName: string, 
/**
 * UTF-8 with a byte-order mark, CRLF line ends: what Excel on Windows opens as Japanese.
 */
content: string, };

export type ImportFriendsCsv = { accountId: number, content: string, };

export type CsvRowError = { 
/**
 * 1-based line in the file (the header is line 1).
 */
line: number, column: string | null, message: string, messageJa: string, };

export type CsvImportResult = { friends: number, createdFriends: number, createdTags: number, errors: Array<CsvRowError>, };

export type TagView = { id: number, accountId: number, name: string, 
/**
 * `#rrggbb`
 */
color: string, 
/**
 * How many friends carry it.
 */
friendCount: number, };

export type SaveTag = { accountId: number, id: number | null, name: string, color: string, };

export type TagRef = { tagId: number, };

export type TagFriends = { tagId: number, friendIds: number[], add: boolean, };

export type TagTrigger = "follow" | "keyword" | "postback" | "reservationMade" | "reservationCancelled";

export type TagMatch = "exact" | "contains";

export type TagRule = { id: number, accountId: number, tagId: number, trigger: TagTrigger, matchKind: TagMatch, 
/**
 * The keyword (keyword rules) or the postback data (postback rules); empty otherwise.
 */
pattern: string, enabled: boolean, };

export type SaveTagRule = { accountId: number, id: number | null, tagId: number, trigger: TagTrigger, matchKind: TagMatch, pattern: string, enabled: boolean, };

export type TagRuleRef = { ruleId: number, };

export type SetConversationStatus = { conversationId: number, status: ConversationStatus, };

export type ReplyTimeSettings = { 
/**
 * A chat waiting longer than this is highlighted (default 24).
 */
waitLimitHours: number, };

export type ReportBucket = "day" | "week";

export type ReplyTimeQuery = { accountId: number, bucket: ReportBucket, 
/**
 * How many days back from today (shop time), today included; default 14, at most 366.
 */
days: number | null, };

export type ReplyTimeRow = { 
/**
 * `YYYY-MM-DD` of the day, or of the week's Monday.
 */
start: string, count: number, medianMs: number, averageMs: number, };

export type ReplyTimeReport = { bucket: ReportBucket, rows: Array<ReplyTimeRow>, 
/**
 * Chats waiting now, and how many of them longer than the limit.
 */
waiting: number, overLimit: number, };

