/**
 * The inbox's first page, requested while the app is still starting, so that the first
 * render already holds the chats: one layout and one paint instead of an empty list
 * followed by a second pass for the rows (start-up time). The list takes it once, into
 * its query's cache, and only when it shows exactly this page; every later page and
 * every later read is the query's own request.
 */
import type { InfiniteData, QueryClient } from "@tanstack/react-query";
import type { ConversationPage } from "../../api/types.gen";
import { api, type Backend } from "../../backend";

/** Rows in one page of the conversation list. */
export const PAGE_SIZE = 30;

export interface EarlyPage {
  promise: Promise<ConversationPage>;
  /** Set once the page has arrived. */
  page?: ConversationPage;
}

let early: EarlyPage | null = null;

/** The list a fresh window shows: all accounts, all chats, most recent first, no tag filter. */
const DEFAULT_LIST = { accountId: null, filter: "all", sort: "recent" } as const;

/** Asks for the default first page. */
export function prefetchFirstPage(backend: Backend): Promise<ConversationPage> {
  const promise = api(backend).listConversations({ ...DEFAULT_LIST, before: null, limit: PAGE_SIZE, tags: null });
  const entry: EarlyPage = { promise };
  // Failures reach whoever takes the page; this only records an arrival.
  promise.then(
    (page) => {
      entry.page = page;
    },
    () => {},
  );
  early = entry;
  return promise;
}

/** Whether a list with these settings shows the default first page. */
export function isDefaultFirstPage(p: { accountId: number | null; filter: string; sort: string; tagsEmpty: boolean }): boolean {
  return p.accountId === DEFAULT_LIST.accountId && p.filter === DEFAULT_LIST.filter && p.sort === DEFAULT_LIST.sort && p.tagsEmpty;
}

/** The early page, if any; `take` hands it over once. */
export function earlyFirstPage(take: boolean): EarlyPage | null {
  const e = early;
  if (take) early = null;
  return e;
}

/** Resolves once the early page has arrived or failed, or after `ms`, whichever is first. */
export function firstPageOrTimeout(ms: number): Promise<void> {
  const e = early;
  if (!e) return Promise.resolve();
  return Promise.race([e.promise.then(() => undefined, () => undefined), new Promise<void>((r) => setTimeout(r, ms))]);
}

/**
 * Takes the start-up page (once, whatever the list shows) and, when the list shows it,
 * puts it in the cache under the list's key: arrived, as the first page, so the first
 * render holds the rows; still on its way, as the read under way that the list's query
 * joins instead of asking again.
 */
export function seedFirstPage(client: QueryClient, queryKey: readonly unknown[], showsDefault: boolean): void {
  const e = earlyFirstPage(true);
  if (!e || !showsDefault) return;
  if (e.page) {
    client.setQueryData<InfiniteData<ConversationPage, unknown>>(queryKey, { pages: [e.page], pageParams: [null] });
    return;
  }
  void client.prefetchInfiniteQuery({
    queryKey,
    queryFn: () => e.promise,
    initialPageParam: null,
    // Which page follows is the list's own query's to say, once it reads on.
    getNextPageParam: () => undefined,
    retry: false,
  });
}
