import { describe, expect, it } from "vitest";
import { emptyBubble, msToShopLocal, roleOf, setTagRole, shopLocalToMs, toAudience, toContents } from "./draft";

describe("broadcast draft", () => {
  it("turns bubbles into contents only when none is empty, and at most 5", () => {
    expect(toContents([])).toBeNull();
    expect(toContents([{ type: "text", text: "  " }])).toBeNull();
    expect(toContents([emptyBubble("sticker")])).toBeNull();
    expect(
      toContents([
        { type: "text", text: "<b>セール</b>" },
        { type: "sticker", packageId: " 446 ", stickerId: "1988" },
        { type: "image", path: "/srv/shop/a.png" },
      ]),
    ).toEqual([
      { type: "text", text: "<b>セール</b>" },
      { type: "sticker", packageId: "446", stickerId: "1988" },
      { type: "image", path: "/srv/shop/a.png" },
    ]);
    expect(toContents(Array.from({ length: 6 }, () => ({ type: "text" as const, text: "x" })))).toBeNull();
  });

  it("keeps a tag in one list at most", () => {
    let e = { all: [], any: [], none: [] } as { all: number[]; any: number[]; none: number[] };
    e = setTagRole(e, 1, "all");
    e = setTagRole(e, 2, "none");
    e = setTagRole(e, 1, "any");
    expect(e).toEqual({ all: [], any: [1], none: [2] });
    expect(roleOf(e, 2)).toBe("none");
    expect(roleOf(setTagRole(e, 2, null), 2)).toBeNull();
    expect(toAudience("all", e)).toEqual({ type: "all" });
    expect(toAudience("tags", e)).toEqual({ type: "tags", expr: e });
  });

  it("reads the schedule as wall time in the shop's zone", () => {
    // 2026-12-01 10:00 in Tokyo is 01:00 UTC.
    expect(shopLocalToMs("2026-12-01T10:00", "Asia/Tokyo")).toBe(Date.UTC(2026, 11, 1, 1, 0));
    expect(msToShopLocal(Date.UTC(2026, 11, 1, 1, 0), "Asia/Tokyo")).toBe("2026-12-01T10:00");
    // A zone with summer time round-trips too.
    const ms = shopLocalToMs("2026-07-01T09:30", "Europe/Berlin");
    expect(ms).toBe(Date.UTC(2026, 6, 1, 7, 30));
    expect(shopLocalToMs("garbage")).toBeNull();
  });
});
