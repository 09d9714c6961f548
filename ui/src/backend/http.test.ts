import { describe, expect, it, vi } from "vitest";
import type { CoreEvent, Request } from "../api/types.gen";
import { createHttpBackend, type EventSourceLike } from "./http";
import { api } from "./index";
import { BackendError } from "./types";

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

describe("HTTP transport", () => {
  it("serves media from /api/media/ under its base, the name encoded", () => {
    expect(createHttpBackend({ token: "t" }).mediaUrl("ab12.png")).toBe("/api/media/ab12.png");
    expect(createHttpBackend({ token: "t", baseUrl: "http://127.0.0.1:8787" }).mediaUrl("a/../b")).toBe(
      "http://127.0.0.1:8787/api/media/a%2F..%2Fb",
    );
  });

  it("POSTs the request to /api/rpc with the bearer token", async () => {
    const fetchMock = vi.fn(async (_url: string | URL | globalThis.Request, _init?: RequestInit) =>
      jsonResponse(200, { kind: "accounts", data: [{ id: 1, name: "カフェ", botUserId: null, basicId: "@cafe" }] }),
    );
    const b = createHttpBackend({ token: "s3cret", fetch: fetchMock as typeof fetch });
    const req: Request = { method: "listAccounts" };
    const res = await b.rpc(req);

    expect(res).toEqual({ kind: "accounts", data: [{ id: 1, name: "カフェ", botUserId: null, basicId: "@cafe" }] });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe("/api/rpc");
    expect(init?.method).toBe("POST");
    const headers = new Headers(init?.headers);
    expect(headers.get("Authorization")).toBe("Bearer s3cret");
    expect(headers.get("Content-Type")).toBe("application/json");
    expect(JSON.parse(String(init?.body))).toEqual({ method: "listAccounts" });
  });

  it("sends params as the adjacently tagged request", async () => {
    const fetchMock = vi.fn(async () => jsonResponse(200, { kind: "ok" }));
    const b = api(createHttpBackend({ token: "t", baseUrl: "http://127.0.0.1:8787", fetch: fetchMock as typeof fetch }));
    await b.markRead(42);
    const [url, init] = (fetchMock.mock.calls[0] as unknown as [string, RequestInit]);
    expect(url).toBe("http://127.0.0.1:8787/api/rpc");
    expect(JSON.parse(String(init.body))).toEqual({ method: "markRead", params: { conversationId: 42 } });
  });

  it("throws a BackendError carrying both languages on 4xx", async () => {
    const fetchMock = vi.fn(async () =>
      jsonResponse(404, { code: "not_found", message: "Conversation not found.", messageJa: "トークが見つかりません。" }),
    );
    const b = createHttpBackend({ token: "t", fetch: fetchMock as typeof fetch });
    const err = await b.rpc({ method: "getThread", params: { conversationId: 9, before: null, limit: null } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackendError);
    const be = err as BackendError;
    expect(be.code).toBe("not_found");
    expect(be.status).toBe(404);
    expect(be.message).toBe("Conversation not found.");
    expect(be.messageJa).toBe("トークが見つかりません。");
    expect(be.localized("ja")).toBe("トークが見つかりません。");
    expect(be.localized("en")).toBe("Conversation not found.");
  });

  it("throws a BackendError on 401 and on a non-JSON 5xx", async () => {
    const unauthorized = createHttpBackend({
      token: "wrong",
      fetch: (async () => jsonResponse(401, { code: "unauthorized", message: "Bad token.", messageJa: "トークンが違います。" })) as typeof fetch,
    });
    await expect(unauthorized.rpc({ method: "listAccounts" })).rejects.toMatchObject({ code: "unauthorized", status: 401 });

    const broken = createHttpBackend({
      token: "t",
      fetch: (async () => new Response("<html>Bad Gateway</html>", { status: 502 })) as typeof fetch,
    });
    await expect(broken.rpc({ method: "listAccounts" })).rejects.toMatchObject({ code: "http_502", status: 502 });
  });

  it("wraps network failures", async () => {
    const b = createHttpBackend({
      token: "t",
      fetch: (async () => {
        throw new TypeError("Failed to fetch");
      }) as typeof fetch,
    });
    const err = await b.rpc({ method: "listAccounts" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackendError);
    expect((err as BackendError).code).toBe("transport");
  });

  it("opens one EventSource with the token and fans events out until the last unsubscribe", () => {
    const opened: { url: string; es: EventSourceLike & { closed: boolean } }[] = [];
    const b = createHttpBackend({
      token: "a b&c",
      fetch: vi.fn() as unknown as typeof fetch,
      eventSource: (url) => {
        const es = {
          onmessage: null,
          closed: false,
          close() {
            this.closed = true;
          },
        } as EventSourceLike & { closed: boolean };
        opened.push({ url, es });
        return es;
      },
    });
    const got1: CoreEvent[] = [];
    const got2: CoreEvent[] = [];
    const off1 = b.onEvent((e) => got1.push(e));
    const off2 = b.onEvent((e) => got2.push(e));
    expect(opened).toHaveLength(1);
    expect(opened[0]!.url).toBe("/api/events?token=a%20b%26c");

    const ev: CoreEvent = { type: "messageArrived", conversationId: 3, messageId: 7, assigneeMemberId: null };
    opened[0]!.es.onmessage?.(new MessageEvent("message", { data: JSON.stringify(ev) }));
    opened[0]!.es.onmessage?.(new MessageEvent("message", { data: "not json" }));
    expect(got1).toEqual([ev]);
    expect(got2).toEqual([ev]);

    off1();
    expect(opened[0]!.es.closed).toBe(false);
    off2();
    expect(opened[0]!.es.closed).toBe(true);
  });
});
