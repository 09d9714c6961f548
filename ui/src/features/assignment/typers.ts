/**
 * Who is typing where (「佐藤さんが入力中」), from the `memberTyping` events. Nothing is
 * stored anywhere: a signal shows for TYPING_SHOWN_MS after the last one, and the typing
 * member's screen reports at most every TYPING_REPORT_MS while they compose.
 */
export const TYPING_SHOWN_MS = 6_000;
export const TYPING_REPORT_MS = 3_000;

export interface Typer {
  memberId: number;
  name: string;
  /** Shown until this time (this device's clock: only differences of it are used). */
  until: number;
}

/** Typers by conversation id. */
export type Typers = ReadonlyMap<number, readonly Typer[]>;

/** Adds (or renews) a signal; one's own signals are never shown to oneself. */
export function addTyping(
  cur: Typers,
  e: { conversationId: number; memberId: number; name: string },
  now: number,
  me: number | null,
): Typers {
  if (e.memberId === me) return cur;
  const next = new Map(cur);
  const others = (cur.get(e.conversationId) ?? []).filter((t) => t.memberId !== e.memberId && t.until > now);
  next.set(e.conversationId, [...others, { memberId: e.memberId, name: e.name, until: now + TYPING_SHOWN_MS }]);
  return next;
}

/** A member who sent into the chat is done typing there. */
export function clearTyping(cur: Typers, conversationId: number, memberId: number): Typers {
  const list = cur.get(conversationId);
  if (!list?.some((t) => t.memberId === memberId)) return cur;
  const next = new Map(cur);
  const rest = list.filter((t) => t.memberId !== memberId);
  if (rest.length > 0) next.set(conversationId, rest);
  else next.delete(conversationId);
  return next;
}

/** Drops expired signals; the same map when nothing expired (no re-render). */
export function pruneTypers(cur: Typers, now: number): Typers {
  let changed = false;
  const next = new Map<number, readonly Typer[]>();
  for (const [id, list] of cur) {
    const live = list.filter((t) => t.until > now);
    if (live.length !== list.length) changed = true;
    if (live.length > 0) next.set(id, live);
  }
  return changed ? next : cur;
}

export function typersIn(cur: Typers, conversationId: number, now: number): Typer[] {
  return (cur.get(conversationId) ?? []).filter((t) => t.until > now);
}
