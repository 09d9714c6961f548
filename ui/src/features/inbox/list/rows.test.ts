import { describe, expect, it } from "vitest";
import type { ConversationPage, ConversationView } from "../../../api/types.gen";
import { keepOpenRow, pageRows } from "./rows";

function conv(id: number, p: Partial<ConversationView> = {}): ConversationView {
  return { id, lastMessageAt: id * 1000, pinned: false, waitingSince: null, unreadCount: 0, ...p } as ConversationView;
}
const page = (...items: ConversationView[]): ConversationPage => ({ items, nextCursor: null, waitLimitMs: 1 }) as ConversationPage;

describe("the list's rows", () => {
  it("shows the pages in order, a chat met twice once", () => {
    expect(pageRows([page(conv(5), conv(4)), page(conv(4), conv(3))]).map((c) => c.id)).toEqual([5, 4, 3]);
  });

  it("keeps the open chat where it sorts once the filter no longer matches it", () => {
    const rows = [conv(9, { pinned: true }), conv(3), conv(1)];
    expect(keepOpenRow(rows, conv(2), "recent").map((c) => c.id)).toEqual([9, 3, 2, 1]);
    expect(keepOpenRow(rows, conv(3, { unreadCount: 1 }), "recent")).toBe(rows);
    expect(keepOpenRow(rows, null, "recent")).toBe(rows);
  });

  it("sorts the kept chat by waiting time in 待ち時間順", () => {
    const rows = [conv(1, { waitingSince: 100 }), conv(3, { waitingSince: 300 })];
    expect(keepOpenRow(rows, conv(2, { waitingSince: 200 }), "waiting").map((c) => c.id)).toEqual([1, 2, 3]);
  });
});
