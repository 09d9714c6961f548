import { en } from "./en";
import { ja, type Messages } from "./ja";

export type { Messages };

/** Japanese first: English only when the user's first preferred language is English. */
export function pickMessages(languages: readonly string[] | undefined): Messages {
  for (const l of languages ?? []) {
    const tag = l.toLowerCase();
    if (tag.startsWith("ja")) return ja;
    if (tag.startsWith("en")) return en;
  }
  return ja;
}

function navigatorLanguages(): readonly string[] {
  if (typeof navigator === "undefined") return [];
  if (navigator.languages && navigator.languages.length > 0) return navigator.languages;
  return navigator.language ? [navigator.language] : [];
}

/** The UI strings, picked once at start-up. */
export const appText: Messages = pickMessages(navigatorLanguages());
