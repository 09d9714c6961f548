import { useCallback, useEffect, useRef, useState } from "react";
import type { SearchHit, SearchPage } from "../../api/types.gen";
import { appText } from "../../i18n";
import { formatDay, formatTime } from "../../lib/time";
import type { ViewContext } from "../../frame/view";
import { useSearchApi } from "./api";
import { segments } from "./highlight";
import { searchText } from "./i18n";
import "./search.css";

interface Results {
  query: string;
  messages: SearchHit[];
  nextBefore: number | null;
  notes: SearchHit[];
}

/** Full-text search over every chat and note; a hit opens its thread at that message. */
export function SearchView({ ctx }: { ctx: ViewContext }) {
  const api = useSearchApi();
  const [query, setQuery] = useState(ctx.arg ?? "");
  const [results, setResults] = useState<Results | null>(null);
  const [busy, setBusy] = useState(false);
  const seq = useRef(0);
  const { accountId, onError, navigate } = ctx;

  const run = useCallback(
    (q: string) => {
      const n = ++seq.current;
      if (q.trim() === "") {
        setResults(null);
        return;
      }
      setBusy(true);
      // Keep the query in the route so going back from a thread shows the same results.
      navigate("search", q);
      Promise.all([api.searchMessages(q, accountId, null), api.searchNotes(q, accountId, null, 20)]).then(
        ([m, notes]: [SearchPage, SearchPage]) => {
          if (n !== seq.current) return;
          setResults({ query: q, messages: m.hits, nextBefore: m.nextBefore, notes: notes.hits });
          setBusy(false);
        },
        (e: unknown) => {
          if (n === seq.current) setBusy(false);
          onError(e);
        },
      );
    },
    [api, accountId, onError, navigate],
  );

  // A query in the route (e.g. coming back from a thread) runs once on mount.
  const initial = useRef(ctx.arg);
  useEffect(() => {
    const q = initial.current;
    initial.current = null;
    if (q) run(q);
  }, [run]);

  const more = () => {
    if (!results || results.nextBefore === null) return;
    const cur = results;
    setBusy(true);
    api.searchMessages(cur.query, accountId, cur.nextBefore).then(
      (p) => {
        setResults({ ...cur, messages: [...cur.messages, ...p.hits], nextBefore: p.nextBefore });
        setBusy(false);
      },
      (e: unknown) => {
        setBusy(false);
        onError(e);
      },
    );
  };

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
