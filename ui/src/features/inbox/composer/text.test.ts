import { describe, expect, it } from "vitest";
import { TEXT_LIMIT, canSendText, countText, utf16Length } from "./text";

describe("UTF-16 counter", () => {
  it("counts ASCII and Japanese as one unit per character", () => {
    expect(utf16Length("abc")).toBe(3);
    expect(utf16Length("こんにちは")).toBe(5);
    expect(utf16Length("ｶﾀｶﾅ漢字")).toBe(6);
  });

  it("counts an emoji outside the BMP as two units, like LINE", () => {
    expect(utf16Length("😀")).toBe(2);
    expect(utf16Length("予約🙏")).toBe(4);
    // 𩸽 (hokke) is a CJK character outside the BMP: a surrogate pair.
    expect(utf16Length("𩸽")).toBe(2);
  });

  it("counts ZWJ sequences and variation selectors unit by unit", () => {
    expect(utf16Length("👨‍👩‍👧")).toBe(8); // 3 × 2 + 2 ZWJ
    expect(utf16Length("❤️")).toBe(2); // U+2764 + VS16
    expect(utf16Length("👍🏽")).toBe(4); // thumbs up + skin tone modifier
  });

  it('labels "n / 5000" and flags text over the limit', () => {
    expect(countText("").label).toBe("0 / 5000");
    expect(countText("😀😀").label).toBe("4 / 5000");
    const atLimit = "a".repeat(TEXT_LIMIT - 2) + "😀";
    expect(countText(atLimit)).toMatchObject({ length: 5000, over: false });
    const over = "a".repeat(TEXT_LIMIT - 1) + "😀";
    expect(countText(over)).toMatchObject({ length: 5001, over: true, label: "5001 / 5000" });
  });

  it("allows sending only non-blank text within the limit", () => {
    expect(canSendText("")).toBe(false);
    expect(canSendText(" \n\u3000")).toBe(false); // includes an ideographic space
    expect(canSendText("はい")).toBe(true);
    expect(canSendText("😀".repeat(2500))).toBe(true);
    expect(canSendText("😀".repeat(2500) + "a")).toBe(false);
  });
});
