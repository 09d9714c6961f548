import { describe, expect, it } from "vitest";
import { attachKind, toBase64 } from "./files";

describe("attachments", () => {
  it("takes what LINE takes and nothing else", () => {
    expect(attachKind({ type: "image/png", name: "a.png" })).toBe("image");
    expect(attachKind({ type: "image/jpeg", name: "x" })).toBe("image");
    expect(attachKind({ type: "video/mp4", name: "v.mp4" })).toBe("video");
    expect(attachKind({ type: "image/svg+xml", name: "a.svg" })).toBeNull();
    expect(attachKind({ type: "image/gif", name: "a.gif" })).toBeNull();
    expect(attachKind({ type: "", name: "写真.JPG" })).toBe("image");
    expect(attachKind({ type: "", name: "a.exe" })).toBeNull();
  });
  it("encodes large buffers without overflowing", () => {
    const big = new Uint8Array(300_000).map((_, i) => i % 251);
    const b64 = toBase64(big.buffer);
    expect(atob(b64).length).toBe(big.length);
    expect(toBase64(new Uint8Array([0xff, 0xd8, 0xff]).buffer)).toBe("/9j/");
  });
});
