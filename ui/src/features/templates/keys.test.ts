import { describe, expect, it } from "vitest";
import type { KeyFacts } from "../../lib/ime";
import { pickerKey } from "./keys";

const key = (k: string, more: Partial<KeyFacts> = {}): KeyFacts => ({
  key: k,
  shiftKey: false,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  isComposing: false,
  keyCode: 0,
  composing: false,
  ...more,
});

describe("pickerKey", () => {
  it("moves, wraps, chooses and closes", () => {
    expect(pickerKey(key("ArrowDown"), 3, 2)).toEqual({ type: "move", index: 0 });
    expect(pickerKey(key("ArrowUp"), 3, 0)).toEqual({ type: "move", index: 2 });
    expect(pickerKey(key("Enter"), 3, 1)).toEqual({ type: "choose", index: 1 });
    expect(pickerKey(key("Escape"), 3, 1)).toEqual({ type: "close" });
    expect(pickerKey(key("a"), 3, 1)).toBeNull();
  });
  it("never sends /… when nothing matches", () => {
    expect(pickerKey(key("Enter"), 0, 0)).toEqual({ type: "swallow" });
  });
  it("leaves every key to the IME while it converts", () => {
    for (const k of ["Enter", "ArrowDown", "ArrowUp", "Escape"]) {
      expect(pickerKey(key(k, { isComposing: true }), 3, 0)).toBeNull();
      expect(pickerKey(key(k, { composing: true }), 3, 0)).toBeNull();
      expect(pickerKey(key(k, { keyCode: 229 }), 3, 0)).toBeNull();
    }
  });
  it("Shift+Enter is a newline, not a choice", () => {
    expect(pickerKey(key("Enter", { shiftKey: true }), 3, 0)).toBeNull();
  });
});
