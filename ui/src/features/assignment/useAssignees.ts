import type { MemberName } from "../../api/types.gen";
import { useRpcQuery } from "../../backend/query";
import { useSession } from "../../frame/session";

const NONE: MemberName[] = [];

/** The members a chat can be given to; empty (and not asked) without a signed-in member. */
export function useAssignees(): MemberName[] {
  const signedIn = useSession().me.member !== null;
  return useRpcQuery("listAssignees", undefined, { enabled: signedIn }).data ?? NONE;
}
