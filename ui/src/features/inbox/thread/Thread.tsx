import { useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { Fragment, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { ThreadActions } from "./ThreadActions";
import type { ConversationView, GetThread, MessageView, ThreadPage } from "../../../api/types.gen";
import { matches } from "../../../backend/invalidation";
import { rpcPagesKey, useReportError, useRpcMutation, useRpcPages } from "../../../backend/query";
import { useApi, useCoreEvents } from "../../../backend/react";
import { appText } from "../../../i18n";
import { displayName } from "../../../lib/conversations";
import { mergeMessages } from "./messages";
import { buttonLabels } from "../../../lib/postback";
import { dayKey, formatDay } from "../../../lib/time";
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
  const client = useQueryClient();
  const me = useSession().me.member?.id ?? null;
  const typers = useTypers();
  const typing = typersIn(typers, conversationId, Date.now());
  /** Bumped when a customer writes: a new reply token may change the route preview. */
  const [inboundTick, setInboundTick] = useState(0);

  // Newest first, page by page into the past; from a search hit, the page around it
  // (up to the newest) comes first instead.
  const params: GetThread =
    focusMessageId === null ? { conversationId, before: null, limit: PAGE_SIZE } : { conversationId, before: null, limit: null, around: focusMessageId };
  const pages = useRpcPages("getThread", params, (last) => {
    const oldest = last.messages[0];
    return last.hasMore && oldest ? { before: oldest.id, limit: PAGE_SIZE, around: null } : null;
  });
  useReportError(pages.error, onError);
  const loaded = pages.data?.pages;
  const messages = useMemo(() => (loaded ?? []).reduce<MessageView[]>((all, p) => mergeMessages(all, p.messages), []), [loaded]);
  const conversation = loaded?.[0]?.conversation ?? null;
  /** When the chat was last read here: its last reply's age (`agoMs`, new with every read) counts on from then. */
  const readAt = useRef({ conversation, at: Date.now() });
  if (readAt.current.conversation !== conversation) readAt.current = { conversation, at: Date.now() };
  const hasMore = pages.hasNextPage;
  const loadingOlder = pages.isFetchingNextPage;

  const messagesRef = useRef<MessageView[]>([]);
  useEffect(() => {
    messagesRef.current = messages;
  }, [messages]);

  const scroller = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const keepOffsetFromBottom = useRef<number | null>(null);
  // Search: scroll to this message once it is on screen.
  const scrollToId = useRef<number | null>(null);
  useLayoutEffect(() => {
    if (focusMessageId === null) return;
    stickToBottom.current = false;
    scrollToId.current = focusMessageId;
  }, [focusMessageId]);

  const threadKey = rpcPagesKey("getThread", params);
  const keyRef = useRef(threadKey);
  keyRef.current = threadKey;
  /** Edits the pages on screen at once (a status an event announced, the chat a write answered with); the read the event causes follows. */
  const editPages = useCallback(
    (edit: (p: ThreadPage, i: number) => ThreadPage) =>
      client.setQueryData<InfiniteData<ThreadPage, unknown>>(keyRef.current, (data) => data && { ...data, pages: data.pages.map(edit) }),
    [client],
  );
  const setConversation = useCallback(
    (c: ConversationView) => {
      editPages((p, i) => (i === 0 ? { ...p, conversation: c } : p));
      onConversation(c);
    },
    [editPages, onConversation],
  );
  /** Reads this chat's pages again, after a write whose event may come later than its answer. */
  const reread = useCallback(
    () => client.invalidateQueries({ predicate: (q) => matches({ method: "getThread", params: { conversationId } }, q.queryKey) }),
    [client, conversationId],
  );

  // Open means read: the chat as loaded with unread messages is marked read, again
  // whenever a new message makes it unread.
  const conversationRef = useRef(conversation);
  conversationRef.current = conversation;
  const markRead = useRpcMutation("markRead", {
    onSuccess: () => {
      const c = conversationRef.current;
      if (c) setConversation({ ...c, unreadCount: 0 });
    },
    onError,
  });
  // Once per answer: a failed mark is not asked again until the chat is read again.
  const markedFor = useRef<ConversationView | null>(null);
  const { mutate: markReadNow } = markRead;
  useEffect(() => {
    if (conversation === null || conversation.unreadCount === 0 || markedFor.current === conversation) return;
    markedFor.current = conversation;
    markReadNow({ conversationId });
  }, [conversation, conversationId, markReadNow]);

  const { fetchNextPage } = pages;
  const loadOlder = useCallback(() => {
    const el = scroller.current;
    keepOffsetFromBottom.current = el ? el.scrollHeight - el.scrollTop : null;
    void fetchNextPage({ cancelRefetch: false });
  }, [fetchNextPage]);

  // A new message changes the route preview; a status is shown at once, before the
  // pages are read again (the event's invalidation, ./backend/invalidation.ts).
  useCoreEvents((e) => {
    if (!("conversationId" in e) || e.conversationId !== conversationId) return;
    if (e.type === "messageArrived") setInboundTick((n) => n + 1);
    if (e.type === "messageStatusChanged" && messagesRef.current.some((m) => m.id === e.messageId)) {
      editPages((p) => ({ ...p, messages: p.messages.map((m) => (m.id === e.messageId ? { ...m, status: e.status, error: e.error } : m)) }));
    }
  });

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
          void reread();
        },
        (e: unknown) => onError(e),
      );
    },
    [api, reread, onError],
  );

  const act = useCallback(
    (p: Promise<void>) =>
      p.then(
        () => reread(),
        (e: unknown) => onError(e),
      ),
    [reread, onError],
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
            onAssigned={setConversation}
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
        guard={() => sendGuard(conversation, readAt.current.at, Date.now(), me, typersIn(typers, conversationId, Date.now()))}
        onSent={() => {
          stickToBottom.current = true;
          void reread();
        }}
        onError={onError}
      />
    </section>
  );
}
