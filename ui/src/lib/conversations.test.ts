import { describe, expect, it } from "vitest";
import type { ConversationView } from "../api/types.gen";
import { avatarInitial, displayName, friendDisplayName, previewText } from "./conversations";

function conv(id: number, p: Partial<ConversationView> = {}): ConversationView {
  return {
    id,
    accountId: 1,
    friend: { id, lineUserId: `U${id}`, displayName: `客${id}`, pictureUrl: null, pictureFile: null, followed: true, privateName: null },
    lastPreview: null,
    lastKind: null,
    lastDirection: null,
    lastMessageAt: id * 1000,
    unreadCount: 0,
    status: "open",
    pinned: false,
    waitingSince: null,
    tagIds: [],
    assignee: null,
    lastReplyBy: null,
    ...p,
  };
}

describe("avatarInitial", () => {
  it("skips invisible format characters and marks", () => {
    expect(avatarInitial("山田 花子")).toBe("山");
    expect(avatarInitial("\u202Egnp.exe")).toBe("g");
    expect(avatarInitial("\u200F\u202Bمرحبا")).toBe("م");
    expect(avatarInitial("\uFEFF\u200Bあ")).toBe("あ");
    expect(avatarInitial("  ")).toBe("?");
  });

  it("skips punctuation, and shows ? for a friend without a name", () => {
    expect(avatarInitial("【予約】田中")).toBe("予");
    expect(avatarInitial("（株）山田商店")).toBe("株");
    expect(avatarInitial("🌸さくら")).toBe("🌸");
    expect(avatarInitial("")).toBe("?");
    expect(avatarInitial("（）")).toBe("?");
  });
});

describe("previewText", () => {
  const labels = { kindSticker: "スタンプ", kindImage: "画像", kindVideo: "動画", kindAudio: "音声", kindFile: "ファイル", kindLocation: "位置情報" };
  it("uses the last text, else the kind", () => {
    expect(previewText(conv(1, { lastPreview: "こんにちは", lastKind: "text" }), labels)).toBe("こんにちは");
    expect(previewText(conv(1, { lastPreview: null, lastKind: "location" }), labels)).toBe("〔位置情報〕");
    expect(previewText(conv(1, { lastPreview: null, lastKind: "sticker" }), labels)).toBe("〔スタンプ〕");
    expect(previewText(conv(1, { lastPreview: null, lastKind: "follow" }), labels)).toBe("");
    expect(previewText(conv(1), labels)).toBe("");
  });
});

describe("displayName: one rule everywhere", () => {
  const friend = { id: 1, lineUserId: "U1", displayName: "はなこ🌸", pictureUrl: null, pictureFile: null, followed: true, privateName: null };
  it("the private name (管理用の名前) first, then the LINE name, then the fallback", () => {
    expect(displayName(conv(1, { friend: { ...friend, privateName: "山田 花子（常連）" } }), "（名前未設定）")).toBe("山田 花子（常連）");
    expect(displayName(conv(1, { friend }), "（名前未設定）")).toBe("はなこ🌸");
    expect(displayName(conv(1, { friend: { ...friend, displayName: " ", privateName: "  " } }), "（名前未設定）")).toBe("（名前未設定）");
  });
  it("gives the list, the thread and the friend panel the same avatar letter", () => {
    const f = { ...friend, privateName: "山田 花子" };
    expect(avatarInitial(displayName(conv(1, { friend: f }), "?"))).toBe(avatarInitial(friendDisplayName(f, "?")));
    expect(avatarInitial(displayName(conv(1, { friend: f }), "?"))).toBe("山");
  });
});
