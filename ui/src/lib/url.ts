/**
 * Media URLs come from our own backend, but check them anyway before they reach an
 * attribute: same-origin paths, http(s), the desktop shell's `media:` scheme, blob:.
 * Never `javascript:` or `data:` (images arrive as URLs, not inline data).
 */
export function safeMediaUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  const u = url.trim();
  if (u.startsWith("/") && !u.startsWith("//") && !u.startsWith("/\\")) return u;
  let parsed: URL;
  try {
    parsed = new URL(u);
  } catch {
    return null;
  }
  switch (parsed.protocol) {
    case "http:":
    case "https:":
    case "media:":
    case "blob:":
      return parsed.href;
    default:
      return null;
  }
}

/** Links shown to the user: http(s) only (render with rel="noopener noreferrer"). */
export function safeLinkUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}
