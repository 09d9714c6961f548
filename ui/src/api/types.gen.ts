// Generated from the Rust API types (src-tauri/crates/core/src/api). Do not edit:
// run `UPDATE_TS=1 cargo test -p madoguchi-core typescript` instead.

export type Request = { "method": "listAccounts" } | { "method": "listConversations", "params": ListConversations } | { "method": "getThread", "params": GetThread } | { "method": "sendMessage", "params": SendMessage } | { "method": "cancelSend", "params": OutboxRef } | { "method": "retrySend", "params": OutboxRef } | { "method": "markRead", "params": ConversationRef } | { "method": "previewRoute", "params": ConversationRef } | { "method": "getQuota", "params": AccountRef } | { "method": "getBusinessHours", "params": AccountRef } | { "method": "setBusinessHours", "params": SetBusinessHours } | { "method": "hoursStatus", "params": AccountRef } | { "method": "listKeywordRules", "params": AccountRef } | { "method": "saveKeywordRules", "params": SaveKeywordRules } | { "method": "getGreeting", "params": AccountRef } | { "method": "setGreeting", "params": SetGreeting } | { "method": "getAwayReply", "params": AccountRef } | { "method": "setAwayReply", "params": SetAwayReply } | { "method": "testKeywordRule", "params": TestKeywordRule } | { "method": "getPhoneSettings", "params": AccountRef } | { "method": "setPhoneSettings", "params": SetPhoneSettings } | { "method": "buildCallButton", "params": AccountRef } | { "method": "getNotificationSettings" } | { "method": "setNotificationSettings", "params": NotificationSettings } | { "method": "uiFocus", "params": UiFocus } | { "method": "getReservationSetup", "params": AccountRef } | { "method": "setReservationSettings", "params": SetReservationSettings } | { "method": "saveReservationMenu", "params": SaveMenu } | { "method": "removeReservationMenu", "params": ReservationItemRef } | { "method": "saveReservationStaff", "params": SaveStaff } | { "method": "removeReservationStaff", "params": ReservationItemRef } | { "method": "saveReservationResource", "params": SaveResource } | { "method": "removeReservationResource", "params": ReservationItemRef } | { "method": "listReservations", "params": ListReservations } | { "method": "getReservation", "params": ReservationRef } | { "method": "createReservation", "params": NewReservation } | { "method": "moveReservation", "params": MoveReservation } | { "method": "updateReservation", "params": UpdateReservation } | { "method": "setReservationStatus", "params": SetReservationStatus } | { "method": "cancelReservation", "params": ReservationRef } | { "method": "reservationAvailability", "params": AvailabilityQuery } | { "method": "friendReservations", "params": FriendReservationsQuery } | { "method": "findReservationFriends", "params": FindFriends } | { "method": "getLineBookingSettings", "params": AccountRef } | { "method": "setLineBookingSettings", "params": SetLineBookingSettings } | { "method": "reminderCost", "params": AccountRef } | { "method": "exportReservations", "params": ExportReservations } | { "method": "reservationStaffCalendar", "params": StaffCalendar };

export type Response = { "kind": "accounts", "data": Array<AccountView> } | { "kind": "conversations", "data": ConversationPage } | { "kind": "thread", "data": ThreadPage } | { "kind": "sendAccepted", "data": SendAccepted } | { "kind": "routePreview", "data": RoutePreview } | { "kind": "quota", "data": QuotaView } | { "kind": "businessHours", "data": BusinessHoursView } | { "kind": "hoursStatus", "data": HoursStatus } | { "kind": "keywordRules", "data": Array<KeywordRule> } | { "kind": "greeting", "data": GreetingSettings } | { "kind": "awayReply", "data": AwayReplySettings } | { "kind": "autoReplyTest", "data": AutoReplyTest } | { "kind": "phoneSettings", "data": PhoneSettingsView } | { "kind": "lineMessage", "data": LineMessageView } | { "kind": "notificationSettings", "data": NotificationSettings } | { "kind": "reservationSetup", "data": ReservationSetup } | { "kind": "reservationSettings", "data": ReservationSettings } | { "kind": "reservationMenus", "data": Array<Menu> } | { "kind": "reservationStaff", "data": Array<Staff> } | { "kind": "reservationResources", "data": Array<Resource> } | { "kind": "reservations", "data": Array<ReservationView> } | { "kind": "reservation", "data": ReservationView } | { "kind": "reservationAvailability", "data": Availability } | { "kind": "friendReservations", "data": FriendReservations } | { "kind": "friendChoices", "data": Array<FriendChoice> } | { "kind": "lineBookingSettings", "data": LineBookingSettings } | { "kind": "reminderCost", "data": ReminderCost } | { "kind": "exportedFile", "data": ExportedFile } | { "kind": "ok" };

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
before: number | null, limit: number | null, };

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

