import { afterEach, describe, expect, it, vi } from "vitest";
import type { SendStatus } from "../../api/types.gen";
import { BackendError } from "../../backend/types";
import { checkSend, isUnknownOutcome, keyFor, newSendKey, verdictOf } from "./sendCheck";

const err = (code: string) => new BackendError({ code, message: code, messageJa: code });
const status = (state: SendStatus["state"]): SendStatus => ({
  state,
  conversationId: state === "none" ? null : 1,
  outboxId: state === "none" ? null : 7,
  messageId: state === "none" ? null : 70,
});

/** The server's rule for a clientKey (core outbox/client_key.rs). */
const VALID_KEY = /^[A-Za-z0-9_-]{16,64}$/;

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("a lost answer", () => {
  it("is a failure that leaves open whether the hub got the send", () => {
    for (const code of ["hubUnreachable", "transport", "http_502", "http_503", "http_504", "hubBadAnswer", "bad_response"]) {
      expect(isUnknownOutcome(err(code)), code).toBe(true);
    }
  });

  it("is not a refusal the hub worded itself, nor a certificate that never let the request through", () => {
    for (const code of ["invalid", "forbidden", "unauthorized", "notFound", "internal", "hubVersion", "hubCertificate", "notPaired"]) {
      expect(isUnknownOutcome(err(code)), code).toBe(false);
    }
    expect(isUnknownOutcome(new Error("boom"))).toBe(false);
  });
});

describe("the key of a send", () => {
  it("is one the hub accepts, also where the browser has no randomUUID", () => {
    expect(newSendKey()).toMatch(VALID_KEY);
    expect(newSendKey()).not.toBe(newSendKey());
    vi.stubGlobal("crypto", { getRandomValues: (a: Uint8Array) => a.fill(0xab) });
    expect(newSendKey()).toBe("ab".repeat(16));
    expect(newSendKey()).toMatch(VALID_KEY);
  });

  it("stays with the same message (a second click, a resend) and is new for another", () => {
    let n = 0;
    const fresh = () => `key-${++n}-0123456789abcdef`;
    const first = keyFor(null, "明日10時でどうですか", fresh);
    expect(keyFor(first, "明日10時でどうですか", fresh)).toBe(first);
    const edited = keyFor(first, "明日11時でどうですか", fresh);
    expect(edited.key).not.toBe(first.key);
    expect(edited.text).toBe("明日11時でどうですか");
  });
});

describe("the hub's answer", () => {
  it("says sent for a committed send (also one still queued), and names the rest", () => {
    expect(verdictOf(status("sent"))).toBe("sent");
    expect(verdictOf(status("queued"))).toBe("sent");
    expect(verdictOf(status("none"))).toBe("notSent");
    expect(verdictOf(status("failed"))).toBe("failed");
    expect(verdictOf(status("cancelled"))).toBe("cancelled");
  });
});

/** A checkSend with hand-driven wakes and timers. */
function harness(answers: Array<SendStatus | BackendError>) {
  const ask = vi.fn(async () => {
    const next = answers.shift();
    if (!next) throw new Error("asked more often than expected");
    if (next instanceof BackendError) throw next;
    return next;
  });
  let wake: (() => void) | null = null;
  const timers: Array<{ cb: () => void; ms: number; cancelled: boolean }> = [];
  const unsubscribed = vi.fn();
  const run = checkSend({
    ask,
    onWake: (w) => {
      wake = w;
      return unsubscribed;
    },
    setTimer: (cb, ms) => {
      const t = { cb, ms, cancelled: false };
      timers.push(t);
      return () => {
        t.cancelled = true;
      };
    },
  });
  const settled = vi.fn();
  run.done.then(settled, settled);
  const flush = () => new Promise((r) => setTimeout(r, 0));
  return { run, ask, wake: () => wake?.(), timers, unsubscribed, settled, flush };
}

describe("asking by the key", () => {
  it("asks at once and settles with the hub's answer", async () => {
    const h = harness([status("sent")]);
    await expect(h.run.done).resolves.toEqual(status("sent"));
    expect(h.ask).toHaveBeenCalledTimes(1);
    expect(h.unsubscribed).toHaveBeenCalled();
  });

  it("waits while the hub is away and asks again when it is back (or after the backoff)", async () => {
    const h = harness([err("hubUnreachable"), err("hubUnreachable"), status("none")]);
    await h.flush();
    expect(h.ask).toHaveBeenCalledTimes(1);
    expect(h.timers).toHaveLength(1);
    expect(h.settled).not.toHaveBeenCalled();
    // The backoff runs out: asked again, still away, a longer wait.
    h.timers[0]!.cb();
    await h.flush();
    expect(h.ask).toHaveBeenCalledTimes(2);
    expect(h.timers[1]!.ms).toBeGreaterThan(h.timers[0]!.ms);
    // The hub is back (hub-status online, or a resync): asked at once, the timer dropped.
    h.wake();
    await expect(h.run.done).resolves.toEqual(status("none"));
    expect(h.ask).toHaveBeenCalledTimes(3);
    expect(h.timers[1]!.cancelled).toBe(true);
  });

  it("asks once more when woken while a question was out", async () => {
    const h = harness([err("transport"), status("queued")]);
    // Woken before the first question has failed.
    h.wake();
    await expect(h.run.done).resolves.toEqual(status("queued"));
    expect(h.ask).toHaveBeenCalledTimes(2);
    expect(h.timers).toHaveLength(0);
  });

  it("gives up on a refusal that is not about reaching the hub", async () => {
    const refusal = err("forbidden");
    const h = harness([refusal]);
    await expect(h.run.done).rejects.toBe(refusal);
    h.wake();
    await h.flush();
    expect(h.ask).toHaveBeenCalledTimes(1);
  });

  it("stops asking once stopped (the chat was closed)", async () => {
    const h = harness([err("hubUnreachable")]);
    await h.flush();
    h.run.stop();
    expect(h.unsubscribed).toHaveBeenCalled();
    expect(h.timers[0]!.cancelled).toBe(true);
    h.wake();
    await h.flush();
    expect(h.ask).toHaveBeenCalledTimes(1);
    expect(h.settled).not.toHaveBeenCalled();
  });
});
