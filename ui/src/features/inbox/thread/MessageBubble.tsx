import type { MessageView } from "../../../api/types.gen";
import { useBackend } from "../../../backend/react";
import { appText } from "../../../i18n";
import { messageBody, stateLabel } from "./messages";
import { formatTime } from "../../../lib/time";
import { MessageFile } from "./MessageFile";
import { MessagePlayer } from "./MessagePlayer";
import { MessageSticker } from "./MessageSticker";

interface Props {
  m: MessageView;
  onRetry: (outboxId: number) => void;
  onCancel: (outboxId: number) => void;
  /** Search: the message a search result opened the thread at. */
  focused?: boolean;
  /** Labels of the postback buttons the shop sent, by data: a tap is shown by its label. */
  buttons?: ReadonlyMap<string, string>;
}

function routeLabel(route: NonNullable<MessageView["route"]>): string {
  switch (route) {
    case "reply":
      return appText.routeReply;
    case "push":
      return appText.routePush;
    default:
      return appText.routeMulticast;
  }
}

/** Who sent an outgoing message (members): their name, 自動応答 for an automatic reply,
 * nothing for the owner at this PC, so a shop without members sees no change. */
function Sender({ m }: { m: MessageView }) {
  const name = m.autoReply ? appText.autoReply : m.sentBy?.name;
  if (!name) return null;
  return (
    <span className="sender" data-testid="message-sender" data-auto={m.autoReply || undefined} title={`${appText.sentByLabel}: ${name}`}>
      {name}
    </span>
  );
}

/** One message. Customer content is rendered only as React text nodes and checked URLs. */
export function MessageBubble({ m, onRetry, onCancel, focused = false, buttons }: Props) {
  const backend = useBackend();
  const body = messageBody(m, appText, (file) => backend.mediaUrl(file), buttons);
  const state = stateLabel(m, appText);
  return (
    <div
      className={`message ${m.direction === "in" ? "incoming" : "outgoing"}${focused ? " search-focus" : ""}`}
      data-testid="message"
      data-message-id={m.id}
      data-direction={m.direction}
      data-kind={m.kind}
      data-status={m.status}
      data-focused={focused || undefined}
    >
      <div className={`bubble bubble-${body.type}`}>
        {body.type === "text" && <p className="text" data-testid="message-text">{body.text}</p>}
        {body.type === "image" &&
          (body.url ? (
            <img className="media" src={body.url} alt={appText.kindImage} loading="lazy" referrerPolicy="no-referrer" />
          ) : (
            <p className="labelled">
              〔{appText.kindImage}〕{appText.mediaUnavailable}
            </p>
          ))}
        {(body.type === "video" || body.type === "audio") &&
          (body.url ? (
            <MessagePlayer kind={body.type} url={body.url} stored={m.mediaFile} />
          ) : (
            <p className="labelled">
              〔{body.type === "video" ? appText.kindVideo : appText.kindAudio}〕{appText.mediaUnavailable}
            </p>
          ))}
        {body.type === "file" && <MessageFile url={body.url} stored={m.mediaFile} name={body.name} size={body.size} />}
        {body.type === "sticker" && <MessageSticker stickerId={body.stickerId} keywords={body.keywords} />}
        {body.type === "labelled" && (
          <p className="labelled" data-testid="message-labelled">
            〔{body.label}〕{body.detail ? ` ${body.detail}` : ""}
          </p>
        )}
        {body.type === "unsent" && <p className="unsent">「{appText.unsent}」</p>}
      </div>
      <div className="meta">
        {m.direction === "out" && <Sender m={m} />}
        <time dateTime={new Date(m.createdAt).toISOString()}>{formatTime(m.createdAt, appText.locale)}</time>
        {m.direction === "out" && m.route && (
          <span className="route" data-testid="message-route" data-route={m.route}>{routeLabel(m.route)}</span>
        )}
        {state && <span className={`state state-${m.status}`} data-testid="message-state">{state}</span>}
        {m.status === "failed" && m.error && <span className="send-error" data-testid="message-error">{m.error}</span>}
        {/* Sent, but something about it needs the owner's eye (its result could not be saved). */}
        {m.status === "sent" && m.error && (
          <span className="send-attention" role="note" data-testid="message-attention">
            ⚠ {m.error}
          </span>
        )}
        {m.status === "failed" && m.outboxId !== null && (
          <button type="button" className="link-button" data-testid="retry-send" onClick={() => onRetry(m.outboxId!)}>
            {appText.retry}
          </button>
        )}
        {m.status === "pending" && m.outboxId !== null && (
          <button type="button" className="link-button" data-testid="cancel-send" onClick={() => onCancel(m.outboxId!)}>
            {appText.cancelSend}
          </button>
        )}
      </div>
    </div>
  );
}
