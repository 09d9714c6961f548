/** The facts of a keydown that decide whether the composer sends. */
export interface KeyFacts {
  key: string;
  shiftKey: boolean;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  /** KeyboardEvent.isComposing of the native event. */
  isComposing: boolean;
  /** Legacy keyCode: 229 means "the IME is handling this key". */
  keyCode: number;
  /**
   * Our own compositionstart/compositionend tracking. Some browsers (Safari) fire the
   * Enter keydown that confirms a conversion right AFTER compositionend, with
   * isComposing false, so we keep this true until the end of that task.
   */
  composing: boolean;
}

/** The facts of a React keydown, with our own composition tracking. */
export function keyFacts(
  e: Pick<KeyFacts, "key" | "shiftKey" | "altKey" | "ctrlKey" | "metaKey"> & { nativeEvent: { isComposing: boolean; keyCode: number } },
  composing: boolean,
): KeyFacts {
  return {
    key: e.key,
    shiftKey: e.shiftKey,
    altKey: e.altKey,
    ctrlKey: e.ctrlKey,
    metaKey: e.metaKey,
    isComposing: e.nativeEvent.isComposing,
    keyCode: e.nativeEvent.keyCode,
    composing,
  };
}

/**
 * Enter sends, Shift+Enter is a newline, and Enter while an IME composition is active
 * (confirming a kana-kanji conversion) NEVER sends.
 */
export function shouldSend(k: KeyFacts): boolean {
  if (k.key !== "Enter") return false;
  if (k.isComposing || k.composing || k.keyCode === 229) return false;
  if (k.shiftKey || k.altKey) return false;
  return true;
}
