import { t } from "../../i18n";
import { formatDay, formatTime } from "../../lib/time";

/** A moment in the shop's time zone, e.g. "2026年11月26日(木) 10:00". */
export function when(ms: number): string {
  return `${formatDay(ms, t.locale)} ${formatTime(ms, t.locale)}`;
}