export type SetReservationSettings = { accountId: number, settings: ReservationSettings, };

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

export type SaveMenu = { accountId: number, 
/**
 * id 0 = a new menu.
 */
menu: Menu, };

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

export type SaveStaff = { accountId: number, 
/**
 * id 0 = a new staff member.
 */
staff: Staff, };

export type Resource = { id: number, name: string, kind: string, 
/**
 * Seats: the party sizes of bookings at the same time add up to at most this.
 */
capacity: number, };

export type SaveResource = { accountId: number, 
/**
 * id 0 = a new resource.
 */
resource: Resource, };

export type ReservationItemRef = { accountId: number, id: number, };

export type ReservationSetup = { settings: ReservationSettings, menus: Array<Menu>, staff: Array<Staff>, resources: Array<Resource>, timeZone: string, };

export type ReservationStatus = "tentative" | "confirmed" | "arrived" | "completed" | "cancelled" | "noShow";

export type ReservationSource = "owner" | "line" | "phone" | "walkIn";

export type BookedMenu = { menuId: number, name: string, durationMinutes: number, priceYen: number, };

export type ReservationView = { id: number, accountId: number, friendId: number | null, 
/**
 * The friend's LINE display name, or the walk-in / phone customer's name.
 */
customerName: string, customerPhone: string | null, menus: Array<BookedMenu>, staffId: number | null, staffName: string | null, resourceId: number | null, resourceName: string | null, 
/**
 * Epoch ms.
 */
start: number, end: number, bufferMinutes: number, partySize: number, status: ReservationStatus, notes: string, source: ReservationSource, createdAt: number, updatedAt: number, };

export type Customer = { "kind": "friend", friendId: number, } | { "kind": "guest", name: string, phone: string | null, };

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

export type MoveReservation = { reservationId: number, start: number, end: number | null, 
/**
 * Absent = keep; null inside `Some` is not used: give the id to change it.
 */
staffId: number | null, resourceId: number | null, };

export type UpdateReservation = { reservationId: number, partySize: number, notes: string, 
/**
 * Only for walk-in / phone customers.
 */
customerName: string | null, customerPhone: string | null, };

export type SetReservationStatus = { reservationId: number, status: ReservationStatus, };

export type ReservationRef = { reservationId: number, };

export type ListReservations = { accountId: number, 
/**
 * Epoch ms; bookings overlapping [from, to).
 */
from: number, to: number, staffId: number | null, 
/**
 * Cancelled and no-show bookings too.
 */
includeInactive: boolean, };

export type FriendReservationsQuery = { friendId: number, };

export type FriendReservations = { 
/**
 * Soonest first.
 */
upcoming: Array<ReservationView>, 
/**
 * Most recent first (at most 50).
 */
past: Array<ReservationView>, noShowCount: number, };

export type FindFriends = { accountId: number, query: string, };

export type FriendChoice = { friendId: number, displayName: string | null, pictureUrl: string | null, };

export type AvailabilityQuery = { accountId: number, menuIds: number[], staffId: number | null, partySize: number, 
/**
 * "2026-12-24" for one day, or "2026-12" for the whole month (shop's calendar).
 */
date: string, 
/**
 * Ignore the minimum notice and the booking window (the owner booking by hand).
 */
asOwner: boolean, };

export type Slot = { start: number, end: number, staffId: number | null, resourceId: number | null, };

export type DaySlots = { date: string, slots: Array<Slot>, };

export type Availability = { timeZone: string, days: Array<DaySlots>, };

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

export type SetLineBookingSettings = { accountId: number, settings: LineBookingSettings, };

export type ReminderCost = { 
/**
 * Pushes already queued this calendar month (shop time) for reservations.
 */
sentThisMonth: number, 
/**
 * Pushes still due before the month ends, for the bookings that exist now.
 */
scheduledThisMonth: number, };

export type ExportFormat = "ics" | "csv";

export type ExportReservations = { accountId: number, 
/**
 * First and last day, inclusive ("2026-12-01", "2026-12-31"; shop's calendar).
 */
from: string, to: string, 
/**
 * Only this staff member's bookings.
 */
staffId: number | null, format: ExportFormat, };

export type StaffCalendar = { accountId: number, staffId: number, };

export type ExportedFile = { fileName: string, mimeType: string, content: string, };

