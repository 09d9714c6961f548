import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BackendError } from "../backend";
import { ErrorBanner } from "./ErrorBanner";

describe("error banner", () => {
  it("shows an internal error's log id, for the person to quote", () => {
    const err = new BackendError(
      { code: "internal", message: "An internal error occurred", messageJa: "内部エラーが発生しました", logId: "0a1b2c3d" },
      500,
    );
    expect(err.localized("ja")).toBe("内部エラーが発生しました（ログ番号 0a1b2c3d）");
    expect(err.localized("en")).toBe("An internal error occurred (log id 0a1b2c3d)");
    const html = renderToStaticMarkup(createElement(ErrorBanner, { error: err }));
    expect(html).toContain("0a1b2c3d");
    expect(html).toContain('data-log-id="0a1b2c3d"');
  });

  it("shows an input error as it is, with no log id", () => {
    const err = new BackendError({ code: "invalid", message: "Too long.", messageJa: "長すぎます。" }, 400);
    expect(err.logId).toBeUndefined();
    const html = renderToStaticMarkup(createElement(ErrorBanner, { error: err }));
    expect(html).not.toContain("data-log-id");
  });
});
