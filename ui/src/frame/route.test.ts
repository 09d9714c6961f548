import { describe, expect, it } from "vitest";
import { formatRoute, parseRoute } from "./route";

describe("frame route", () => {
  it("falls back on an empty or foreign hash", () => {
    expect(parseRoute("", "inbox")).toEqual({ view: "inbox", arg: null });
    expect(parseRoute("#token=abc", "inbox")).toEqual({ view: "inbox", arg: null });
  });
  it("round-trips a view with an argument that needs escaping", () => {
    const r = { view: "calendar", arg: "friend/12 ?x" };
    expect(parseRoute(formatRoute(r), "inbox")).toEqual(r);
  });
});
