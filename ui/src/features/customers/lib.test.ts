import { describe, expect, it } from "vitest";
import { emptyExpr, exprMatches, formatDuration, formatWait, friendName, isOverdue, textOn, toggleInExpr } from "./lib";

describe("tag expressions", () => {
  it("moves a tag between parts and out again", () => {
    let e = toggleInExpr(emptyExpr(), "all", 1);
    expect(e).toEqual({ all: [1], any: [], none: [] });
    e = toggleInExpr(e, "none", 1);
    expect(e).toEqual({ all: [], any: [], none: [1] });
    e = toggleInExpr(e, "none", 1);
    expect(e).toEqual(emptyExpr());
  });

  it("matches like the core: all, any (when given), none", () => {
    const e = { all: [1], any: [2, 3], none: [4] };
    expect(exprMatches(e, [1, 2])).toBe(true);
    expect(exprMatches(e, [1])).toBe(false);
    expect(exprMatches(e, [2, 3])).toBe(false);
    expect(exprMatches(e, [1, 3, 4])).toBe(false);
    expect(exprMatches(emptyExpr(), [])).toBe(true);
  });
});

describe("waiting times", () => {
  it("formats short and long waits in both languages", () => {
    expect(formatWait(5 * 60_000, "ja")).toBe("5分");
    expect(formatWait(3 * 3_600_000, "en")).toBe("3 h");
    expect(formatWait(50 * 3_600_000, "ja")).toBe("2日");
    expect(formatDuration(65 * 60_000, "ja")).toBe("1時間5分");
    expect(formatDuration(30_000, "en")).toBe("30 s");
  });

  it("is overdue from the limit on, never when nobody waits", () => {
    expect(isOverdue({ waitingSince: 0 }, 1000, 1000)).toBe(true);
    expect(isOverdue({ waitingSince: 1 }, 1000, 1000)).toBe(false);
    expect(isOverdue({ waitingSince: null }, 1e12, 1)).toBe(false);
  });
});

describe("names and colours", () => {
  it("prefers the private name", () => {
    expect(friendName({ privateName: " 田中様 ", displayName: "たなか" }, "?")).toBe("田中様");
    expect(friendName({ privateName: "", displayName: null }, "名前なし")).toBe("名前なし");
  });

  it("picks readable text on a tag colour", () => {
    expect(textOn("#ffffff")).toBe("#000000");
    expect(textOn("#1e3a8a")).toBe("#ffffff");
  });
});

import { compareWaiting, rowMatches } from "./lib";
import type { ConversationView } from "../../api/types.gen";

describe("list rows", () => {
  const row = (id: number, p: Partial<ConversationView>): ConversationView => ({
    id,
    accountId: 1,
    friend: { id, lineUserId: `U${id}`, displayName: null, pictureUrl: null, pictureFile: null, followed: true, privateName: null },
    lastPreview: null,
    lastKind: null,
    lastDirection: null,
    lastMessageAt: id * 1000,
    unreadCount: 0,
    status: "open",
    pinned: false,
    waitingSince: null,
    tagIds: [],
    assignee: null,
    lastReplyBy: null,
    ...p,
  });

  it("keeps a row only while it matches the status and tag filters", () => {
    const e = { all: [1], any: [], none: [] };
    expect(rowMatches(row(1, { tagIds: [1], status: "needsAction" }), "needsAction", e, null)).toBe(true);
    expect(rowMatches(row(1, { tagIds: [1], status: "resolved" }), "needsAction", e, null)).toBe(false);
    expect(rowMatches(row(1, { tagIds: [] }), "all", e, null)).toBe(false);
    expect(rowMatches(row(1, { tagIds: [] }), "all", e, 1)).toBe(true);
  });

  it("sorts the longest wait first, then the newest", () => {
    const rows = [row(1, {}), row(2, { waitingSince: 500 }), row(3, {}), row(4, { waitingSince: 100 })];
    expect(rows.sort(compareWaiting).map((r) => r.id)).toEqual([4, 2, 3, 1]);
  });
});
