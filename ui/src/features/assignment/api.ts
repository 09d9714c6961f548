import { useMemo } from "react";
import type { AutoAssignSettings, ConversationView, NotifyScope } from "../../api/types.gen";
import { typedRpc, type Backend } from "../../backend";
import { useBackend } from "../../backend/react";

/** The calls of assignment (担当者) and 「入力中」. */
export function assignmentApi(b: Backend) {
  const rpc = typedRpc(b);
  return {
    assign: (conversationId: number, memberId: number | null): Promise<ConversationView> =>
      rpc("assignConversation", { conversationId, memberId }),
    reportTyping: (conversationId: number): Promise<void> => rpc("reportTyping", { conversationId }),
    setAutoAssign: (s: AutoAssignSettings): Promise<AutoAssignSettings> => rpc("setAutoAssign", s),
    setNotifyScope: async (scope: NotifyScope): Promise<NotifyScope> => (await rpc("setMyNotifyScope", { scope })).scope,
    /** Whether a customer's new message in this chat notifies me: the core's rule (my scope, the chat's assignee). */
    shouldNotify: (conversationId: number): Promise<boolean> => rpc("shouldNotify", { conversationId }),
  };
}

export type AssignmentApi = ReturnType<typeof assignmentApi>;

export function useAssignmentApi(): AssignmentApi {
  const b = useBackend();
  return useMemo(() => assignmentApi(b), [b]);
}
