import { describe, expect, it } from "vitest";
import type { MessageView } from "../api/types.gen";
import { ja } from "../i18n/ja";
import { formatBytes, mergeMessages, messageBody, stateLabel } from "./messages";
import { safeMediaUrl } from "./url";

function msg(p: Partial<MessageView>): MessageView {
  return {
    id: 1,
    conversationId: 1,
    direction: "in",
    kind: "text",
    text: null,
    payload: null,
    createdAt: 0,
    status: "received",
    error: null,
    mediaUrl: null,
    unsent: false,
    outboxId: null,
    route: null,
    ...p,
  };
}

describe("message bodies", () => {
  it("keeps hostile text as plain text", () => {
    const text = '<img src=x onerror="alert(1)">';
    expect(messageBody(msg({ text }), ja)).toEqual({ type: "text", text });
  });

  it("labels stickers and locations", () => {
    expect(messageBody(msg({ kind: "sticker" }), ja)).toEqual({ type: "labelled", label: "スタンプ", detail: null });
    expect(
      messageBody(msg({ kind: "location", payload: { title: "渋谷店", address: "東京都渋谷区" } }), ja),
    ).toEqual({ type: "labelled", label: "位置情報", detail: "渋谷店 東京都渋谷区" });
  });

  it("plays audio and opens files from the local copy; a hostile file name stays data", () => {
    expect(messageBody(msg({ kind: "audio", mediaUrl: "/api/media/ab.m4a" }), ja)).toEqual({
      type: "audio",
      url: "/api/media/ab.m4a",
    });
    const name = '"><script>alert(1)</script>.pdf';
    expect(messageBody(msg({ kind: "file", mediaUrl: null, payload: { fileName: name, fileSize: 2_621_440 } }), ja)).toEqual({
      type: "file",
      url: null,
      name,
      size: 2_621_440,
    });
    expect(messageBody(msg({ kind: "file", payload: { fileName: "a.pdf", fileSize: "big" } }), ja)).toMatchObject({ size: null });
    expect(formatBytes(2_621_440)).toBe("2.5 MB");
    expect(formatBytes(2048)).toBe("2 KB");
    expect(formatBytes(12)).toBe("12 B");
  });

  it("says what follow, block and button events mean", () => {
    expect(messageBody(msg({ kind: "follow", payload: { isUnblocked: false } }), ja)).toEqual({ type: "labelled", label: "友だち追加されました", detail: null });
    expect(messageBody(msg({ kind: "follow", payload: { isUnblocked: true } }), ja)).toEqual({ type: "labelled", label: "ブロックが解除されました", detail: null });
    expect(messageBody(msg({ kind: "unfollow", payload: {} }), ja)).toEqual({ type: "labelled", label: "ブロックされました", detail: null });
    expect(messageBody(msg({ kind: "postback", text: "action=reserve" }), ja)).toEqual({ type: "labelled", label: "ボタン操作", detail: "action=reserve" });
  });

  it("marks unsent messages", () => {
    expect(messageBody(msg({ unsent: true, text: "消えた" }), ja)).toEqual({ type: "unsent" });
  });

  it("drops unsafe media URLs", () => {
    expect(messageBody(msg({ kind: "image", mediaUrl: "javascript:alert(1)" }), ja)).toEqual({ type: "image", url: null });
    expect(messageBody(msg({ kind: "image", mediaUrl: "/api/media/ab12" }), ja)).toEqual({ type: "image", url: "/api/media/ab12" });
    expect(safeMediaUrl("//evil.example/x.png")).toBeNull();
    expect(safeMediaUrl("data:text/html,hi")).toBeNull();
    expect(safeMediaUrl("http://asset.localhost/media/x.jpg")).toBe("http://asset.localhost/media/x.jpg");
  });

  it("names the outgoing states", () => {
    expect(stateLabel(msg({ direction: "out", status: "pending" }), ja)).toBe("待機中");
    expect(stateLabel(msg({ direction: "out", status: "sending" }), ja)).toBe("送信中");
    expect(stateLabel(msg({ direction: "out", status: "sent" }), ja)).toBe("送信済み");
    expect(stateLabel(msg({ direction: "out", status: "failed" }), ja)).toBe("失敗");
    expect(stateLabel(msg({ direction: "in" }), ja)).toBeNull();
  });

  it("merges pages by id, oldest first", () => {
    const a = msg({ id: 1, createdAt: 10 });
    const b = msg({ id: 2, createdAt: 20, status: "pending", direction: "out" });
    const b2 = { ...b, status: "sent" as const };
    const c = msg({ id: 3, createdAt: 30 });
    expect(mergeMessages([a, b], [b2, c])).toEqual([a, b2, c]);
  });
});
