import { describe, expect, it } from "vitest";
import { segments } from "./highlight";

describe("segments", () => {
  it("splits by UTF-16 offsets, emoji included", () => {
    expect(segments("😀予約です", [{ start: 2, end: 4 }])).toEqual([
      { text: "😀", hit: false },
      { text: "予約", hit: true },
      { text: "です", hit: false },
    ]);
  });
  it("keeps every character when offsets are bad", () => {
    const s = "<b>abc</b>";
    const parts = segments(s, [
      { start: 3, end: 6 },
      { start: 4, end: 5 },
      { start: 8, end: 99 },
    ]);
    expect(parts.map((p) => p.text).join("")).toBe(s);
    expect(parts.filter((p) => p.hit).map((p) => p.text)).toEqual(["abc"]);
  });
});
