import { describe, expect, it } from "vitest";
import { formatShifts, parseShifts } from "./shifts";

describe("shift text", () => {
  it("reads one or several periods, full-width and Japanese separators too", () => {
    expect(parseShifts("10:00-19:00")).toEqual([{ start: "10:00", end: "19:00" }]);
    expect(parseShifts("１０:００〜１４:００、 17:00-22:00")).toEqual([
      { start: "10:00", end: "14:00" },
      { start: "17:00", end: "22:00" },
    ]);
    expect(parseShifts("")).toEqual([]);
  });

  it("refuses what it cannot read", () => {
    expect(parseShifts("朝から")).toBeNull();
    expect(parseShifts("10-19")).toBeNull();
  });

  it("round-trips", () => {
    const p = [{ start: "22:00", end: "02:00" }];
    expect(parseShifts(formatShifts(p))).toEqual(p);
  });
});
