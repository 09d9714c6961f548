/**
 * The wizard's first check of a hub address, the same rule the shell enforces
 * (src-tauri/crates/hub-client/src/address.rs): https, or http only to this PC.
 * Null when it may be tried; otherwise which message to show.
 */
export function addressProblem(typed: string): "missing" | "notHttps" | null {
  const a = typed.trim();
  if (!a) return "missing";
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/:?#]+|\[[^\]]+\])/i.exec(a);
  if (!m) return null; // a bare host: the shell adds https://
  const scheme = m[1]!.toLowerCase();
  const host = m[2]!.toLowerCase();
  if (scheme === "https") return null;
  if (scheme === "http" && (host === "127.0.0.1" || host === "localhost" || host === "[::1]")) return null;
  return "notHttps";
}

/** "shop.example.jp" from "https://shop.example.jp": what the header and banner show. */
export function hubHost(address: string): string {
  try {
    return new URL(address).host;
  } catch {
    return address;
  }
}
