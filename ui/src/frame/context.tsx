import { createContext, useContext, type ReactNode } from "react";
import type { ViewContext } from "./view";

const FrameContext = createContext<ViewContext | null>(null);

/** Gives components deep in a view (a thread's header, a friend panel) the frame's navigation. */
export function FrameProvider({ value, children }: { value: ViewContext; children: ReactNode }) {
  return <FrameContext.Provider value={value}>{children}</FrameContext.Provider>;
}

export function useFrame(): ViewContext {
  const ctx = useContext(FrameContext);
  if (!ctx) throw new Error("useFrame outside FrameProvider");
  return ctx;
}
