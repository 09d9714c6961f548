import type { BroadcastAudience, OutgoingContent, TagExpr } from "../../api/types.gen";
import { SHOP_TIME_ZONE } from "../../lib/time";

export const MAX_BUBBLES = 5;

/** One bubble being composed. */
export type Bubble =
  | { type: "text"; text: string }
  | { type: "image"; path: string }
  | { type: "sticker"; packageId: string; stickerId: string };

export function emptyBubble(type: Bubble["type"]): Bubble {
  if (type === "image") return { type, path: "" };
  if (type === "sticker") return { type, packageId: "", stickerId: "" };
  return { type: "text", text: "" };
}

/** The API's contents, or null while a bubble is still empty. */
export function toContents(bubbles: Bubble[]): OutgoingContent[] | null {
  if (bubbles.length === 0 || bubbles.length > MAX_BUBBLES) return null;
  const out: OutgoingContent[] = [];
  for (const b of bubbles) {
    if (b.type === "text") {
      if (b.text.trim() === "") return null;
      out.push({ type: "text", text: b.text });
    } else if (b.type === "image") {
      if (b.path.trim() === "") return null;
      out.push({ type: "image", path: b.path.trim() });
    } else {
      if (b.packageId.trim() === "" || b.stickerId.trim() === "") return null;
      out.push({ type: "sticker", packageId: b.packageId.trim(), stickerId: b.stickerId.trim() });
    }
  }
  return out;
}

export type AudienceMode = "all" | "tags";
export type TagRole = keyof TagExpr;

export function toAudience(mode: AudienceMode, expr: TagExpr): BroadcastAudience {
  return mode === "all" ? { type: "all" } : { type: "tags", expr };
}

/** Puts `tagId` in `role` (or nowhere when `role` is null); a tag sits in one list at most. */
export function setTagRole(expr: TagExpr, tagId: number, role: TagRole | null): TagExpr {
  const drop = (l: number[]) => l.filter((id) => id !== tagId);
  const next: TagExpr = { all: drop(expr.all), any: drop(expr.any), none: drop(expr.none) };
  if (role) next[role] = [...next[role], tagId];
  return next;
}

export function roleOf(expr: TagExpr, tagId: number): TagRole | null {
  for (const r of ["all", "any", "none"] as const) if (expr[r].includes(tagId)) return r;
  return null;
}

function offsetMs(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(ms));
  const n = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? "0");
  return Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute"), n("second")) - Math.floor(ms / 1000) * 1000;
}

/** `YYYY-MM-DDTHH:mm` (a DateTimeField value) read as wall time in the shop's zone. */
export function shopLocalToMs(value: string, timeZone: string = SHOP_TIME_ZONE): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  const guess = wall - offsetMs(wall, timeZone);
  return wall - offsetMs(guess, timeZone);
}

/** The DateTimeField value for `ms` in the shop's zone. */
export function msToShopLocal(ms: number, timeZone: string = SHOP_TIME_ZONE): string {
  const d = new Date(ms + offsetMs(ms, timeZone));
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}T${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}
