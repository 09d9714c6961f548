import { useMemo } from "react";
import type { ThreadPage } from "../../api/types.gen";
import { typedRpc, type Backend } from "../../backend";
import { useBackend } from "../../backend/react";

/** Search calls and the thread page around a found message. */
export function searchApi(b: Backend) {
  const rpc = typedRpc(b);
  return {
    threadAround: (conversationId: number, messageId: number): Promise<ThreadPage> =>
      rpc("getThread", { conversationId, before: null, limit: null, around: messageId }),
  };
}

export function useSearchApi() {
  const b = useBackend();
  return useMemo(() => searchApi(b), [b]);
}
