import type { ApiError, BackupSummary, CoreEvent, Request, Response, Role, SessionMember } from "../api/types.gen";
import type { HubBackups } from "./hubBackups";

/** Where a customer's file was saved, and whether a viewer opened it. */
export interface OpenedFile {
  path: string;
  opened: boolean;
}

/**
 * Who uses this window (`GET /api/me`): a signed-in member, or no member — the printed
 * session token or the desktop window, the one person at this PC, an owner.
 */
export interface Me {
  member: SessionMember | null;
  role: Role;
}

/**
 * The desktop as a hub's client (src-tauri/crates/hub-client `LinkState`): which hub,
 * whether it answers, since when it does not and why.
 */
export interface HubState {
  address: string;
  /** False once signed out or revoked: the window shows the connect wizard. */
  paired: boolean;
  online: boolean;
  /** When the hub last answered (ms since the epoch). */
  lastContact: number | null;
  /** Why the hub cannot be reached. */
  reason: ApiError | null;
  /** The shop's time zone, learned while online. */
  timeZone: string | null;
}

/** The desktop's mode (src-tauri/src/hub.rs `ConnectionInfo`). */
export interface ConnectionInfo {
  /** "unchosen": its connection.json could not be read; the wizard asks again. */
  mode: "solo" | "hub" | "unchosen";
  hub: HubState | null;
  /** This computer's name: the suggested device name. */
  deviceName: string;
  /** The demo cannot become a hub's client. */
  demo: boolean;
}

/** One interface, two transports (HTTP against madoguchi-server, Tauri IPC). */
export interface Backend {
  /** Sends one API request; rejects with a {@link BackendError}. */
  rpc(req: Request): Promise<Response>;
  /** Who is signed in; rejects with a 401 {@link BackendError} when no one is. */
  me(): Promise<Me>;
  /** Signs this device out (revokes its token). Absent in the desktop window. */
  logout?(): Promise<void>;
  /**
   * Calls `cb` when the server stops accepting this window's token (a 401 answer, or the
   * event stream refused): signed out elsewhere, revoked, or the member removed.
   * Returns the unsubscribe function. Absent in the desktop window.
   */
  onUnauthorized?(cb: () => void): () => void;
  /**
   * The URL at which this transport serves a stored media file (`MessageView.mediaFile`):
   * `/api/media/<name>` from madoguchi-server, the `media:` scheme in the desktop window.
   */
  mediaUrl(file: string): string;
  /**
   * Only where the webview's player cannot open `mediaUrl` itself (WebKitGTK's GStreamer
   * player opens http(s), file and blob URLs, never a custom scheme): reads the file and
   * answers a `blob:` URL for <video>/<audio>, which the caller revokes when done.
   */
  playerUrl?(file: string): Promise<string>;
  /**
   * Saves a customer's file under its own name into the Downloads folder and opens it
   * with the system's viewer (the desktop window, which has no download manager).
   * Absent over HTTP, where the browser downloads the `mediaUrl` itself.
   */
  openMediaFile?(file: string, name: string): Promise<OpenedFile>;
  /**
   * Restoring a backup over the shop's data, in the desktop app (the server restores
   * from its command line). `pickBackupFile` opens the system's file dialog (null when
   * cancelled); `inspectBackup` says what a file holds without changing anything;
   * `restoreBackup` restores it, keeps the current data as a dated folder and starts
   * the app again.
   */
  pickBackupFile?(): Promise<string | null>;
  inspectBackup?(path: string): Promise<BackupSummary>;
  restoreBackup?(path: string): Promise<{ previous: string }>;
  /**
   * Updates of the desktop app (src-tauri/src/updates.rs): `checkForUpdate` asks the
   * project's GitHub releases; `installUpdate` downloads what the last check found,
   * installs it and starts the app again. Absent over HTTP: the server is updated
   * through its package.
   */
  checkForUpdate?(): Promise<UpdateCheck>;
  installUpdate?(): Promise<void>;
  /**
   * The desktop window only (src-tauri/src/hub.rs): the app's mode, the hub's state as
   * it changes, pairing with a hub (the shell keeps the token; the window never sees it)
   * and going back to このPCだけ. `pairHub` answers `restarting` when the app starts
   * again to leave solo mode.
   */
  connection?(): Promise<ConnectionInfo>;
  onHubStatus?(cb: (s: HubState) => void): () => void;
  pairHub?(address: string, code: string, deviceName: string): Promise<{ member: SessionMember; restarting: boolean }>;
  useSolo?(): Promise<void>;
  /** Client mode only: the hub's backups pulled to this PC (./hubBackups.ts). */
  hubBackups?: HubBackups;
  /** Subscribes to core events; returns the unsubscribe function. */
  onEvent(cb: (e: CoreEvent) => void): () => void;
  /**
   * Subscribes to "open this chat" requests from a clicked desktop notification
   * (only the desktop app has them); returns the unsubscribe function.
   */
  onOpenConversation?(cb: (conversationId: number) => void): () => void;
}

/** What a check for updates found (src-tauri/src/updates.rs `UpdateCheck`). */
export type UpdateCheck =
  | { state: "upToDate"; current: string }
  | { state: "available"; current: string; version: string; notes: string | null }
  | { state: "notConfigured"; current: string };

export type Lang = "ja" | "en";

/** A failed API call, carrying the server's message in both languages. */
export class BackendError extends Error implements ApiError {
  override readonly name = "BackendError";
  readonly code: string;
  readonly messageJa: string;
  /** HTTP status, when the failure came over HTTP. */
  readonly status: number | undefined;
  /** An internal error's log id: its details are in the app's log under this id. */
  readonly logId: string | undefined;

  constructor(err: ApiError, status?: number) {
    super(err.message);
    this.code = err.code;
    this.messageJa = err.messageJa;
    this.status = status;
    this.logId = typeof err.logId === "string" && err.logId ? err.logId : undefined;
  }

  /**
   * The message in the UI's language (falls back to the other one if empty), with the
   * log id of an internal error for the person to quote.
   */
  localized(lang: Lang): string {
    const ja = this.messageJa || this.message;
    const en = this.message || this.messageJa;
    if (!this.logId) return lang === "ja" ? ja : en;
    return lang === "ja" ? `${ja}（ログ番号 ${this.logId}）` : `${en} (log id ${this.logId})`;
  }
}

export function isApiError(v: unknown): v is ApiError {
  if (typeof v !== "object" || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.code === "string" && typeof o.message === "string" && typeof o.messageJa === "string";
}

/** Turns anything a transport rejected with into a BackendError. */
export function toBackendError(e: unknown, status?: number): BackendError {
  if (e instanceof BackendError) return e;
  if (isApiError(e)) return new BackendError(e, status);
  const detail = e instanceof Error ? e.message : typeof e === "string" ? e : "";
  return new BackendError(
    {
      code: "transport",
      message: detail ? `Could not reach Madoguchi: ${detail}` : "Could not reach Madoguchi.",
      messageJa: detail ? `窓口に接続できませんでした: ${detail}` : "窓口に接続できませんでした。",
    },
    status,
  );
}
