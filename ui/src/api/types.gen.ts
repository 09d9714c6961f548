// Generated from the Rust API types (src-tauri/crates/core/src/api). Do not edit:
// run `UPDATE_TS=1 cargo test -p madoguchi-core typescript` instead.

export type Request = { "method": "listAccounts" } | { "method": "listConversations", "params": ListConversations } | { "method": "getThread", "params": GetThread } | { "method": "sendMessage", "params": SendMessage } | { "method": "cancelSend", "params": OutboxRef } | { "method": "retrySend", "params": OutboxRef } | { "method": "markRead", "params": ConversationRef } | { "method": "previewRoute", "params": ConversationRef } | { "method": "getQuota", "params": AccountRef } | { "method": "getBusinessHours", "params": AccountRef } | { "method": "setBusinessHours", "params": SetBusinessHours } | { "method": "hoursStatus", "params": AccountRef } | { "method": "listKeywordRules", "params": AccountRef } | { "method": "saveKeywordRules", "params": SaveKeywordRules } | { "method": "getGreeting", "params": AccountRef } | { "method": "setGreeting", "params": SetGreeting } | { "method": "getAwayReply", "params": AccountRef } | { "method": "setAwayReply", "params": SetAwayReply } | { "method": "testKeywordRule", "params": TestKeywordRule } | { "method": "getPhoneSettings", "params": AccountRef } | { "method": "setPhoneSettings", "params": SetPhoneSettings } | { "method": "buildCallButton", "params": AccountRef } | { "method": "getNotificationSettings" } | { "method": "setNotificationSettings", "params": NotificationSettings } | { "method": "uiFocus", "params": UiFocus } | { "method": "searchMessages", "params": SearchQuery } | { "method": "searchNotes", "params": SearchQuery } | { "method": "listTemplates", "params": AccountRef } | { "method": "saveTemplateFolder", "params": SaveTemplateFolder } | { "method": "deleteTemplateFolder", "params": TemplateFolderRef } | { "method": "saveTemplate", "params": SaveTemplate } | { "method": "deleteTemplate", "params": TemplateRef } | { "method": "renderTemplate", "params": UseTemplate } | { "method": "sendTemplate", "params": UseTemplate };

export type Response = { "kind": "accounts", "data": Array<AccountView> } | { "kind": "conversations", "data": ConversationPage } | { "kind": "thread", "data": ThreadPage } | { "kind": "sendAccepted", "data": SendAccepted } | { "kind": "routePreview", "data": RoutePreview } | { "kind": "quota", "data": QuotaView } | { "kind": "businessHours", "data": BusinessHoursView } | { "kind": "hoursStatus", "data": HoursStatus } | { "kind": "keywordRules", "data": Array<KeywordRule> } | { "kind": "greeting", "data": GreetingSettings } | { "kind": "awayReply", "data": AwayReplySettings } | { "kind": "autoReplyTest", "data": AutoReplyTest } | { "kind": "phoneSettings", "data": PhoneSettingsView } | { "kind": "lineMessage", "data": LineMessageView } | { "kind": "notificationSettings", "data": NotificationSettings } | { "kind": "searchResults", "data": SearchPage } | { "kind": "templates", "data": TemplateLibrary } | { "kind": "template", "data": TemplateView } | { "kind": "templateRendered", "data": RenderedTemplate } | { "kind": "ok" };

export type ApiError = { code: string, message: string, messageJa: string, };

export type CoreEvent = { "type": "messageArrived", conversationId: number, messageId: number, } | { "type": "messageStatusChanged", conversationId: number, messageId: number, status: MessageStatus, error: string | null, } | { "type": "conversationUpdated", conversationId: number, } | { "type": "callRequested", conversationId: number, };

export type AccountView = { id: number, name: string, botUserId: string | null, basicId: string | null, };

export type ListConversations = { accountId: number | null, filter: ConversationFilter, 
/**
 * Opaque cursor from the previous page's `nextCursor`.
 */
before: string | null, limit: number | null, };

export type ConversationFilter = "all" | "unread";

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

export type SendMessage = { conversationId: number, content: OutgoingContent, };

export type OutgoingContent = { "type": "text", text: string, } | { "type": "sticker", packageId: string, stickerId: string, } | { "type": "image", path: string, } | { "type": "video", path: string, previewPath: string | null, } | { "type": "callButton" } | { "type": "paymentLink", url: string, amountYen: number, label: string, };

export type OutboxRef = { outboxId: number, };

export type ConversationRef = { conversationId: number, };

export type AccountRef = { accountId: number, };

export type FriendView = { id: number, lineUserId: string, displayName: string | null, pictureUrl: string | null, followed: boolean, };

export type ConversationStatus = "open" | "needsAction" | "resolved";

export type ConversationView = { id: number, accountId: number, friend: FriendView, lastPreview: string | null, lastKind: string | null, lastDirection: Direction | null, lastMessageAt: number | null, unreadCount: number, status: ConversationStatus, pinned: boolean, };

export type ConversationPage = { items: Array<ConversationView>, nextCursor: string | null, };

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

export type Highlight = { start: number, end: number, };

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

export type TemplateBubble = { "type": "text", text: string, } | { "type": "image", path: string, } | { "type": "sticker", packageId: string, stickerId: string, };

export type TemplateFolder = { id: number, name: string, };

export type TemplateView = { id: number, folderId: number | null, title: string, bubbles: Array<TemplateBubble>, 
/**
 * Fill-in prompts (`{?…}`) the owner is asked for before sending, in order.
 */
prompts: Array<string>, updatedAt: number, };

export type PlaceholderKind = "friend" | "shop" | "field" | "reservation" | "prompt";

export type PlaceholderInfo = { 
/**
 * As written in a template, braces included, e.g. `{名前}`.
 */
token: string, kind: PlaceholderKind, 
/**
 * False when it cannot be filled yet (next reservation before reservations exist).
 */
available: boolean, };

export type TemplateLibrary = { folders: Array<TemplateFolder>, templates: Array<TemplateView>, placeholders: Array<PlaceholderInfo>, };

export type SaveTemplateFolder = { accountId: number, 
/**
 * null = a new folder.
 */
id: number | null, name: string, };

export type TemplateFolderRef = { folderId: number, };

export type SaveTemplate = { accountId: number, 
/**
 * null = a new template.
 */
id: number | null, folderId: number | null, title: string, bubbles: Array<TemplateBubble>, };

export type TemplateRef = { templateId: number, };

export type UseTemplate = { templateId: number, conversationId: number, 
/**
 * Values the owner typed, by `MissingValue.key`.
 */
answers: { [key in string]: string }, };

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

export type RenderedTemplate = { 
/**
 * Exactly what would be sent; empty while anything is missing.
 */
bubbles: Array<OutgoingContent>, 
/**
 * Values to ask the owner for before it can be sent.
 */
missing: Array<MissingValue>, };

