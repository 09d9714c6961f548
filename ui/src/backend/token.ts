/** Session token handling for the browser (HTTP) transport. */

export const TOKEN_KEY = "madoguchi.token";
/** A member's device token, from signing in or pairing. */
export const DEVICE_TOKEN_KEY = "madoguchi.deviceToken";

export interface TokenEnv {
  location: Pick<Location, "hash" | "pathname" | "search">;
  storage: Pick<Storage, "getItem" | "setItem">;
  history: Pick<History, "replaceState" | "state">;
  /** Where a device token is kept (localStorage). */
  device?: Pick<Storage, "getItem">;
}

/** The two places a token is kept: the printed one per tab, a device's for good. */
export interface TokenStores {
  session: Pick<Storage, "removeItem">;
  device: Pick<Storage, "setItem" | "removeItem">;
}

/**
 * Reads the session token. `madoguchi-server` prints `http://127.0.0.1:8787/#token=...`:
 * the fragment never reaches the server's logs. Take it once, keep it in sessionStorage
 * (per tab, gone when the tab closes) and remove it from the address bar and history.
 * Without one, a member's device token (see {@link keepDeviceToken}).
 */
export function takeToken(env: TokenEnv): string | null {
  const hash = env.location.hash.startsWith("#") ? env.location.hash.slice(1) : env.location.hash;
  if (hash) {
    const params = new URLSearchParams(hash);
    const token = params.get("token");
    if (token) {
      env.storage.setItem(TOKEN_KEY, token);
      params.delete("token");
      const rest = params.toString();
      const url = env.location.pathname + env.location.search + (rest ? `#${rest}` : "");
      env.history.replaceState(env.history.state, "", url);
      return token;
    }
  }
  return env.storage.getItem(TOKEN_KEY) ?? env.device?.getItem(DEVICE_TOKEN_KEY) ?? null;
}

/**
 * Keeps a member's device token in localStorage: a phone or a counter PC signed in once
 * stays signed in after the browser restarts, until signed out or revoked. The printed
 * token of this tab no longer applies (the shop has members now).
 */
export function keepDeviceToken(stores: TokenStores, token: string): void {
  stores.device.setItem(DEVICE_TOKEN_KEY, token);
  stores.session.removeItem(TOKEN_KEY);
}

/** Forgets every token this browser holds: signed out, revoked or refused. */
export function forgetTokens(stores: TokenStores): void {
  stores.device.removeItem(DEVICE_TOKEN_KEY);
  stores.session.removeItem(TOKEN_KEY);
}
