import { describe, expect, it } from "vitest";
import { PACKAGES, stickerIds, stickerImageUrl } from "./catalog";

describe("sticker catalog", () => {
  it("lists each package's consecutive ids", () => {
    const moon = PACKAGES.find((p) => p.packageId === "446");
    expect(moon && stickerIds(moon)).toHaveLength(40);
    expect(moon && stickerIds(moon)[0]).toBe("1988");
    for (const p of PACKAGES) expect(p.last).toBeGreaterThanOrEqual(p.first);
  });
  it("points images at LINE's CDN only", () => {
    expect(stickerImageUrl("1988")).toBe("https://stickershop.line-scdn.net/stickershop/v1/sticker/1988/android/sticker.png");
  });
});
