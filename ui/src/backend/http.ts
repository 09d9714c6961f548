import type { CoreEvent, Request, Response } from "../api/types.gen";
import { BackendError, isApiError, toBackendError, type Backend, type Me } from "./types";

export interface HttpOptions {
  token: string;
  /** Origin + path prefix of madoguchi-server; "" = same origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Injected for tests; defaults to the global EventSource. */
  eventSource?: (url: string) => EventSourceLike;
}

/** The part of EventSource this transport uses. */
export interface EventSourceLike {
  onmessage: ((ev: MessageEvent<string>) => void) | null;
  onerror?: ((ev: Event) => void) | null;
  close(): void;
}

/** Backend over HTTP: `POST /api/rpc` + Server-Sent Events on `/api/events`. */
export function createHttpBackend(opts: HttpOptions): Backend {
  const base = opts.baseUrl ?? "";
  const doFetch = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const openEvents = opts.eventSource ?? ((url: string) => new EventSource(url) as EventSourceLike);

  const listeners = new Set<(e: CoreEvent) => void>();
  let source: EventSourceLike | null = null;

  function ensureSource(): void {
    if (source) return;
    // EventSource cannot send headers: the token goes in the query string.
    source = openEvents(`${base}/api/events?token=${encodeURIComponent(opts.token)}`);
    source.onmessage = (ev) => {
      let event: CoreEvent;
      try {
        event = JSON.parse(ev.data) as CoreEvent;
      } catch {
        return; // keep-alive comments or garbage: ignore
      }
      for (const cb of [...listeners]) {
        try {
          cb(event);
        } catch (err) {
          console.error("core event listener failed", err);
        }
      }
    };
    // A revoked token's stream is closed by the server and its reconnection refused; the
    // stream cannot say why, so ask who we are: a 401 there tells the listeners.
    source.onerror = () => {
      me().catch(() => {});
    };
  }

  const unauthorizedListeners = new Set<() => void>();

  /** One call to the server; a failure is a BackendError, and a 401 tells the listeners. */
  async function call(path: string, init: RequestInit): Promise<unknown> {
    let res: globalThis.Response;
    try {
      res = await doFetch(`${base}${path}`, {
        ...init,
        headers: {
          Authorization: `Bearer ${opts.token}`,
          "Content-Type": "application/json",
          Accept: "application/json",
        },
        // Same-origin: the server answers with an HttpOnly session cookie that lets <img>
        // load /api/media/* (customers' photos) without the token in the URL.
        credentials: "same-origin",
        cache: "no-store",
      });
    } catch (e) {
      throw toBackendError(e);
    }
    let body: unknown = undefined;
    try {
      body = await res.json();
    } catch {
      body = undefined;
    }
    if (!res.ok) {
      if (res.status === 401) for (const cb of [...unauthorizedListeners]) cb();
      if (isApiError(body)) throw new BackendError(body, res.status);
      throw new BackendError(
        {
          code: `http_${res.status}`,
          message: `The server answered ${res.status}.`,
          messageJa: `サーバーがエラーを返しました (${res.status})。`,
        },
        res.status,
      );
    }
    return body;
  }

  function unreadable(status: number): BackendError {
    return new BackendError(
      { code: "bad_response", message: "The server sent an unreadable answer.", messageJa: "サーバーの応答を読み取れませんでした。" },
      status,
    );
  }

  async function me(): Promise<Me> {
    const body = await call("/api/me", { method: "GET" });
    if (typeof body !== "object" || body === null || !("role" in body)) throw unreadable(200);
    return body as Me;
  }

  return {
    async rpc(req: Request): Promise<Response> {
      const body = await call("/api/rpc", { method: "POST", body: JSON.stringify(req) });
      if (typeof body !== "object" || body === null || !("kind" in body)) throw unreadable(200);
      return body as Response;
    },

    me,

    async logout(): Promise<void> {
      await call("/api/logout", { method: "POST", body: "{}" });
    },

    onUnauthorized(cb) {
      unauthorizedListeners.add(cb);
      return () => unauthorizedListeners.delete(cb);
    },

    mediaUrl(file: string): string {
      // The HttpOnly session cookie set by the first rpc answer authorizes <img>/<video>.
      return `${base}/api/media/${encodeURIComponent(file)}`;
    },

    onEvent(cb) {
      listeners.add(cb);
      ensureSource();
      return () => {
        listeners.delete(cb);
        if (listeners.size === 0 && source) {
          source.close();
          source = null;
        }
      };
    },
  };
}
