/** Shop time zone: times are stored UTC and shown here (DESIGN.md §4). */
export const SHOP_TIME_ZONE = "Asia/Tokyo";

const cache = new Map<string, Intl.DateTimeFormat>();
function fmt(locale: string, timeZone: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(opts)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...opts, timeZone });
    cache.set(key, f);
  }
  return f;
}

/** "2025-11-25": the calendar day of `ms` in `timeZone`, for grouping by day. */
export function dayKey(ms: number, timeZone: string = SHOP_TIME_ZONE): string {
  const parts = fmt("en-CA", timeZone, { year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(ms);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** "14:05" */
export function formatTime(ms: number, locale = "ja-JP", timeZone: string = SHOP_TIME_ZONE): string {
  return fmt(locale, timeZone, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(ms);
}

/** "2025/11/25": a date on its own (lists, tables), numeric, in the shop's zone. */
export function formatDate(ms: number, locale = "ja-JP", timeZone: string = SHOP_TIME_ZONE): string {
  return fmt(locale, timeZone, { year: "numeric", month: "2-digit", day: "2-digit" }).format(ms);
}

/** "2025/11/25 14:05": a moment with its date, 24-hour, in the shop's zone. */
export function formatDateTime(ms: number, locale = "ja-JP", timeZone: string = SHOP_TIME_ZONE): string {
  return `${formatDate(ms, locale, timeZone)} ${formatTime(ms, locale, timeZone)}`;
}

/** "2025年11月25日(火)" — day separators in a thread. */
export function formatDay(ms: number, locale = "ja-JP", timeZone: string = SHOP_TIME_ZONE): string {
  return fmt(locale, timeZone, { year: "numeric", month: "long", day: "numeric", weekday: "short" }).format(ms);
}

/**
 * Time in the conversation list: the time of day for today, "昨日" for yesterday, month
 * and day within the year, the full date before.
 */
export function formatListTime(
  ms: number,
  now: number,
  labels: { yesterday: string },
  locale = "ja-JP",
  timeZone: string = SHOP_TIME_ZONE,
): string {
  const day = dayKey(ms, timeZone);
  if (day === dayKey(now, timeZone)) return formatTime(ms, locale, timeZone);
  if (day === dayKey(now - 86_400_000, timeZone)) return labels.yesterday;
  if (day.slice(0, 4) === dayKey(now, timeZone).slice(0, 4)) {
    return fmt(locale, timeZone, { month: "numeric", day: "numeric" }).format(ms);
  }
  return fmt(locale, timeZone, { year: "numeric", month: "numeric", day: "numeric" }).format(ms);
}
