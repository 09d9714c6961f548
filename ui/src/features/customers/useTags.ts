import type { TagView } from "../../api/types.gen";
import { useInvalidateRpc, useReportError, useRpcQuery } from "../../backend/query";

const NONE: TagView[] = [];

/**
 * The account's tags; `reload` after a change here. Another window or the auto-tag
 * worker changing them reaches the list through the core's events.
 */
export function useTags(accountId: number | null, onError: (e: unknown) => void) {
  const query = useRpcQuery("listTags", { accountId: accountId ?? 0 }, { enabled: accountId !== null });
  useReportError(query.error, onError);
  const invalidate = useInvalidateRpc();
  return { tags: query.data ?? NONE, reload: () => void invalidate("listTags") };
}
