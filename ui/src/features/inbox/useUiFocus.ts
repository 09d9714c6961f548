import { useEffect, useRef } from "react";
import { useApi, useBackend } from "../../backend/react";

function windowFocused(): boolean {
  return document.hasFocus() && document.visibilityState === "visible";
}

/**
 * Keeps the backend told whether the window is focused and which chat is open, so a
 * new message notifies only when the owner is not already looking at that chat; and
 * opens the chat of a clicked desktop notification (desktop app only).
 */
export function useUiFocus(openConversationId: number | null, onOpenConversation: (id: number) => void): void {
  const api = useApi();
  const backend = useBackend();
  const openRef = useRef(openConversationId);
  const onOpenRef = useRef(onOpenConversation);
  useEffect(() => {
    onOpenRef.current = onOpenConversation;
  });

  useEffect(() => {
    openRef.current = openConversationId;
    const report = () => {
      api.uiFocus(windowFocused(), openRef.current).catch((e: unknown) => console.warn("uiFocus failed", e));
    };
    report();
    window.addEventListener("focus", report);
    window.addEventListener("blur", report);
    document.addEventListener("visibilitychange", report);
    return () => {
      window.removeEventListener("focus", report);
      window.removeEventListener("blur", report);
      document.removeEventListener("visibilitychange", report);
    };
  }, [api, openConversationId]);

  useEffect(() => backend.onOpenConversation?.((id) => onOpenRef.current(id)), [backend]);
}
