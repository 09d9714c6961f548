import { describe, expect, it } from "vitest";
import type { ConversationView } from "../api/types.gen";
import { upsertConversation } from "./conversations";

function conv(id: number, p: Partial<ConversationView> = {}): ConversationView {
  return {
    id,
    accountId: 1,
    friend: { id, lineUserId: `U${id}`, displayName: `客${id}`, pictureUrl: null, followed: true },
    lastPreview: null,
    lastKind: null,
    lastDirection: null,
    lastMessageAt: id * 1000,
    unreadCount: 0,
    status: "open",
    pinned: false,
    ...p,
  };
}

describe("conversation list updates", () => {
  const all = { filter: "all" as const, accountId: null, selectedId: null };

  it("moves an updated row to the top, below pinned rows", () => {
    const list = [conv(9, { pinned: true }), conv(3), conv(2), conv(1)];
    const out = upsertConversation(list, conv(1, { lastMessageAt: 99_000, unreadCount: 1 }), all);
    expect(out.map((c) => c.id)).toEqual([9, 1, 3, 2]);
  });

  it("drops a read row from the unread filter unless it is open", () => {
    const list = [conv(2, { unreadCount: 1 }), conv(1, { unreadCount: 2 })];
    const unread = { filter: "unread" as const, accountId: null, selectedId: null };
    expect(upsertConversation(list, conv(2), unread).map((c) => c.id)).toEqual([1]);
    expect(upsertConversation(list, conv(2), { ...unread, selectedId: 2 }).map((c) => c.id)).toEqual([2, 1]);
  });

  it("ignores rows of other accounts", () => {
    expect(upsertConversation([], conv(5, { accountId: 2 }), { ...all, accountId: 1 })).toEqual([]);
  });
});
