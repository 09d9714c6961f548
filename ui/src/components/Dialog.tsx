import { useEffect, useRef, type KeyboardEvent, type ReactNode, type RefObject } from "react";
import { createPortal } from "react-dom";
import { tabbables, trapStep } from "../lib/focus";

// Open dialogs, innermost last: only that one traps focus and answers Escape.
const stack: HTMLElement[] = [];

interface Behaviour {
  onClose: () => void;
  /**
   * Modal: focus that leaves by other means than Tab (a click on the backdrop, a screen
   * reader's virtual cursor) is brought back. Not modal (a popover): it closes instead.
   */
  modal: boolean;
  /** Where focus goes on close when the opener is gone (it was replaced by the dialog). */
  returnFocus?: () => HTMLElement | null;
}

/**
 * The one dialog behaviour of the app: focus moves in on open (to an element with
 * `autoFocus`/`data-autofocus`, else the first control), Tab and Shift+Tab stay inside,
 * Escape closes (not while an IME is composing), and focus goes back to what opened it.
 * Returns the keydown handler to put on the dialog element.
 */
export function useDialogBehaviour(box: RefObject<HTMLElement | null>, { onClose, modal, returnFocus }: Behaviour) {
  const latest = useRef({ onClose, returnFocus });
  latest.current = { onClose, returnFocus };

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    stack.push(el);
    if (!el.contains(document.activeElement)) {
      const wanted = el.querySelector<HTMLElement>("[data-autofocus]") ?? tabbables(el)[0] ?? el;
      wanted.focus();
    }
    const onFocusIn = (e: FocusEvent) => {
      if (stack[stack.length - 1] !== el) return;
      if (!(e.target instanceof Node) || el.contains(e.target)) return;
      if (modal) (tabbables(el)[0] ?? el).focus();
      else latest.current.onClose();
    };
    document.addEventListener("focusin", onFocusIn);
    return () => {
      document.removeEventListener("focusin", onFocusIn);
      const at = stack.indexOf(el);
      if (at >= 0) stack.splice(at, 1);
      // Only when focus was in the dialog: a click elsewhere that closed a popover keeps its target.
      const inside = document.activeElement === null || document.activeElement === document.body || el.contains(document.activeElement);
      if (!inside) return;
      const target = opener?.isConnected ? opener : (latest.current.returnFocus?.() ?? null);
      target?.focus();
    };
  }, [box, modal]);

  return (e: KeyboardEvent<HTMLElement>) => {
    const el = box.current;
    // Keys stay in the dialog: the composer or the inbox shortcuts beneath must not see them.
    e.stopPropagation();
    if (!el || stack[stack.length - 1] !== el) return;
    if (e.key === "Escape") {
      if (e.nativeEvent.isComposing || e.nativeEvent.keyCode === 229) return;
      e.preventDefault();
      latest.current.onClose();
    } else if (e.key === "Tab") {
      const stops = tabbables(el);
      const index = stops.indexOf(document.activeElement as HTMLElement);
      const next = trapStep(stops.length, index, e.shiftKey);
      if (next === null) return;
      e.preventDefault();
      (stops[next] ?? el).focus();
    }
  };
}

interface Props {
  /** The accessible name, read out when focus moves in. */
  label: string;
  onClose: () => void;
  /** The dialog box's class, so each feature keeps its look; the backdrop is the app's
   *  shared dimmed layer (`.dialog-backdrop`) unless a feature needs another. */
  backdropClassName?: string;
  className: string;
  testId?: string;
  /** A click on the backdrop closes (false where a stray click would lose typed input). */
  closeOnBackdrop?: boolean;
  children: ReactNode;
}

/** Every modal dialog of the app, with {@link useDialogBehaviour}. */
export function Dialog({ label, onClose, backdropClassName = "dialog-backdrop", className, testId, closeOnBackdrop = true, children }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const pressedOnBackdrop = useRef(false);
  const onKeyDown = useDialogBehaviour(box, { onClose, modal: true });

  // A portal puts the dialog above everything and outside any <form> beneath it; React
  // still bubbles events along the component tree, so submits stop here too.
  return createPortal(
    <div
      className={backdropClassName}
      role="presentation"
      onMouseDown={(e) => (pressedOnBackdrop.current = e.target === e.currentTarget)}
      onClick={(e) => {
        if (closeOnBackdrop && pressedOnBackdrop.current && e.target === e.currentTarget) onClose();
      }}
      onSubmit={(e) => e.stopPropagation()}
    >
      <div ref={box} className={className} role="dialog" aria-modal="true" aria-label={label} tabIndex={-1} data-testid={testId} onKeyDown={onKeyDown}>
        {children}
      </div>
    </div>,
    document.body,
  );
}
