import { createContext, useContext, useEffect, useMemo, useRef, type ReactNode } from "react";
import type { CoreEvent } from "../api/types.gen";
import { api, type Api } from "./index";
import { onResync } from "./resync";
import type { Backend } from "./types";

const BackendContext = createContext<Backend | null>(null);

export function BackendProvider({ backend, children }: { backend: Backend; children: ReactNode }) {
  return <BackendContext.Provider value={backend}>{children}</BackendContext.Provider>;
}

export function useBackend(): Backend {
  const b = useContext(BackendContext);
  if (!b) throw new Error("useBackend outside <BackendProvider>");
  return b;
}

/** Typed API calls over the app's backend. */
export function useApi(): Api {
  const b = useBackend();
  return useMemo(() => api(b), [b]);
}

/** Calls `cb` for every core event while the component is mounted (latest `cb` wins). */
export function useCoreEvents(cb: (e: CoreEvent) => void): void {
  const b = useBackend();
  const ref = useRef(cb);
  useEffect(() => {
    ref.current = cb;
  });
  useEffect(() => b.onEvent((e) => ref.current(e)), [b]);
}

/**
 * Calls `refetch` when this window missed core events (latest `refetch` wins): every
 * screen that follows events reads what it shows again, so none stays stale.
 */
export function useResync(refetch: () => void): void {
  const b = useBackend();
  const ref = useRef(refetch);
  useEffect(() => {
    ref.current = refetch;
  });
  useEffect(() => onResync(b, () => ref.current()), [b]);
}
