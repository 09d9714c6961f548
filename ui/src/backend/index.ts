/**
 * The one backend module. Everything in the UI talks to the app through `Backend`;
 * which transport carries it is decided once, here.
 */
import type {
  AccountView,
  AssigneeFilter,
  ConversationFilter,
  ConversationPage,
  ConversationSort,
  NotificationSettings,
  OutgoingContent,
  QuotaView,
  RoutePreview,
  SendAccepted,
  SendStatus,
  TagExpr,
  ThreadPage,
} from "../api/types.gen";
import { createHttpBackend } from "./http";
import { createTauriBackend } from "./tauri";
import { takeToken } from "./token";
import { typedRpc } from "./rpc";
import { BackendError, type Backend } from "./types";

export { BackendError, toBackendError, type Backend, type Lang, type Me, type OpenedFile } from "./types";
export { typedRpc, type Method, type ParamsOf, type ResultOf, type Rpc } from "./rpc";

export function isTauri(): boolean {
  return typeof window !== "undefined" && "__TAURI_INTERNALS__" in window;
}

/** Thrown (as a BackendError) when the browser has no session token. */
export const NO_TOKEN = "no_token";

/** Picks the transport: Tauri IPC inside the desktop app, HTTP in a browser. */
export function createBackend(): Backend {
  if (isTauri()) return createTauriBackend();
  const token = takeToken({
    location: window.location,
    storage: window.sessionStorage,
    history: window.history,
    device: window.localStorage,
  });
  if (!token) return missingTokenBackend();
  return createHttpBackend({ token });
}

function missingTokenBackend(): Backend {
  const err = new BackendError({
    code: NO_TOKEN,
    message: "No session token. Open the address that madoguchi-server printed (it ends in #token=…).",
    messageJa: "セッショントークンがありません。madoguchi-server が表示したアドレス（#token=… で終わるもの）を開いてください。",
  });
  return {
    rpc: () => Promise.reject(err),
    me: () => Promise.reject(err),
    mediaUrl: (file: string) => `/api/media/${encodeURIComponent(file)}`,
    onEvent: () => () => {},
  };
}

/** Typed calls over a Backend: one function per API method. */
export function api(b: Backend) {
  const rpc = typedRpc(b);
  return {
    listAccounts: (): Promise<AccountView[]> => rpc("listAccounts"),
    listConversations: (p: {
      accountId: number | null;
      filter: ConversationFilter;
      before?: string | null;
      limit?: number | null;
      tags?: TagExpr | null;
      sort?: ConversationSort | null;
      /** Assignment: everyone's (default), mine or nobody's chats. */
      assignee?: AssigneeFilter | null;
    }): Promise<ConversationPage> =>
      rpc("listConversations", {
        accountId: p.accountId,
        filter: p.filter,
        before: p.before ?? null,
        limit: p.limit ?? null,
        tags: p.tags ?? null,
        sort: p.sort ?? null,
        // Only when filtered: the start-up request stays the one it always was.
        ...(p.assignee ? { assignee: p.assignee } : {}),
      }),
    getThread: (conversationId: number, before: number | null = null, limit: number | null = null): Promise<ThreadPage> =>
      rpc("getThread", { conversationId, before, limit }),
    /** `clientKey`: the desk's key for this message; the same key again never sends twice (features/sendcheck). */
    sendMessage: (conversationId: number, content: OutgoingContent, clientKey?: string): Promise<SendAccepted> =>
      rpc("sendMessage", { conversationId, content, ...(clientKey ? { clientKey } : {}) }),
    /** What became of a send whose answer was lost, by its key. */
    getSendByKey: (clientKey: string): Promise<SendStatus> => rpc("getSendByKey", { clientKey }),
    cancelSend: (outboxId: number): Promise<void> => rpc("cancelSend", { outboxId }),
    retrySend: (outboxId: number): Promise<void> => rpc("retrySend", { outboxId }),
    markRead: (conversationId: number): Promise<void> => rpc("markRead", { conversationId }),
    /** The owner is typing: LINE's loading animation for the customer (core throttles it). */
    ownerTyping: (conversationId: number): Promise<boolean> =>
      rpc("ownerTyping", { conversationId }),
    previewRoute: (conversationId: number): Promise<RoutePreview> =>
      rpc("previewRoute", { conversationId }),
    getQuota: (accountId: number): Promise<QuotaView> => rpc("getQuota", { accountId }),
    getNotificationSettings: (): Promise<NotificationSettings> =>
      rpc("getNotificationSettings"),
    setNotificationSettings: (settings: NotificationSettings): Promise<NotificationSettings> =>
      rpc("setNotificationSettings", settings),
    /** Tells the backend whether the window has focus and which chat is open (for notifications). */
    uiFocus: (focused: boolean, openConversationId: number | null): Promise<void> =>
      rpc("uiFocus", { focused, openConversationId }),
  };
}

export type Api = ReturnType<typeof api>;
