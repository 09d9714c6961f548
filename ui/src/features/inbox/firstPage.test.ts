import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it, vi } from "vitest";
import type { ConversationPage, Request, Response } from "../../api/types.gen";
import type { Backend } from "../../backend";
import { earlyFirstPage, firstPageOrTimeout, isDefaultFirstPage, PAGE_SIZE, prefetchFirstPage, seedFirstPage } from "./firstPage";

const page: ConversationPage = { items: [], nextCursor: "c1", waitLimitMs: 60_000 } as unknown as ConversationPage;

function backend(answer: () => Promise<Response>): Backend & { sent: Request[] } {
  const sent: Request[] = [];
  return {
    sent,
    rpc: (req) => {
      sent.push(req);
      return answer();
    },
    me: async () => ({ member: null, role: "owner" }),
    mediaUrl: (file) => `/api/media/${file}`,
    onEvent: () => () => {},
  };
}

describe("the inbox's start-up page", () => {
  it("asks for the default first page and hands it over once", async () => {
    const b = backend(() => Promise.resolve({ kind: "conversations", data: page }));
    await prefetchFirstPage(b);
    expect(b.sent).toEqual([
      {
        method: "listConversations",
        params: { accountId: null, filter: "all", before: null, limit: PAGE_SIZE, tags: null, sort: "recent" },
      },
    ]);
    expect(earlyFirstPage(false)?.page).toEqual(page);
    expect(earlyFirstPage(true)?.page).toEqual(page);
    expect(earlyFirstPage(true)).toBeNull();
  });

  it("matches only a list that shows that page", () => {
    const base = { accountId: null, filter: "all", sort: "recent", tagsEmpty: true };
    expect(isDefaultFirstPage(base)).toBe(true);
    expect(isDefaultFirstPage({ ...base, accountId: 1 })).toBe(false);
    expect(isDefaultFirstPage({ ...base, filter: "unread" })).toBe(false);
    expect(isDefaultFirstPage({ ...base, sort: "waiting" })).toBe(false);
    expect(isDefaultFirstPage({ ...base, tagsEmpty: false })).toBe(false);
  });

  it("passes a wrong answer or a failure on to whoever takes it", async () => {
    const wrong = backend(() => Promise.resolve({ kind: "ok" }));
    await expect(prefetchFirstPage(wrong)).rejects.toThrow(/conversations/);
    const taken = earlyFirstPage(true);
    expect(taken?.page).toBeUndefined();
    await expect(taken?.promise).rejects.toThrow();
  });

  it("does not hold the first render longer than asked", async () => {
    const never = backend(() => new Promise<Response>(() => {}));
    prefetchFirstPage(never).catch(() => {});
    const started = Date.now();
    await firstPageOrTimeout(30);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    expect(earlyFirstPage(true)?.page).toBeUndefined();
    // Nothing asked for: nothing to wait for.
    await firstPageOrTimeout(10_000);
  });
});

describe("the start-up page in the list's query", () => {
  const key = ["listConversations", { filter: "all" }, "pages"];

  it("is the first page when it has arrived", async () => {
    const client = new QueryClient();
    await prefetchFirstPage(backend(() => Promise.resolve({ kind: "conversations", data: page })));
    seedFirstPage(client, key, true);
    expect(client.getQueryData(key)).toEqual({ pages: [page], pageParams: [null] });
    expect(earlyFirstPage(true)).toBeNull();
  });

  it("is the read under way while it has not", async () => {
    const client = new QueryClient();
    let answer: (r: Response) => void = () => {};
    const b = backend(() => new Promise<Response>((r) => (answer = r)));
    void prefetchFirstPage(b);
    seedFirstPage(client, key, true);
    expect(client.getQueryState(key)?.fetchStatus).toBe("fetching");
    answer({ kind: "conversations", data: page });
    await vi.waitFor(() => expect(client.getQueryData(key)).toEqual({ pages: [page], pageParams: [null] }));
    expect(b.sent).toHaveLength(1);
  });

  it("is only taken, not cached, by a list that shows another page", async () => {
    const client = new QueryClient();
    await prefetchFirstPage(backend(() => Promise.resolve({ kind: "conversations", data: page })));
    seedFirstPage(client, key, false);
    expect(client.getQueryData(key)).toBeUndefined();
    expect(earlyFirstPage(true)).toBeNull();
  });
});
