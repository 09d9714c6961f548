import { createContext, useContext, type ReactNode } from "react";
import type { ViewContext } from "./view";

const ShellContext = createContext<ViewContext | null>(null);

/** Gives components deep in a view (a thread's header, a friend panel) the shell's navigation. */
export function ShellProvider({ value, children }: { value: ViewContext; children: ReactNode }) {
  return <ShellContext.Provider value={value}>{children}</ShellContext.Provider>;
}

export function useShell(): ViewContext {
  const ctx = useContext(ShellContext);
  if (!ctx) throw new Error("useShell outside ShellProvider");
  return ctx;
}
