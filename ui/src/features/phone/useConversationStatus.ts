import { useCallback, useEffect, useRef, useState } from "react";
import type { ConversationStatus } from "../../api/types.gen";
import { useApi, useCoreEvents, useResync } from "../../backend/react";
import { useCustomersApi } from "../customers/api";

/**
 * The open chat's status (要対応 / 対応済み) for the phone's thread bar, and the way to
 * change it. Follows changes made elsewhere (the friend sheet, another member).
 */
export function useConversationStatus(conversationId: number, onError: (e: unknown) => void) {
  const inbox = useApi();
  const customers = useCustomersApi();
  const [status, setStatus] = useState<ConversationStatus | null>(null);
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  // Answers are numbered: a slow read that started before a change cannot undo it on screen.
  const asked = useRef(0);
  const shown = useRef(0);
  const show = useCallback((seq: number, s: ConversationStatus) => {
    if (seq < shown.current) return;
    shown.current = seq;
    setStatus(s);
  }, []);

  useEffect(() => {
    const seq = ++asked.current;
    inbox.getThread(conversationId, null, 1).then((page) => show(seq, page.conversation.status), onError);
  }, [inbox, conversationId, version, show, onError]);
  useCoreEvents((e) => {
    if ((e.type === "conversationUpdated" || e.type === "messageArrived") && e.conversationId === conversationId) reload();
  });
  useResync(reload);

  const change = useCallback(
    (next: ConversationStatus) => {
      const seq = ++asked.current;
      return customers.setStatus(conversationId, next).then((c) => show(seq, c.status), onError);
    },
    [customers, conversationId, show, onError],
  );
  return { status, change };
}
