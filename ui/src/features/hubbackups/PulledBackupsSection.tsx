import { useEffect, useState } from "react";
import type { BackupSummary } from "../../api/types.gen";
import { toBackendError } from "../../backend";
import type { HubBackupInfo, HubBackups, PullSettings } from "../../backend/hubBackups";
import { useBackend } from "../../backend/react";
import { appText } from "../../i18n";
import { formatDateTime } from "../../lib/time";
import { useHubStatus } from "../hub/status";
import { Loading, SaveBar, Section, useSaver } from "../settings/common";
import { formatBytes } from "../settings/hours";
import { hubBackupText } from "./i18n";
import { copyTime, setViewing } from "./viewing";
import "./hubbackups.css";

const EVERY = [6, 12, 24, 168];

type Confirm = { name: string; summary: BackupSummary | null; busy: "checking" | "restarting" | null };

/**
 * Settings → このPCの控え (client mode): when the hub's history was last copied to this
 * PC, how often and how many to keep, copy now, and each copy opened to look through or
 * made this PC's own shop.
 */
export function PulledBackupsSection() {
  const backend = useBackend();
  const api = backend.hubBackups;
  const [info, setInfo] = useState<HubBackupInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!api) return;
    let live = true;
    const load = () =>
      api.info().then(
        (i) => live && setInfo(i),
        (e: unknown) => live && setError(toBackendError(e).localized(appText.lang)),
      );
    void load();
    const stop = api.onChange(() => void load());
    return () => {
      live = false;
      stop();
    };
  }, [api]);
  if (!api) return null;
  if (!info) return <Loading error={error} />;
  return <Pulled api={api} info={info} setInfo={setInfo} inspect={backend.inspectBackup} />;
}

function Pulled({
  api,
  info,
  setInfo,
  inspect,
}: {
  api: HubBackups;
  info: HubBackupInfo;
  setInfo: (i: HubBackupInfo) => void;
  inspect: ((path: string) => Promise<BackupSummary>) | undefined;
}) {
  const hub = useHubStatus();
  const zone = hub?.timeZone ?? undefined;
  const [settings, setSettings] = useState<PullSettings>(info.status.settings);
  const saver = useSaver();
  const puller = useSaver();
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const st = info.status;
  const when = (ms: number) => formatDateTime(ms, appText.locale, zone);

  if (!info.owner) {
    return (
      <Section title={hubBackupText.section} testId="pulled-backups">
        <p className="settings-muted" data-testid="pulled-owner-only">
          {hubBackupText.ownerOnly}
        </p>
      </Section>
    );
  }

  const act = async (fn: () => Promise<void>) => {
    setActionError(null);
    try {
      await fn();
    } catch (e) {
      setActionError(toBackendError(e).localized(appText.lang));
    }
  };
  const view = (name: string) =>
    act(async () => {
      const i = await api.view(name);
      setInfo(i);
      setViewing(i.viewing);
    });
  const askSolo = (name: string, path: string) =>
    act(async () => {
      setConfirm({ name, summary: null, busy: "checking" });
      try {
        const summary = inspect ? await inspect(path) : null;
        setConfirm({ name, summary, busy: null });
      } catch (e) {
        setConfirm(null);
        throw e;
      }
    });
  const makeSolo = (name: string) =>
    act(async () => {
      setConfirm((c) => c && { ...c, busy: "restarting" });
      try {
        await api.makeSolo(name);
      } catch (e) {
        setConfirm(null);
        throw e;
      }
    });

  return (
    <>
      <Section title={hubBackupText.section} testId="pulled-backups">
        <p className="settings-muted">{hubBackupText.intro}</p>
        <p data-testid="pulled-last">
          {hubBackupText.lastPull}: {st.lastPullAt !== null ? when(st.lastPullAt) : hubBackupText.never}
        </p>
        {st.lastError && (
          <p className="settings-error" role="alert" data-testid="pulled-error">
            {hubBackupText.failed}: {appText.lang === "ja" ? st.lastError.messageJa : st.lastError.message}
          </p>
        )}
        <label className="settings-field">
          {hubBackupText.every}
          <select data-testid="pulled-every" value={settings.everyHours} onChange={(e) => setSettings({ ...settings, everyHours: Number(e.target.value) })}>
            {EVERY.map((h) => (
              <option key={h} value={h}>
                {hubBackupText.everyOptions[h]}
              </option>
            ))}
          </select>
        </label>
        <label className="settings-field">
          {hubBackupText.keep}
          <input type="number" min={1} max={60} data-testid="pulled-keep" value={settings.keep} onChange={(e) => setSettings({ ...settings, keep: Number(e.target.value) })} />
        </label>
        <label className="settings-check">
          <input type="checkbox" data-testid="pulled-on-quit" checked={settings.onQuit} onChange={(e) => setSettings({ ...settings, onQuit: e.target.checked })} />
          {hubBackupText.onQuit}
        </label>
        <SaveBar testId="pulled-save" state={saver.state} onSave={() => void saver.run(async () => setInfo(await api.setSettings(settings)))} />
        <SaveBar testId="pulled-now" label={hubBackupText.pullNow} doneLabel={hubBackupText.pulled} state={puller.state} onSave={() => void puller.run(async () => setInfo(await api.pullNow()))} />
        <p className="settings-muted">{hubBackupText.folder(st.folder)}</p>
      </Section>
      <Section title={hubBackupText.list} testId="pulled-list">
        {actionError && (
          <p className="settings-error" role="alert" data-testid="pulled-action-error">
            {actionError}
          </p>
        )}
        {confirm && (
          <div className="pulled-confirm" role="alertdialog" aria-labelledby="pulled-confirm-text" data-testid="pulled-confirm">
            <p id="pulled-confirm-text">
              {confirm.busy === "checking"
                ? hubBackupText.checking
                : confirm.busy === "restarting"
                  ? hubBackupText.restarting
                  : hubBackupText.confirmSolo(confirm.summary?.friends ?? 0, confirm.summary?.messages ?? 0)}
            </p>
            {confirm.busy === null && (
              <div className="pulled-actions">
                <button type="button" className="danger" data-testid="pulled-confirm-solo" onClick={() => void makeSolo(confirm.name)}>
                  {hubBackupText.confirm}
                </button>
                <button type="button" data-testid="pulled-confirm-cancel" autoFocus onClick={() => setConfirm(null)}>
                  {hubBackupText.cancel}
                </button>
              </div>
            )}
          </div>
        )}
        {st.files.length === 0 ? (
          <p className="settings-muted">{hubBackupText.none}</p>
        ) : (
          <table className="backup-table">
            <thead>
              <tr>
                <th>{hubBackupText.time}</th>
                <th>{hubBackupText.size}</th>
                <th>{hubBackupText.actions}</th>
              </tr>
            </thead>
            <tbody>
              {st.files.map((f) => (
                <tr key={f.name} data-testid="pulled-file">
                  <td>{copyTime(f.name)}</td>
                  <td>{formatBytes(f.sizeBytes)}</td>
                  <td className="pulled-actions">
                    <button type="button" data-testid="pulled-view" title={hubBackupText.viewHelp} disabled={info.viewing === f.name} onClick={() => void view(f.name)}>
                      {hubBackupText.view}
                    </button>
                    <button type="button" data-testid="pulled-solo" title={hubBackupText.makeSoloHelp} onClick={() => void askSolo(f.name, f.path)}>
                      {hubBackupText.makeSolo}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="settings-muted">
          {hubBackupText.viewHelp} {hubBackupText.makeSoloHelp}
        </p>
      </Section>
    </>
  );
}
