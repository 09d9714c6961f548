import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import type { CoreEvent, Request, Response } from "../api/types.gen";
import { toBackendError, type Backend } from "./types";

/** Name of the Tauri event carrying CoreEvents (src-tauri/src/lib.rs CORE_EVENT). */
export const CORE_EVENT = "core-event";

/** Tauri event sent when a desktop notification is clicked (src-tauri/src/notifications.rs). */
export const OPEN_CONVERSATION_EVENT = "open-conversation";

/** `listen` that can be stopped before it has resolved. */
function subscribe<T>(name: string, cb: (payload: T) => void): () => void {
  let unlisten: (() => void) | null = null;
  let stopped = false;
  listen<T>(name, (e) => cb(e.payload)).then(
    (fn) => {
      if (stopped) fn();
      else unlisten = fn;
    },
    (err: unknown) => console.error(`listen(${name}) failed`, err),
  );
  return () => {
    stopped = true;
    unlisten?.();
    unlisten = null;
  };
}

function measure(name: string, start: number) {
  try {
    performance.measure(name, { start, end: performance.now() });
  } catch {
    // An engine without User Timing Level 3: nothing to record.
  }
}

/** Backend over Tauri IPC: the one `rpc` command + the `core-event` event. */
export function createTauriBackend(): Backend {
  return {
    async rpc(request: Request): Promise<Response> {
      const start = performance.now();
      try {
        return await invoke<Response>("rpc", { request });
      } catch (e) {
        // The command rejects with an ApiError object.
        throw toBackendError(e);
      } finally {
        // Each round trip as a User Timing entry: the start-up benchmark (and the web
        // inspector) see which requests the first screen waited for.
        measure(`rpc ${request.method}`, start);
      }
    },

    onEvent(cb) {
      return subscribe<CoreEvent>(CORE_EVENT, cb);
    },

    onOpenConversation(cb) {
      return subscribe<{ conversationId: number }>(OPEN_CONVERSATION_EVENT, (p) => cb(p.conversationId));
    },
  };
}
