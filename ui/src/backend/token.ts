/** Session token handling for the browser (HTTP) transport. */

export const TOKEN_KEY = "madoguchi.token";

export interface TokenEnv {
  location: Pick<Location, "hash" | "pathname" | "search">;
  storage: Pick<Storage, "getItem" | "setItem">;
  history: Pick<History, "replaceState" | "state">;
}

/**
 * Reads the session token. `madoguchi-server` prints `http://127.0.0.1:8787/#token=...`:
 * the fragment never reaches the server's logs. Take it once, keep it in sessionStorage
 * (per tab, gone when the tab closes) and remove it from the address bar and history.
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
  return env.storage.getItem(TOKEN_KEY);
}
