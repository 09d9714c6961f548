import { Dialog } from "../../components/Dialog";
import { FriendPanel } from "../customers/FriendPanel";
import { phoneText } from "./i18n";

/** The friend panel as a full-screen sheet on a phone: focus moves in, Escape or 閉じる closes. */
export function FriendSheet({ conversationId, onClose, onError }: { conversationId: number; onClose: () => void; onError: (e: unknown) => void }) {
  return (
    <Dialog label={phoneText.friend} onClose={onClose} backdropClassName="phone-sheet-backdrop" className="phone-sheet" testId="friend-sheet">
      <header className="phone-sheet-header">
        <h2>{phoneText.friend}</h2>
        <button type="button" className="phone-action" onClick={onClose} data-testid="friend-sheet-close">
          {phoneText.close}
        </button>
      </header>
      <FriendPanel conversationId={conversationId} onError={onError} />
    </Dialog>
  );
}
