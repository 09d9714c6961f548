import { describe, expect, it } from "vitest";
import { addTyping, clearTyping, pruneTypers, typersIn, TYPING_SHOWN_MS, type Typers } from "./typers";
import { sendGuard } from "./replyGuard";

const sato = { conversationId: 3, memberId: 2, name: "佐藤" };

describe("typers", () => {
  it("shows another member's signal for a few seconds after the last one, never one's own", () => {
    let m: Typers = new Map();
    m = addTyping(m, sato, 1_000, 1);
    expect(typersIn(m, 3, 1_000).map((t) => t.name)).toEqual(["佐藤"]);
    expect(typersIn(m, 3, 1_000 + TYPING_SHOWN_MS)).toEqual([]);
    m = addTyping(m, sato, 4_000, 1);
    expect(typersIn(m, 3, 1_000 + TYPING_SHOWN_MS)).toHaveLength(1);
    expect(addTyping(new Map(), sato, 0, 2).size).toBe(0);
    const pruned = pruneTypers(m, 4_000 + TYPING_SHOWN_MS);
    expect(pruned.size).toBe(0);
    expect(pruneTypers(m, 4_000)).toBe(m);
  });

  it("forgets a member's signal once they sent into the chat", () => {
    const m = addTyping(new Map(), sato, 0, 1);
    expect(typersIn(clearTyping(m, 3, 2), 3, 0)).toEqual([]);
    expect(clearTyping(m, 3, 9)).toBe(m);
  });
});

describe("sendGuard", () => {
  const reply = (memberId: number, agoMs: number) => ({ lastReplyBy: { memberId, name: "佐藤", at: 0, agoMs } });
  it("asks when another member replied in the last minute, counting from the server's age", () => {
    expect(sendGuard(reply(2, 20_000), 100_000, 110_000, 1, [])).toEqual({ kind: "recent", name: "佐藤", seconds: 30 });
    expect(sendGuard(reply(2, 20_000), 100_000, 141_000, 1, [])).toBeNull();
    expect(sendGuard(reply(1, 1_000), 0, 0, 1, []), "my own reply").toBeNull();
    expect(sendGuard(reply(2, 1_000), 0, 0, null, []), "no members").toBeNull();
  });
  it("asks while another member is typing", () => {
    const typers = [{ memberId: 2, name: "佐藤", until: 5_000 }];
    expect(sendGuard({ lastReplyBy: null }, 0, 1_000, 1, typers)).toEqual({ kind: "typing", name: "佐藤" });
    expect(sendGuard({ lastReplyBy: null }, 0, 6_000, 1, typers)).toBeNull();
  });
});
