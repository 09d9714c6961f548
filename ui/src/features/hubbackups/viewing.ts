import { useEffect, useState } from "react";
import type { HubBackups } from "../../backend/hubBackups";

/**
 * Which pulled copy the window shows instead of the hub (null: the hub). One value for
 * the banner and Settings: the section sets it after opening or closing a copy, the
 * banner reads it (and asks the shell once, for a window reloaded while a copy is open).
 */
let current: string | null = null;
const listeners = new Set<(v: string | null) => void>();

export function setViewing(name: string | null) {
  current = name;
  for (const l of listeners) l(name);
}

export function useViewing(api: HubBackups | undefined): string | null {
  const [v, setV] = useState(current);
  useEffect(() => {
    listeners.add(setV);
    if (api) {
      api.info().then(
        (i) => setViewing(i.viewing),
        () => {},
      );
    }
    return () => {
      listeners.delete(setV);
    };
  }, [api]);
  return v;
}

/** "madoguchi-backup-2026-12-07-031500-123.tar.zst" → "2026/12/07 03:15" (the shop's time, as the hub named it). */
export function copyTime(name: string): string {
  const m = /(\d{4})-(\d{2})-(\d{2})-(\d{2})(\d{2})\d{2}/.exec(name);
  return m ? `${m[1]}/${m[2]}/${m[3]} ${m[4]}:${m[5]}` : name;
}
