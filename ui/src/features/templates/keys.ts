import type { KeyFacts } from "../../lib/ime";

export type PickerAction = { type: "move"; index: number } | { type: "choose"; index: number } | { type: "close" } | { type: "swallow" } | null;

/**
 * What a key does while the `/` popup is open with `count` matches and `index` chosen.
 * Keys pressed during an IME conversion belong to the IME (null = let it through).
 */
export function pickerKey(k: KeyFacts, count: number, index: number): PickerAction {
  if (k.isComposing || k.composing || k.keyCode === 229) return null;
  switch (k.key) {
    case "ArrowDown":
      return { type: "move", index: count === 0 ? 0 : (Math.min(index, count - 1) + 1) % count };
    case "ArrowUp":
      return { type: "move", index: count === 0 ? 0 : (Math.min(index, count - 1) - 1 + count) % count };
    case "Enter":
      if (k.shiftKey || k.altKey) return null;
      // With no match, Enter does nothing rather than send "/…" to the customer.
      return count === 0 ? { type: "swallow" } : { type: "choose", index: Math.min(index, count - 1) };
    case "Escape":
      return { type: "close" };
    default:
      return null;
  }
}
