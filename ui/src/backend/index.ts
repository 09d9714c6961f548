/**
 * The one backend module. Everything in the UI talks to the app through `Backend`;
 * which transport carries it is decided once, here.
 */
import type {
  AccountView,
  ConversationFilter,
  ConversationPage,
  ConversationSort,
  NotificationSettings,
  OutgoingContent,
  QuotaView,
  Request,
  Response,
  RoutePreview,
  SendAccepted,
  TagExpr,
  ThreadPage,
} from "../api/types.gen";
import { createHttpBackend } from "./http";
import { createTauriBackend } from "./tauri";
import { takeToken } from "./token";
import { BackendError, type Backend } from "./types";

export { BackendError, toBackendError, type Backend, type Lang, type OpenedFile } from "./types";

export function isTauri(): boolean {
  return typeof window !== "undefined" && "__TAURI_INTERNALS__" in window;
}

/** Thrown (as a BackendError) when the browser has no session token. */
export const NO_TOKEN = "no_token";

/** Picks the transport: Tauri IPC inside the desktop app, HTTP in a browser. */
export function createBackend(): Backend {
  if (isTauri()) return createTauriBackend();
  const token = takeToken({ location: window.location, storage: window.sessionStorage, history: window.history });
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
    mediaUrl: (file: string) => `/api/media/${encodeURIComponent(file)}`,
    onEvent: () => () => {},
  };
}

type DataOf<K extends Response["kind"]> = Extract<Response, { kind: K }> extends { data: infer D } ? D : undefined;

/** Checks the response kind and returns its data. */
export function expectKind<K extends Response["kind"]>(res: Response, kind: K): DataOf<K> {
  if (res.kind !== kind) {
    throw new BackendError({
      code: "unexpected_response",
      message: `Expected a ${kind} response, got ${res.kind}.`,
      messageJa: `想定外の応答です (${res.kind})。`,
    });
  }
  return ("data" in res ? res.data : undefined) as DataOf<K>;
}

/** Typed calls over a Backend: one function per API method. */
export function api(b: Backend) {
  const call = <K extends Response["kind"]>(req: Request, kind: K) => b.rpc(req).then((r) => expectKind(r, kind));
  return {
    listAccounts: (): Promise<AccountView[]> => call({ method: "listAccounts" }, "accounts"),
    listConversations: (p: {
      accountId: number | null;
      filter: ConversationFilter;
      before?: string | null;
      limit?: number | null;
      tags?: TagExpr | null;
      sort?: ConversationSort | null;
    }): Promise<ConversationPage> =>
      call(
        {
          method: "listConversations",
          params: {
            accountId: p.accountId,
            filter: p.filter,
            before: p.before ?? null,
            limit: p.limit ?? null,
            tags: p.tags ?? null,
            sort: p.sort ?? null,
          },
        },
        "conversations",
      ),
    getThread: (conversationId: number, before: number | null = null, limit: number | null = null): Promise<ThreadPage> =>
      call({ method: "getThread", params: { conversationId, before, limit } }, "thread"),
    sendMessage: (conversationId: number, content: OutgoingContent): Promise<SendAccepted> =>
      call({ method: "sendMessage", params: { conversationId, content } }, "sendAccepted"),
    cancelSend: (outboxId: number): Promise<void> => call({ method: "cancelSend", params: { outboxId } }, "ok"),
    retrySend: (outboxId: number): Promise<void> => call({ method: "retrySend", params: { outboxId } }, "ok"),
    markRead: (conversationId: number): Promise<void> => call({ method: "markRead", params: { conversationId } }, "ok"),
    /** The owner is typing: LINE's loading animation for the customer (core throttles it). */
    ownerTyping: (conversationId: number): Promise<boolean> =>
      call({ method: "ownerTyping", params: { conversationId } }, "typingShown"),
    previewRoute: (conversationId: number): Promise<RoutePreview> =>
      call({ method: "previewRoute", params: { conversationId } }, "routePreview"),
    getQuota: (accountId: number): Promise<QuotaView> => call({ method: "getQuota", params: { accountId } }, "quota"),
    getNotificationSettings: (): Promise<NotificationSettings> =>
      call({ method: "getNotificationSettings" }, "notificationSettings"),
    setNotificationSettings: (settings: NotificationSettings): Promise<NotificationSettings> =>
      call({ method: "setNotificationSettings", params: settings }, "notificationSettings"),
    /** Tells the backend whether the window has focus and which chat is open (for notifications). */
    uiFocus: (focused: boolean, openConversationId: number | null): Promise<void> =>
      call({ method: "uiFocus", params: { focused, openConversationId } }, "ok"),
  };
}

export type Api = ReturnType<typeof api>;
