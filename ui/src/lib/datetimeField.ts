/**
 * Dates and times as a Japanese shop writes them, whatever the browser's locale:
 * `2026/12/10` and `14:00` (24-hour). Parsing also takes what an IME or a habit may
 * give: full-width digits, `-` `.` `年月日` separators, `20261210`, `1400`, `9時30分`.
 * Values stay in the forms the API and `<input type=date>` used: `2026-12-10`, `14:00`.
 */

const pad = (n: number) => String(n).padStart(2, "0");

/** Full-width digits and punctuation to ASCII, spaces dropped. */
function halfWidth(text: string): string {
  return text
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[／]/g, "/")
    .replace(/[－ー−]/g, "-")
    .replace(/[．。]/g, ".")
    .replace(/[：]/g, ":")
    .replace(/[\s\u3000]/g, "");
}

/** `2026-12-10` from what the owner typed; null if it is not a real day. */
export function parseDate(text: string): string | null {
  const s = halfWidth(text);
  const m = /^(\d{4})[/.\-年](\d{1,2})[/.\-月](\d{1,2})日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return null;
  return `${y}-${pad(mo)}-${pad(d)}`;
}

/** `2026/12/10` for `2026-12-10`; other text as it is. */
export function showDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m ? `${m[1]}/${m[2]}/${m[3]}` : value;
}

/** `14:00` from what the owner typed (24-hour); null if it is not a time of day. */
export function parseTime(text: string): string | null {
  const s = halfWidth(text);
  const m =
    /^(\d{1,2})(?::|時)(\d{1,2})分?$/.exec(s) ?? /^(\d{1,2})時?()$/.exec(s) ?? /^(\d{2})(\d{2})$/.exec(s) ?? /^(\d)(\d{2})$/.exec(s);
  if (!m) return null;
  const h = Number(m[1]);
  const min = m[2] === "" ? 0 : Number(m[2]);
  if (h > 23 || min > 59) return null;
  return `${pad(h)}:${pad(min)}`;
}

/** Splits `2026-12-10T14:00` into its date and time values. */
export function splitDateTime(value: string): { date: string; time: string } {
  const [date = "", time = ""] = value.split("T");
  return { date, time };
}

export function joinDateTime(date: string, time: string): string {
  return `${date}T${time}`;
}
