import { describe, expect, it } from "vitest";
import { shouldSend, type KeyFacts } from "./ime";

const enter: KeyFacts = {
  key: "Enter",
  shiftKey: false,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  isComposing: false,
  keyCode: 13,
  composing: false,
};

describe("IME Enter guard", () => {
  it("sends on a plain Enter", () => {
    expect(shouldSend(enter)).toBe(true);
  });

  it("keeps Shift+Enter (and Alt+Enter) as a newline", () => {
    expect(shouldSend({ ...enter, shiftKey: true })).toBe(false);
    expect(shouldSend({ ...enter, altKey: true })).toBe(false);
  });

  it("never sends while the native event says an IME composition is active", () => {
    expect(shouldSend({ ...enter, isComposing: true })).toBe(false);
    expect(shouldSend({ ...enter, isComposing: true, shiftKey: true })).toBe(false);
  });

  it("never sends while our compositionstart/compositionend tracking says composing", () => {
    // Safari: the Enter that confirms a conversion arrives after compositionend,
    // with isComposing already false.
    expect(shouldSend({ ...enter, composing: true })).toBe(false);
  });

  it("never sends on keyCode 229 (the key was handled by the IME)", () => {
    expect(shouldSend({ ...enter, keyCode: 229 })).toBe(false);
  });

  it("ignores other keys", () => {
    expect(shouldSend({ ...enter, key: "a", keyCode: 65 })).toBe(false);
    expect(shouldSend({ ...enter, key: "Process", keyCode: 229 })).toBe(false);
  });
});
