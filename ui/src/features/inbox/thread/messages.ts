import type { MessageView } from "../../../api/types.gen";
import type { Messages } from "../../../i18n";
import { postbackWords } from "../../../lib/postback";
import { safeMediaUrl } from "../../../lib/url";

/** What a message bubble shows. Plain data: rendered only as React text/attributes. */
export type MessageBody =
  | { type: "text"; text: string }
  | { type: "image"; url: string | null }
  | { type: "video"; url: string | null }
  | { type: "audio"; url: string | null }
  /** A file the customer sent: its name and size as LINE reported them, opened from the local copy. */
  | { type: "file"; url: string | null; name: string; size: number | null }
  /**
   * A sticker the customer sent: LINE publishes each sticker's image by id. `keywords`
   * (LINE's words for it, hostile data) are its text alternative.
   */
  | { type: "sticker"; stickerId: string; keywords: string[] }
  /** A labelled line: 〔スタンプ〕, 〔位置情報〕 title … */
  | { type: "labelled"; label: string; detail: string | null }
  | { type: "unsent" };

function field(payload: unknown, name: string): string | null {
  if (typeof payload !== "object" || payload === null) return null;
  const v = (payload as Record<string, unknown>)[name];
  return typeof v === "string" && v.length > 0 ? v : null;
}

function numberField(payload: unknown, name: string): number | null {
  if (typeof payload !== "object" || payload === null) return null;
  const v = (payload as Record<string, unknown>)[name];
  return typeof v === "number" && Number.isFinite(v) && v >= 0 ? v : null;
}

/** "1.2 MB", "340 KB", "12 B". */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} B`;
}

/** Turns a stored media file's name into a URL the current transport serves. */
export type MediaUrlOf = (file: string) => string;

/** `buttons`: labels of the postback buttons the shop sent, by data (see `buttonLabels`). */
export function messageBody(
  m: MessageView,
  t: Messages,
  mediaUrlOf: MediaUrlOf,
  buttons?: ReadonlyMap<string, string>,
): MessageBody {
  if (m.unsent) return { type: "unsent" };
  const mediaUrl = m.mediaFile ? safeMediaUrl(mediaUrlOf(m.mediaFile)) : null;
  switch (m.kind) {
    case "text":
      return { type: "text", text: m.text ?? "" };
    case "image":
      return { type: "image", url: mediaUrl };
    case "video":
      return { type: "video", url: mediaUrl };
    case "sticker": {
      const stickerId = field(m.payload, "stickerId");
      // Ids are digits; anything else is not a sticker LINE would serve.
      if (!stickerId || !/^\d{1,20}$/.test(stickerId)) return { type: "labelled", label: t.kindSticker, detail: m.text };
      const raw = (m.payload as { keywords?: unknown }).keywords;
      const keywords = Array.isArray(raw) ? raw.filter((k): k is string => typeof k === "string" && k.length > 0).slice(0, 5) : [];
      return { type: "sticker", stickerId, keywords };
    }
    case "location": {
      const title = field(m.payload, "title") ?? m.text;
      const address = field(m.payload, "address");
      const detail = [title, address].filter((s): s is string => !!s).join(" ");
      return { type: "labelled", label: t.kindLocation, detail: detail || null };
    }
    case "audio":
      return { type: "audio", url: mediaUrl };
    case "file":
      return {
        type: "file",
        url: mediaUrl,
        name: field(m.payload, "fileName") ?? m.text ?? t.kindFile,
        size: numberField(m.payload, "fileSize"),
      };
    case "follow":
      return {
        type: "labelled",
        label: (m.payload as { isUnblocked?: unknown } | null)?.isUnblocked === true ? t.kindUnblocked : t.kindFollow,
        detail: null,
      };
    case "unfollow":
      return { type: "labelled", label: t.kindUnfollow, detail: null };
    case "postback":
      // The tap in words, never the raw data on its own.
      return { type: "labelled", label: t.kindPostback, detail: postbackWords(m.text, m.payload, buttons, t) };
    default:
      return m.text
        ? { type: "text", text: m.text }
        : { type: "labelled", label: t.kindUnknown(m.kind), detail: null };
  }
}

export function stateLabel(m: MessageView, t: Messages): string | null {
  if (m.direction !== "out") return null;
  switch (m.status) {
    case "pending":
      return t.statePending;
    case "sending":
      return t.stateSending;
    case "sent":
      return t.stateSent;
    case "failed":
      return t.stateFailed;
    case "cancelled":
      return t.stateCancelled;
    default:
      return null;
  }
}

/** Merges a freshly loaded newest page into what is on screen (older pages kept), by id. */
export function mergeMessages(current: MessageView[], fresh: MessageView[]): MessageView[] {
  const byId = new Map<number, MessageView>();
  for (const m of current) byId.set(m.id, m);
  for (const m of fresh) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
}
