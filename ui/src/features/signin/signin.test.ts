import { describe, expect, it, vi } from "vitest";
import { signInTextByLang } from "./i18n";
import { guessDeviceName, refusalText, retryAfterMinutes, signIn } from "./signin";

function answer(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
}

describe("Retry-After", () => {
  it("rounds seconds up to whole minutes", () => {
    expect(retryAfterMinutes("900")).toBe(15);
    expect(retryAfterMinutes("61")).toBe(2);
    expect(retryAfterMinutes("1")).toBe(1);
    expect(retryAfterMinutes("0")).toBe(1);
  });
  it("reads an HTTP date", () => {
    const now = Date.parse("2026-12-07T10:00:00Z");
    expect(retryAfterMinutes("Mon, 07 Dec 2026 10:04:30 GMT", now)).toBe(5);
  });
  it("is null when absent or unreadable", () => {
    expect(retryAfterMinutes(null)).toBeNull();
    expect(retryAfterMinutes("soon")).toBeNull();
  });
});

describe("device names", () => {
  it("guesses the kind of device from the user agent", () => {
    expect(guessDeviceName("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15")).toBe("iPhone");
    expect(guessDeviceName("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/120 Mobile")).toBe("Android");
    expect(guessDeviceName("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120")).toBe("Windows PC");
    expect(guessDeviceName("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 Safari/605")).toBe("Mac");
  });
});

describe("signIn", () => {
  it("posts name, password and device name to /api/login and answers the session", async () => {
    const session = { token: "tok", member: { id: 1, name: "店長", role: "owner" } };
    const fetchMock = vi.fn(async () => answer(200, session));
    const r = await signIn({ kind: "password", name: "店長", password: "pass-word-1" }, "Mac", fetchMock as unknown as typeof fetch);
    expect(r).toEqual({ ok: true, session });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe("/api/login");
    expect(JSON.parse(String(init.body))).toEqual({ name: "店長", password: "pass-word-1", deviceName: "Mac" });
  });

  it("posts a pairing code to /api/pair", async () => {
    const fetchMock = vi.fn(async () => answer(401, { code: "wrongCode", message: "this pairing code is wrong", messageJa: "このコードは正しくないか、使用済みか、期限切れです" }));
    const r = await signIn({ kind: "code", code: "acef h347" }, "iPhone", fetchMock as unknown as typeof fetch);
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe("/api/pair");
    expect(JSON.parse(String(init.body))).toEqual({ code: "acef h347", deviceName: "iPhone" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(refusalText(r, "ja", signInTextByLang.ja.locked)).toBe("このコードは正しくないか、使用済みか、期限切れです");
    expect(refusalText(r, "en", signInTextByLang.en.locked)).toBe("this pairing code is wrong");
  });

  it("shows the server's words for a wrong name or password", async () => {
    const r = await signIn(
      { kind: "password", name: "x", password: "y" },
      "Mac",
      (async () => answer(401, { code: "wrongLogin", message: "the name or the password is wrong", messageJa: "名前またはパスワードが違います" })) as typeof fetch,
    );
    if (r.ok) throw new Error("accepted");
    expect(r.error.status).toBe(401);
    expect(refusalText(r, "ja", signInTextByLang.ja.locked)).toBe("名前またはパスワードが違います");
  });

  it("says how many minutes to wait when locked, from Retry-After", async () => {
    const r = await signIn(
      { kind: "password", name: "x", password: "y" },
      "Mac",
      (async () => answer(429, { code: "tooManyAttempts", message: "too many", messageJa: "多すぎます" }, { "Retry-After": "840" })) as typeof fetch,
    );
    if (r.ok) throw new Error("accepted");
    expect(r.retryAfterMinutes).toBe(14);
    expect(refusalText(r, "ja", signInTextByLang.ja.locked)).toBe("ログインの失敗が続いたため、しばらくログインできません。14分後にもう一度お試しください。");
    expect(refusalText(r, "en", signInTextByLang.en.locked)).toBe("Too many failed sign-ins. Try again in 14 minutes.");
  });

  it("turns a network failure into a refusal, not a throw", async () => {
    const r = await signIn({ kind: "password", name: "x", password: "y" }, "Mac", (async () => {
      throw new TypeError("Failed to fetch");
    }) as typeof fetch);
    if (r.ok) throw new Error("accepted");
    expect(r.error.code).toBe("transport");
  });
});
