import { useMemo } from "react";
import type { SearchPage, ThreadPage } from "../../api/types.gen";
import { expectKind, type Backend } from "../../backend";
import { useBackend } from "../../backend/react";

/** Search calls and the thread page around a found message. */
export function searchApi(b: Backend) {
  return {
    searchMessages: (query: string, accountId: number | null, before: number | null, limit = 30): Promise<SearchPage> =>
      b
        .rpc({ method: "searchMessages", params: { query, accountId, before, limit } })
        .then((r) => expectKind(r, "searchResults")),
    searchNotes: (query: string, accountId: number | null, before: number | null, limit = 30): Promise<SearchPage> =>
      b
        .rpc({ method: "searchNotes", params: { query, accountId, before, limit } })
        .then((r) => expectKind(r, "searchResults")),
    threadAround: (conversationId: number, messageId: number): Promise<ThreadPage> =>
      b
        .rpc({ method: "getThread", params: { conversationId, before: null, limit: null, around: messageId } })
        .then((r) => expectKind(r, "thread")),
  };
}

export function useSearchApi() {
  const b = useBackend();
  return useMemo(() => searchApi(b), [b]);
}
