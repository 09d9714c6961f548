/** What decides whether a keydown is the next/previous-chat shortcut. */
export interface ShortcutFacts {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  isComposing: boolean;
  keyCode: number;
  /** The focused element is a <select>, where Alt+↓ opens the list on Windows. */
  inSelect: boolean;
}

/**
 * Alt+↓ next chat, Alt+↑ previous chat (as in Slack): Alt+arrow types nothing, so it
 * also works from the composer. Never while the IME is composing (the arrows then move
 * between conversion candidates) and never in a <select>.
 */
export function chatShortcut(k: ShortcutFacts): 1 | -1 | null {
  if (!k.altKey || k.ctrlKey || k.metaKey || k.shiftKey) return null;
  if (k.isComposing || k.keyCode === 229 || k.inSelect) return null;
  if (k.key === "ArrowDown") return 1;
  if (k.key === "ArrowUp") return -1;
  return null;
}

/** The chat `step` rows away from `selected` in list order; the first one when none is open. */
export function neighbourId(ids: number[], selected: number | null, step: 1 | -1): number | null {
  if (ids.length === 0) return null;
  const at = selected === null ? -1 : ids.indexOf(selected);
  if (at < 0) return step === 1 ? (ids[0] ?? null) : (ids[ids.length - 1] ?? null);
  return ids[at + step] ?? null;
}
