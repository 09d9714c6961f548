import { useEffect, useRef, useState } from "react";
import type { AccountView, QuotaView } from "../../api/types.gen";
import { toBackendError } from "../../backend";
import { useCoreEvents, useResync } from "../../backend/react";
import { useRemindersApi } from "../reservations/reminders-api";
import { useSettingsApi } from "./api";
import { settingsText } from "./i18n";

const REFRESH_MS = 5 * 60_000;
/** Several sends in a row cause one refresh, not one each. */
const AFTER_SEND_MS = 1500;

/**
 * Used / limit of this month's push messages (replies are free and do not count), from
 * LINE's quota endpoints. Hidden while the account has no credentials.
 */
export function QuotaMeter({ accountId }: { accountId: number | null }) {
  const api = useSettingsApi();
  const reminders = useRemindersApi();
  const [quota, setQuota] = useState<QuotaView | null>(null);
  /** Reservation reminders still to go out this month: pushes the quota will pay for. */
  const [scheduled, setScheduled] = useState(0);
  const [tick, setTick] = useState(0);
  const pending = useRef<number | null>(null);

  useEffect(() => {
    if (accountId === null) {
      setQuota(null);
      return;
    }
    let live = true;
    api.getQuota(accountId).then(
      (q) => live && setQuota(q),
      (e: unknown) => {
        // No credentials (or LINE unreachable): show nothing rather than a wrong number.
        if (live) setQuota(null);
        if (toBackendError(e).code !== "notConfigured") console.warn("quota", e);
      },
    );
    reminders.cost(accountId).then(
      (c) => live && setScheduled(c.scheduledThisMonth),
      () => live && setScheduled(0),
    );
    return () => {
      live = false;
    };
  }, [api, reminders, accountId, tick]);

  useEffect(() => {
    const timer = window.setInterval(() => setTick((n) => n + 1), REFRESH_MS);
    return () => {
      window.clearInterval(timer);
      if (pending.current !== null) window.clearTimeout(pending.current);
    };
  }, []);

  useCoreEvents((e) => {
    if (e.type !== "messageStatusChanged" || e.status !== "sent") return;
    if (pending.current !== null) return;
    pending.current = window.setTimeout(() => {
      pending.current = null;
      setTick((n) => n + 1);
    }, AFTER_SEND_MS);
  });
  useResync(() => setTick((n) => n + 1));

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
