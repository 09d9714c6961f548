import { convertFileSrc, invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import type { BackupSummary, CoreEvent, Request, Response, SessionMember } from "../api/types.gen";
import { platformOf } from "../frame/platform";
import type { HubBackupInfo, PullSettings } from "./hubBackups";
import { toBackendError, type Backend, type ConnectionInfo, type HubState, type Me, type OpenedFile, type UpdateCheck } from "./types";

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

/** Tauri event with the hub's state in client mode (src-tauri/src/hub.rs HUB_STATUS). */
export const HUB_STATUS_EVENT = "hub-status";

/** Tauri event: a pull of the hub's backup finished or failed (src-tauri/src/hub_backup.rs HUB_BACKUP). */
export const HUB_BACKUP_EVENT = "hub-backup";

/** The URI scheme the shell serves stored media on (src-tauri/src/media_scheme.rs). */
export const MEDIA_SCHEME = "media";

/** One of the shell's own commands beside `rpc`; rejects with a BackendError. */
async function command<T>(name: string, args: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(name, args);
  } catch (e) {
    throw toBackendError(e);
  }
}

/** The page reads a player's bytes itself (see `Backend.playerUrl`). */
async function blobUrlOf(url: string): Promise<string> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return URL.createObjectURL(await res.blob());
}

/** Backend over Tauri IPC: the one `rpc` command + the `core-event` event. */
export function createTauriBackend(userAgent: string = globalThis.navigator?.userAgent ?? ""): Backend {
  // macOS (WKURLSchemeHandler) and Windows (http://media.localhost) play the scheme.
  const playerNeedsBlob = platformOf(userAgent) === "other";
  return {
    playerUrl: playerNeedsBlob ? (file: string) => blobUrlOf(convertFileSrc(file, MEDIA_SCHEME)) : undefined,
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

    // Solo: the window is its own core, the one person at this PC, an owner. Client
    // mode: the member the hub says this device is; refused (401) when not paired.
    async me(): Promise<Me> {
      try {
        return await invoke<Me>("me");
      } catch (e) {
        const err = toBackendError(e);
        throw err.code === "unauthorized" ? toBackendError(e, 401) : err;
      }
    },

    logout: () => command<void>("hub_sign_out", {}),

    // The hub refused this device (revoked, signed out elsewhere): the shell has already
    // removed the token from the keyring.
    onUnauthorized(cb) {
      return subscribe<HubState>(HUB_STATUS_EVENT, (s) => {
        if (!s.paired) cb();
      });
    },

    connection: () => command<ConnectionInfo>("connection_status", {}),
    onHubStatus: (cb) => subscribe<HubState>(HUB_STATUS_EVENT, cb),
    pairHub: (address: string, code: string, deviceName: string) =>
      command<{ member: SessionMember; restarting: boolean }>("pair_hub", { address, code, deviceName }),
    useSolo: () => command<void>("use_solo", {}),
    hubBackups: {
      info: () => command<HubBackupInfo>("hub_backup_status", {}),
      setSettings: (settings: PullSettings) => command<HubBackupInfo>("set_hub_backup", { settings }),
      pullNow: () => command<HubBackupInfo>("pull_hub_backup", {}),
      view: (name: string) => command<HubBackupInfo>("view_hub_backup", { name }),
      close: () => command<HubBackupInfo>("close_hub_backup", {}),
      makeSolo: (name: string) => command<void>("make_solo_from_hub_backup", { name }),
      onChange: (cb: () => void) => subscribe<null>(HUB_BACKUP_EVENT, () => cb()),
    },

    mediaUrl(file: string): string {
      // media://localhost/<name> (Linux, macOS) or http://media.localhost/<name> (Windows).
      return convertFileSrc(file, MEDIA_SCHEME);
    },

    openMediaFile: (file: string, name: string) => command<OpenedFile>("open_media_file", { file, name }),
    pickBackupFile: () => command<string | null>("pick_backup_file", {}),
    inspectBackup: (path: string) => command<BackupSummary>("inspect_backup", { path }),
    restoreBackup: (path: string) => command<{ previous: string }>("restore_backup", { path }),
    checkForUpdate: () => command<UpdateCheck>("check_update", {}),
    installUpdate: () => command<void>("install_update", {}),

    onEvent(cb) {
      return subscribe<CoreEvent>(CORE_EVENT, cb);
    },

    onOpenConversation(cb) {
      return subscribe<{ conversationId: number }>(OPEN_CONVERSATION_EVENT, (p) => cb(p.conversationId));
    },
  };
}
