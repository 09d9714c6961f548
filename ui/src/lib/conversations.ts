import type { ConversationView } from "../api/types.gen";
import { postbackWords, type PostbackLabels } from "./postback";

/** List order: pinned first, then the newest message first. */
export function compareConversations(a: ConversationView, b: ConversationView): number {
  if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
  const at = a.lastMessageAt ?? 0;
  const bt = b.lastMessageAt ?? 0;
  return bt - at || b.id - a.id;
}

/**
 * The one name rule for a customer, everywhere (list, thread, friend panel, avatar
 * letter, search): the shop's private name (管理用の名前), else the LINE name, else `fallback`.
 */
export function friendDisplayName(f: { privateName?: string | null; displayName: string | null }, fallback: string): string {
  return f.privateName?.trim() || f.displayName?.trim() || fallback;
}

export function displayName(c: ConversationView, fallback: string): string {
  return friendDisplayName(c.friend, fallback);
}

/**
 * The letter on a row's avatar: the first visible character of the name. Names may
 * start with invisible format characters (RTL marks, zero-width spaces, a BOM), which
 * would leave the avatar blank; punctuation ("（株）", "【予約】") says nothing about who it is.
 */
export function avatarInitial(name: string): string {
  return Array.from(name.replace(/[\p{Cf}\p{Z}\p{M}\p{P}\s]/gu, ""))[0] ?? "?";
}

/** Kind labels the list uses when the last message has no text (sticker, photo, …). */
export interface KindLabels {
  kindSticker: string;
  kindImage: string;
  kindVideo: string;
  kindAudio: string;
  kindFile: string;
  kindLocation: string;
}

/** The row's one-line preview: the last text, else 〔スタンプ〕, 〔画像〕 … by kind. */
export function previewText(c: ConversationView, t: KindLabels & Partial<PostbackLabels>): string {
  // A button tap's stored text is its raw data: say it in words, as the thread does.
  if (c.lastKind === "postback" && t.postbackUnknown) return `〔${t.kindPostback}〕${postbackWords(c.lastPreview, null, undefined, t as PostbackLabels)}`;
  if (c.lastPreview) return c.lastPreview;
  const label: Record<string, string> = {
    sticker: t.kindSticker,
    image: t.kindImage,
    video: t.kindVideo,
    audio: t.kindAudio,
    file: t.kindFile,
    location: t.kindLocation,
  };
  const l = c.lastKind ? label[c.lastKind] : undefined;
  return l ? `〔${l}〕` : "";
}
