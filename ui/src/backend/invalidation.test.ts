import { QueryClient, QueryObserver } from "@tanstack/react-query";
import { describe, expect, it, vi } from "vitest";
import type { CoreEvent } from "../api/types.gen";
import { followEvents, invalidateAfter, matches, touchedBy } from "./invalidation";
import { rpcQueryKey } from "./query";

function clientWith(...keys: (readonly unknown[])[]) {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  for (const k of keys) client.setQueryData(k, { seeded: true });
  const stale = () =>
    client
      .getQueryCache()
      .getAll()
      .filter((q) => q.state.isInvalidated)
      .map((q) => q.queryKey);
  return { client, stale };
}

describe("core events → queries", () => {
  it("a chat's update touches the list, that chat's thread and the profile, not another thread", () => {
    const touched = touchedBy({ type: "conversationUpdated", conversationId: 7 });
    expect(touched.some((t) => matches(t, rpcQueryKey("getThread", { conversationId: 7, before: null, limit: 50 })))).toBe(true);
    expect(touched.some((t) => matches(t, rpcQueryKey("getThread", { conversationId: 8, before: null, limit: 50 })))).toBe(false);
    expect(touched.some((t) => matches(t, ["listConversations", { accountId: null }]))).toBe(true);
    expect(touched.some((t) => matches(t, rpcQueryKey("getFriend", { friendId: 3 })))).toBe(true);
    expect(touched.some((t) => matches(t, rpcQueryKey("listBroadcasts", { accountId: 1 })))).toBe(false);
  });

  it("a broadcast's update touches the broadcast list and that broadcast only", () => {
    const touched = touchedBy({ type: "broadcastUpdated", broadcastId: 4 });
    expect(touched.some((t) => matches(t, rpcQueryKey("listBroadcasts", { accountId: 1 })))).toBe(true);
    expect(touched.some((t) => matches(t, rpcQueryKey("getBroadcast", { broadcastId: 4 })))).toBe(true);
    expect(touched.some((t) => matches(t, rpcQueryKey("getBroadcast", { broadcastId: 5 })))).toBe(false);
    expect(touched.some((t) => matches(t, ["listConversations", {}]))).toBe(false);
  });

  it("another member's action touches what its kind names", () => {
    const by = { memberId: 2, name: "佐藤" };
    const booking = touchedBy({ type: "memberActed", by, kind: "booking", conversationId: null, friendId: null, reservationId: 9 });
    expect(booking.some((t) => matches(t, ["listReservations", { accountId: 1 }]))).toBe(true);
    expect(booking.some((t) => matches(t, rpcQueryKey("getReservation", { reservationId: 9 })))).toBe(true);
    expect(booking.some((t) => matches(t, ["listSettingsHistory", {}]))).toBe(false);

    const settings = touchedBy({ type: "memberActed", by, kind: "settings", conversationId: null, friendId: null, reservationId: null });
    expect(settings.some((t) => matches(t, ["listSettingsHistory", {}]))).toBe(true);
    expect(settings.some((t) => matches(t, ["listConversations", {}]))).toBe(false);

    const note = touchedBy({ type: "memberActed", by, kind: "note", conversationId: 1, friendId: 6, reservationId: null });
    expect(note.some((t) => matches(t, rpcQueryKey("getFriend", { friendId: 6 })))).toBe(true);
  });

  it("typing changes nothing stored", () => {
    expect(touchedBy({ type: "memberTyping", conversationId: 1, memberId: 2, name: "佐藤" })).toEqual([]);
  });

  it("invalidates exactly the touched queries in the cache", async () => {
    const thread7 = rpcQueryKey("getThread", { conversationId: 7, before: null, limit: 50 });
    const thread8 = rpcQueryKey("getThread", { conversationId: 8, before: null, limit: 50 });
    const members = rpcQueryKey("listMembers", undefined);
    const { client, stale } = clientWith(thread7, thread8, members);
    await invalidateAfter(client, { type: "messageStatusChanged", conversationId: 7, messageId: 1, status: "sent", error: null });
    expect(stale()).toEqual([thread7]);
  });
});

describe("resync", () => {
  it("reads again only the queries on screen; the rest are stale until shown", async () => {
    const { client } = clientWith();
    let onScreen = 0;
    let offScreen = 0;
    const shown = client.getQueryCache().build(client, { queryKey: ["listMembers"], queryFn: async () => ++onScreen });
    const hidden = client.getQueryCache().build(client, { queryKey: ["listDevices"], queryFn: async () => ++offScreen });
    await shown.fetch();
    await hidden.fetch();
    // An observer is a screen showing the answer.
    const observer = new QueryObserver(client, { queryKey: ["listMembers"], queryFn: async () => ++onScreen, staleTime: Infinity });
    const off = observer.subscribe(() => {});

    await invalidateAfter(client, { type: "resync" });
    expect(onScreen).toBe(2);
    expect(offScreen).toBe(1);
    expect(hidden.state.isInvalidated).toBe(true);
    off();
  });
});

describe("following events", () => {
  it("a burst invalidates once after it; resync at once", async () => {
    vi.useFakeTimers();
    try {
      const listeners: ((e: CoreEvent) => void)[] = [];
      const send = (e: CoreEvent) => listeners.forEach((l) => l(e));
      const client = new QueryClient();
      const spy = vi.spyOn(client, "invalidateQueries");
      const off = followEvents((cb) => (listeners.push(cb), () => listeners.splice(listeners.indexOf(cb), 1)), client, 100);
      for (let i = 0; i < 5; i++) send({ type: "broadcastUpdated", broadcastId: 1 });
      expect(spy).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(100);
      expect(spy).toHaveBeenCalledTimes(1);
      send({ type: "resync" });
      expect(spy).toHaveBeenCalledTimes(2);
      off();
      send({ type: "broadcastUpdated", broadcastId: 1 });
      await vi.advanceTimersByTimeAsync(100);
      expect(spy).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
