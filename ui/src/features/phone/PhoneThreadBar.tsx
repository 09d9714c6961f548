import { useEffect, useRef, useState } from "react";
import { customersText } from "../customers/i18n";
import { FriendSheet } from "./FriendSheet";
import { phoneText } from "./i18n";
import { useConversationStatus } from "./useConversationStatus";

interface Props {
  conversationId: number;
  /** Back to the chat list (the phone shows one pane at a time). */
  onBack: () => void;
  onError: (e: unknown) => void;
  /** The chat was opened by the person (not on load): focus moves into the new screen. */
  takeFocus: boolean;
}

/**
 * On a phone, above the open thread: 「一覧」 back to the list, the chat's status action,
 * and the friend's details as a full-screen sheet.
 */
export function PhoneThreadBar({ conversationId, onBack, onError, takeFocus }: Props) {
  const back = useRef<HTMLButtonElement>(null);
  const [sheet, setSheet] = useState(false);
  // One change at a time: a second tap while the first is on its way would undo it.
  const [changing, setChanging] = useState(false);
  const { status, change } = useConversationStatus(conversationId, onError);
  // Not the composer: on a phone that would raise the keyboard over the chat just opened.
  useEffect(() => {
    if (takeFocus) back.current?.focus();
  }, [takeFocus]);

  const goBack = () => {
    onBack();
    focusRowWhenShown(conversationId);
  };

  return (
    <div className="phone-thread-bar" role="group" aria-label={phoneText.threadBar} data-testid="phone-thread-bar">
      <button ref={back} type="button" className="phone-back" aria-label={phoneText.backLabel} onClick={goBack} data-testid="phone-back">
        <span aria-hidden="true">‹ </span>
        {phoneText.back}
      </button>
      {status !== null && (
        <button
          type="button"
          className="phone-action"
          disabled={changing}
          onClick={() => {
            setChanging(true);
            void change(status === "needsAction" ? "resolved" : "needsAction").finally(() => setChanging(false));
          }}
          data-testid="phone-status"
          data-status={status}
        >
          {status === "needsAction" ? customersText.markResolved : customersText.markNeedsAction}
        </button>
      )}
      <button
        type="button"
        className="phone-action"
        aria-label={phoneText.friendLabel}
        aria-haspopup="dialog"
        aria-expanded={sheet}
        onClick={() => setSheet(true)}
        data-testid="phone-friend"
      >
        {phoneText.friend}
      </button>
      {sheet && <FriendSheet conversationId={conversationId} onClose={() => setSheet(false)} onError={onError} />}
    </div>
  );
}

/**
 * Focus returns to the row of the chat just left. The list was hidden while the chat was
 * open, and its rows are virtual: they are drawn a frame or two after it shows again.
 */
function focusRowWhenShown(conversationId: number, framesLeft = 30) {
  requestAnimationFrame(() => {
    const row = document.querySelector<HTMLElement>(`[data-testid="conversation-row"][data-conversation-id="${conversationId}"]`);
    if (row && row.offsetParent !== null) row.focus();
    else if (framesLeft > 0) focusRowWhenShown(conversationId, framesLeft - 1);
  });
}
