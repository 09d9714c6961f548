import { useRef, useState } from "react";
import type { MemberView, Role, Staff } from "../../api/types.gen";
import { InlineConfirm } from "../../components/InlineConfirm";
import { membersText } from "./i18n";

interface Props {
  member: MemberView;
  isMe: boolean;
  staff: Staff[];
  /** Each rejects with the server's refusal (the last owner cannot go), shown in the row. */
  onUpdate: (role: Role, reservationStaffId: number | null) => Promise<void>;
  onRemove: () => Promise<void>;
  onPairingCode: () => void;
  error: string | null;
}

/** One member: name, role badge, linked reservation staff; role, pairing code, remove. */
export function MemberRow({ member, isMe, staff, onUpdate, onRemove, onPairingCode, error }: Props) {
  const [confirming, setConfirming] = useState(false);
  const removeButton = useRef<HTMLButtonElement>(null);
  const linked = staff.find((s) => s.id === member.reservationStaffId);
  const roleLabel = member.role === "owner" ? membersText.roleOwner : membersText.roleStaff;

  return (
    <li className="member" data-testid="member-row" data-member-id={member.id}>
      <div className="member-who">
        <span className="member-name" data-testid="member-name-text">
          {member.name}
          {isMe && <span className="settings-muted">{membersText.you}</span>}
        </span>
        <span className={`member-badge ${member.role}`} data-testid="member-role-badge">
          {roleLabel}
        </span>
        {linked && <span className="settings-muted">{membersText.linkedStaff(linked.name)}</span>}
        {!member.hasPassword && <span className="settings-muted">{membersText.noPassword}</span>}
      </div>
      <div className="member-actions">
        <select
          aria-label={`${membersText.role}: ${member.name}`}
          value={member.role}
          onChange={(e) => void onUpdate(e.target.value as Role, member.reservationStaffId).catch(() => {})}
          data-testid="member-role-select"
        >
          <option value="owner">{membersText.roleOwner}</option>
          <option value="staff">{membersText.roleStaff}</option>
        </select>
        {staff.length > 0 && (
          <select
            aria-label={`${membersText.staffLink}: ${member.name}`}
            value={member.reservationStaffId ?? ""}
            onChange={(e) => void onUpdate(member.role, e.target.value === "" ? null : Number(e.target.value)).catch(() => {})}
          >
            <option value="">
              {membersText.staffLink}: {membersText.noStaffLink}
            </option>
            {staff.map((s) => (
              <option key={s.id} value={s.id}>
                {membersText.linkedStaff(s.name)}
              </option>
            ))}
          </select>
        )}
        <button type="button" onClick={onPairingCode} data-testid="member-pairing">
          {membersText.pairing}
        </button>
        {confirming ? (
          <InlineConfirm className="member-confirm" label={membersText.confirmRemove(member.name)} onCancel={() => setConfirming(false)} returnFocus={() => removeButton.current}>
            <span>{membersText.confirmRemove(member.name)}</span>
            <button
              type="button"
              className="danger-button"
              data-testid="member-remove-confirm"
              onClick={() => {
                setConfirming(false);
                void onRemove().catch(() => {});
              }}
            >
              {membersText.removeYes}
            </button>
            <button type="button" className="link-button" onClick={() => setConfirming(false)}>
              {membersText.cancel}
            </button>
          </InlineConfirm>
        ) : (
          <button ref={removeButton} type="button" className="link-button danger" onClick={() => setConfirming(true)} data-testid="member-remove">
            {membersText.remove}
          </button>
        )}
      </div>
      {error && (
        <p className="settings-error member-error" role="alert" data-testid="member-error">
          {error}
        </p>
      )}
    </li>
  );
}
