import { keepPreviousData } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { TagExpr } from "../../api/types.gen";
import { useInvalidateRpc, useReportError, useRpcQuery } from "../../backend/query";
import { appText } from "../../i18n";
import { formatDate } from "../../lib/time";
import type { ViewContext } from "../../frame/view";
import { CsvPanel } from "./CsvPanel";
import { FieldManager } from "./FieldManager";
import { customersText } from "./i18n";
import { emptyExpr, friendName, isEmptyExpr, toggleInExpr } from "./lib";
import { ReplyReport } from "./ReplyReport";
import { RuleManager } from "./RuleManager";
import { TagChip } from "./TagChip";
import { TagManager } from "./TagManager";
import { useTags } from "./useTags";
import "./customers.css";

const PAGE = 200;

/** 顧客: the friends list (search, tag filter), and the shop's tags, fields, rules, CSV and reply-time report. */
export function CustomersView({ ctx }: { ctx: ViewContext }) {
  const accountId = ctx.accountId ?? ctx.accounts[0]?.id ?? null;
  const { tags, reload: reloadTags } = useTags(accountId, ctx.onError);
  const [query, setQuery] = useState("");
  // Typing asks once the person pauses, not per key.
  const [asked, setAsked] = useState("");
  const [expr, setExpr] = useState<TagExpr>(emptyExpr);
  const [offset, setOffset] = useState(0);
  const exprKey = JSON.stringify(expr);

  useEffect(() => setOffset(0), [query, exprKey]);
  useEffect(() => {
    const timer = setTimeout(() => setAsked(query.trim()), 150);
    return () => clearTimeout(timer);
  }, [query]);
  const friends = useRpcQuery(
    "listFriends",
    { accountId: accountId ?? 0, query: asked || null, tags: isEmptyExpr(expr) ? null : expr, offset, limit: PAGE },
    { enabled: accountId !== null, placeholderData: keepPreviousData },
  );
  useReportError(friends.error, ctx.onError);
  const page = friends.data ?? null;
  const invalidate = useInvalidateRpc();

  if (accountId === null) return <main className="customers" />;
  const tagById = new Map(tags.map((tg) => [tg.id, tg]));
  const changed = () => {
    reloadTags();
    void invalidate("listFriends");
  };

  return (
    <main className="customers" data-testid="customers-view">
      <section aria-label={customersText.friends}>
        <div className="panel-row">
          <input type="search" value={query} placeholder={customersText.search} onChange={(e) => setQuery(e.target.value)} aria-label={customersText.search} data-testid="friend-search" />
          {page && <span className="muted">{customersText.total(page.total)}</span>}
        </div>
        <div className="panel-row" style={{ margin: "8px 0" }}>
          {tags.map((tg) => {
            const part = expr.all.includes(tg.id) ? "all" : expr.none.includes(tg.id) ? "none" : null;
            return (
              <button
                key={tg.id}
                type="button"
                className={part ? "chip small active" : "chip small"}
                title={`${customersText.exprAll} → ${customersText.exprNone} → ×`}
                onClick={() => setExpr(part === null ? toggleInExpr(expr, "all", tg.id) : part === "all" ? toggleInExpr(expr, "none", tg.id) : toggleInExpr(expr, "none", tg.id))}
                data-testid="friend-tag-filter"
                data-tag-name={tg.name}
              >
                {part === "none" ? "¬ " : ""}
                {tg.name}
              </button>
            );
          })}
        </div>
        <table className="friend-table" data-testid="friend-table">
          <thead>
            <tr>
              <th>{customersText.lineName}</th>
              <th>{customersText.privateName}</th>
              <th>{customersText.tags}</th>
              <th>{customersText.lastContact}</th>
            </tr>
          </thead>
          <tbody>
            {page?.items.map((f) => (
              <tr key={f.id} data-testid="friend-row" data-friend-id={f.id}>
                <td>
                  {f.conversationId !== null ? (
                    <button type="button" className="linkish" onClick={() => ctx.openConversation(f.conversationId as number)} title={customersText.openChat}>
                      {friendName({ displayName: f.displayName }, appText.unknownName)}
                    </button>
                  ) : (
                    friendName({ displayName: f.displayName }, appText.unknownName)
                  )}
                  {!f.followed && <span className="muted"> ({customersText.blocked})</span>}
                </td>
                <td>{f.privateName}</td>
                <td>
                  {f.tagIds.map((id) => {
                    const tg = tagById.get(id);
                    return tg ? <TagChip key={id} tag={tg} /> : null;
                  })}
                </td>
                <td>{formatDate(f.lastContactAt, appText.locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {page && page.items.length === 0 && <p className="muted">{customersText.noFriends}</p>}
        {page && page.total > PAGE && (
          <div className="panel-row">
            <button type="button" className="chip small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              ‹
            </button>
            <span className="muted">
              {offset + 1}–{Math.min(offset + PAGE, page.total)} / {page.total}
            </span>
            <button type="button" className="chip small" disabled={offset + PAGE >= page.total} onClick={() => setOffset(offset + PAGE)}>
              ›
            </button>
          </div>
        )}
      </section>
      <section aria-label={customersText.customers}>
        <ReplyReport accountId={accountId} onError={ctx.onError} />
        <TagManager accountId={accountId} tags={tags} onChanged={changed} onError={ctx.onError} />
        <RuleManager accountId={accountId} tags={tags} onError={ctx.onError} />
        <FieldManager accountId={accountId} onError={ctx.onError} />
        <CsvPanel accountId={accountId} onImported={changed} onError={ctx.onError} />
      </section>
    </main>
  );
}
