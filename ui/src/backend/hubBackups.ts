import type { ApiError, BackupFile } from "../api/types.gen";

/** How the desk pulls its hub's backups (src-tauri/crates/hub-client `PullSettings`). */
export interface PullSettings {
  everyHours: number;
  keep: number;
  onQuit: boolean;
}

/** Settings → このPCの控え (src-tauri/src/hub_backup.rs `HubBackupInfo`). */
export interface HubBackupInfo {
  status: {
    settings: PullSettings;
    lastPullAt: number | null;
    lastError: ApiError | null;
    files: BackupFile[];
    folder: string;
  };
  /** Only an owner's desk pulls (the hub answers the whole history to owners only). */
  owner: boolean;
  /** The pulled backup the window shows instead of the hub, if any. */
  viewing: string | null;
}

/**
 * The desktop in client mode keeps its hub's history (src-tauri/src/hub_backup.rs):
 * pulled backups, one opened read-only in the window, or made this PC's own shop.
 */
export interface HubBackups {
  info(): Promise<HubBackupInfo>;
  setSettings(settings: PullSettings): Promise<HubBackupInfo>;
  pullNow(): Promise<HubBackupInfo>;
  view(name: string): Promise<HubBackupInfo>;
  close(): Promise<HubBackupInfo>;
  makeSolo(name: string): Promise<void>;
  /** A pull finished or failed; returns the unsubscribe function. */
  onChange(cb: () => void): () => void;
}
