import { useCallback, useSyncExternalStore } from "react";

/** Phone width: below it the inbox shows one pane at a time (features/phone/phone.css uses the same figure). */
export const PHONE_QUERY = "(max-width: 640px)";

/**
 * Whether the window is phone-narrow, following rotation and resizing. Read at the first
 * render, so a phone never paints the desktop layout first.
 */
export function useNarrow(query: string = PHONE_QUERY): boolean {
  const subscribe = useCallback(
    (changed: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener("change", changed);
      return () => list.removeEventListener("change", changed);
    },
    [query],
  );
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(query).matches,
    () => false,
  );
}
