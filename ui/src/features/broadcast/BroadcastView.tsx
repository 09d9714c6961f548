import { useInvalidateRpc, useReportError, useRpcQuery } from "../../backend/query";
import { argOf, routeTo } from "../../frame/routes";
import type { ViewContext } from "../../frame/view";
import { BroadcastComposer } from "./BroadcastComposer";
import { BroadcastDetailPanel } from "./BroadcastDetailPanel";
import { recipientsText, when } from "./format";
import { broadcastText } from "./i18n";
import "./broadcast.css";

/** 一斉配信: past broadcasts on the left; the composer or one broadcast's progress on the right. */
export function BroadcastView({ ctx }: { ctx: ViewContext }) {
  const { accountId, onError, navigate } = ctx;
  const list = useRpcQuery("listBroadcasts", { accountId });
  useReportError(list.error, onError);
  const items = list.data ?? null;
  // The route's argument: a broadcast id, or nothing for the composer.
  const selected = argOf(ctx.route, "broadcast")?.broadcastId ?? null;
  const invalidate = useInvalidateRpc();
  const reload = () => void invalidate("listBroadcasts");

  const open = (broadcastId: number | null) => navigate(routeTo("broadcast", broadcastId === null ? null : { broadcastId }));

  return (
    <main className="layout broadcast-layout">
      <aside className="broadcast-list" aria-label={broadcastText.history}>
        <button type="button" className="broadcast-new" onClick={() => open(null)} data-testid="broadcast-new">
          ＋ {broadcastText.newBroadcast}
        </button>
        <h2 className="broadcast-list-title">{broadcastText.history}</h2>
        {items !== null && items.length === 0 && <p className="broadcast-muted">{broadcastText.noBroadcasts}</p>}
        <ul>
          {(items ?? []).map((b) => (
            <li key={b.id}>
              <button
                type="button"
                className={`broadcast-item${b.id === selected ? " selected" : ""}`}
                onClick={() => open(b.id)}
                data-testid="broadcast-item"
                data-broadcast-id={b.id}
              >
                <span className="broadcast-item-summary">{b.summary ?? b.bubbleKinds.map((k) => broadcastText.bubbleKinds[k] ?? k).join("・")}</span>
                <span className={`broadcast-status status-${b.status}`}>{broadcastText.status[b.status]}</span>
                <span className="broadcast-muted">
                  {when(b.sendAt)} · {b.audience.type === "all" ? broadcastText.audienceAllShort : broadcastText.audienceTagsShort}
                  {(b.recipientsTotal > 0 || b.status === "scheduled") && (
                    <span data-testid="broadcast-item-recipients"> · {recipientsText(b)}</span>
                  )}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </aside>
      <section className="broadcast-main">
        {selected === null ? (
          <BroadcastComposer
            accountId={accountId}
            onError={onError}
            onCreated={(b) => {
              reload();
              open(b.id);
            }}
          />
        ) : (
          <BroadcastDetailPanel key={selected} broadcastId={selected} onError={onError} onChanged={reload} />
        )}
      </section>
    </main>
  );
}
