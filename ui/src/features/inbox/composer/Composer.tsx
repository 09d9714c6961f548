import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from "react";
import { useOwnerTyping } from "./useOwnerTyping";
import { ConfirmSendDialog } from "../../assignment/ConfirmSendDialog";
import type { SendGuard } from "../../assignment/replyGuard";
import { useReportTyping } from "../../assignment/useReportTyping";
import { AttachButton } from "../../attach/AttachButton";
import { attachText } from "../../attach/i18n";
import { useAttach } from "../../attach/useAttach";
import { StickerPicker } from "../../stickers/StickerPicker";
import type { RoutePreview } from "../../../api/types.gen";
import { useApi } from "../../../backend/react";
import { useTemplatePicker } from "../../templates/useTemplatePicker";
import { appText } from "../../../i18n";
import { keyFacts, shouldSend } from "../../../lib/ime";
import { canSendText, countText } from "./text";
import { formatTime } from "../../../lib/time";
import { useHubOffline } from "../../hub/status";
import { hubText } from "../../hub/i18n";
import { isUnknownOutcome, keyFor, newSendKey, type DraftKey, type Verdict } from "../../sendcheck/sendCheck";
import { sendCheckText } from "../../sendcheck/i18n";
import { useSendCheck } from "../../sendcheck/useSendCheck";
import "../../sendcheck/sendcheck.css";

interface Props {
  conversationId: number;
  /** Changes when a customer message arrives (a fresh reply token may exist). */
  inboundTick: number;
  onSent: () => void;
  onError: (e: unknown) => void;
  /** Canned replies: the chat's account, whose templates `/` offers. */
  accountId?: number | null;
  /** Take focus when the chat opens. */
  autoFocus?: boolean;
  /** The friend blocked the account (unfollow): nothing sent could reach them. */
  blocked?: boolean;
  /** Text of a send the owner cancelled, given back to edit; `seq` tells one give-back from the next. */
  restore?: { text: string; seq: number } | null;
  /** No two answers at once: whether sending now needs a confirmation first (another member just replied or is typing). */
  guard?: () => SendGuard;
}

