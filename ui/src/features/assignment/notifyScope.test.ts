import { describe, expect, it } from "vitest";
import { notifyWanted } from "./notifyScope";

describe("notifyWanted", () => {
  it("always notifies the assignee, and the others as they chose", () => {
    for (const scope of ["all", "mineAndUnassigned", "mine"] as const) expect(notifyWanted(scope, 7, 7)).toBe(true);
    expect(notifyWanted("all", 7, 8)).toBe(true);
    expect(notifyWanted("mineAndUnassigned", 7, 8)).toBe(false);
    expect(notifyWanted("mineAndUnassigned", 7, null)).toBe(true);
    expect(notifyWanted("mine", 7, null)).toBe(false);
    expect(notifyWanted("mine", 7, 8)).toBe(false);
  });
});
