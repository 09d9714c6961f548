import { useState } from "react";
import type { NotifyScope } from "../../api/types.gen";
import { toBackendError } from "../../backend";
import { useRpcQuery, useSetRpcData } from "../../backend/query";
import { appText } from "../../i18n";
import { useSession } from "../../frame/session";
import { useAssignmentApi } from "./api";
import { assignmentText } from "./i18n";
import "./assignment.css";

/**
 * Settings → 基本, for a signed-in member: which new messages notify them in this
 * browser (the assignee always), and the browser's permission to show notifications.
 */
export function NotifyScopeCard() {
  const api = useAssignmentApi();
  const signedIn = useSession().me.member !== null;
  const query = useRpcQuery("getMyNotifyScope", undefined, { enabled: signedIn });
  const scope = query.data?.scope ?? null;
  const setData = useSetRpcData();
  const setScope = (v: NotifyScope) => setData("getMyNotifyScope", undefined, { ...query.data, scope: v });
  const [saveNote, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const note = saveNote ?? (query.error ? { ok: false, text: query.error.localized(appText.lang) } : null);
  const [permission, setPermission] = useState(() => ("Notification" in window ? Notification.permission : "denied"));
  if (!signedIn) return null;
  const choose = (next: NotifyScope) => {
    setScope(next);
    api.setNotifyScope(next).then(
      (v) => {
        setScope(v);
        setNote({ ok: true, text: assignmentText.saved });
      },
      (e: unknown) => setNote({ ok: false, text: toBackendError(e).localized(appText.lang) }),
    );
  };
  const options: [NotifyScope, string][] = [
    ["all", assignmentText.notifyAll],
    ["mineAndUnassigned", assignmentText.notifyMineAndUnassigned],
    ["mine", assignmentText.notifyMine],
  ];
  return (
    <section className="settings-card notify-scope" data-testid="settings-notify-scope" aria-labelledby="notify-scope-heading">
      <h3 id="notify-scope-heading">{assignmentText.notifyTitle}</h3>
      <p className="settings-muted">{assignmentText.notifyHelp}</p>
      {scope && (
        <div role="radiogroup" aria-labelledby="notify-scope-heading">
          {options.map(([value, label]) => (
            <label key={value}>
              <input type="radio" name="notify-scope" value={value} checked={scope === value} onChange={() => choose(value)} data-testid={`notify-scope-${value}`} />
              {label}
            </label>
          ))}
        </div>
      )}
      {permission === "default" && (
        <button type="button" onClick={() => void Notification.requestPermission().then(setPermission)} data-testid="notify-allow">
          {assignmentText.notifyAllow}
        </button>
      )}
      {permission === "denied" && <p className="settings-muted">{assignmentText.notifyDenied}</p>}
      <p role="status" className={note?.ok === false ? "settings-error" : "settings-save-saved"}>
        {note?.text ?? ""}
      </p>
    </section>
  );
}
