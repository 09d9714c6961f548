import type { BroadcastView } from "../../api/types.gen";
import { appText } from "../../i18n";
import { broadcastText } from "./i18n";
import { formatDay, formatTime } from "../../lib/time";

/** A moment in the shop's time zone, e.g. "2026年11月26日(木) 10:00". */
export function when(ms: number): string {
  return `${formatDay(ms, appText.locale)} ${formatTime(ms, appText.locale)}`;
}

/**
 * Who it goes to: a scheduled broadcast, not started, shows the audience it will go to;
 * from the start, how many of the frozen audience it has reached.
 */
export function recipientsText(b: BroadcastView): string {
  return b.status === "scheduled" ? broadcastText.recipientsPlanned(b.recipientsTotal) : broadcastText.recipientsSent(b.recipientsSent, b.recipientsTotal);
}
