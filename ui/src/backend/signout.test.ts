import { describe, expect, it, vi } from "vitest";
import { createHttpBackend, type EventSourceLike } from "./http";
import { DEVICE_TOKEN_KEY, TOKEN_KEY, forgetTokens, keepDeviceToken, takeToken } from "./token";

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}
const refused = { code: "unauthorized", message: "sign in again", messageJa: "もう一度ログインしてください" };

describe("a refused token", () => {
  it("tells the listeners when an rpc answers 401, and not for other failures", async () => {
    const answers = [jsonResponse(403, { code: "forbidden", message: "owner only", messageJa: "この操作は管理者だけができます" }), jsonResponse(401, refused)];
    const b = createHttpBackend({ token: "t", fetch: (async () => answers.shift()!) as typeof fetch });
    const cb = vi.fn();
    b.onUnauthorized!(cb);
    await expect(b.rpc({ method: "listMembers" })).rejects.toMatchObject({ status: 403, messageJa: "この操作は管理者だけができます" });
    expect(cb).not.toHaveBeenCalled();
    await expect(b.rpc({ method: "listAccounts" })).rejects.toMatchObject({ status: 401 });
    expect(cb).toHaveBeenCalledTimes(1);
  });

  it("asks /api/me when the event stream fails, and a 401 there signs out", async () => {
    let es: EventSourceLike | null = null;
    const fetchMock = vi.fn(async () => jsonResponse(401, refused));
    const b = createHttpBackend({
      token: "t",
      fetch: fetchMock as unknown as typeof fetch,
      eventSource: () => (es = { onmessage: null, onerror: null, close() {} }),
    });
    const signedOut = new Promise<void>((resolve) => b.onUnauthorized!(resolve));
    b.onEvent(() => {});
    es!.onerror?.(new Event("error"));
    await signedOut;
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe("/api/me");
    expect(new Headers(init.headers).get("Authorization")).toBe("Bearer t");
  });

  it("reads who is signed in from /api/me", async () => {
    const me = { member: { id: 2, name: "佐藤", role: "staff" }, role: "staff" };
    const b = createHttpBackend({ token: "t", fetch: (async () => jsonResponse(200, me)) as typeof fetch });
    await expect(b.me()).resolves.toEqual(me);
  });

  it("logs out with POST /api/logout and the bearer token", async () => {
    const fetchMock = vi.fn(async () => jsonResponse(200, { ok: true }));
    const b = createHttpBackend({ token: "dev1", fetch: fetchMock as unknown as typeof fetch });
    await b.logout!();
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe("/api/logout");
    expect(init.method).toBe("POST");
    expect(new Headers(init.headers).get("Authorization")).toBe("Bearer dev1");
  });
});

function memoryStorage() {
  const m = new Map<string, string>();
  return {
    map: m,
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
  };
}

describe("device tokens", () => {
  const history = { state: null, replaceState: () => {} };
  const noHash = { hash: "", pathname: "/", search: "" };

  it("keeps a sign-in in localStorage, so it survives a browser restart, and drops the printed token", () => {
    const session = memoryStorage();
    const device = memoryStorage();
    session.setItem(TOKEN_KEY, "printed");
    keepDeviceToken({ session, device }, "device-token");
    expect(device.map.get(DEVICE_TOKEN_KEY)).toBe("device-token");
    expect(session.map.has(TOKEN_KEY)).toBe(false);
    // A new browser session: sessionStorage is empty, the device token is still there.
    expect(takeToken({ location: noHash, storage: memoryStorage(), history, device })).toBe("device-token");
  });

  it("prefers the printed token in the address over a device token", () => {
    const device = memoryStorage();
    device.setItem(DEVICE_TOKEN_KEY, "device-token");
    const tok = takeToken({ location: { hash: "#token=printed", pathname: "/", search: "" }, storage: memoryStorage(), history, device });
    expect(tok).toBe("printed");
  });

  it("forgets both tokens", () => {
    const session = memoryStorage();
    const device = memoryStorage();
    session.setItem(TOKEN_KEY, "a");
    device.setItem(DEVICE_TOKEN_KEY, "b");
    forgetTokens({ session, device });
    expect(takeToken({ location: noHash, storage: session, history, device })).toBeNull();
  });
});
