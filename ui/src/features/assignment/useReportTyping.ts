import { useCallback, useRef } from "react";
import { useSession } from "../../frame/session";
import { useAssignmentApi } from "./api";
import { TYPING_REPORT_MS } from "./typers";

/**
 * Called on every edit of the composer, IME composition included: tells the other
 * members' screens that this member is typing here, at most every TYPING_REPORT_MS.
 * Best effort, and nothing at all without a member (nobody else to tell).
 */
export function useReportTyping(conversationId: number): () => void {
  const api = useAssignmentApi();
  const member = useSession().me.member;
  const last = useRef(0);
  return useCallback(() => {
    if (!member) return;
    const now = Date.now();
    if (now - last.current < TYPING_REPORT_MS) return;
    last.current = now;
    api.reportTyping(conversationId).catch(() => {});
  }, [api, member, conversationId]);
}
