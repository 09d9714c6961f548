import type { Highlight } from "../../api/types.gen";

export interface Segment {
  text: string;
  hit: boolean;
}

/**
 * Cuts a snippet into plain and matched parts by the server's offsets (UTF-16 code
 * units = JavaScript string indexes). Offsets out of range or overlapping are ignored,
 * so a bad answer can only lose a highlight, never text.
 */
export function segments(snippet: string, highlights: Highlight[]): Segment[] {
  const out: Segment[] = [];
  let pos = 0;
  const sorted = [...highlights].sort((a, b) => a.start - b.start);
  for (const h of sorted) {
    if (h.start < pos || h.end <= h.start || h.end > snippet.length) continue;
    if (h.start > pos) out.push({ text: snippet.slice(pos, h.start), hit: false });
    out.push({ text: snippet.slice(h.start, h.end), hit: true });
    pos = h.end;
  }
  if (pos < snippet.length) out.push({ text: snippet.slice(pos), hit: false });
  return out;
}
