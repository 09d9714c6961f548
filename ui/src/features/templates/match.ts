import type { TemplateView } from "../../api/types.gen";

/** The query of a `/` typed at the start of the composer, or null when it is not one. */
export function slashQuery(text: string): string | null {
  if (!text.startsWith("/") && !text.startsWith("／")) return null;
  const rest = text.slice(1);
  return rest.includes("\n") ? null : rest;
}

function fold(s: string): string {
  return s.normalize("NFKC").toLowerCase();
}

export function bodyText(t: TemplateView): string {
  return t.bubbles.map((b) => (b.type === "text" ? b.text : "")).join("\n");
}

/** Templates whose title or text contains every word of the query; title hits first. */
export function matchTemplates(templates: TemplateView[], query: string, max = 8): TemplateView[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const scored: { t: TemplateView; score: number; i: number }[] = [];
  templates.forEach((t, i) => {
    const title = fold(t.title);
    const all = `${title}\n${fold(bodyText(t))}`;
    if (!words.every((w) => all.includes(w))) return;
    const score = words.length === 0 ? 0 : words.every((w) => title.startsWith(w)) ? 0 : words.every((w) => title.includes(w)) ? 1 : 2;
    scored.push({ t, score, i });
  });
  scored.sort((a, b) => a.score - b.score || a.i - b.i);
  return scored.slice(0, max).map((x) => x.t);
}
