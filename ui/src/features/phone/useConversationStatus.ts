import { useCallback } from "react";
import type { ConversationStatus } from "../../api/types.gen";
import { useReportError, useRpcQuery, useSetRpcData } from "../../backend/query";
import { useCustomersApi } from "../customers/api";

/**
 * The open chat's status (要対応 / 対応済み) for the phone's thread bar, and the way to
 * change it. The chat's newest page of one message is the friend sheet's too, so a
 * change made there, or by another member, shows here.
 */
export function useConversationStatus(conversationId: number, onError: (e: unknown) => void) {
  const customers = useCustomersApi();
  const params = { conversationId, before: null, limit: 1 };
  const thread = useRpcQuery("getThread", params);
  useReportError(thread.error, onError);
  const setData = useSetRpcData();
  const page = thread.data;

  const change = useCallback(
    (next: ConversationStatus) =>
      customers.setStatus(conversationId, next).then((c) => {
        // Setting the answer drops a read that started before the change.
        if (page) setData("getThread", { conversationId, before: null, limit: 1 }, { ...page, conversation: c });
      }, onError),
    [customers, conversationId, page, setData, onError],
  );
  return { status: page?.conversation.status ?? null, change };
}
