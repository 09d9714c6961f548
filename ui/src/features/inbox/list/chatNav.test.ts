import { describe, expect, it } from "vitest";
import { chatShortcut, neighbourId, type ShortcutFacts } from "./chatNav";

const altDown: ShortcutFacts = {
  key: "ArrowDown",
  altKey: true,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  isComposing: false,
  keyCode: 40,
  inSelect: false,
};

describe("chatShortcut", () => {
  it("Alt+↓ is the next chat and Alt+↑ the previous one", () => {
    expect(chatShortcut(altDown)).toBe(1);
    expect(chatShortcut({ ...altDown, key: "ArrowUp", keyCode: 38 })).toBe(-1);
  });
  it("plain arrows (moving the caret, scrolling) are not shortcuts", () => {
    expect(chatShortcut({ ...altDown, altKey: false })).toBeNull();
  });
  it("other modifiers with Alt are left alone", () => {
    expect(chatShortcut({ ...altDown, shiftKey: true })).toBeNull();
    expect(chatShortcut({ ...altDown, ctrlKey: true })).toBeNull();
    expect(chatShortcut({ ...altDown, metaKey: true })).toBeNull();
  });
  it("never fires while the IME is composing", () => {
    expect(chatShortcut({ ...altDown, isComposing: true })).toBeNull();
    expect(chatShortcut({ ...altDown, keyCode: 229 })).toBeNull();
  });
  it("leaves Alt+↓ to a focused <select>", () => {
    expect(chatShortcut({ ...altDown, inSelect: true })).toBeNull();
  });
});

describe("neighbourId", () => {
  const ids = [10, 20, 30];
  it("steps through the list order", () => {
    expect(neighbourId(ids, 20, 1)).toBe(30);
    expect(neighbourId(ids, 20, -1)).toBe(10);
  });
  it("stops at either end", () => {
    expect(neighbourId(ids, 30, 1)).toBeNull();
    expect(neighbourId(ids, 10, -1)).toBeNull();
  });
  it("starts at the top (or bottom) when no chat is open or it is not listed", () => {
    expect(neighbourId(ids, null, 1)).toBe(10);
    expect(neighbourId(ids, 99, -1)).toBe(30);
    expect(neighbourId([], null, 1)).toBeNull();
  });
});
