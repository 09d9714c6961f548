import { describe, expect, it } from "vitest";
import { hrefOf, parseHash, routeTo } from "./routes";

describe("routes", () => {
  it("an empty, foreign or unknown hash is the inbox", () => {
    expect(parseHash("")).toEqual({ view: "inbox", arg: null });
    expect(parseHash("#token=abc")).toEqual({ view: "inbox", arg: null });
    expect(parseHash("#/nowhere/1")).toEqual({ view: "inbox", arg: null });
  });

  it("reads each view's argument typed, and writes it back as it was", () => {
    const cases = [
      ["#/inbox/12", routeTo("inbox", { conversationId: 12, messageId: null })],
      ["#/inbox/12%3A34", routeTo("inbox", { conversationId: 12, messageId: 34 })],
      ["#/calendar/friend%3A5", routeTo("calendar", { friendId: 5 })],
      ["#/calendar/date%3A2026-04-01", routeTo("calendar", { date: "2026-04-01" })],
      ["#/broadcast/7", routeTo("broadcast", { broadcastId: 7 })],
      ["#/search/%E4%BA%88%E7%B4%84%20%2F%3F", routeTo("search", { query: "予約 /?" })],
      ["#/settings/members", routeTo("settings", { section: "members" })],
      ["#/templates", routeTo("templates")],
    ] as const;
    for (const [hash, route] of cases) {
      expect(parseHash(hash)).toEqual(route);
      expect(hrefOf(route)).toBe(hash);
    }
  });

  it("an argument that is not the view's opens it plainly", () => {
    expect(parseHash("#/inbox/abc")).toEqual({ view: "inbox", arg: null });
    expect(parseHash("#/calendar/friend:x")).toEqual({ view: "calendar", arg: null });
    expect(parseHash("#/broadcast/%E0%A4%A")).toEqual({ view: "broadcast", arg: null });
  });
});