export function Composer({
  conversationId,
  inboundTick,
  onSent,
  onError,
  accountId = null,
  autoFocus = false,
  blocked = false,
  restore = null,
  guard,
}: Props) {
  const api = useApi();
  const [text, setText] = useState("");
  const input = useRef<HTMLTextAreaElement>(null);
  const onTyping = useOwnerTyping(conversationId);
  const reportTyping = useReportTyping(conversationId);
  /** A send waiting for 「それでも送信しますか？」, and how to go on with it. */
  const [confirm, setConfirm] = useState<{ guard: NonNullable<SendGuard>; go: () => void } | null>(null);
  /** Runs `go` at once, or after the confirmation when another member just answered or is typing here. */
  const ask = useCallback(
    (go: () => void) => {
      const asked = guard?.() ?? null;
      if (asked) setConfirm({ guard: asked, go });
      else go();
    },
    [guard],
  );
  const [sending, setSending] = useState(false);
  // A desk whose hub is out of reach refuses to send, and says so (nothing is queued).
  const offline = useHubOffline();
  const [offlineRefused, setOfflineRefused] = useState(false);
  useEffect(() => {
    if (!offline) setOfflineRefused(false);
  }, [offline]);
  // The key of the message in the box: made on its first send, kept while it is not
  // known to be sent, so a second click or a resend can never send it twice.
  const draftKey = useRef<DraftKey | null>(null);
  const textNow = useRef(text);
  useEffect(() => {
    textNow.current = text;
  }, [text]);
  const onVerdict = useCallback(
    (v: Verdict, draft: DraftKey) => {
      if (v === "notSent") return; // the draft and its key stay for the resend
      // It exists on the hub (sent, queued or failed: the thread shows it) or was undone:
      // either way the next send is a new message with a new key.
      draftKey.current = null;
      if (v === "cancelled") return;
      if (textNow.current === draft.text) setText("");
      setRouteTick((n) => n + 1);
      onSent();
    },
    [onSent],
  );
  const { state: checkState, start: startCheck, dismiss: dismissCheck, checking } = useSendCheck(onVerdict, onError);
  const [route, setRoute] = useState<RoutePreview | null>(null);
  const [routeTick, setRouteTick] = useState(0);
  const [dragging, setDragging] = useState(false);
  const afterAttach = useCallback(() => {
    setRouteTick((n) => n + 1);
    onSent();
  }, [onSent]);
  const attach = useAttach(conversationId, afterAttach, onError);
  /** compositionstart/compositionend tracking, see lib/ime.ts. */
  const composing = useRef(false);

  // Route preview: on open, after each send, when a customer writes, and when the
  // reply token expires.
  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    api.previewRoute(conversationId).then(
      (r) => {
        if (!alive) return;
        setRoute(r);
        if (r.route === "reply" && r.replyExpiresAt !== null) {
          const wait = Math.max(0, r.replyExpiresAt - Date.now()) + 250;
          timer = setTimeout(() => setRouteTick((n) => n + 1), Math.min(wait, 2_147_000_000));
        }
      },
      (e: unknown) => {
        if (alive) setRoute(null);
        console.warn("previewRoute failed", e);
      },
    );
    return () => {
      alive = false;
      if (timer) clearTimeout(timer);
    };
  }, [api, conversationId, inboundTick, routeTick]);

  // A cancelled send comes back to the box, before whatever was typed since, so fixing
  // it is one edit away; its reply token was freed, so the route may be "reply" again.
  useEffect(() => {
    if (!restore) return;
    setText((cur) => (cur.trim() === "" ? restore.text : `${restore.text}\n${cur}`));
    setRouteTick((n) => n + 1);
    input.current?.focus();
  }, [restore]);

  // Canned replies: `/` at the start opens the picker; a sent template clears the `/…`.
  const picker = useTemplatePicker({
    accountId,
    conversationId,
    text,
    onSent: () => {
      setText("");
      setRouteTick((n) => n + 1);
      onSent();
    },
    onError,
    ask,
  });

  const count = countText(text);
  const sendable = canSendText(text) && !sending && !blocked && !checking;

  const send = useCallback((confirmed = false) => {
    if (!canSendText(text) || sending || blocked || checking) return;
    if (offline) {
      setOfflineRefused(true);
      return;
    }
    const asked = confirmed ? null : (guard?.() ?? null);
    if (asked) {
      setConfirm({ guard: asked, go: () => send(true) });
      return;
    }
    const draft = keyFor(draftKey.current, text);
    draftKey.current = draft;
    dismissCheck();
    setSending(true);
    api.sendMessage(conversationId, { type: "text", text }, draft.key).then(
      () => {
        draftKey.current = null;
        setText("");
        setSending(false);
        setRouteTick((n) => n + 1);
        onSent();
      },
      (e: unknown) => {
        setSending(false); // keep the text so nothing typed is lost
        // The hub may or may not have it: ask by the key once it answers, never resend blind.
        if (isUnknownOutcome(e)) startCheck(draft);
        else onError(e);
      },
    );
  }, [api, conversationId, text, sending, blocked, offline, guard, onSent, onError, checking, dismissCheck, startCheck]);

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    const facts = keyFacts(e, composing.current);
    if (picker.onKeyDown(facts)) {
      e.preventDefault();
      return;
    }
    if (shouldSend(facts)) {
      e.preventDefault();
      send();
    }
  };

  return (
    <form
      className={dragging ? "composer dragging" : "composer"}
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes("Files")) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        if (e.dataTransfer.files.length === 0) return;
        e.preventDefault();
        setDragging(false);
        const files = Array.from(e.dataTransfer.files);
        ask(() => void attach.send(files));
      }}
    >
      {dragging && <div className="drop-hint">{attachText.dropHere}</div>}
      {picker.element}
      {confirm && (
        <ConfirmSendDialog
          guard={confirm.guard}
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            setConfirm(null);
            confirm.go();
          }}
        />
      )}
      {blocked && (
        <p className="composer-blocked" role="status" data-testid="composer-blocked">
          <span className="tag">{appText.unfollowed}</span> {appText.composerBlocked}
        </p>
      )}
      {offline && (
        <p className="composer-note composer-offline" role={offlineRefused ? "alert" : "status"} data-testid="composer-offline" data-refused={offlineRefused}>
          {hubText.composerOffline}
        </p>
      )}
      {checkState && (
        <p
          className={`composer-note composer-sendcheck sendcheck-${checkState.phase}`}
          role={checking ? "status" : "alert"}
          data-testid="send-check"
          data-phase={checkState.phase}
        >
          {checking ? (
            <>
              <strong>{sendCheckText.checking}</strong> {sendCheckText.checkingWhy}
            </>
          ) : (
            sendCheckText[checkState.phase as Verdict]
          )}
        </p>
      )}
      <textarea
        id="composer-input"
        ref={input}
        autoFocus={autoFocus}
        aria-keyshortcuts="Alt+ArrowDown Alt+ArrowUp"
        title={appText.chatShortcuts}
        className="composer-input"
        data-testid="composer-input"
        value={text}
        placeholder={blocked ? appText.composerBlocked : appText.composerPlaceholder}
        aria-label={appText.composerPlaceholder}
        disabled={blocked}
        rows={3}
        onChange={(e) => {
          setText(e.target.value);
          dismissCheck();
          if (e.target.value.trim() !== "") {
            onTyping();
            reportTyping();
          }
        }}
        onKeyDown={onKeyDown}
        onCompositionStart={() => {
          composing.current = true;
          reportTyping();
        }}
        onCompositionUpdate={reportTyping}
        onCompositionEnd={() => {
          // Still "composing" for the keydown some browsers fire right after this.
          setTimeout(() => {
            composing.current = false;
          }, 0);
        }}
      />
      <div className="composer-bar">
        <AttachButton disabled={attach.busy !== null || blocked} onFiles={(files) => ask(() => void attach.send(files))} />
        <StickerPicker
          disabled={sending || blocked}
          onPick={(packageId, stickerId) =>
            ask(() => void api.sendMessage(conversationId, { type: "sticker", packageId, stickerId }, newSendKey()).then(afterAttach, onError))
          }
        />
        {attach.busy !== null && <span className="attach-busy" role="status">{attachText.uploading(attach.busy)}</span>}
        {route && (
          <span className={`route-preview route-${route.route}`} data-testid="route-preview" data-route={route.route}>
            {route.route === "reply" ? appText.routePreviewReply : appText.routePreviewPush}
            {route.route === "reply" && route.replyExpiresAt !== null && (
              <span className="route-until"> ({appText.routePreviewReplyUntil(formatTime(route.replyExpiresAt, appText.locale))})</span>
            )}
          </span>
        )}
        <span className={count.over ? "counter over" : "counter"} aria-live="polite">
          {count.label}
          {count.over && <span className="visually-hidden"> {appText.tooLong(count.limit)}</span>}
        </span>
        <button type="submit" className="send" data-testid="send" disabled={!sendable}>
          {sending ? appText.sending : appText.send}
        </button>
      </div>
    </form>
  );
}
