import { useState } from "react";
import type { BackupFile, BackupSummary } from "../../../api/types.gen";
import { toBackendError } from "../../../backend";
import { useBackend } from "../../../backend/react";
import { lang, settingsText } from "../i18n";

const dateTime = new Intl.DateTimeFormat(lang === "ja" ? "ja-JP" : "en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  hourCycle: "h23",
  timeZone: "Asia/Tokyo",
});

type Step =
  | { at: "choose" }
  | { at: "checking"; path: string }
  | { at: "confirm"; path: string; summary: BackupSummary }
  | { at: "restoring"; path: string }
  | { at: "done"; previous: string };

/**
 * 復元 in the desktop app: choose a backup (one of the folder's, or any file through the
 * system's dialog), see what it holds, confirm. Nothing changes before the confirmation,
 * and a refused file changes nothing at all.
 */
export function RestorePanel({ files }: { files: BackupFile[] }) {
  const backend = useBackend();
  const [step, setStep] = useState<Step>({ at: "choose" });
  const [error, setError] = useState<string | null>(null);
  const { pickBackupFile, inspectBackup, restoreBackup } = backend;
  if (!pickBackupFile || !inspectBackup || !restoreBackup) return null;

  const check = async (path: string) => {
    setError(null);
    setStep({ at: "checking", path });
    try {
      setStep({ at: "confirm", path, summary: await inspectBackup(path) });
    } catch (e) {
      setError(toBackendError(e).localized(lang));
      setStep({ at: "choose" });
    }
  };
  const pick = async () => {
    try {
      const path = await pickBackupFile();
      if (path) await check(path);
    } catch (e) {
      setError(toBackendError(e).localized(lang));
    }
  };
  const restore = async (path: string) => {
    setError(null);
    setStep({ at: "restoring", path });
    try {
      const done = await restoreBackup(path);
      setStep({ at: "done", previous: done.previous });
    } catch (e) {
      setError(toBackendError(e).localized(lang));
      setStep({ at: "choose" });
    }
  };

  return (
    <div className="restore-panel" data-testid="restore-panel">
      {step.at === "choose" && (
        <>
          <p>{settingsText.restoreChoose}</p>
          <ul className="restore-files">
            {files.map((f) => (
              <li key={f.path}>
                <button type="button" data-testid="restore-from" data-path={f.path} onClick={() => void check(f.path)}>
                  {dateTime.format(new Date(f.modifiedAt))}
                </button>{" "}
                <code>{f.name}</code>
              </li>
            ))}
          </ul>
          <button type="button" data-testid="restore-pick" onClick={() => void pick()}>
            {settingsText.restorePick}
          </button>
        </>
      )}
      {step.at === "checking" && <p role="status">{settingsText.restoreChecking}</p>}
      {step.at === "confirm" && (
        <div data-testid="restore-summary">
          <p>
            <code>{step.path}</code>
          </p>
          <dl className="restore-summary">
            <dt>{settingsText.restoreMade}</dt>
            <dd data-testid="restore-made">{dateTime.format(new Date(step.summary.createdAt))}</dd>
            <dt>{settingsText.restoreHolds}</dt>
            <dd data-testid="restore-counts">
              {settingsText.restoreCounts(step.summary.friends, step.summary.messages, step.summary.reservations, step.summary.mediaFiles)}
            </dd>
            <dt>{settingsText.restoreVersion}</dt>
            <dd>{step.summary.appVersion}</dd>
          </dl>
          <p className="settings-muted">{settingsText.restoreWarning}</p>
          <div className="settings-row">
            <button type="button" className="primary" data-testid="restore-confirm" onClick={() => void restore(step.path)}>
              {settingsText.restoreConfirm}
            </button>
            <button type="button" data-testid="restore-cancel" onClick={() => setStep({ at: "choose" })}>
              {settingsText.restoreCancel}
            </button>
          </div>
        </div>
      )}
      {step.at === "restoring" && <p role="status">{settingsText.restoreRunning}</p>}
      {step.at === "done" && (
        <p role="status" data-testid="restore-done">
          {settingsText.restoreDone(step.previous)}
        </p>
      )}
      {error && (
        <p className="settings-error" role="alert" data-testid="restore-error">
          {error}
        </p>
      )}
    </div>
  );
}
