// Generated from the Rust API types (src-tauri/crates/core/src/api). Do not edit:
// run `UPDATE_TS=1 cargo test -p madoguchi-core typescript` instead.

export type Request = { "method": "listAccounts" } | { "method": "listConversations", "params": ListConversations } | { "method": "getThread", "params": GetThread } | { "method": "sendMessage", "params": SendMessage } | { "method": "cancelSend", "params": OutboxRef } | { "method": "retrySend", "params": OutboxRef } | { "method": "markRead", "params": ConversationRef } | { "method": "previewRoute", "params": ConversationRef } | { "method": "getQuota", "params": AccountRef };

export type Response = { "kind": "accounts", "data": Array<AccountView> } | { "kind": "conversations", "data": ConversationPage } | { "kind": "thread", "data": ThreadPage } | { "kind": "sendAccepted", "data": SendAccepted } | { "kind": "routePreview", "data": RoutePreview } | { "kind": "quota", "data": QuotaView } | { "kind": "ok" };

export type ApiError = { code: string, message: string, messageJa: string, };

export type CoreEvent = { "type": "messageArrived", conversationId: number, messageId: number, } | { "type": "messageStatusChanged", conversationId: number, messageId: number, status: MessageStatus, error: string | null, } | { "type": "conversationUpdated", conversationId: number, };

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

export type OutgoingContent = { "type": "text", text: string, } | { "type": "sticker", packageId: string, stickerId: string, } | { "type": "image", path: string, } | { "type": "video", path: string, previewPath: string | null, };

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

