/**
 * A send whose answer was lost. When the hub is killed or the connection drops while a
 * message is on its way, the desk cannot know whether the hub committed it. Every send
 * carries a key the desk made (`clientKey`); this module tells a lost answer from a
 * refusal, asks the hub by the key once it answers again (`getSendByKey`), and picks
 * the key for a resend so that the same message is never sent twice.
 */
import type { SendStatus } from "../../api/types.gen";
import { BackendError } from "../../backend/types";

/**
 * Codes of a failure that leaves open whether the hub got the request: the connection
 * failed or broke (desktop: hubUnreachable; browser: transport), a proxy answered for
 * a hub that died mid-request, or an answer that could not be read. A refusal the hub
 * worded itself (invalid, forbidden, …) means nothing was queued.
 */
const UNKNOWN_OUTCOME = new Set(["hubUnreachable", "transport", "hubBadAnswer", "bad_response", "http_502", "http_503", "http_504"]);

export function isUnknownOutcome(e: unknown): boolean {
  return e instanceof BackendError && UNKNOWN_OUTCOME.has(e.code);
}

/** A fresh key: a UUID where the browser makes one (secure contexts), else 128 random bits in hex. */
export function newSendKey(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === "function") return c.randomUUID();
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The key of the message in the box, kept across a failed or unknown send. */
export interface DraftKey {
  key: string;
  text: string;
}

/**
 * The key for sending `text` now: the earlier attempt's when it is the same message (a
 * second click, a resend after 「送信されていません」), a fresh one for a new message.
 */
export function keyFor(prev: DraftKey | null, text: string, fresh: () => string = newSendKey): DraftKey {
  return prev && prev.text === text ? prev : { key: fresh(), text };
}

export type Verdict = "sent" | "notSent" | "failed" | "cancelled";

/** What the composer says, and does with the draft, for the hub's answer. */
export function verdictOf(s: SendStatus): Verdict {
  switch (s.state) {
    case "queued":
    case "sent":
      // Committed: it goes out once (a queued row after its undo window).
      return "sent";
    case "failed":
      return "failed";
    case "cancelled":
      return "cancelled";
    case "none":
      return "notSent";
  }
}

export interface CheckOptions {
  /** `getSendByKey` for the send's key. */
  ask: () => Promise<SendStatus>;
  /**
   * Subscribes to signs that the hub may answer again (the desktop's hub back online, a
   * `resync` after a gap); returns the unsubscribe function.
   */
  onWake: (wake: () => void) => () => void;
  /** Waits before asking again when nothing wakes it (a browser has no hub status). */
  backoff?: (attempt: number) => number;
  setTimer?: (cb: () => void, ms: number) => () => void;
}

const defaultBackoff = (attempt: number) => Math.min(1_000 * 2 ** attempt, 10_000);
const defaultTimer = (cb: () => void, ms: number) => {
  const id = setTimeout(cb, ms);
  return () => clearTimeout(id);
};

/**
 * Asks now, and again whenever woken or after a backoff, until the hub answers; resolves
 * with its answer, rejects with a refusal that is not about reaching it. `stop()` ends
 * the asking (the composer went away); the promise then never settles.
 */
export function checkSend(opts: CheckOptions): { done: Promise<SendStatus>; stop: () => void } {
  const backoff = opts.backoff ?? defaultBackoff;
  const setTimer = opts.setTimer ?? defaultTimer;
  let stopped = false;
  let asking = false;
  let again = false;
  let attempt = 0;
  let cancelTimer: (() => void) | null = null;
  let unsubscribe: () => void = () => {};
  const stop = () => {
    stopped = true;
    cancelTimer?.();
    unsubscribe();
  };
  const done = new Promise<SendStatus>((resolve, reject) => {
    const tryNow = () => {
      if (stopped) return;
      // A wake while a question is out asks once more after it: the hub may have come
      // back just after that question failed.
      if (asking) {
        again = true;
        return;
      }
      asking = true;
      cancelTimer?.();
      cancelTimer = null;
      opts.ask().then(
        (status) => {
          asking = false;
          if (stopped) return;
          stop();
          resolve(status);
        },
        (e: unknown) => {
          asking = false;
          if (stopped) return;
          if (!isUnknownOutcome(e)) {
            stop();
            reject(e);
            return;
          }
          if (again) {
            again = false;
            tryNow();
            return;
          }
          cancelTimer = setTimer(tryNow, backoff(attempt++));
        },
      );
    };
    unsubscribe = opts.onWake(tryNow);
    tryNow();
  });
  return { done, stop };
}
