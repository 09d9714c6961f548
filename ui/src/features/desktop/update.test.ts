import { describe, expect, it } from "vitest";
import { describeStep, offeredVersion, updateText, type UpdateStep } from "./update";

const found = (check: Extract<UpdateStep, { at: "found" }>["check"]): UpdateStep => ({ at: "found", check });

describe("Settings' update panel", () => {
  it("says what a check found, in Japanese and in English", () => {
    expect(describeStep({ at: "checking" }, "ja")).toBe("確認しています…");
    expect(describeStep({ at: "checking" }, "en")).toBe("Checking…");
    expect(describeStep(found({ state: "upToDate", current: "0.1.0" }), "ja")).toBe("最新のバージョンです。");
    expect(describeStep(found({ state: "upToDate", current: "0.1.0" }), "en")).toBe("Madoguchi is up to date.");
    const available = found({ state: "available", current: "0.1.0", version: "0.2.0", notes: null });
    expect(describeStep(available, "ja")).toBe("新しいバージョン 0.2.0 があります。");
    expect(describeStep(available, "en")).toBe("Version 0.2.0 is available.");
    expect(describeStep({ at: "idle" }, "ja")).toBeNull();
  });

  it("offers 「更新して再起動」 only for an update that was found", () => {
    expect(offeredVersion(found({ state: "available", current: "0.1.0", version: "0.2.0", notes: "fixes" }))).toBe("0.2.0");
    expect(offeredVersion(found({ state: "upToDate", current: "0.2.0" }))).toBeNull();
    expect(offeredVersion(found({ state: "notConfigured", current: "0.1.0" }))).toBeNull();
    expect(offeredVersion({ at: "checking" })).toBeNull();
    expect(updateText("ja").install).toBe("更新して再起動");
    expect(updateText("en").install).toBe("Update and restart");
  });

  it("shows the shell's own words when offline, with a clear fallback in both languages", () => {
    const offline = "更新を確認できませんでした。更新の配信元に接続できません。インターネット接続を確認して、もう一度お試しください。";
    expect(describeStep({ at: "failed", message: offline }, "ja")).toBe(offline);
    expect(describeStep({ at: "failed", message: "" }, "ja")).toMatch(/更新を確認できませんでした。インターネット接続を確認/);
    expect(describeStep({ at: "failed", message: "" }, "en")).toMatch(/Could not check for updates\. Check the internet connection/);
  });

  it("tells a build without an update source and the server apart from an error", () => {
    expect(describeStep(found({ state: "notConfigured", current: "0.1.0" }), "ja")).toMatch(/確認しません/);
    expect(updateText("ja").server).toMatch(/パッケージ/);
    expect(updateText("en").server).toMatch(/package/);
  });
});
