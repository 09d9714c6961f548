import type { AssigneeFilter } from "../../api/types.gen";
import { useSession } from "../../frame/session";
import { assignmentText } from "./i18n";

/** 全員 / 自分の担当 / 未割り当て above the list; hidden without members. */
export function AssigneeFilterChips({ value, onChange }: { value: AssigneeFilter; onChange: (f: AssigneeFilter) => void }) {
  const signedIn = useSession().me.member !== null;
  if (!signedIn) return null;
  const chip = (f: AssigneeFilter, label: string) => (
    <button type="button" className={value === f ? "chip active" : "chip"} aria-pressed={value === f} onClick={() => onChange(f)} data-testid={`assignee-filter-${f}`}>
      {label}
    </button>
  );
  return (
    <div className="assignee-filter" role="group" aria-label={assignmentText.filterGroup}>
      {chip("everyone", assignmentText.filterEveryone)}
      {chip("mine", assignmentText.filterMine)}
      {chip("unassigned", assignmentText.filterUnassigned)}
    </div>
  );
}

/** Whether a refreshed row still belongs in a list filtered by assignee. */
export function assigneeMatches(row: { assignee: { id: number } | null }, filter: AssigneeFilter, me: number | null): boolean {
  if (filter === "mine") return row.assignee !== null && row.assignee.id === me;
  if (filter === "unassigned") return row.assignee === null;
  return true;
}
