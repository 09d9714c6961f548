import { describe, expect, it } from "vitest";
import { endLabel, endsNextDay, formatBytes, formatOpening, todayIn } from "./hours";

const nextDay = (t: string) => `翌${t}`;

describe("business hours helpers", () => {
  it("marks periods past midnight", () => {
    expect(endsNextDay({ start: "18:00", end: "02:00" })).toBe(true);
    expect(endsNextDay({ start: "10:00", end: "14:00" })).toBe(false);
    expect(endsNextDay({ start: "00:00", end: "24:00" })).toBe(false);
    expect(endsNextDay({ start: "10:00", end: "10:00" })).toBe(true);
    expect(endLabel({ start: "18:00", end: "02:00" }, nextDay)).toBe("翌2:00");
    expect(endLabel({ start: "18:00", end: "23:30" }, nextDay)).toBe("23:30");
    expect(endsNextDay({ start: "x", end: "02:00" })).toBe(false);
  });

  it("formats instants in the shop's zone, not the PC's", () => {
    // 2026-11-26 01:00 UTC is 10:00 on Thursday in Tokyo.
    const ms = Date.UTC(2026, 10, 26, 1, 0);
    expect(formatOpening(ms, "Asia/Tokyo", "ja")).toContain("10:00");
    expect(formatOpening(ms, "Asia/Tokyo", "ja")).toContain("26");
    expect(formatOpening(ms, "America/New_York", "en")).toContain("20:00");
    expect(todayIn("Asia/Tokyo", new Date(Date.UTC(2026, 10, 25, 15, 30)))).toBe("2026-11-26");
    expect(todayIn("UTC", new Date(Date.UTC(2026, 10, 25, 15, 30)))).toBe("2026-11-25");
  });

  it("formats sizes", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(50 * 1024 * 1024)).toBe("50 MB");
  });
});
