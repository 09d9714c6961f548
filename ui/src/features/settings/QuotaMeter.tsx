import { useEffect, useRef } from "react";
import type { AccountView } from "../../api/types.gen";
import { useInvalidateRpc, useRpcQuery } from "../../backend/query";
import { useCoreEvents } from "../../backend/react";
import { settingsText } from "./i18n";

const REFRESH_MS = 5 * 60_000;
/** Several sends in a row cause one refresh, not one each. */
const AFTER_SEND_MS = 1500;

/**
 * Used / limit of this month's push messages (replies are free and do not count), from
 * LINE's quota endpoints. Hidden while the account has no credentials.
 */
export function QuotaMeter({ accountId }: { accountId: number | null }) {
  const enabled = accountId !== null;
  const params = { accountId: accountId ?? 0 };
  // No credentials (or LINE unreachable): no number rather than a wrong one.
  const quota = useRpcQuery("getQuota", params, { enabled, refetchInterval: REFRESH_MS }).data;
  /** Reservation reminders still to go out this month: pushes the quota will pay for. */
  const scheduled = useRpcQuery("reminderCost", params, { enabled, refetchInterval: REFRESH_MS }).data?.scheduledThisMonth ?? 0;
  const invalidate = useInvalidateRpc();
  const pending = useRef<number | null>(null);

  useEffect(
    () => () => {
      if (pending.current !== null) window.clearTimeout(pending.current);
    },
    [],
  );
  // A sent push counts once LINE has it: read the quota a moment after the last of a burst.
  useCoreEvents((e) => {
    if (e.type !== "messageStatusChanged" || e.status !== "sent") return;
    if (pending.current !== null) return;
    pending.current = window.setTimeout(() => {
      pending.current = null;
      void invalidate("getQuota");
    }, AFTER_SEND_MS);
  });

  if (!quota) return null;
  const ratio = quota.limit ? Math.min(1, quota.used / quota.limit) : 0;
  const level = ratio >= 0.9 ? "high" : ratio >= 0.7 ? "mid" : "low";
  return (
    <div className="quota-meter" data-testid="quota-meter" title={settingsText.quota} data-used={quota.used} data-limit={quota.limit ?? ""}>
      <span className="quota-label">{settingsText.quota}</span>
      <span className="quota-numbers">
        {quota.used.toLocaleString("ja-JP")} / {quota.limit === null ? settingsText.quotaUnlimited : quota.limit.toLocaleString("ja-JP")}
      </span>
      {scheduled > 0 && (
        <span className="quota-scheduled" data-testid="quota-scheduled" title={settingsText.quotaScheduledHelp}>
          {settingsText.quotaScheduled(scheduled)}
        </span>
      )}
      {quota.limit !== null && (
        <span className={`quota-bar ${level}`} aria-hidden="true">
          <span style={{ width: `${Math.round(ratio * 100)}%` }} />
        </span>
      )}
    </div>
  );
}

/** The account the header meter follows: the one picked, else the first. */
export function meterAccount(accounts: AccountView[], accountId: number | null): number | null {
  return accountId ?? accounts[0]?.id ?? null;
}
