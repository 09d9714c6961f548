import { describe, expect, it } from "vitest";
import type { TemplateView } from "../../api/types.gen";
import { matchTemplates, slashQuery } from "./match";

const tpl = (id: number, title: string, text: string): TemplateView => ({
  id,
  folderId: null,
  title,
  bubbles: [{ type: "text", text }],
  prompts: [],
  updatedAt: 0,
});

describe("slashQuery", () => {
  it("only at the very start and on one line", () => {
    expect(slashQuery("/予約")).toBe("予約");
    expect(slashQuery("／よやく")).toBe("よやく");
    expect(slashQuery("/")).toBe("");
    expect(slashQuery("a/b")).toBeNull();
    expect(slashQuery("/a\nb")).toBeNull();
  });
});

describe("matchTemplates", () => {
  const all = [tpl(1, "営業時間", "10時から19時です"), tpl(2, "予約確認", "{名前}様、ご予約ありがとうございます"), tpl(3, "Access", "駅から徒歩5分")];
  it("searches title and body, title hits first", () => {
    expect(matchTemplates(all, "予約").map((t) => t.id)).toEqual([2]);
    expect(matchTemplates(all, "時").map((t) => t.id)).toEqual([1]);
    expect(matchTemplates(all, "徒歩").map((t) => t.id)).toEqual([3]);
    expect(matchTemplates(all, "ａｃｃ").map((t) => t.id)).toEqual([3]);
    expect(matchTemplates(all, "").map((t) => t.id)).toEqual([1, 2, 3]);
    expect(matchTemplates(all, "なし")).toEqual([]);
  });
});
