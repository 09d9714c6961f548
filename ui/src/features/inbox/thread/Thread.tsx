import { Fragment, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { ThreadActions } from "./ThreadActions";
import type { ConversationView, MessageView } from "../../../api/types.gen";
import { useApi, useCoreEvents, useResync } from "../../../backend/react";
import { appText } from "../../../i18n";
import { coalescer } from "../../../lib/coalesce";
import { displayName } from "../../../lib/conversations";
import { mergeMessages } from "./messages";
import { buttonLabels } from "../../../lib/postback";
import { dayKey, formatDay } from "../../../lib/time";
import { useSearchApi } from "../../search/api";
import { Composer } from "../composer/Composer";
import { Avatar } from "../../../components/Avatar";
import { MessageBubble } from "./MessageBubble";
import { AssigneePicker } from "../../assignment/AssigneePicker";
import { assignmentText } from "../../assignment/i18n";
import { sendGuard } from "../../assignment/replyGuard";
import { typersIn } from "../../assignment/typers";
import { useTypers } from "../../assignment/useTypers";
import { useSession } from "../../../frame/session";

const PAGE_SIZE = 50;

interface Props {
  conversationId: number;
  /** Reports the conversation as now seen (read) so the list row follows. */
  onConversation: (c: ConversationView) => void;
  onError: (e: unknown) => void;
  /** Search: open at this message (loaded, scrolled into view, briefly highlighted). */
  focusMessageId?: number | null;
  /** Put focus in the composer when the thread opens. */
  focusComposer?: boolean;
}

export function Thread({ conversationId, onConversation, onError, focusMessageId = null, focusComposer = false }: Props) {
  const api = useApi();
  const searchApi = useSearchApi();
  const [conversation, setConversationState] = useState<ConversationView | null>(null);
  /** When the chat was last read here: its last reply's age counts on from then. */
  const conversationReadAt = useRef(0);
  const setConversation = useCallback((c: ConversationView) => {
    conversationReadAt.current = Date.now();
    setConversationState(c);
  }, []);
  const me = useSession().me.member?.id ?? null;
  const typers = useTypers();
  const typing = typersIn(typers, conversationId, Date.now());
  const [messages, setMessages] = useState<MessageView[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [loadingOlder, setLoadingOlder] = useState(false);
  /** Bumped when a customer writes: a new reply token may change the route preview. */
  const [inboundTick, setInboundTick] = useState(0);

  const messagesRef = useRef<MessageView[]>([]);
  useEffect(() => {
    messagesRef.current = messages;
  }, [messages]);
  const messagesLoadedOlder = useRef(false);

  const scroller = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const keepOffsetFromBottom = useRef<number | null>(null);

  const markRead = useCallback(
    (c: ConversationView) => {
      if (c.unreadCount === 0) {
        onConversation(c);
        return;
      }
      api.markRead(conversationId).then(
        () => onConversation({ ...c, unreadCount: 0 }),
        (e: unknown) => onError(e),
      );
    },
    [api, conversationId, onConversation, onError],
  );

  /**
   * Requests and answers of `refresh`, numbered: an answer older than one already shown
   * is dropped, so a slow, stale answer cannot put back a status a later one replaced.
   */
  const refreshSeq = useRef(0);
  const shownSeq = useRef(0);

  /** Loads the newest page and merges it into what is on screen. */
  const refresh = useCallback(
    (opts: { read: boolean }) => {
      const seq = ++refreshSeq.current;
      return api.getThread(conversationId, null, PAGE_SIZE).then(
        (page) => {
          if (seq < shownSeq.current) return;
          shownSeq.current = seq;
          setConversation(page.conversation);
          setMessages((cur) => (cur.length === 0 ? page.messages : mergeMessages(cur, page.messages)));
          setHasMore((cur) => (messagesLoadedOlder.current ? cur : page.hasMore));
          if (opts.read) markRead(page.conversation);
        },
        (e: unknown) => onError(e),
      );
    },
    [api, conversationId, markRead, onError, setConversation],
  );

  // Search: scroll to this message once it is on screen.
  const scrollToId = useRef<number | null>(null);
  useEffect(() => {
    if (focusMessageId === null) {
      void refresh({ read: true });
      return;
    }
    let alive = true;
    searchApi.threadAround(conversationId, focusMessageId).then(
      (page) => {
        if (!alive) return;
        messagesLoadedOlder.current = true;
        stickToBottom.current = false;
        scrollToId.current = focusMessageId;
        setConversation(page.conversation);
        setMessages((cur) => mergeMessages(cur, page.messages));
        setHasMore(page.hasMore);
        markRead(page.conversation);
      },
      (e: unknown) => {
        if (!alive) return;
        onError(e);
        void refresh({ read: true });
      },
    );
    return () => {
      alive = false;
    };
  }, [refresh, searchApi, conversationId, focusMessageId, markRead, onError, setConversation]);

  const loadOlder = useCallback(() => {
    const oldest = messages[0];
    if (!oldest) return;
    setLoadingOlder(true);
    const el = scroller.current;
    keepOffsetFromBottom.current = el ? el.scrollHeight - el.scrollTop : null;
    api.getThread(conversationId, oldest.id, PAGE_SIZE).then(
      (page) => {
        messagesLoadedOlder.current = true;
        setMessages((cur) => mergeMessages(page.messages, cur));
        setHasMore(page.hasMore);
        setLoadingOlder(false);
      },
      (e: unknown) => {
        setLoadingOlder(false);
        onError(e);
      },
    );
  }, [api, conversationId, messages, onError]);

  // Live updates for this conversation.
  const refresher = useMemo(() => coalescer<"read" | "plain">(150, (kinds) => void refresh({ read: kinds.includes("read") })), [refresh]);
  useEffect(() => () => refresher.cancel(), [refresher]);
  useCoreEvents((e) => {
    if (!("conversationId" in e) || e.conversationId !== conversationId) return;
    switch (e.type) {
      case "messageArrived":
        setInboundTick((n) => n + 1);
        refresher.add("read");
        break;
      case "messageStatusChanged":
        // Show it at once, and reload after it: a refresh already under way may have
        // read the row before this change (e.g. 再送 → 送信中 → 送信済み) and would
        // otherwise leave the older status on screen.
        if (messagesRef.current.some((m) => m.id === e.messageId)) {
          setMessages((cur) => cur.map((m) => (m.id === e.messageId ? { ...m, status: e.status, error: e.error } : m)));
        }
        refresher.add("plain");
        break;
      case "conversationUpdated":
        refresher.add("plain");
        break;
    }
  });
  useResync(() => refresher.add("plain"));

  // Scrolling: start at the bottom, follow new messages when already at the bottom,
  // and keep the view still when older messages are put above.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const focus = scrollToId.current === null ? null : el.querySelector(`[data-message-id="${scrollToId.current}"]`);
    if (focus) {
      scrollToId.current = null;
      focus.scrollIntoView({ block: "center" });
    } else if (keepOffsetFromBottom.current !== null) {
      el.scrollTop = el.scrollHeight - keepOffsetFromBottom.current;
      keepOffsetFromBottom.current = null;
    } else if (stickToBottom.current) {
      el.scrollTop = el.scrollHeight;
    }
  }, [messages]);
  const onScroll = () => {
    const el = scroller.current;
    if (el) stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
  };

  /** The text of the last send the owner cancelled, for the composer to take back. */
  const [restore, setRestore] = useState<{ text: string; seq: number } | null>(null);
  const cancelSend = useCallback(
    (outboxId: number) => {
      const text = messagesRef.current
        .filter((m) => m.outboxId === outboxId && m.kind === "text" && m.text)
        .map((m) => m.text)
        .join("\n");
      api.cancelSend(outboxId).then(
        () => {
          if (text !== "") setRestore((cur) => ({ text, seq: (cur?.seq ?? 0) + 1 }));
          void refresh({ read: false });
        },
        (e: unknown) => onError(e),
      );
    },
    [api, refresh, onError],
  );

  const act = useCallback(
    (p: Promise<void>) =>
      p.then(
        () => refresh({ read: false }),
        (e: unknown) => onError(e),
      ),
    [refresh, onError],
  );

  const name = conversation ? displayName(conversation, appText.unknownName) : "";
  const buttons = useMemo(() => buttonLabels(messages), [messages]);

  return (
    <section className="thread" aria-label={name} data-testid="thread" data-conversation-id={conversationId}>
      <header className="thread-header">
        {conversation && <Avatar name={name} pictureFile={conversation.friend.pictureFile} size="small" />}
        <h2 className="thread-name" data-testid="thread-name">{name}</h2>
        {conversation?.status === "needsAction" && <span className="tag needs-action">{appText.statusNeedsAction}</span>}
        {conversation?.status === "resolved" && <span className="tag">{appText.statusResolved}</span>}
        {conversation && !conversation.friend.followed && <span className="tag">{appText.unfollowed}</span>}
        {conversation && <ThreadActions conversation={conversation} />}
        {conversation && (
          <AssigneePicker
            conversation={conversation}
            onAssigned={(c) => {
              setConversation(c);
              onConversation(c);
            }}
            onError={onError}
          />
        )}
      </header>
      {typing.length > 0 && (
        <p className="typing-note" role="status" data-testid="thread-typing">
          {typing.length === 1 ? assignmentText.typing(typing[0]!.name) : assignmentText.typingMany(typing.map((x) => x.name))}
        </p>
      )}
      <div className="messages" ref={scroller} onScroll={onScroll} role="log" aria-live="polite" data-testid="messages">
        {!hasMore && (
          <p className="thread-note" data-testid="thread-history-note">
            {appText.historyNote}
          </p>
        )}
        {hasMore && (
          <button type="button" className="load-older" onClick={loadOlder} disabled={loadingOlder}>
            {loadingOlder ? appText.loading : appText.loadOlder}
          </button>
        )}
        {messages.map((m, i) => {
          const prev = i > 0 ? messages[i - 1] : undefined;
          const day = dayKey(m.createdAt);
          const newDay = !prev || dayKey(prev.createdAt) !== day;
          return (
            <Fragment key={m.id}>
              {newDay && (
                <div className="day-separator" role="separator">
                  <span>{formatDay(m.createdAt, appText.locale)}</span>
                </div>
              )}
              <MessageBubble
                focused={m.id === focusMessageId}
                m={m}
                buttons={buttons}
                onRetry={(outboxId) => void act(api.retrySend(outboxId))}
                onCancel={cancelSend}
              />
            </Fragment>
          );
        })}
      </div>
      <Composer
        autoFocus={focusComposer}
        conversationId={conversationId}
        accountId={conversation?.accountId ?? null}
        inboundTick={inboundTick}
        blocked={conversation?.friend.followed === false}
        restore={restore}
        guard={() => sendGuard(conversation, conversationReadAt.current, Date.now(), me, typersIn(typers, conversationId, Date.now()))}
        onSent={() => {
          stickToBottom.current = true;
          void refresh({ read: false });
        }}
        onError={onError}
      />
    </section>
  );
}
