import { keepPreviousData } from "@tanstack/react-query";
import { useState } from "react";
import type { SearchHit } from "../../api/types.gen";
import { useReportError, useRpcPages, useRpcQuery } from "../../backend/query";
import { appText } from "../../i18n";
import { formatDay, formatTime } from "../../lib/time";
import { argOf, routeTo } from "../../frame/routes";
import type { ViewContext } from "../../frame/view";
import { segments } from "./highlight";
import { searchText } from "./i18n";
import "./search.css";

interface Results {
  messages: SearchHit[];
  nextBefore: number | null;
  notes: SearchHit[];
}

/** Full-text search over every chat and note; a hit opens its thread at that message. */
export function SearchView({ ctx }: { ctx: ViewContext }) {
  const routed = argOf(ctx.route, "search")?.query ?? null;
  const [query, setQuery] = useState(routed ?? "");
  // A query in the route (e.g. coming back from a thread) runs at once.
  const [submitted, setSubmitted] = useState<string | null>(routed?.trim() ? routed : null);
  const { accountId, onError, navigate } = ctx;
  const enabled = submitted !== null;
  const q = submitted ?? "";
  const messages = useRpcPages(
    "searchMessages",
    { query: q, accountId, before: null, limit: 30 },
    (last) => (last.nextBefore === null ? null : { before: last.nextBefore }),
    { enabled, keepPrevious: true },
  );
  const notes = useRpcQuery("searchNotes", { query: q, accountId, before: null, limit: 20 }, { enabled, placeholderData: keepPreviousData });
  useReportError(messages.error, onError);
  useReportError(notes.error, onError);
  const busy = enabled && (messages.isFetching || notes.isFetching);
  const pages = messages.data?.pages;
  const results: Results | null =
    enabled && pages && notes.data
      ? {
          messages: pages.flatMap((p) => p.hits),
          nextBefore: pages[pages.length - 1]?.nextBefore ?? null,
          notes: notes.data.hits,
        }
      : null;

  const run = (next: string) => {
    if (next.trim() === "") {
      setSubmitted(null);
      return;
    }
    // Keep the query in the route so going back from a thread shows the same results.
    navigate(routeTo("search", { query: next }));
    if (next !== submitted) setSubmitted(next);
    else void Promise.all([messages.refetch(), notes.refetch()]);
  };

  const more = () => void messages.fetchNextPage();

  return (
    <main className="search-view" data-testid="search-view">
      <form
        className="search-form"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          run(query);
        }}
      >
        <input
          type="search"
          data-testid="search-input"
          value={query}
          placeholder={searchText.placeholder}
          aria-label={searchText.placeholder}
          onChange={(e) => setQuery(e.target.value)}
          autoFocus
        />
        <button type="submit" data-testid="search-submit">
          {searchText.search}
        </button>
      </form>
      {busy && <p className="search-empty">{searchText.loading}</p>}
      {!results && !busy && <p className="search-empty">{searchText.hint}</p>}
      {results && (
        <>
          {results.notes.length > 0 && (
            <section className="search-section">
              <h2>{searchText.notes}</h2>
              <HitList hits={results.notes} ctx={ctx} />
            </section>
          )}
          <section className="search-section">
            <h2>{searchText.messages}</h2>
            {results.messages.length === 0 ? (
              <p className="search-empty" data-testid="search-none">
                {searchText.none}
              </p>
            ) : (
              <HitList hits={results.messages} ctx={ctx} />
            )}
          </section>
          {results.nextBefore !== null && (
            <button type="button" className="search-more" onClick={more} disabled={busy}>
              {searchText.more}
            </button>
          )}
        </>
      )}
    </main>
  );
}

function HitList({ hits, ctx }: { hits: SearchHit[]; ctx: ViewContext }) {
  return (
    <ul className="search-results">
      {hits.map((h) => (
        <li key={`${h.source}:${h.id}`}>
          <button
            type="button"
            className="search-hit"
            data-testid="search-hit"
            data-source={h.source}
            data-message-id={h.source === "message" ? h.id : undefined}
            disabled={h.conversationId === null}
            onClick={() => {
              if (h.conversationId !== null) ctx.openConversation(h.conversationId, h.source === "message" ? h.id : null);
            }}
          >
            <span className="search-hit-meta">
              <span className="search-hit-name">{h.friendName ?? searchText.unknown}</span>
              {h.source === "note" && <span>{searchText.noteLabel}</span>}
              {h.direction === "out" && <span>{searchText.you}</span>}
              <time dateTime={new Date(h.at).toISOString()}>
                {formatDay(h.at, appText.locale)} {formatTime(h.at, appText.locale)}
              </time>
            </span>
            <span className="search-hit-snippet" data-testid="search-snippet">
              {segments(h.snippet, h.highlights).map((seg, i) => (seg.hit ? <mark key={i}>{seg.text}</mark> : <span key={i}>{seg.text}</span>))}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
