/** Pure helpers of the customers feature (tested in lib.test.ts). */
import type { ConversationView, TagExpr } from "../../api/types.gen";
import { friendDisplayName } from "../../lib/conversations";

export type ExprPart = "all" | "any" | "none";

export const emptyExpr = (): TagExpr => ({ all: [], any: [], none: [] });

export function isEmptyExpr(e: TagExpr): boolean {
  return e.all.length === 0 && e.any.length === 0 && e.none.length === 0;
}

/** Puts a tag in one part of the expression (taking it out of the others), or out of all when it is already there. */
export function toggleInExpr(e: TagExpr, part: ExprPart, tagId: number): TagExpr {
  const was = e[part].includes(tagId);
  const without = (l: number[]) => l.filter((t) => t !== tagId);
  const next: TagExpr = { all: without(e.all), any: without(e.any), none: without(e.none) };
  if (!was) next[part] = [...next[part], tagId];
  return next;
}

/** The expression's meaning, the same as the core's (`TagExpr::matches`). */
export function exprMatches(e: TagExpr, tags: number[]): boolean {
  return (
    e.all.every((t) => tags.includes(t)) &&
    (e.any.length === 0 || e.any.some((t) => tags.includes(t))) &&
    !e.none.some((t) => tags.includes(t))
  );
}

/** How long someone has waited, short: "5分", "3時間", "2日" / "5 min", "3 h", "2 d". */
export function formatWait(ms: number, lang: "ja" | "en"): string {
  const min = Math.max(0, Math.floor(ms / 60_000));
  if (min < 60) return lang === "ja" ? `${min}分` : `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return lang === "ja" ? `${h}時間` : `${h} h`;
  const d = Math.floor(h / 24);
  return lang === "ja" ? `${d}日` : `${d} d`;
}

/** A duration for the report: "1時間5分" / "1 h 5 min", seconds under a minute. */
export function formatDuration(ms: number, lang: "ja" | "en"): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return lang === "ja" ? `${s}秒` : `${s} s`;
  const m = Math.round(s / 60);
  const h = Math.floor(m / 60);
  const rest = m % 60;
  if (h === 0) return lang === "ja" ? `${m}分` : `${m} min`;
  if (lang === "ja") return rest ? `${h}時間${rest}分` : `${h}時間`;
  return rest ? `${h} h ${rest} min` : `${h} h`;
}

export function isOverdue(c: Pick<ConversationView, "waitingSince">, now: number, limitMs: number): boolean {
  return c.waitingSince !== null && c.waitingSince !== undefined && now - c.waitingSince >= limitMs;
}

/** Black or white text, whichever reads better on the tag's colour. */
export function textOn(color: string): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (!m) return "#000000";
  const [r, g, b] = [m[1], m[2], m[3]].map((x) => parseInt(x ?? "0", 16)) as [number, number, number];
  return 0.299 * r + 0.587 * g + 0.114 * b > 150 ? "#000000" : "#ffffff";
}

/** The name the shop uses: its private name, else the LINE name. */
export const friendName = friendDisplayName;

/** Starts a browser download of a text file (the CSV export). */
export function download(fileName: string, content: string, type = "text/csv;charset=utf-8"): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Whether a refreshed row still belongs in a list showing `filter` and `expr` (the open chat always does). */
export function rowMatches(
  c: Pick<ConversationView, "id" | "status" | "unreadCount" | "tagIds">,
  filter: string,
  expr: TagExpr,
  selectedId: number | null,
): boolean {
  if (c.id === selectedId) return true;
  if (filter === "unread" && c.unreadCount === 0) return false;
  if (filter === "needsAction" && c.status !== "needsAction") return false;
  if (filter === "resolved" && c.status !== "resolved") return false;
  return exprMatches(expr, c.tagIds ?? []);
}

/** The "longest wait first" order of the core: waiting chats oldest first, then the rest newest first. */
export function compareWaiting(a: ConversationView, b: ConversationView): number {
  const key = (c: ConversationView) => c.waitingSince ?? 4e15 - (c.lastMessageAt ?? 0);
  return key(a) - key(b) || a.id - b.id;
}
