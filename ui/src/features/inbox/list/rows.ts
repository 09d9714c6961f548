import { useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { useMemo } from "react";
import type { ConversationPage, ConversationSort, ConversationView } from "../../../api/types.gen";
import { compareConversations } from "../../../lib/conversations";
import { compareWaiting } from "../../customers/lib";

/** The loaded pages as one list; a chat that moved between two page reads shows once, where first met. */
export function pageRows(pages: readonly ConversationPage[]): ConversationView[] {
  const seen = new Set<number>();
  const out: ConversationView[] = [];
  for (const p of pages) {
    for (const c of p.items) {
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      out.push(c);
    }
  }
  return out;
}

/**
 * The open chat stays in a filtered list (未読のみ, a tag) after it no longer matches,
 * e.g. once read, so the row being worked on does not vanish under the pointer. `held`
 * is the open chat as this list last had it.
 */
export function keepOpenRow(rows: ConversationView[], held: ConversationView | null, sort: ConversationSort): ConversationView[] {
  if (!held || rows.some((c) => c.id === held.id)) return rows;
  return [...rows, held].sort(sort === "waiting" ? compareWaiting : compareConversations);
}

/**
 * Puts a chat a write just answered with (read, assigned) into every cached list where
 * it already is, in place; the event that follows reads the lists again in their order.
 */
export function useSetConversationRow(): (row: ConversationView) => void {
  const client = useQueryClient();
  return useMemo(
    () => (row: ConversationView) =>
      client.setQueriesData<InfiniteData<ConversationPage, unknown>>({ queryKey: ["listConversations"] }, (data) =>
        data?.pages?.some((p) => p.items.some((c) => c.id === row.id))
          ? { ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.map((c) => (c.id === row.id ? row : c)) })) }
          : data,
      ),
    [client],
  );
}
