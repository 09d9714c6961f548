import type { ConversationView } from "../../api/types.gen";
import type { Typer } from "./typers";

/** Another member's reply this recent asks before a second answer goes out. */
export const RECENT_REPLY_MS = 60_000;

export type SendGuard = { kind: "recent"; name: string; seconds: number } | { kind: "typing"; name: string } | null;

/**
 * Whether sending now needs a confirmation: another member replied in the last minute
 * or is typing here right now. The reply's age comes from the server (`agoMs` when the
 * chat was read) plus the time since it was read on this device, so a wrong clock on
 * either side does not matter. Without a member (one person at this PC) never.
 */
export function sendGuard(
  c: Pick<ConversationView, "lastReplyBy"> | null,
  readAt: number,
  now: number,
  me: number | null,
  typers: readonly Typer[],
): SendGuard {
  if (me === null || c === null) return null;
  const last = c.lastReplyBy;
  if (last && last.memberId !== me) {
    const elapsed = last.agoMs + Math.max(0, now - readAt);
    if (elapsed < RECENT_REPLY_MS) return { kind: "recent", name: last.name, seconds: Math.max(1, Math.round(elapsed / 1000)) };
  }
  const other = typers.find((t) => t.memberId !== me && t.until > now);
  return other ? { kind: "typing", name: other.name } : null;
}
