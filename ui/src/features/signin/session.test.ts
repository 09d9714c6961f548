import { describe, expect, it } from "vitest";
import { BackendError, NO_TOKEN, type Backend, type Me } from "../../backend";
import { DEVICE_TOKEN_KEY, TOKEN_KEY } from "../../backend/token";
import { CONNECTION_UNREADABLE, checkSession, signedIn } from "./session";

function memoryStorage() {
  const m = new Map<string, string>();
  return { map: m, getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
}

function backendWhoseMe(me: () => Promise<Me>): Backend {
  return { rpc: () => Promise.reject(new Error("unused")), me, mediaUrl: (f) => f, onEvent: () => () => {} };
}

const refused = (status?: number, code = "unauthorized") => new BackendError({ code, message: "no", messageJa: "いいえ" }, status);

describe("checkSession", () => {
  it("is signed in with who /api/me names", async () => {
    const me: Me = { member: { id: 3, name: "佐藤", role: "staff" }, role: "staff" };
    const b = backendWhoseMe(async () => me);
    await expect(checkSession(b, null, "ja")).resolves.toEqual({ kind: "in", backend: b, me });
  });

  it("shows the sign-in without a reason when there is no token", async () => {
    await expect(checkSession(backendWhoseMe(() => Promise.reject(refused(undefined, NO_TOKEN))), null, "ja")).resolves.toEqual({
      kind: "signIn",
      reason: "none",
    });
  });

  it("forgets a refused device token (401) and says why", async () => {
    const session = memoryStorage();
    const device = memoryStorage();
    device.setItem(DEVICE_TOKEN_KEY, "revoked");
    const s = await checkSession(backendWhoseMe(() => Promise.reject(refused(401))), { session, device }, "ja");
    expect(s).toEqual({ kind: "signIn", reason: "expired" });
    expect(device.map.size + session.map.size).toBe(0);
  });

  it("says the printed token no longer opens a counter that has members", async () => {
    const session = memoryStorage();
    const device = memoryStorage();
    session.setItem(TOKEN_KEY, "printed");
    const s = await checkSession(backendWhoseMe(() => Promise.reject(refused(401))), { session, device }, "ja");
    expect(s).toEqual({ kind: "signIn", reason: "members" });
    expect(session.map.size).toBe(0);
  });

  it("asks again in the desktop's wizard when its saved connection could not be read", async () => {
    await expect(checkSession(backendWhoseMe(() => Promise.reject(refused(undefined, CONNECTION_UNREADABLE))), null, "ja")).resolves.toEqual({
      kind: "signIn",
      reason: "unreadable",
    });
  });

  it("keeps the token when the server is only out of reach", async () => {
    const device = memoryStorage();
    device.setItem(DEVICE_TOKEN_KEY, "good");
    const s = await checkSession(backendWhoseMe(() => Promise.reject(new TypeError("Failed to fetch"))), { session: memoryStorage(), device }, "ja");
    expect(s.kind).toBe("unreachable");
    expect(device.map.get(DEVICE_TOKEN_KEY)).toBe("good");
  });
});

describe("signedIn", () => {
  it("keeps the device token and starts a backend with it", () => {
    const session = memoryStorage();
    const device = memoryStorage();
    const made: string[] = [];
    const s = signedIn({ token: "new-token", member: { id: 1, name: "店長", role: "owner" } }, { session, device }, (token) => {
      made.push(token);
      return backendWhoseMe(async () => ({ member: null, role: "owner" }));
    });
    expect(made).toEqual(["new-token"]);
    expect(device.map.get(DEVICE_TOKEN_KEY)).toBe("new-token");
    expect(s.kind === "in" && s.me).toEqual({ member: { id: 1, name: "店長", role: "owner" }, role: "owner" });
  });
});
