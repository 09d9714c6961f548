import { describe, expect, it } from "vitest";
import { joinDateTime, parseDate, parseTime, showDate, splitDateTime } from "./datetimeField";

describe("dates in the shop's format", () => {
  it("shows year/month/day whatever the locale", () => {
    expect(showDate("2026-12-10")).toBe("2026/12/10");
  });
  it("reads the shop's format and the usual variants", () => {
    for (const typed of ["2026/12/10", "2026/12/10 ", "2026-12-10", "2026.12.10", "2026年12月10日", "20261210", "２０２６／１２／１０", "2026/12/10"]) {
      expect(parseDate(typed), typed).toBe("2026-12-10");
    }
    expect(parseDate("2027/3/1")).toBe("2027-03-01");
  });
  it("refuses days that do not exist and US order", () => {
    expect(parseDate("2026/02/30")).toBeNull();
    expect(parseDate("12/10/2026")).toBeNull();
    expect(parseDate("")).toBeNull();
  });
});

describe("24-hour times", () => {
  it("reads 24-hour times in several spellings", () => {
    expect(parseTime("14:00")).toBe("14:00");
    expect(parseTime("9:05")).toBe("09:05");
    expect(parseTime("1400")).toBe("14:00");
    expect(parseTime("930")).toBe("09:30");
    expect(parseTime("14")).toBe("14:00");
    expect(parseTime("１４：３０")).toBe("14:30");
    expect(parseTime("9時30分")).toBe("09:30");
    expect(parseTime("18時")).toBe("18:00");
  });
  it("refuses 12-hour times and impossible ones", () => {
    expect(parseTime("02:00 PM")).toBeNull();
    expect(parseTime("24:00")).toBeNull();
    expect(parseTime("12:60")).toBeNull();
    expect(parseTime("")).toBeNull();
  });
});

describe("date and time together", () => {
  it("splits and joins the API's value", () => {
    expect(splitDateTime("2026-12-10T14:00")).toEqual({ date: "2026-12-10", time: "14:00" });
    expect(joinDateTime("2026-12-10", "14:00")).toBe("2026-12-10T14:00");
  });
});
