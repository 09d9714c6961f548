import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import type { CoreEvent, Request, Response } from "../api/types.gen";
import { toBackendError, type Backend } from "./types";

/** Name of the Tauri event carrying CoreEvents (src-tauri/src/lib.rs CORE_EVENT). */
export const CORE_EVENT = "core-event";

/** Backend over Tauri IPC: the one `rpc` command + the `core-event` event. */
export function createTauriBackend(): Backend {
  return {
    async rpc(request: Request): Promise<Response> {
      try {
        return await invoke<Response>("rpc", { request });
      } catch (e) {
        // The command rejects with an ApiError object.
        throw toBackendError(e);
      }
    },

    onEvent(cb) {
      let unlisten: (() => void) | null = null;
      let stopped = false;
      listen<CoreEvent>(CORE_EVENT, (e) => cb(e.payload)).then(
        (fn) => {
          if (stopped) fn();
          else unlisten = fn;
        },
        (err: unknown) => console.error("listen(core-event) failed", err),
      );
      return () => {
        stopped = true;
        unlisten?.();
        unlisten = null;
      };
    },
  };
}
