import { describe, expect, it } from "vitest";
import { addressProblem, hubHost } from "./address";

describe("hub address", () => {
  it("takes https and this PC's http only", () => {
    expect(addressProblem("https://shop.example.jp")).toBeNull();
    expect(addressProblem("shop.example.jp")).toBeNull();
    expect(addressProblem("http://127.0.0.1:8787")).toBeNull();
    expect(addressProblem("http://localhost:8787")).toBeNull();
    expect(addressProblem("http://shop.example.jp")).toBe("notHttps");
    expect(addressProblem("http://192.168.1.5:8787")).toBe("notHttps");
    expect(addressProblem("  ")).toBe("missing");
  });
  it("shows the host", () => {
    expect(hubHost("https://shop.example.jp")).toBe("shop.example.jp");
    expect(hubHost("http://127.0.0.1:8787")).toBe("127.0.0.1:8787");
  });
});
