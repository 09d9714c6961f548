import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import type { HubState } from "../../backend/types";
import { useBackend } from "../../backend/react";

const HubStatusContext = createContext<HubState | null>(null);

/**
 * The hub's state for every screen below (the banner, the composer, the header): null
 * in a browser and in solo mode. Asked once, then kept fresh from the shell's
 * `hub-status` events.
 */
export function HubStatusProvider({ children }: { children: ReactNode }) {
  const backend = useBackend();
  const [state, setState] = useState<HubState | null>(null);
  useEffect(() => {
    if (!backend.connection || !backend.onHubStatus) return;
    let live = true;
    const stop = backend.onHubStatus((s) => live && setState(s));
    backend.connection().then(
      (c) => live && c.hub && setState((cur) => cur ?? c.hub),
      () => {},
    );
    return () => {
      live = false;
      stop();
    };
  }, [backend]);
  return <HubStatusContext.Provider value={state}>{children}</HubStatusContext.Provider>;
}

export function useHubStatus(): HubState | null {
  return useContext(HubStatusContext);
}

/** True while this desk's hub cannot be reached: nothing may be sent. */
export function useHubOffline(): boolean {
  const s = useHubStatus();
  return s !== null && s.paired && !s.online;
}
