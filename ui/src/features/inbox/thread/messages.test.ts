import { describe, expect, it } from "vitest";
import type { MessageView } from "../../../api/types.gen";
import { ja } from "../../../i18n/ja";
import { formatBytes, mergeMessages, messageBody, stateLabel } from "./messages";
import { safeMediaUrl } from "../../../lib/url";

/** The server's form of a media URL (the window's is media://localhost/<name>). */
const viaServer = (file: string) => `/api/media/${file}`;

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
    mediaFile: null,
    unsent: false,
    outboxId: null,
    route: null,
    sentBy: null,
    autoReply: false,
    ...p,
  };
}

describe("message bodies", () => {
  it("keeps hostile text as plain text", () => {
    const text = '<img src=x onerror="alert(1)">';
    expect(messageBody(msg({ text }), ja, viaServer)).toEqual({ type: "text", text });
  });

  it("labels stickers and locations", () => {
    expect(messageBody(msg({ kind: "sticker" }), ja, viaServer)).toEqual({ type: "labelled", label: "スタンプ", detail: null });
    expect(
      messageBody(msg({ kind: "sticker", payload: { packageId: "446", stickerId: "1989", keywords: ["お願い", 3, ""] } }), ja, viaServer),
    ).toEqual({ type: "sticker", stickerId: "1989", keywords: ["お願い"] });
    // Not an id LINE gives: never part of a URL.
    expect(messageBody(msg({ kind: "sticker", payload: { stickerId: "../x?y" } }), ja, viaServer)).toMatchObject({ type: "labelled" });
    expect(
      messageBody(msg({ kind: "location", payload: { title: "渋谷店", address: "東京都渋谷区" } }), ja, viaServer),
    ).toEqual({ type: "labelled", label: "位置情報", detail: "渋谷店 東京都渋谷区" });
  });

  it("plays audio and opens files from the local copy; a hostile file name stays data", () => {
    expect(messageBody(msg({ kind: "audio", mediaFile: "ab.m4a" }), ja, viaServer)).toEqual({
      type: "audio",
      url: "/api/media/ab.m4a",
    });
    const name = '"><script>alert(1)</script>.pdf';
    expect(messageBody(msg({ kind: "file", mediaFile: null, payload: { fileName: name, fileSize: 2_621_440 } }), ja, viaServer)).toEqual({
      type: "file",
      url: null,
      name,
      size: 2_621_440,
    });
    expect(messageBody(msg({ kind: "file", payload: { fileName: "a.pdf", fileSize: "big" } }), ja, viaServer)).toMatchObject({ size: null });
    expect(formatBytes(2_621_440)).toBe("2.5 MB");
    expect(formatBytes(2048)).toBe("2 KB");
    expect(formatBytes(12)).toBe("12 B");
  });

  it("says what follow, block and button events mean", () => {
    expect(messageBody(msg({ kind: "follow", payload: { isUnblocked: false } }), ja, viaServer)).toEqual({ type: "labelled", label: "友だち追加されました", detail: null });
    expect(messageBody(msg({ kind: "follow", payload: { isUnblocked: true } }), ja, viaServer)).toEqual({ type: "labelled", label: "ブロックが解除されました", detail: null });
    expect(messageBody(msg({ kind: "unfollow", payload: {} }), ja, viaServer)).toEqual({ type: "labelled", label: "ブロックされました", detail: null });
    expect(messageBody(msg({ kind: "postback", text: "madoguchi=rsv&s=start" }), ja, viaServer)).toEqual({ type: "labelled", label: "ボタン操作", detail: "LINE予約: 予約を開始" });
  });

  it("marks unsent messages", () => {
    expect(messageBody(msg({ unsent: true, text: "消えた" }), ja, viaServer)).toEqual({ type: "unsent" });
  });

  it("drops unsafe media URLs", () => {
    expect(messageBody(msg({ kind: "image", mediaFile: "ab12.png" }), ja, () => "javascript:alert(1)")).toEqual({ type: "image", url: null });
    expect(messageBody(msg({ kind: "image", mediaFile: "ab12.png" }), ja, viaServer)).toEqual({ type: "image", url: "/api/media/ab12.png" });
    // The desktop window's own scheme (src-tauri/src/media_scheme.rs).
    expect(messageBody(msg({ kind: "image", mediaFile: "ab12.png" }), ja, (f) => `media://localhost/${f}`)).toEqual({
      type: "image",
      url: "media://localhost/ab12.png",
    });
    expect(safeMediaUrl("//evil.example/x.png")).toBeNull();
    expect(safeMediaUrl("data:text/html,hi")).toBeNull();
    expect(safeMediaUrl("http://media.localhost/x.jpg")).toBe("http://media.localhost/x.jpg");
    expect(safeMediaUrl("asset://localhost/etc/passwd")).toBeNull();
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
