import { Dialog } from "../../components/Dialog";
import type { SendGuard } from "./replyGuard";
import { assignmentText } from "./i18n";
import "./assignment.css";

/** 「佐藤さんが30秒前に返信しました。それでも送信しますか？」: Escape or やめる keeps the text. */
export function ConfirmSendDialog({ guard, onConfirm, onCancel }: { guard: NonNullable<SendGuard>; onConfirm: () => void; onCancel: () => void }) {
  const text = guard.kind === "recent" ? assignmentText.confirmRecent(guard.name, guard.seconds) : assignmentText.confirmTyping(guard.name);
  return (
    <Dialog label={assignmentText.confirmTitle} onClose={onCancel} className="assign-dialog" testId="confirm-send">
      <p className="assign-dialog-text" data-testid="confirm-send-text">
        {text}
      </p>
      <div className="assign-dialog-actions">
        <button type="button" onClick={onCancel} data-testid="confirm-send-cancel" data-autofocus>
          {assignmentText.confirmCancel}
        </button>
        <button type="button" className="primary" onClick={onConfirm} data-testid="confirm-send-yes">
          {assignmentText.confirmSend}
        </button>
      </div>
    </Dialog>
  );
}
