import { keepPreviousData } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import type { MissingValue, OutgoingContent, TemplateView } from "../../api/types.gen";
import { useRpcQuery } from "../../backend/query";
import { Dialog } from "../../components/Dialog";
import { newSendKey } from "../sendcheck/sendCheck";
import { useTemplatesApi } from "./api";
import { templatesText } from "./i18n";

interface Props {
  template: TemplateView;
  conversationId: number;
  onClose: () => void;
  onSent: () => void;
  onError: (e: unknown) => void;
  /** Runs the send now or after a confirmation (no two answers at once). */
  ask?: (go: () => void) => void;
}

type Stage = { kind: "loading" } | { kind: "fill"; missing: MissingValue[] } | { kind: "preview"; bubbles: OutgoingContent[] };

/** Asks for the values a template still needs, shows exactly what core rendered, and sends. */
export function SendTemplateDialog({ template, conversationId, onClose, onSent, onError, ask = (go) => go() }: Props) {
  const api = useTemplatesApi();
  const [answers, setAnswers] = useState<Record<string, string>>({});
  // The answers last submitted; none at first, and core's rendering tells what is missing.
  const [asked, setAsked] = useState<Record<string, string>>({});
  const rendered = useRpcQuery(
    "renderTemplate",
    { templateId: template.id, conversationId, answers: asked },
    // The form stays while the next answers are rendered.
    { placeholderData: keepPreviousData },
  );
  const r = rendered.data;
  const stage: Stage = !r ? { kind: "loading" } : r.missing.length > 0 ? { kind: "fill", missing: r.missing } : { kind: "preview", bubbles: r.bubbles };
  const [sending, setSending] = useState(false);
  const busy = sending || rendered.isFetching;
  const sendButton = useRef<HTMLButtonElement>(null);
  // One key per dialog: sending again after a lost answer cannot send the template twice.
  const sendKey = useRef(newSendKey());

  const failed = rendered.error;
  const report = useRef({ onError, onClose });
  report.current = { onError, onClose };
  useEffect(() => {
    if (!failed) return;
    report.current.onError(failed);
    report.current.onClose();
  }, [failed]);
  useEffect(() => {
    if (stage.kind === "preview") sendButton.current?.focus();
  }, [stage.kind]);

  const send = () =>
    ask(() => {
      setSending(true);
      api.send({ templateId: template.id, conversationId, answers, clientKey: sendKey.current }).then(
        () => {
          setSending(false);
          onSent();
        },
        (e: unknown) => {
          setSending(false);
          onError(e);
        },
      );
    });

  return (
    <Dialog label={template.title} onClose={onClose} className="tpl-dialog" testId="template-dialog" closeOnBackdrop={false}>
      <h3>{template.title}</h3>
      {stage.kind === "loading" && <p>…</p>}
      {stage.kind === "fill" && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setAsked(answers);
          }}
        >
          <p className="tpl-dialog-lead">{templatesText.fillTitle}</p>
          {stage.missing.map((m, i) => (
            <label key={m.key} className="tpl-field">
              <span>{m.kind === "prompt" ? m.label : templatesText.friendValueMissing(m.label)}</span>
              <input
                data-testid="template-answer"
                data-key={m.key}
                autoFocus={i === 0}
                required
                value={answers[m.key] ?? ""}
                onChange={(e) => setAnswers((a) => ({ ...a, [m.key]: e.target.value }))}
                onKeyDown={(e) => {
                  // Enter that confirms an IME conversion must not submit.
                  if (e.key === "Enter" && (e.nativeEvent.isComposing || e.nativeEvent.keyCode === 229)) e.preventDefault();
                }}
              />
            </label>
          ))}
          <div className="tpl-dialog-actions">
            <button type="button" onClick={onClose}>
              {templatesText.cancel}
            </button>
            <button type="submit" className="primary" data-testid="template-next" disabled={busy}>
              {templatesText.next}
            </button>
          </div>
        </form>
      )}
      {stage.kind === "preview" && (
        <>
          <p className="tpl-dialog-lead">{templatesText.preview}</p>
          <ol className="tpl-preview" data-testid="template-preview">
            {stage.bubbles.map((b, i) => (
              <li key={i} className="tpl-preview-bubble">
                {b.type === "text" ? b.text : b.type === "image" ? `${templatesText.imageLabel} ${b.path}` : templatesText.stickerLabel}
              </li>
            ))}
          </ol>
          <div className="tpl-dialog-actions">
            <button type="button" onClick={onClose}>
              {templatesText.cancel}
            </button>
            <button type="button" className="primary" ref={sendButton} data-testid="template-send" disabled={busy} onClick={send}>
              {busy ? templatesText.sending : templatesText.send}
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}
