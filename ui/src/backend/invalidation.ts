/**
 * Which cached answers each core event makes stale: the one place that knows what an
 * event touches, so no screen refreshes by hand and two screens (or two members on one
 * hub) showing the same answer stay alike.
 */
import type { Query, QueryClient } from "@tanstack/react-query";
import type { CoreEvent } from "../api/types.gen";
import type { Method } from "./rpc";

/** The queries of one method; with `params`, only those whose params hold these values. */
export interface Touched {
  method: Method;
  params?: Record<string, unknown>;
}

const all = (...methods: Method[]): Touched[] => methods.map((method) => ({ method }));

/** What changes with a chat: its row, its thread and the customer beside it. */
function conversation(conversationId: number): Touched[] {
  return [
    { method: "listConversations" },
    { method: "getThread", params: { conversationId } },
    // A profile is asked for by friend id, which the event does not carry: the open
    // panel (there is one at a time) reads again.
    { method: "getFriend" },
  ];
}

export function touchedBy(e: CoreEvent): Touched[] {
  switch (e.type) {
    case "messageArrived":
      // A customer's message may come with a booking made through LINE. Search results
      // stay as asked for: they are a snapshot the person is reading.
      return [...conversation(e.conversationId), ...all("friendReservations")];
    case "messageStatusChanged":
    case "callRequested":
      return [{ method: "listConversations" }, { method: "getThread", params: { conversationId: e.conversationId } }];
    case "conversationUpdated":
      // The auto-tag worker may have created or applied a tag.
      return [...conversation(e.conversationId), ...all("friendReservations", "listTags", "listFriends")];
    case "broadcastUpdated":
      return [{ method: "listBroadcasts" }, { method: "getBroadcast", params: { broadcastId: e.broadcastId } }, ...all("getQuota")];
    case "memberActed": {
      const out: Touched[] = e.conversationId === null ? [] : conversation(e.conversationId);
      if (e.friendId !== null) out.push({ method: "getFriend", params: { friendId: e.friendId } }, { method: "listFriends" });
      if (e.kind === "tag") out.push(...all("listTags", "listFriends"));
      if (e.kind === "booking") {
        out.push(...all("listReservations", "friendReservations", "reminderCost"));
        if (e.reservationId !== null) out.push({ method: "getReservation", params: { reservationId: e.reservationId } });
      }
      if (e.kind === "settings") out.push(...all("listSettingsHistory"));
      return out;
    }
    case "memberTyping":
      // Nothing stored changes: the typing label follows the event itself.
      return [];
    case "resync":
      // What is on screen reads again (`invalidateAfter`); the rest when next shown.
      return [];
  }
}

export function matches(t: Touched, queryKey: readonly unknown[]): boolean {
  if (queryKey[0] !== t.method) return false;
  if (!t.params) return true;
  const params = queryKey[1];
  if (typeof params !== "object" || params === null) return false;
  return Object.entries(t.params).every(([k, v]) => (params as Record<string, unknown>)[k] === v);
}

/** Invalidates what the event touched; `resync` everything, reading again only what is on screen. */
export function invalidateAfter(client: QueryClient, e: CoreEvent): Promise<void> {
  if (e.type === "resync") return client.invalidateQueries({ refetchType: "active" });
  return invalidateTouched(client, touchedBy(e));
}

function invalidateTouched(client: QueryClient, touched: Touched[]): Promise<void> {
  if (touched.length === 0) return Promise.resolve();
  return client.invalidateQueries({ predicate: (q: Query) => touched.some((t) => matches(t, q.queryKey)) });
}

/** Events closer together than this cause one read of what they touched. */
export const BURST_MS = 150;

/**
 * Follows a stream of events: a burst (a broadcast's batches, a conversation's
 * statuses) invalidates once after it, so each answer is read once rather than
 * cancelled and asked again per event. Answers the function that stops following.
 */
export function followEvents(subscribe: (cb: (e: CoreEvent) => void) => () => void, client: QueryClient, burstMs = BURST_MS): () => void {
  let pending: Touched[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    const touched = pending;
    pending = [];
    void invalidateTouched(client, touched);
  };
  const off = subscribe((e) => {
    if (e.type === "resync") {
      void invalidateAfter(client, e);
      return;
    }
    const touched = touchedBy(e);
    if (touched.length === 0) return;
    pending.push(...touched);
    timer ??= setTimeout(flush, burstMs);
  });
  return () => {
    off();
    if (timer !== null) clearTimeout(timer);
  };
}
