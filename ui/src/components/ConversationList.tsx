import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { ConversationFilter, ConversationView } from "../api/types.gen";
import { useApi, useCoreEvents } from "../backend/react";
import { t } from "../i18n";
import { coalescer } from "../lib/coalesce";
import { avatarInitial, displayName, previewText, upsertConversation } from "../lib/conversations";
import { formatListTime } from "../lib/time";

const PAGE_SIZE = 30;

interface Props {
  accountId: number | null;
  selectedId: number | null;
  onSelect: (id: number) => void;
  /** A row the thread just refreshed (e.g. read): put it in the list. */
  patch: ConversationView | null;
  onError: (e: unknown) => void;
}

export function ConversationList({ accountId, selectedId, onSelect, patch, onError }: Props) {
  const api = useApi();
  const [filter, setFilter] = useState<ConversationFilter>("all");
  const [items, setItems] = useState<ConversationView[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [now, setNow] = useState(() => Date.now());

  // Keep the latest options for callbacks that outlive a render.
  const opts = useRef({ filter, accountId, selectedId });
  opts.current = { filter, accountId, selectedId };

  // First page, again whenever the filter or the account changes.
  useEffect(() => {
    let alive = true;
    setLoading(true);
    api.listConversations({ accountId, filter, limit: PAGE_SIZE }).then(
      (page) => {
        if (!alive) return;
        setItems(page.items);
        setNextCursor(page.nextCursor);
        setLoading(false);
      },
      (e: unknown) => {
        if (!alive) return;
        setLoading(false);
        onError(e);
      },
    );
    return () => {
      alive = false;
    };
  }, [api, accountId, filter, onError]);

  const loadMore = useCallback(() => {
    if (!nextCursor) return;
    setLoading(true);
    api.listConversations({ accountId, filter, before: nextCursor, limit: PAGE_SIZE }).then(
      (page) => {
        setItems((cur) => {
          const seen = new Set(cur.map((c) => c.id));
          return [...cur, ...page.items.filter((c) => !seen.has(c.id))];
        });
        setNextCursor(page.nextCursor);
        setLoading(false);
      },
      (e: unknown) => {
        setLoading(false);
        onError(e);
      },
    );
  }, [api, accountId, filter, nextCursor, onError]);

  // Live updates: refresh only the rows that changed, a burst at a time.
  const refresher = useMemo(
    () =>
      coalescer<number>(200, (ids) => {
        for (const id of ids) {
          api.getThread(id, null, 1).then(
            (page) => setItems((cur) => upsertConversation(cur, page.conversation, opts.current)),
            (e: unknown) => console.warn("refreshing conversation", id, e),
          );
        }
      }),
    [api],
  );
  useEffect(() => () => refresher.cancel(), [refresher]);
  useCoreEvents((e) => {
    if ("conversationId" in e) refresher.add(e.conversationId);
  });

  useEffect(() => {
    if (patch) setItems((cur) => upsertConversation(cur, patch, opts.current));
  }, [patch]);

  // "Today" moves on: re-render the times once a minute.
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(id);
  }, []);

  return (
    <nav className="conversation-list" aria-label={t.conversations} data-testid="conversation-list">
      <div className="list-toolbar" role="group">
        <button type="button" className={filter === "all" ? "chip active" : "chip"} aria-pressed={filter === "all"} onClick={() => setFilter("all")}>
          {t.filterAll}
        </button>
        <button
          type="button"
          className={filter === "unread" ? "chip active" : "chip"}
          aria-pressed={filter === "unread"}
          onClick={() => setFilter("unread")}
        >
          {t.filterUnread}
        </button>
      </div>
      <ul className="rows">
        {items.map((c) => (
          <ConversationRow key={c.id} c={c} now={now} selected={c.id === selectedId} onSelect={onSelect} />
        ))}
      </ul>
      {!loading && items.length === 0 && (
        <p className="list-empty">{filter === "unread" ? t.noUnread : t.noConversations}</p>
      )}
      {loading && <p className="list-loading">{t.loading}</p>}
      {!loading && nextCursor && (
        <button type="button" className="load-more" onClick={loadMore} data-testid="load-more">
          {t.loadMore}
        </button>
      )}
    </nav>
  );
}

function ConversationRow({
  c,
  now,
  selected,
  onSelect,
}: {
  c: ConversationView;
  now: number;
  selected: boolean;
  onSelect: (id: number) => void;
}) {
  const name = displayName(c, t.unknownName);
  return (
    <li>
      <button
        type="button"
        className={selected ? "row selected" : "row"}
        aria-current={selected ? "true" : undefined}
        data-testid="conversation-row"
        data-conversation-id={c.id}
        data-last-message-at={c.lastMessageAt ?? undefined}
        onClick={() => onSelect(c.id)}
      >
        <span className="avatar" aria-hidden="true">
          {avatarInitial(name)}
        </span>
        <span className="row-main">
          <span className="row-top">
            <span className="row-name" data-testid="conversation-name">
              {c.pinned && <span className="pin" title={t.pinned}>📌</span>}
              {name}
            </span>
            {c.lastMessageAt !== null && (
              <time className="row-time" dateTime={new Date(c.lastMessageAt).toISOString()}>
                {formatListTime(c.lastMessageAt, now, t, t.locale)}
              </time>
            )}
          </span>
          <span className="row-bottom">
            <span className="row-preview" data-testid="conversation-preview">{previewText(c, t)}</span>
            {c.status === "needsAction" && <span className="tag needs-action">{t.statusNeedsAction}</span>}
            {!c.friend.followed && <span className="tag">{t.unfollowed}</span>}
            {c.unreadCount > 0 && (
              <span className="badge" aria-label={t.unreadLabel(c.unreadCount)}>
                {t.unreadBadge(c.unreadCount)}
              </span>
            )}
          </span>
        </span>
      </button>
    </li>
  );
}
