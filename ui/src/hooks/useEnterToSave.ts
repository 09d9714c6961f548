import { useRef, type KeyboardEvent } from "react";
import { keyFacts, shouldSend } from "../lib/ime";

/**
 * Enter saves a single-line field, with the composer's IME guard: the Enter that
 * confirms a kana-kanji conversion never saves. Spread the result on the <input>.
 */
export function useEnterToSave(onSave: () => void) {
  // compositionstart/compositionend tracking, see lib/ime.ts.
  const composing = useRef(false);
  return {
    onKeyDown: (e: KeyboardEvent<HTMLInputElement>) => {
      const facts = keyFacts(e, composing.current);
      if (e.key === "Enter" && !shouldSend(facts)) {
        // Not ours, and not a form submit either (the IME is confirming a conversion).
        if (facts.isComposing || facts.composing || facts.keyCode === 229) e.preventDefault();
        return;
      }
      if (shouldSend(facts)) {
        e.preventDefault();
        onSave();
      }
    },
    onCompositionStart: () => {
      composing.current = true;
    },
    onCompositionEnd: () => {
      // Still "composing" for the keydown some browsers fire right after this.
      setTimeout(() => {
        composing.current = false;
      }, 0);
    },
  };
}
