import { describe, expect, it } from "vitest";
import { trapStep } from "./focus";

describe("trapStep", () => {
  it("wraps Tab from the last stop to the first", () => {
    expect(trapStep(3, 2, false)).toBe(0);
  });
  it("wraps Shift+Tab from the first stop to the last", () => {
    expect(trapStep(3, 0, true)).toBe(2);
  });
  it("leaves moves between inner stops to the browser", () => {
    expect(trapStep(3, 1, false)).toBeNull();
    expect(trapStep(3, 1, true)).toBeNull();
  });
  it("brings focus that is on no stop to the first (Tab) or last (Shift+Tab)", () => {
    expect(trapStep(3, -1, false)).toBe(0);
    expect(trapStep(3, -1, true)).toBe(2);
  });
  it("keeps focus on the dialog when it has no stops", () => {
    expect(trapStep(0, -1, false)).toBe(-1);
  });
});
