import type { PeriodView } from "../../api/types.gen";

/** Monday first, as Japanese shop calendars are read; values are API indices (0 = Sunday). */
export const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0] as const;

function minutes(hhmm: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 24 || min > 59 || (h === 24 && min > 0)) return null;
  return h * 60 + min;
}

/** True when the period ends on the next day (18:00–02:00); 24:00 is the same day's end. */
export function endsNextDay(p: PeriodView): boolean {
  const start = minutes(p.start);
  const end = minutes(p.end);
  if (start === null || end === null || end === 24 * 60) return false;
  return end <= start;
}

/** "02:00" → "翌2:00" for a period that runs past midnight, else the end as written. */
export function endLabel(p: PeriodView, nextDay: (time: string) => string): string {
  if (!endsNextDay(p)) return p.end;
  return nextDay(p.end.replace(/^0(\d)/, "$1"));
}

/** An instant (epoch ms) as the shop reads it: "11月26日(木) 10:00". */
export function formatOpening(ms: number, timeZone: string, lang: "ja" | "en"): string {
  const fmt = new Intl.DateTimeFormat(lang === "ja" ? "ja-JP" : "en-GB", {
    timeZone: timeZone || "Asia/Tokyo",
    month: lang === "ja" ? "numeric" : "short",
    day: "numeric",
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  });
  return fmt.format(new Date(ms));
}

/** Today's date (YYYY-MM-DD) in the shop's time zone. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: timeZone || "Asia/Tokyo", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** Bytes as people read them: "12.3 MB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}
