import type { PeriodView } from "../../api/types.gen";

/** "10:00-19:00, 20:00-23:00" → periods; null when a part is not of that form. */
export function parseShifts(text: string): PeriodView[] | null {
  const parts = text
    .split(/[,、，]/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
  const out: PeriodView[] = [];
  for (const p of parts) {
    const m = /^(\d{1,2}:\d{2})\s*[-–〜~ー]\s*(\d{1,2}:\d{2})$/.exec(p.normalize("NFKC"));
    if (!m) return null;
    out.push({ start: m[1]!, end: m[2]! });
  }
  return out;
}

export function formatShifts(periods: PeriodView[]): string {
  return periods.map((p) => `${p.start}-${p.end}`).join(", ");
}
