import { useId, useState, type FormEvent } from "react";
import type { MemberView, Role, Staff } from "../../api/types.gen";
import { toBackendError } from "../../backend";
import { Dialog } from "../../components/Dialog";
import { useEnterToSave } from "../../hooks/useEnterToSave";
import type { MembersApi } from "./api";
import { lang, membersText } from "./i18n";

interface Props {
  api: MembersApi;
  staff: Staff[];
  onAdded: (m: MemberView) => void;
  onClose: () => void;
}

/** メンバーを追加: name, role, an optional password and reservation staff link. */
export function AddMemberDialog({ api, staff, onAdded, onClose }: Props) {
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("staff");
  const [password, setPassword] = useState("");
  const [staffId, setStaffId] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = useId();

  async function submit() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const added = await api.add({
        name: name.trim(),
        role,
        ...(password ? { password } : {}),
        ...(staffId !== null ? { reservationStaffId: staffId } : {}),
      });
      onAdded(added);
    } catch (e) {
      // The server's words as they are: a name in use, a password too short.
      setError(toBackendError(e).localized(lang));
      setBusy(false);
    }
  }
  const enter = useEnterToSave(() => void submit());
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit();
  };

  return (
    <Dialog label={membersText.addTitle} onClose={onClose} className="members-dialog" testId="member-add-dialog" closeOnBackdrop={false}>
      <form onSubmit={onSubmit} noValidate>
        <h3>{membersText.addTitle}</h3>
        <label className="members-field" htmlFor={`${ids}-name`}>
          {membersText.name}
        </label>
        <input id={`${ids}-name`} data-autofocus value={name} maxLength={60} onChange={(e) => setName(e.target.value)} data-testid="member-name" {...enter} />
        <fieldset className="members-roles">
          <legend>{membersText.role}</legend>
          {(["staff", "owner"] as const).map((r) => (
            <label key={r} className="settings-check">
              <input type="radio" name={`${ids}-role`} value={r} checked={role === r} onChange={() => setRole(r)} data-testid={`member-role-${r}`} />
              {r === "owner" ? membersText.roleOwner : membersText.roleStaff}
            </label>
          ))}
        </fieldset>
        <label className="members-field" htmlFor={`${ids}-password`}>
          {membersText.password}
        </label>
        <input
          id={`${ids}-password`}
          type="password"
          autoComplete="new-password"
          aria-describedby={`${ids}-password-help`}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          data-testid="member-password"
          {...enter}
        />
        <small id={`${ids}-password-help`} className="settings-muted">
          {membersText.passwordHelp}
        </small>
        {staff.length > 0 && (
          <>
            <label className="members-field" htmlFor={`${ids}-staff`}>
              {membersText.staffLink}
            </label>
            <select
              id={`${ids}-staff`}
              aria-describedby={`${ids}-staff-help`}
              value={staffId ?? ""}
              onChange={(e) => setStaffId(e.target.value === "" ? null : Number(e.target.value))}
              data-testid="member-staff"
            >
              <option value="">{membersText.noStaffLink}</option>
              {staff.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
            <small id={`${ids}-staff-help`} className="settings-muted">
              {membersText.staffLinkHelp}
            </small>
          </>
        )}
        <p className="settings-error" role="alert" data-testid="member-add-error">
          {error ?? ""}
        </p>
        <div className="members-actions">
          <button type="button" onClick={onClose}>
            {membersText.cancel}
          </button>
          <button type="submit" className="primary" disabled={busy || !name.trim()} data-testid="member-add-submit">
            {busy ? membersText.adding : membersText.addSubmit}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
