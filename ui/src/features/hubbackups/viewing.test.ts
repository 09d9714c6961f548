import { describe, expect, it } from "vitest";
import { copyTime } from "./viewing";

describe("copyTime", () => {
  it("reads the shop's time from the hub's file name", () => {
    expect(copyTime("madoguchi-backup-2026-12-07-031500-123.tar.zst")).toBe("2026/12/07 03:15");
  });
  it("shows any other name as it is", () => {
    expect(copyTime("something-else.tar.zst")).toBe("something-else.tar.zst");
  });
});
