import { describe, expect, it } from "vitest";
import type { MessageView } from "../api/types.gen";
import { en } from "../i18n/en";
import { ja } from "../i18n/ja";
import { buttonLabels, postbackWords } from "./postback";

function out(payload: unknown): MessageView {
  return { direction: "out", payload } as unknown as MessageView;
}

describe("postbackWords: a tap in words, never the raw data alone", () => {
  it("uses the label of the button the shop sent", () => {
    const sent = [
      out({ type: "template", template: { type: "buttons", actions: [{ type: "postback", label: "カットを予約", data: "action=reserve&menu=cut" }] } }),
      out({ type: "text", quickReply: { items: [{ type: "action", action: { type: "postback", label: "はい", data: "yes" } }] } }),
    ];
    const labels = buttonLabels(sent);
    expect(postbackWords("action=reserve&menu=cut", {}, labels, ja)).toBe("「カットを予約」をタップ");
    expect(postbackWords("yes", {}, labels, en)).toBe("Tapped “はい”");
  });

  it("names our LINE booking flow's steps in Japanese and English", () => {
    expect(postbackWords("madoguchi=rsv&s=start", {}, undefined, ja)).toBe("LINE予約: 予約を開始");
    expect(postbackWords("madoguchi=rsv&s=menu&m=3", {}, undefined, ja)).toBe("LINE予約: メニューを選択");
    expect(postbackWords("madoguchi=rsv&s=date&m=3", { params: { date: "2026-12-10" } }, undefined, ja)).toBe("LINE予約: 日付を選択（2026/12/10）");
    // 2026-12-10 05:00 UTC = 14:00 in Tokyo.
    expect(postbackWords(`madoguchi=rsv&s=time&m=3&t=${Date.UTC(2026, 11, 10, 5, 0)}`, {}, undefined, ja)).toBe("LINE予約: 時間を選択（2026/12/10 14:00）");
    expect(postbackWords("madoguchi=rsv&s=cancelok&r=9", {}, undefined, en)).toBe("LINE booking: confirmed the cancellation");
    expect(postbackWords("madoguchi=call-request", {}, undefined, ja)).toBe("「電話してほしい」をタップ");
  });

  it("says a picked date, and says when the label is unknown", () => {
    expect(postbackWords("pick", { params: { datetime: "2026-08-01T10:00" } }, undefined, ja)).toBe("日時を選択: 2026/08/01 10:00");
    const unknown = postbackWords("action=reserve&menu=cut", {}, undefined, ja);
    expect(unknown).toMatch(/^ラベル不明のボタン/);
    expect(unknown).not.toBe("action=reserve&menu=cut");
  });
});
