import { useCallback, useEffect, useState } from "react";
import type { TagView } from "../../api/types.gen";
import { useCoreEvents, useResync } from "../../backend/react";
import { useCustomersApi } from "./api";

/** The account's tags, reloaded on demand (after a change here) and when a chat's tags change. */
export function useTags(accountId: number | null, onError: (e: unknown) => void) {
  const api = useCustomersApi();
  const [tags, setTags] = useState<TagView[]>([]);
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  useEffect(() => {
    if (accountId === null) return;
    let alive = true;
    api.listTags(accountId).then((t) => alive && setTags(t), onError);
    return () => {
      alive = false;
    };
  }, [api, accountId, version, onError]);
  // Another window or the auto-tag worker may have created or applied one.
  useCoreEvents((e) => {
    if (e.type === "conversationUpdated") reload();
  });
  useResync(reload);
  return { tags, reload };
}
