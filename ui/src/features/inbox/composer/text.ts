/** LINE's limit for one text message, in UTF-16 code units. */
export const TEXT_LIMIT = 5000;

/**
 * Length as LINE counts it: UTF-16 code units. JavaScript strings are UTF-16, so this
 * is `s.length` (an emoji outside the BMP counts 2, a ZWJ family sequence counts more).
 */
export function utf16Length(s: string): number {
  return s.length;
}

export interface TextCount {
  length: number;
  limit: number;
  over: boolean;
  /** "123 / 5000" */
  label: string;
}

export function countText(s: string, limit: number = TEXT_LIMIT): TextCount {
  const length = utf16Length(s);
  return { length, limit, over: length > limit, label: `${length} / ${limit}` };
}

/** Whether the composer may send this text: something besides whitespace, within the limit. */
export function canSendText(s: string, limit: number = TEXT_LIMIT): boolean {
  return s.trim().length > 0 && utf16Length(s) <= limit;
}
