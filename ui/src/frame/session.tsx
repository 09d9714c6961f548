import { createContext, useContext, type ReactNode } from "react";
import type { Me, Method } from "../backend";
import { canCall } from "./access";

export interface Session {
  me: Me;
  /** Signs this device out and shows the sign-in screen; null where there is no sign-in (the desktop window). */
  signOut: (() => Promise<void>) | null;
}

// Outside a provider nothing is known about the person: show only what staff may do.
const SessionContext = createContext<Session>({ me: { member: null, role: "staff" }, signOut: null });

export function SessionProvider({ value, children }: { value: Session; children: ReactNode }) {
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  return useContext(SessionContext);
}

/** Whether the signed-in person may call `method` (hide what they may not). */
export function useCan(method: Method): boolean {
  return canCall(useSession().me, method);
}
