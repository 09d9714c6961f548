import { useRef, type ReactNode } from "react";
import { useDialogBehaviour } from "./Dialog";

/**
 * "Really?" in place of the button that asked it: takes focus, Escape or focus leaving
 * cancels, and focus goes back to `returnFocus` (the asking button, rendered again).
 */
export function InlineConfirm({
  label,
  onCancel,
  returnFocus,
  className,
  children,
}: {
  label: string;
  onCancel: () => void;
  returnFocus: () => HTMLElement | null;
  className: string;
  children: ReactNode;
}) {
  const box = useRef<HTMLDivElement>(null);
  const onKeyDown = useDialogBehaviour(box, { onClose: onCancel, modal: false, returnFocus });
  return (
    <div ref={box} className={className} role="alertdialog" aria-label={label} tabIndex={-1} onKeyDown={onKeyDown}>
      {children}
    </div>
  );
}
