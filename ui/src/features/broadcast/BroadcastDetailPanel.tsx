import { useRef, useState } from "react";
import { InlineConfirm } from "../../components/InlineConfirm";
import { useReportError, useRpcQuery, useSetRpcData } from "../../backend/query";
import { useBroadcastApi } from "./api";
import { recipientsText, when } from "./format";
import { broadcastText } from "./i18n";

interface Props {
  broadcastId: number;
  onError: (e: unknown) => void;
  onChanged: () => void;
}

/** One broadcast: status, progress bar, per-batch results, cancel. */
export function BroadcastDetailPanel({ broadcastId, onError, onChanged }: Props) {
  const api = useBroadcastApi();
  const detail = useRpcQuery("getBroadcast", { broadcastId });
  useReportError(detail.error, onError);
  const d = detail.data ?? null;
  const setData = useSetRpcData();
  const [confirming, setConfirming] = useState(false);
  const cancelButton = useRef<HTMLButtonElement>(null);

  if (d === null) return <p className="broadcast-muted">…</p>;
  const b = d.broadcast;
  const finished = b.batchesSent + b.batchesFailed + b.batchesCancelled;
  const pct = b.batchesTotal === 0 ? (b.status === "done" ? 100 : 0) : Math.round((finished / b.batchesTotal) * 100);
  const cancellable = b.status === "scheduled" || b.status === "sending";

  const cancel = () => {
    api.cancel(broadcastId).then((v) => {
      setData("getBroadcast", { broadcastId }, { ...d, broadcast: v });
      setConfirming(false);
      onChanged();
    }, onError);
  };

  return (
    <div className="broadcast-detail" data-testid="broadcast-detail" data-status={b.status}>
      <h2>
        {b.summary ?? broadcastText.noText} <span className={`broadcast-status status-${b.status}`}>{broadcastText.status[b.status]}</span>
      </h2>
      <p className="broadcast-muted">
        {broadcastText.sendAt}: {when(b.sendAt)} · {b.audience.type === "all" ? broadcastText.audienceAllShort : broadcastText.audienceTagsShort} ·{" "}
        {b.bubbleKinds.map((k) => broadcastText.bubbleKinds[k] ?? k).join("・")}
        {b.createdBy && (
          <>
            {" · "}
            <span data-testid="broadcast-created-by">{broadcastText.createdBy(b.createdBy.name)}</span>
          </>
        )}
      </p>
      <div
        className="broadcast-progress"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        data-testid="broadcast-progress"
      >
        <div className="broadcast-progress-bar" style={{ width: `${pct}%` }} />
      </div>
      <p data-testid="broadcast-progress-text">
        {b.status === "scheduled" ? recipientsText(b) : `${broadcastText.progress(b.batchesSent, b.batchesTotal)} · ${recipientsText(b)}`}
      </p>
      {b.error && <p className="broadcast-warn">{b.error}</p>}
      {cancellable &&
        (confirming ? (
          <InlineConfirm
            className="broadcast-confirm"
            label={broadcastText.confirmCancel}
            onCancel={() => setConfirming(false)}
            returnFocus={() => cancelButton.current}
          >
            <span>{broadcastText.confirmCancel}</span>
            <button type="button" className="danger" onClick={cancel} data-testid="broadcast-cancel-confirm">
              {broadcastText.cancel}
            </button>
            <button type="button" className="link-button" aria-label={broadcastText.dismiss} onClick={() => setConfirming(false)}>
              ×
            </button>
          </InlineConfirm>
        ) : (
          <button ref={cancelButton} type="button" onClick={() => setConfirming(true)} data-testid="broadcast-cancel">
            {broadcastText.cancel}
          </button>
        ))}
      {d.batches.length > 0 && (
        <table className="broadcast-batches" data-testid="broadcast-batches">
          <thead>
            <tr>
              <th>{broadcastText.batch}</th>
              <th>{broadcastText.batchRecipients}</th>
              <th>{broadcastText.attempts}</th>
              <th />
              <th>{broadcastText.requestId}</th>
            </tr>
          </thead>
          <tbody>
            {d.batches.map((x) => (
              <tr key={x.seq} data-status={x.status}>
                <td>#{x.seq}</td>
                <td>{x.sentCount !== null && x.sentCount !== x.recipients ? `${x.sentCount} / ${x.recipients}` : x.recipients}</td>
                <td>{x.attempts}</td>
                <td className={`broadcast-status status-${x.status}`}>{broadcastText.batchStatus[x.status]}</td>
                <td className="broadcast-reqid">{x.status === "sent" ? (x.requestId ?? "—") : (x.error ?? "")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
