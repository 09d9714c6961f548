import { useEffect, useState } from "react";
import type { ReplyTimeReport, ReportBucket } from "../../api/types.gen";
import { useCustomersApi } from "./api";
import { customersText, lang } from "./i18n";
import { formatDuration } from "./lib";

/** First-response time per day or week (median, average, count) and the waiting limit setting. */
export function ReplyReport({ accountId, onError }: { accountId: number; onError: (e: unknown) => void }) {
  const api = useCustomersApi();
  const [bucket, setBucket] = useState<ReportBucket>("day");
  const [report, setReport] = useState<ReplyTimeReport | null>(null);
  const [limit, setLimit] = useState<string>("");
  const [saved, setSaved] = useState<number | null>(null);
  useEffect(() => {
    api.replyTimeReport({ accountId, bucket, days: bucket === "day" ? 14 : 84 }).then(setReport, onError);
  }, [api, accountId, bucket, saved, onError]);
  useEffect(() => {
    api.getReplyTimeSettings().then((s) => {
      setLimit(String(s.waitLimitHours));
      setSaved(s.waitLimitHours);
    }, onError);
  }, [api, onError]);
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
            onClick={() => api.setReplyTimeSettings({ waitLimitHours: Number(limit) }).then((s) => setSaved(s.waitLimitHours), onError)}
          >
            {customersText.save}
          </button>
        )}
      </label>
    </div>
  );
}
