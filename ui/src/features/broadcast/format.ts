import type { BroadcastView } from "../../api/types.gen";
import { t } from "../../i18n";
import { bt } from "./i18n";
import { formatDay, formatTime } from "../../lib/time";

/** A moment in the shop's time zone, e.g. "2026年11月26日(木) 10:00". */
export function when(ms: number): string {
  return `${formatDay(ms, t.locale)} ${formatTime(ms, t.locale)}`;
}

/**
 * Who it goes to: a scheduled broadcast, not started, shows the audience it will go to;
 * from the start, how many of the frozen audience it has reached.
 */
export function recipientsText(b: BroadcastView): string {
  return b.status === "scheduled" ? bt.recipientsPlanned(b.recipientsTotal) : bt.recipientsSent(b.recipientsSent, b.recipientsTotal);
}
