import { useCallback, useEffect, useMemo, useState, type ReactNode } from "react";
import type { TemplateView } from "../../api/types.gen";
import type { KeyFacts } from "../../lib/ime";
import { useReportError, useRpcQuery } from "../../backend/query";
import { pickerKey } from "./keys";
import { templatesText } from "./i18n";
import { matchTemplates, slashQuery } from "./match";
import { SendTemplateDialog } from "./SendTemplateDialog";
import "./templates.css";

interface Options {
  accountId: number | null;
  conversationId: number;
  /** The composer's text: a `/` at its start opens the picker. */
  text: string;
  /** A template went out: the composer clears the `/…` it typed. */
  onSent: () => void;
  onError: (e: unknown) => void;
  /** Runs a send now or after 「それでも送信しますか？」 (another member just answered or is typing). */
  ask?: (go: () => void) => void;
}

export interface TemplatePicker {
  /** Handles ↑ ↓ Enter Esc while the picker is open; true = the key was used. */
  onKeyDown: (k: KeyFacts) => boolean;
  /** The popup and the send dialog, to put inside the composer. */
  element: ReactNode;
  open: boolean;
}

/** The composer's `/` popup: search canned replies, pick one, fill it in, send it. */
export function useTemplatePicker({ accountId, conversationId, text, onSent, onError, ask }: Options): TemplatePicker {
  const query = slashQuery(text);
  const active = query !== null;
  // Read again each time the popup opens: templates may have been edited meanwhile.
  const library = useRpcQuery("listTemplates", { accountId: accountId ?? 0 }, { enabled: active && accountId !== null });
  useReportError(library.error, onError);
  const templates = library.data?.templates ?? null;
  const [dismissed, setDismissed] = useState(false);
  const [index, setIndex] = useState(0);
  const [chosen, setChosen] = useState<TemplateView | null>(null);

  useEffect(() => {
    if (!active) setDismissed(false);
  }, [active]);

  const items = useMemo(() => (query === null || templates === null ? [] : matchTemplates(templates, query)), [templates, query]);
  useEffect(() => setIndex(0), [query]);
  const open = active && !dismissed && chosen === null;
  const current = Math.min(index, Math.max(items.length - 1, 0));

  const onKeyDown = useCallback(
    (k: KeyFacts): boolean => {
      if (!open) return false;
      const action = pickerKey(k, items.length, current);
      if (!action) return false;
      if (action.type === "move") setIndex(action.index);
      else if (action.type === "choose") setChosen(items[action.index] ?? null);
      else if (action.type === "close") setDismissed(true);
      return true;
    },
    [open, items, current],
  );

  const element = (
    <>
      {open && (
        <div className="tpl-popup" data-testid="template-picker">
          <div className="tpl-popup-head">
            <span>{templatesText.pickerLabel}</span>
            <span className="tpl-popup-hint">{templatesText.pickerHint}</span>
          </div>
          {items.length === 0 ? (
            <p className="tpl-popup-none" data-testid="template-picker-none">
                          {templates?.length === 0 ? templatesText.pickerEmpty : templatesText.pickerNone}
                        </p>
          ) : (
            <ul role="listbox" aria-label={templatesText.pickerLabel}>
              {items.map((t, i) => (
                <li
                  key={t.id}
                  role="option"
                  aria-selected={i === current}
                  className={i === current ? "selected" : undefined}
                  data-testid="template-option"
                  onMouseDown={(e) => {
                    // Keep the textarea focused; choose on mouse down before blur.
                    e.preventDefault();
                    setChosen(t);
                  }}
                  onMouseEnter={() => setIndex(i)}
                >
                  <span className="tpl-option-title">{t.title}</span>
                  <span className="tpl-option-body">{t.bubbles.map((b) => (b.type === "text" ? b.text : b.type === "image" ? templatesText.imageLabel : templatesText.stickerLabel)).join(" / ")}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {chosen && (
        <SendTemplateDialog
          template={chosen}
          conversationId={conversationId}
          onClose={() => setChosen(null)}
          onSent={() => {
            setChosen(null);
            onSent();
          }}
          onError={onError}
          ask={ask}
        />
      )}
    </>
  );
  return { onKeyDown, element, open };
}
