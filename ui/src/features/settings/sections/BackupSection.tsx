import { useState } from "react";
import type { ExportFormat } from "../../../api/types.gen";
import { toBackendError } from "../../../backend";
import { useBackend } from "../../../backend/react";
import { useSettingsApi } from "../api";
import { Loading, SaveBar, Section, useRpcDraft, useSaver } from "../common";
import { formatBytes } from "../hours";
import { lang, settingsText } from "../i18n";
import { RestorePanel } from "./RestorePanel";
import { formatDateTime } from "../../../lib/time";

const dateTime = { format: (ms: number) => formatDateTime(ms, lang === "ja" ? "ja-JP" : "en-GB") };

/** バックアップ: daily backups to a folder, back up now, the list, exports, how to restore. */
export function BackupSection() {
  const api = useSettingsApi();
  const backend = useBackend();
  const { value: status, edit: setStatus, saved, error: err } = useRpcDraft("getBackupStatus", undefined);
  const saver = useSaver();
  const nowSaver = useSaver();
  const [exported, setExported] = useState<string | null>(null);
  if (!status) return <Loading error={err} />;
  const st = status.settings;
  const patch = (p: Partial<typeof st>) => setStatus({ ...status, settings: { ...st, ...p } });

  const doExport = async (format: ExportFormat) => {
    setExported("…");
    try {
      const r = await api.exportMessages(format);
      setExported(settingsText.exported(r.messages, r.path));
    } catch (e) {
      setExported(toBackendError(e).localized(lang));
    }
  };

  return (
    <>
      <Section title={settingsText.autoBackup} testId="settings-backup">
        <label className="settings-check">
          <input type="checkbox" data-testid="backup-enabled" checked={st.enabled} onChange={(e) => patch({ enabled: e.target.checked })} />
          {settingsText.enabled}
        </label>
        <label className="settings-field">
          {settingsText.folder}
          <input className="settings-url" data-testid="backup-folder" value={st.folder} onChange={(e) => patch({ folder: e.target.value })} />
        </label>
        {st.folder === "" && status.suggestedFolder !== "" && (
          <button type="button" className="link-button" data-testid="backup-suggested" onClick={() => patch({ folder: status.suggestedFolder })}>
            {settingsText.useSuggested(status.suggestedFolder)}
          </button>
        )}
        <label className="settings-field">
          {settingsText.keep}
          <input type="number" min={1} max={365} data-testid="backup-keep" value={st.keep} onChange={(e) => patch({ keep: Number(e.target.value) })} />
        </label>
        <SaveBar testId="save-backup" state={saver.state} onSave={() => void saver.run(async () => saved(await api.setAutoBackup(st)))} />
        <SaveBar testId="backup-now" label={settingsText.backupNow} doneLabel={settingsText.backedUp} state={nowSaver.state} onSave={() => void nowSaver.run(async () => saved(await api.backupNow()))} />
        <p className="settings-muted">{settingsText.secretsNote}</p>
      </Section>
      <Section title={settingsText.backups} testId="settings-backup-list">
        {status.lastError !== null && (
          <p className="settings-error" role="alert" data-testid="backup-error">
            {settingsText.backupFailed}: {status.lastError}
          </p>
        )}
        {status.lastBackupAt !== null && (
          <p className="settings-muted">
            {settingsText.lastBackup}: {dateTime.format(status.lastBackupAt)}
          </p>
        )}
        {status.files.length === 0 ? (
          <p className="settings-muted">{settingsText.noBackups}</p>
        ) : (
          <table className="backup-table">
            <thead>
              <tr>
                <th>{settingsText.time}</th>
                <th>{settingsText.size}</th>
                <th>{settingsText.file}</th>
              </tr>
            </thead>
            <tbody>
              {status.files.map((f) => (
                <tr key={f.path} data-testid="backup-file">
                  <td>{dateTime.format(f.modifiedAt)}</td>
                  <td>{formatBytes(f.sizeBytes)}</td>
                  <td>
                    <code>{f.path}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      <Section title={settingsText.export} testId="settings-export">
        <p className="settings-muted">{settingsText.exportHelp}</p>
        <div className="settings-row">
          <button type="button" data-testid="export-csv" onClick={() => void doExport("csv")}>
            {settingsText.exportCsv}
          </button>
          <button type="button" data-testid="export-jsonl" onClick={() => void doExport("jsonl")}>
            {settingsText.exportJsonl}
          </button>
        </div>
        {exported && (
          <p role="status" data-testid="export-result">
            {exported}
          </p>
        )}
      </Section>
      <Section title={settingsText.restore} testId="settings-restore">
        {backend.restoreBackup ? (
          <RestorePanel files={status.files} />
        ) : (
          <>
            <p>{settingsText.restoreHelp}</p>
            <pre className="settings-command" data-testid="restore-command">
              {`madoguchi-server restore --from "${status.files[0]?.path ?? settingsText.backupFile}" --data-dir "${settingsText.emptyFolder}"`}
            </pre>
          </>
        )}
      </Section>
    </>
  );
}
