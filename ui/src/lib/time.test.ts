import { describe, expect, it } from "vitest";
import { dayKey, formatDate, formatDateTime, formatDay, formatListTime, formatTime } from "./time";

// 2025-11-24T15:30:00Z is 2025-11-25 00:30 in Tokyo (UTC+9, no DST).
const justAfterMidnightTokyo = Date.UTC(2025, 10, 24, 15, 30);
const labels = { yesterday: "昨日" };

describe("time in Asia/Tokyo", () => {
  it("puts a UTC evening on the next Tokyo day", () => {
    expect(dayKey(justAfterMidnightTokyo)).toBe("2025-11-25");
    expect(dayKey(Date.UTC(2025, 10, 24, 14, 59))).toBe("2025-11-24");
    expect(formatTime(justAfterMidnightTokyo)).toBe("00:30");
  });

  it("formats the time of day on 24 hours whatever the machine's zone", () => {
    expect(formatTime(Date.UTC(2025, 10, 25, 5, 7))).toBe("14:07");
    expect(formatTime(Date.UTC(2025, 10, 25, 5, 7), "ja-JP", "UTC")).toBe("05:07");
  });

  it("writes day separators the Japanese way", () => {
    expect(formatDay(justAfterMidnightTokyo)).toBe("2025年11月25日(火)");
  });

  it("shows list times relative to now", () => {
    const now = Date.UTC(2025, 10, 25, 3, 0); // 12:00 in Tokyo
    expect(formatListTime(justAfterMidnightTokyo, now, labels)).toBe("00:30");
    expect(formatListTime(Date.UTC(2025, 10, 24, 14, 0), now, labels)).toBe("昨日"); // 23:00 the 24th
    expect(formatListTime(Date.UTC(2025, 0, 5, 3, 0), now, labels)).toBe("1/5");
    // 16:00 UTC on New Year's Eve is already 1 January in Tokyo: this year.
    expect(formatListTime(Date.UTC(2024, 11, 31, 16, 0), now, labels)).toBe("1/1");
    expect(formatListTime(Date.UTC(2024, 11, 31, 14, 0), now, labels)).toBe("2024/12/31");
  });
});

describe("formatDate / formatDateTime", () => {
  // 2026-11-26 08:40 UTC is 17:40 in Tokyo, whatever zone the machine is in.
  const ms = Date.UTC(2026, 10, 26, 8, 40);
  it("show the shop's date and 24-hour time", () => {
    expect(formatDateTime(ms)).toBe("2026/11/26 17:40");
    expect(formatDate(Date.UTC(2026, 10, 26, 20, 0))).toBe("2026/11/27");
  });
  it("in English too, still in the shop's zone and 24-hour", () => {
    expect(formatDateTime(Date.UTC(2026, 10, 26, 13, 5), "en-GB")).toBe("26/11/2026 22:05");
  });
});
