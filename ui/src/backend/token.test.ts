import { describe, expect, it, vi } from "vitest";
import { TOKEN_KEY, takeToken } from "./token";

function env(hash: string, stored: string | null = null) {
  const store = new Map<string, string>();
  if (stored !== null) store.set(TOKEN_KEY, stored);
  const replaceState = vi.fn();
  return {
    store,
    replaceState,
    env: {
      location: { hash, pathname: "/", search: "" },
      storage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) },
      history: { state: null, replaceState },
    },
  };
}

describe("session token", () => {
  it("takes the token from the fragment, stores it and cleans the address bar", () => {
    const e = env("#token=abc123");
    expect(takeToken(e.env)).toBe("abc123");
    expect(e.store.get(TOKEN_KEY)).toBe("abc123");
    expect(e.replaceState).toHaveBeenCalledWith(null, "", "/");
  });

  it("keeps other fragment parameters", () => {
    const e = env("#token=abc&view=unread");
    expect(takeToken(e.env)).toBe("abc");
    expect(e.replaceState).toHaveBeenCalledWith(null, "", "/#view=unread");
  });

  it("falls back to sessionStorage after a reload", () => {
    const e = env("", "stored");
    expect(takeToken(e.env)).toBe("stored");
    expect(e.replaceState).not.toHaveBeenCalled();
  });

  it("returns null without a token", () => {
    expect(takeToken(env("").env)).toBeNull();
  });
});
