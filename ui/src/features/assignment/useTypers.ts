import { useEffect, useState } from "react";
import { useCoreEvents } from "../../backend/react";
import { useSession } from "../../frame/session";
import { addTyping, clearTyping, pruneTypers, type Typers } from "./typers";

/** Live 「入力中」 signals of the other members, by conversation. */
export function useTypers(): Typers {
  const me = useSession().me.member?.id ?? null;
  const [typers, setTypers] = useState<Typers>(() => new Map());
  useCoreEvents((e) => {
    if (e.type === "memberTyping") setTypers((cur) => addTyping(cur, e, Date.now(), me));
    // Their reply went out: no 「入力中」 lingering under it.
    else if (e.type === "memberActed" && e.kind === "send" && e.conversationId !== null) {
      const { conversationId } = e;
      setTypers((cur) => clearTyping(cur, conversationId, e.by.memberId));
    }
  });
  const any = typers.size > 0;
  useEffect(() => {
    if (!any) return;
    const id = setInterval(() => setTypers((cur) => pruneTypers(cur, Date.now())), 1_000);
    return () => clearInterval(id);
  }, [any]);
  return typers;
}
