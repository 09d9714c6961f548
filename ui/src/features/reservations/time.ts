/**
 * The calendar runs in a "wall-clock frame": FullCalendar is told the zone is UTC and
 * gets Dates whose UTC fields are the shop's local time. So the grid shows the shop's
 * hours whatever zone the PC is in, without a time-zone plugin.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(tz, f);
  }
  return f;
}

/** Wall clock minus UTC at instant `ms` in zone `tz`, in ms. */
export function zoneOffset(ms: number, tz: string): number {
  const p: Record<string, number> = {};
  for (const part of partsFormatter(tz).formatToParts(new Date(ms))) {
    if (part.type !== "literal") p[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** An instant as a Date in the wall-clock frame. */
export function toWall(ms: number, tz: string): Date {
  return new Date(ms + zoneOffset(ms, tz));
}

/** Back from the wall-clock frame to an instant (the later one when a time repeats). */
export function fromWall(wall: Date, tz: string): number {
  const w = wall.getTime();
  const first = w - zoneOffset(w, tz);
  return w - zoneOffset(first, tz);
}

const pad = (n: number) => String(n).padStart(2, "0");

/** "2027-03-01" of a wall-clock Date. */
export function wallDate(wall: Date): string {
  return `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
}

/** "2027-03-01T11:00", the value of a DateTimeField, in the shop's zone. */
export function toLocalInput(ms: number, tz: string): string {
  const w = toWall(ms, tz);
  return `${wallDate(w)}T${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}`;
}

/** The instant of a DateTimeField value read as the shop's wall clock; null if unreadable. */
export function fromLocalInput(value: string, tz: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const wall = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5])));
  return fromWall(wall, tz);
}

/** "3月1日(月) 11:00–12:00" in the shop's zone and the UI's locale. */
export function formatRange(start: number, end: number, tz: string, locale: string): string {
  const day = new Intl.DateTimeFormat(locale, { timeZone: tz, month: "short", day: "numeric", weekday: "short" });
  const time = new Intl.DateTimeFormat(locale, { timeZone: tz, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  return `${day.format(start)} ${time.format(start)}–${time.format(end)}`;
}

export function formatDateTime(ms: number, tz: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: tz,
    year: "numeric",
    month: "short",
    day: "numeric",
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(ms);
}
