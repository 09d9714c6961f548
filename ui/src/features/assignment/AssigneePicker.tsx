import { useState } from "react";
import type { ConversationView } from "../../api/types.gen";
import { useSession } from "../../frame/session";
import { useAssignmentApi } from "./api";
import { assignmentText } from "./i18n";
import { useAssignees } from "./useAssignees";
import "./assignment.css";

/** 担当: the chat's assignee, changeable by any member. Hidden without members. */
export function AssigneePicker({
  conversation,
  onAssigned,
  onError,
}: {
  conversation: ConversationView;
  onAssigned: (c: ConversationView) => void;
  onError: (e: unknown) => void;
}) {
  const api = useAssignmentApi();
  const signedIn = useSession().me.member !== null;
  const members = useAssignees();
  const [busy, setBusy] = useState(false);
  if (!signedIn) return null;
  const current = conversation.assignee;
  // A member removed since keeps showing until the list is read again.
  const options = current && !members.some((m) => m.id === current.id) ? [...members, current] : members;
  return (
    <label className="assignee-picker">
      <span className="assignee-picker-label">{assignmentText.assignee}</span>
      <select
        aria-label={assignmentText.assigneeLabel}
        data-testid="assignee-picker"
        value={current?.id ?? ""}
        disabled={busy}
        onChange={(e) => {
          const memberId = e.target.value === "" ? null : Number(e.target.value);
          setBusy(true);
          api.assign(conversation.id, memberId).then(
            (c) => {
              setBusy(false);
              onAssigned(c);
            },
            (err: unknown) => {
              setBusy(false);
              onError(err);
            },
          );
        }}
      >
        <option value="">{assignmentText.unassigned}</option>
        {options.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
      </select>
    </label>
  );
}
