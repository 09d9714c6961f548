import { useState } from "react";
import { useInvalidateRpc, useReportError, useRpcQuery, useSetRpcData } from "../../backend/query";
import type { ReplyTimeSettings, ReportBucket } from "../../api/types.gen";
import { useCustomersApi } from "./api";
import { customersText, lang } from "./i18n";
import { formatDuration } from "./lib";

/** First-response time per day or week (median, average, count) and the waiting limit setting. */
export function ReplyReport({ accountId, onError }: { accountId: number; onError: (e: unknown) => void }) {
  const api = useCustomersApi();
  const [bucket, setBucket] = useState<ReportBucket>("day");
  const reportQuery = useRpcQuery("replyTimeReport", { accountId, bucket, days: bucket === "day" ? 14 : 84 });
  const settings = useRpcQuery("getReplyTimeSettings", undefined);
  useReportError(reportQuery.error ?? settings.error, onError);
  const report = reportQuery.data ?? null;
  const saved = settings.data?.waitLimitHours ?? null;
  // The field shows the saved limit until the person types another.
  const [typed, setLimit] = useState<string | null>(null);
  const limit = typed ?? (saved === null ? "" : String(saved));
  const setData = useSetRpcData();
  const invalidate = useInvalidateRpc();
  const setSaved = (s: ReplyTimeSettings) => {
    setData("getReplyTimeSettings", undefined, s);
    setLimit(null);
    void invalidate("replyTimeReport");
  };
  return (
    <div data-testid="reply-report">
      <h3>{customersText.report}</h3>
      <div className="panel-row">
        {(["day", "week"] as const).map((b) => (
          <button key={b} type="button" className={bucket === b ? "chip small active" : "chip small"} aria-pressed={bucket === b} onClick={() => setBucket(b)}>
            {b === "day" ? customersText.byDay : customersText.byWeek}
          </button>
        ))}
      </div>
      {report && <p className="muted">{customersText.waitingNow(report.waiting, report.overLimit)}</p>}
      {report && report.rows.length === 0 && <p className="muted">{customersText.noReport}</p>}
      {report && report.rows.length > 0 && (
        <table className="report-table">
          <thead>
            <tr>
              <th>{customersText.period}</th>
              <th>{customersText.count}</th>
              <th>{customersText.median}</th>
              <th>{customersText.average}</th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((r) => (
              <tr key={r.start}>
                <td>{bucket === "week" ? `${r.start}〜` : r.start}</td>
                <td>{r.count}</td>
                <td>{formatDuration(r.medianMs, lang)}</td>
                <td>{formatDuration(r.averageMs, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <label className="panel-row">
        <span>{customersText.waitLimit}</span>
        <input type="number" min={1} max={720} value={limit} onChange={(e) => setLimit(e.target.value)} style={{ width: "5em", flex: "none" }} />
        {saved !== null && String(saved) !== limit && (
          <button
            type="button"
            className="chip small"
            onClick={() => api.setReplyTimeSettings({ waitLimitHours: Number(limit) }).then(setSaved, onError)}
          >
            {customersText.save}
          </button>
        )}
      </label>
    </div>
  );
}
