import { useState } from "react";
import type { CsvImportResult } from "../../api/types.gen";
import { useCan } from "../../frame/session";
import { useCustomersApi } from "./api";
import { customersText, lang } from "./i18n";
import { download } from "./lib";

/** CSV export (UTF-8 with BOM, for Excel) and import with row-level errors. */
export function CsvPanel({ accountId, onImported, onError }: { accountId: number; onImported: () => void; onError: (e: unknown) => void }) {
  const api = useCustomersApi();
  const canExport = useCan("exportFriendsCsv");
  const [result, setResult] = useState<CsvImportResult | null>(null);
  const onFile = (file: File | undefined) => {
    if (!file) return;
    file
      .text()
      .then((text) => api.importCsv(accountId, text))
      .then((r) => {
        setResult(r);
        if (r.errors.length === 0) onImported();
      }, onError);
  };
  return (
    <div>
      <h3>{customersText.csv}</h3>
      <div className="panel-row">
        {canExport && (
          <button type="button" className="chip small" onClick={() => api.exportCsv(accountId).then((f) => download(f.fileName, f.content), onError)} data-testid="csv-export">
            {customersText.exportCsv}
          </button>
        )}
        <label className="chip small">
          {customersText.importCsv}
          <input type="file" accept=".csv,text/csv" hidden onChange={(e) => (onFile(e.target.files?.[0]), (e.target.value = ""))} data-testid="csv-import" />
        </label>
      </div>
      {result && result.errors.length === 0 && <p className="muted">{customersText.imported(result.friends, result.createdFriends, result.createdTags)}</p>}
      {result && result.errors.length > 0 && (
        <>
          <p className="muted">{customersText.importErrors}</p>
          <ul className="csv-errors" data-testid="csv-errors">
            {result.errors.map((e, i) => (
              <li key={i}>
                {customersText.line(e.line)}
                {e.column ? ` [${e.column}]` : ""}: {lang === "ja" ? e.messageJa : e.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
