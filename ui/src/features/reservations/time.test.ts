import { describe, expect, it } from "vitest";
import { formatRange, fromLocalInput, fromWall, toLocalInput, toWall, zoneOffset } from "./time";

describe("wall-clock frame", () => {
  it("Tokyo is UTC+9 all year", () => {
    expect(zoneOffset(Date.UTC(2027, 0, 15), "Asia/Tokyo")).toBe(9 * 3600_000);
    expect(zoneOffset(Date.UTC(2027, 6, 15), "Asia/Tokyo")).toBe(9 * 3600_000);
  });

  it("round-trips instants through the frame, DST zones included", () => {
    for (const tz of ["Asia/Tokyo", "UTC", "America/New_York", "Australia/Lord_Howe"]) {
      for (let ms = Date.UTC(2027, 0, 1); ms < Date.UTC(2028, 0, 1); ms += 7 * 3600_000 + 13 * 60_000) {
        const back = fromWall(toWall(ms, tz), tz);
        // In the repeated hour of a DST fall-back both readings are the same wall time.
        expect(toWall(back, tz).getTime()).toBe(toWall(ms, tz).getTime());
      }
    }
  });

  it("reads and writes datetime-local values in the shop's zone", () => {
    const ms = Date.UTC(2027, 2, 1, 2, 0); // 11:00 in Tokyo
    expect(toLocalInput(ms, "Asia/Tokyo")).toBe("2027-03-01T11:00");
    expect(fromLocalInput("2027-03-01T11:00", "Asia/Tokyo")).toBe(ms);
    expect(fromLocalInput("11:00", "Asia/Tokyo")).toBeNull();
  });

  it("formats ranges in the shop's zone, not the PC's", () => {
    const s = Date.UTC(2027, 2, 1, 2, 0);
    expect(formatRange(s, s + 3600_000, "Asia/Tokyo", "ja-JP")).toContain("11:00–12:00");
  });
});
