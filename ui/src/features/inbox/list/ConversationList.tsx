import { useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { AssigneeFilter, ConversationFilter, ConversationSort, ConversationView, TagExpr } from "../../../api/types.gen";
import { useApi, useCoreEvents, useResync } from "../../../backend/react";
import { appText } from "../../../i18n";
import { chatShortcut, neighbourId } from "./chatNav";
import { coalescer } from "../../../lib/coalesce";
import { displayName, upsertConversation } from "../../../lib/conversations";
import { ListTools } from "../../customers/ListTools";
import { customersText } from "../../customers/i18n";
import { compareWaiting, emptyExpr, isEmptyExpr, rowMatches } from "../../customers/lib";
import { useTags } from "../../customers/useTags";
import { earlyFirstPage, isDefaultFirstPage, PAGE_SIZE } from "../firstPage";
import { AssigneeFilterChips, assigneeMatches } from "../../assignment/AssigneeFilterChips";
import { typersIn } from "../../assignment/typers";
import { useTypers } from "../../assignment/useTypers";
import { useSession } from "../../../frame/session";
import { ConversationRow, typingLabel } from "./ConversationRow";

/** Rows kept in the DOM beyond the visible ones: enough for a page of keyboard or test access, few enough for 100 000 rows. */
const OVERSCAN = 30;
/** Until the first rows have been painted: the first layout of the window is on the start-up path. */
const FIRST_PAINT_OVERSCAN = 2;
const ROW_ESTIMATE = 64;

interface Props {
  accountId: number | null;
  /** The account whose tags the filter offers (the picked one, else the first). */
  tagAccountId?: number | null;
  selectedId: number | null;
  onSelect: (id: number) => void;
  /** A row the thread just refreshed (e.g. read): put it in the list. */
  patch: ConversationView | null;
  onError: (e: unknown) => void;
}

export function ConversationList({ accountId, tagAccountId = null, selectedId, onSelect, patch, onError }: Props) {
  const api = useApi();
  const [filter, setFilter] = useState<ConversationFilter>("all");
  const [sort, setSort] = useState<ConversationSort>("recent");
  // Assignment (担当者): everyone's, mine or nobody's chats; members only.
  const [assignee, setAssignee] = useState<AssigneeFilter>("everyone");
  const me = useSession().me.member?.id ?? null;
  const typers = useTypers();
  const [expr, setExpr] = useState<TagExpr>(emptyExpr);
  // The page asked for at start-up, when it is here already and is the one this list shows.
  const [initial] = useState(() => {
    const e = earlyFirstPage(false);
    return e?.page && isDefaultFirstPage({ accountId, filter, sort, tagsEmpty: isEmptyExpr(expr) }) ? e.page : null;
  });
  const shownEarly = useRef(initial !== null);
  const [items, setItems] = useState<ConversationView[]>(() => initial?.items ?? []);
  const [nextCursor, setNextCursor] = useState<string | null>(initial?.nextCursor ?? null);
  const [loading, setLoading] = useState(false);
  const [waitLimit, setWaitLimit] = useState(initial?.waitLimitMs ?? 24 * 3_600_000);
  const [now, setNow] = useState(() => Date.now());
  const [selecting, setSelecting] = useState(false);
  const [picked, setPicked] = useState<Set<number>>(() => new Set());
  // Bumped when this window missed core events: the first page is read again.
  const [resyncs, setResyncs] = useState(0);
  const { tags, reload: reloadTags } = useTags(tagAccountId ?? accountId, onError);
  const exprKey = JSON.stringify(expr);

  // Keep the latest options for callbacks that outlive a render.
  const opts = useRef({ filter, accountId, selectedId, expr, sort, assignee, me });
  opts.current = { filter, accountId, selectedId, expr, sort, assignee, me };

  const fetchPage = useCallback(
    (before: string | null) =>
      api.listConversations({
        accountId,
        filter,
        before,
        limit: PAGE_SIZE,
        tags: isEmptyExpr(opts.current.expr) ? null : opts.current.expr,
        sort,
        assignee,
      }),
    // exprKey stands for expr: a new page is needed when its content changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, accountId, filter, sort, exprKey, assignee],
  );

  // First page, again whenever the filter, the sort, the tags or the account change.
  // A layout effect: the request leaves before the first paint, so its round trip
  // overlaps painting the empty list instead of following it (start-up time).
  useLayoutEffect(() => {
    // The start-up page is for the first list only: taken now, whatever this list shows.
    const early = earlyFirstPage(true);
    if (shownEarly.current) {
      shownEarly.current = false;
      return;
    }
    let alive = true;
    const isDefault = assignee === "everyone" && isDefaultFirstPage({ accountId, filter, sort, tagsEmpty: isEmptyExpr(opts.current.expr) });
    setLoading(true);
    (early && isDefault ? early.promise : fetchPage(null)).then(
      (page) => {
        if (!alive) return;
        setItems(page.items);
        setNextCursor(page.nextCursor);
        setWaitLimit(page.waitLimitMs);
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
    // fetchPage changes exactly when accountId, filter, sort or the tags do.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fetchPage, onError, resyncs]);

  const rowsMarked = useRef(false);
  useLayoutEffect(() => {
    if (rowsMarked.current || items.length === 0) return;
    rowsMarked.current = true;
    performance.mark("inbox-rows");
    // The rest of the overscan once the first rows are on screen (the frame after the one that paints them).
    requestAnimationFrame(() => setTimeout(() => setOverscan(OVERSCAN), 0));
  }, [items]);

  const loadingMore = useRef(false);
  const loadMore = useCallback(() => {
    if (!nextCursor || loadingMore.current) return;
    loadingMore.current = true;
    setLoading(true);
    fetchPage(nextCursor).then(
      (page) => {
        setItems((cur) => {
          const seen = new Set(cur.map((c) => c.id));
          return [...cur, ...page.items.filter((c) => !seen.has(c.id))];
        });
        setNextCursor(page.nextCursor);
        setLoading(false);
        loadingMore.current = false;
      },
      (e: unknown) => {
        setLoading(false);
        loadingMore.current = false;
        onError(e);
      },
    );
  }, [fetchPage, nextCursor, onError]);

  const upsert = useCallback((row: ConversationView) => {
    setItems((cur) => {
      const o = opts.current;
      const base = upsertConversation(cur, row, { ...o, filter: o.filter === "unread" ? "unread" : "all" });
      const matches = rowMatches(row, o.filter, o.expr, o.selectedId) && (row.id === o.selectedId || assigneeMatches(row, o.assignee, o.me));
      const kept = matches ? base : base.filter((c) => c.id !== row.id);
      return o.sort === "waiting" ? [...kept].sort(compareWaiting) : kept;
    });
  }, []);

  // Live updates: refresh only the rows that changed, a burst at a time.
  const refresher = useMemo(
    () =>
      coalescer<number>(200, (ids) => {
        for (const id of ids) {
          api.getThread(id, null, 1).then(
            (page) => upsert(page.conversation),
            (e: unknown) => console.warn("refreshing conversation", id, e),
          );
        }
      }),
    [api, upsert],
  );
  useEffect(() => () => refresher.cancel(), [refresher]);
  useCoreEvents((e) => {
    // 「入力中」 changes nothing stored: the row shows it from the typers below.
    if ("conversationId" in e && e.type !== "memberTyping" && e.conversationId !== null) refresher.add(e.conversationId);
  });
  // Missed events: the first page again, as when the filter changes.
  useResync(() => setResyncs((n) => n + 1));

  useEffect(() => {
    if (patch) upsert(patch);
  }, [patch, upsert]);

  // "Today" and the waiting times move on: re-render once a minute.
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(id);
  }, []);

  const scroller = useRef<HTMLElement>(null);
  const [overscan, setOverscan] = useState(FIRST_PAINT_OVERSCAN);
  const virtual = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_ESTIMATE,
    overscan,
    getItemKey: (i) => items[i]?.id ?? i,
  });
  const virtualRows = virtual.getVirtualItems();
  const lastShown = virtualRows[virtualRows.length - 1]?.index ?? -1;
  // Cursor paging on scroll: the next page once the end comes into view.
  useEffect(() => {
    if (nextCursor && !loading && lastShown >= items.length - 5) loadMore();
  }, [lastShown, items.length, nextCursor, loading, loadMore]);

  // Alt+↓ / Alt+↑: the next / previous chat in the order shown, from anywhere in the inbox.
  const nav = useRef({ items, onSelect, virtual });
  nav.current = { items, onSelect, virtual };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const step = chatShortcut({
        key: e.key,
        altKey: e.altKey,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        shiftKey: e.shiftKey,
        isComposing: e.isComposing,
        keyCode: e.keyCode,
        inSelect: document.activeElement instanceof HTMLSelectElement,
      });
      if (step === null || e.defaultPrevented) return;
      const { items: list, onSelect: open, virtual: v } = nav.current;
      const ids = list.map((c) => c.id);
      const id = neighbourId(ids, opts.current.selectedId, step);
      if (id === null) return;
      e.preventDefault();
      v.scrollToIndex(ids.indexOf(id), { align: "auto" });
      open(id);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const tagById = useMemo(() => new Map(tags.map((tg) => [tg.id, tg])), [tags]);
  const togglePick = useCallback((id: number) => {
    setPicked((cur) => {
      const next = new Set(cur);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);

  const statusChip = (f: ConversationFilter, label: string) => (
    <button type="button" className={filter === f ? "chip active" : "chip"} aria-pressed={filter === f} onClick={() => setFilter(f)} data-testid={`filter-${f}`}>
      {label}
    </button>
  );

  return (
    <nav
      className="conversation-list"
      aria-label={appText.conversations}
      aria-keyshortcuts="Alt+ArrowDown Alt+ArrowUp"
      title={appText.chatShortcuts}
      data-testid="conversation-list"
      ref={scroller}
    >
      <div className="list-toolbar list-toolbar-wrap" role="group">
        {statusChip("all", appText.filterAll)}
        {statusChip("unread", appText.filterUnread)}
        {statusChip("needsAction", customersText.filterNeedsAction)}
        {statusChip("resolved", customersText.filterResolved)}
        <AssigneeFilterChips value={assignee} onChange={setAssignee} />
        <ListTools
          tags={tags}
          expr={expr}
          onExpr={setExpr}
          sort={sort}
          onSort={setSort}
          selecting={selecting}
          onSelecting={(on) => {
            setSelecting(on);
            setPicked(new Set());
          }}
          picked={items.filter((c) => picked.has(c.id)).map((c) => c.friend.id)}
          onTagged={reloadTags}
          onError={onError}
        />
      </div>
      <ul className="rows" style={{ height: virtual.getTotalSize(), position: "relative" }}>
        {virtualRows.map((v) => {
          const c = items[v.index];
          if (!c) return null;
          return (
            <li
              key={v.key}
              data-index={v.index}
              ref={virtual.measureElement}
              style={{ position: "absolute", top: 0, left: 0, width: "100%", transform: `translateY(${v.start}px)` }}
              className={selecting ? "row-selectable" : undefined}
            >
              {selecting && (
                <input
                  type="checkbox"
                  className="row-check"
                  aria-label={displayName(c, appText.unknownName)}
                  checked={picked.has(c.id)}
                  onChange={() => togglePick(c.id)}
                  data-testid="row-check"
                  data-conversation-id={c.id}
                />
              )}
              <ConversationRow
                c={c}
                now={now}
                waitLimit={waitLimit}
                tagById={tagById}
                selected={c.id === selectedId}
                onSelect={selecting ? togglePick : onSelect}
                typing={typingLabel(typersIn(typers, c.id, now))}
              />
            </li>
          );
        })}
      </ul>
      {!loading && items.length === 0 && (
        <p className="list-empty">{filter === "unread" ? appText.noUnread : appText.noConversations}</p>
      )}
      {loading && <p className="list-loading">{appText.loading}</p>}
      {!loading && nextCursor && (
        <button type="button" className="load-more" onClick={loadMore} data-testid="load-more">
          {appText.loadMore}
        </button>
      )}
    </nav>
  );
}
