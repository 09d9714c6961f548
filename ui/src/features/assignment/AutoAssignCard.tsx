import { useState } from "react";
import type { AutoAssignSettings } from "../../api/types.gen";
import { toBackendError } from "../../backend";
import { useRpcQuery, useSetRpcData } from "../../backend/query";
import { appText } from "../../i18n";
import { useAssignmentApi } from "./api";
import { assignmentText } from "./i18n";
import "./assignment.css";

/** Settings → メンバー (owners): new chats assigned automatically; saved on each change. */
export function AutoAssignCard() {
  const api = useAssignmentApi();
  const query = useRpcQuery("getAutoAssign", undefined);
  const value = query.data ?? null;
  const setData = useSetRpcData();
  const setValue = (v: AutoAssignSettings) => setData("getAutoAssign", undefined, v);
  const [saveNote, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const note = saveNote ?? (query.error ? { ok: false, text: query.error.localized(appText.lang) } : null);
  const save = (next: AutoAssignSettings) => {
    setValue(next);
    api.setAutoAssign(next).then(
      (v) => {
        setValue(v);
        setNote({ ok: true, text: assignmentText.saved });
      },
      (e: unknown) => setNote({ ok: false, text: toBackendError(e).localized(appText.lang) }),
    );
  };
  return (
    <section className="settings-card auto-assign" data-testid="settings-auto-assign" aria-labelledby="auto-assign-heading">
      <h3 id="auto-assign-heading">{assignmentText.autoTitle}</h3>
      <p className="settings-muted">{assignmentText.autoHelp}</p>
      {value && (
        <>
          <label>
            <input type="checkbox" checked={value.bookingStaff} onChange={(e) => save({ ...value, bookingStaff: e.target.checked })} data-testid="auto-assign-booking" />
            {assignmentText.autoBooking}
          </label>
          <label>
            <input type="checkbox" checked={value.roundRobin} onChange={(e) => save({ ...value, roundRobin: e.target.checked })} data-testid="auto-assign-round-robin" />
            {assignmentText.autoRoundRobin}
          </label>
        </>
      )}
      <p role="status" className={note?.ok === false ? "settings-error" : "settings-save-saved"}>
        {note?.text ?? ""}
      </p>
    </section>
  );
}
