import { describe, expect, it } from "vitest";
import { markPlatform, platformOf } from "./platform";

describe("platformOf", () => {
  it("tells macOS, Windows and the rest apart", () => {
    expect(platformOf("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko)")).toBe("mac");
    expect(platformOf("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 Edg/131.0")).toBe("windows");
    expect(platformOf("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko)")).toBe("other");
    expect(platformOf("")).toBe("other");
  });

  it("marks the root element for the stylesheet", () => {
    const root = { dataset: {} as DOMStringMap };
    markPlatform(root, "Mozilla/5.0 (Windows NT 10.0; Win64; x64)");
    expect(root.dataset.platform).toBe("windows");
  });
});
