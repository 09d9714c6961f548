import { describe, expect, it } from "vitest";
import { isClockTime } from "./reminders-api";
import { remindersTextByLang } from "./reminders-i18n";

describe("reminder settings", () => {
  it("accepts clock times only", () => {
    expect(isClockTime("18:00")).toBe(true);
    expect(isClockTime("9:30")).toBe(true);
    expect(isClockTime("24:00")).toBe(false);
    expect(isClockTime("18:60")).toBe(false);
    expect(isClockTime("夕方")).toBe(false);
  });
  it("has the same strings in both languages", () => {
    expect(Object.keys(remindersTextByLang.en).sort()).toEqual(Object.keys(remindersTextByLang.ja).sort());
    expect(remindersTextByLang.ja.cost(1, 2)).toContain("予定 2 通");
  });
});
