/** Elements a keyboard user can land on with Tab, in DOM order. */
const TABBABLE = [
  "a[href]",
  "button:not([disabled])",
  "input:not([disabled]):not([type=hidden])",
  "select:not([disabled])",
  "textarea:not([disabled])",
  "[tabindex]",
  "[contenteditable=true]",
].join(",");

export function tabbables(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(TABBABLE)).filter(
    (el) => el.tabIndex >= 0 && !el.hasAttribute("inert") && el.getClientRects().length > 0 && !skippedRadio(root, el),
  );
}

/** Tab stops at the checked radio of a named group only; arrows move within it. */
function skippedRadio(root: HTMLElement, el: HTMLElement): boolean {
  if (!(el instanceof HTMLInputElement) || el.type !== "radio" || el.checked || !el.name) return false;
  return Array.from(root.querySelectorAll<HTMLInputElement>("input[type=radio]")).some((r) => r.name === el.name && r.checked);
}

/**
 * Where Tab (or Shift+Tab) goes inside a focus trap of `count` stops, focus being on
 * stop `index` (-1: on none of them, e.g. on the dialog itself). Null: let the browser
 * move, because the next stop is inside the trap anyway.
 */
export function trapStep(count: number, index: number, shift: boolean): number | null {
  if (count === 0) return -1;
  if (index < 0) return shift ? count - 1 : 0;
  if (shift && index === 0) return count - 1;
  if (!shift && index === count - 1) return 0;
  return null;
}
