import type { NotifyScope } from "../../api/types.gen";

/**
 * Whether a customer's new message in a chat assigned to `assignee` notifies member `me`
 * (the same rule as `NotifyScope::wants` in the core): the assignee always, the others
 * as their scope says.
 */
export function notifyWanted(scope: NotifyScope, me: number, assignee: number | null): boolean {
  if (assignee === me) return true;
  if (scope === "all") return true;
  return scope === "mineAndUnassigned" && assignee === null;
}
