import { useEffect, useState } from "react";
import type { MemberName } from "../../api/types.gen";
import { useSession } from "../../frame/session";
import { useAssignmentApi } from "./api";

/** The members a chat can be given to; empty (and not asked) without a signed-in member. */
export function useAssignees(): MemberName[] {
  const api = useAssignmentApi();
  const signedIn = useSession().me.member !== null;
  const [list, setList] = useState<MemberName[]>([]);
  useEffect(() => {
    if (!signedIn) return;
    let alive = true;
    api.assignees().then(
      (l) => alive && setList(l),
      (e: unknown) => console.warn("listAssignees failed", e),
    );
    return () => {
      alive = false;
    };
  }, [api, signedIn]);
  return list;
}
