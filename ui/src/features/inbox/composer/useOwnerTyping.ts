import { useCallback, useRef } from "react";
import { useApi } from "../../../backend/react";

/** Core throttles per chat; this only avoids a request per keystroke. */
const LOCAL_GAP_MS = 5_000;

/**
 * Returns a callback for every keystroke in the composer: now and then it tells the
 * backend the owner is typing, so the customer sees LINE's "…" animation.
 * Best effort: failures are ignored (the animation is a courtesy).
 */
export function useOwnerTyping(conversationId: number): () => void {
  const api = useApi();
  const last = useRef(0);
  return useCallback(() => {
    const now = Date.now();
    if (now - last.current < LOCAL_GAP_MS) return;
    last.current = now;
    api.ownerTyping(conversationId).catch(() => {});
  }, [api, conversationId]);
}
