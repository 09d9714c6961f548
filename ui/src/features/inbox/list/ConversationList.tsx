import { useQueryClient } from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { AssigneeFilter, ConversationFilter, ConversationSort, ConversationView, ListConversations, TagExpr } from "../../../api/types.gen";
import { rpcPagesKey, useReportError, useRpcPages } from "../../../backend/query";
import { appText } from "../../../i18n";
import { chatShortcut, neighbourId } from "./chatNav";
import { displayName } from "../../../lib/conversations";
import { ListTools } from "../../customers/ListTools";
import { customersText } from "../../customers/i18n";
import { emptyExpr, isEmptyExpr } from "../../customers/lib";
import { useTags } from "../../customers/useTags";
import { isDefaultFirstPage, PAGE_SIZE, seedFirstPage } from "../firstPage";
import { AssigneeFilterChips } from "../../assignment/AssigneeFilterChips";
import { typersIn } from "../../assignment/typers";
import { useTypers } from "../../assignment/useTypers";
import { ConversationRow, typingLabel } from "./ConversationRow";
import { keepOpenRow, pageRows } from "./rows";

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
  onError: (e: unknown) => void;
}

export function ConversationList({ accountId, tagAccountId = null, selectedId, onSelect, onError }: Props) {
  const [filter, setFilter] = useState<ConversationFilter>("all");
  const [sort, setSort] = useState<ConversationSort>("recent");
  // Assignment (担当者): everyone's, mine or nobody's chats; members only.
  const [assignee, setAssignee] = useState<AssigneeFilter>("everyone");
  const typers = useTypers();
  const [expr, setExpr] = useState<TagExpr>(emptyExpr);
  const [now, setNow] = useState(() => Date.now());
  const [selecting, setSelecting] = useState(false);
  const [picked, setPicked] = useState<Set<number>>(() => new Set());
  const { tags, reload: reloadTags } = useTags(tagAccountId ?? accountId, onError);

  const params: ListConversations = { accountId, filter, before: null, limit: PAGE_SIZE, tags: isEmptyExpr(expr) ? null : expr, sort, assignee };
  const client = useQueryClient();
  // Before the query's first read: the start-up page is that read, or is joined by it.
  useState(() => {
    const showsDefault = assignee === "everyone" && isDefaultFirstPage({ accountId, filter, sort, tagsEmpty: isEmptyExpr(expr) });
    seedFirstPage(client, rpcPagesKey("listConversations", params), showsDefault);
  });
  const pages = useRpcPages("listConversations", params, (last) => (last.nextCursor ? { before: last.nextCursor } : null), {
    keepPrevious: true,
    // Every change to a chat comes as an event that marks these pages stale (a missed
    // one as resync): until then the cached pages are current, so showing them again
    // (another filter and back, the start-up page) asks for nothing.
    staleTime: Infinity,
  });
  useReportError(pages.error, onError);
  const loaded = pages.data?.pages;
  const fetched = useMemo(() => pageRows(loaded ?? []), [loaded]);
  const listKey = JSON.stringify(params);
  const held = useRef<{ listKey: string; row: ConversationView } | null>(null);
  // The rows of the list shown before (another filter) while this one loads are not this list's.
  const ownRows = !pages.isPlaceholderData;
  const items = useMemo(() => {
    const open = ownRows ? fetched.find((c) => c.id === selectedId) : undefined;
    if (open) held.current = { listKey, row: open };
    const h = held.current;
    return ownRows && h && h.listKey === listKey && h.row.id === selectedId ? keepOpenRow(fetched, h.row, sort) : fetched;
  }, [fetched, ownRows, selectedId, listKey, sort]);
  const waitLimit = loaded?.[0]?.waitLimitMs ?? 24 * 3_600_000;
  const loading = pages.isPending || pages.isPlaceholderData || pages.isFetchingNextPage;
  const hasMore = pages.hasNextPage && !pages.isPlaceholderData;

  const rowsMarked = useRef(false);
  useLayoutEffect(() => {
    if (rowsMarked.current || items.length === 0) return;
    rowsMarked.current = true;
    performance.mark("inbox-rows");
    // The rest of the overscan once the first rows are on screen (the frame after the one that paints them).
    requestAnimationFrame(() => setTimeout(() => setOverscan(OVERSCAN), 0));
  }, [items]);

  const { fetchNextPage, isFetching } = pages;
  const loadMore = useCallback(() => void fetchNextPage({ cancelRefetch: false }), [fetchNextPage]);

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
    if (hasMore && !isFetching && lastShown >= items.length - 5) loadMore();
  }, [lastShown, items.length, hasMore, isFetching, loadMore]);

  // Alt+↓ / Alt+↑: the next / previous chat in the order shown, from anywhere in the inbox.
  const nav = useRef({ items, onSelect, virtual });
  nav.current = { items, onSelect, virtual };
  const selected = useRef(selectedId);
  selected.current = selectedId;
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
      const id = neighbourId(ids, selected.current, step);
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
      {!loading && hasMore && (
        <button type="button" className="load-more" onClick={loadMore} data-testid="load-more">
          {appText.loadMore}
        </button>
      )}
    </nav>
  );
}
