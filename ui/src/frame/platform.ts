/** Which desktop the UI runs on, for the few things that differ per OS (the font stack). */
export type Platform = "mac" | "windows" | "other";

export function platformOf(userAgent: string): Platform {
  if (/Macintosh|Mac OS X/.test(userAgent)) return "mac";
  if (/Windows/.test(userAgent)) return "windows";
  return "other";
}

/**
 * Sets `data-platform` on <html>, which picks the font stack in styles.css: each OS's
 * own Japanese UI face by name where looking a face up by name is cheap (macOS, Windows),
 * and the generic `sans-serif` elsewhere. On Linux WebKitGTK asks fontconfig for every
 * named face in the list that is not installed, which cost the first paint ~150 ms.
 */
export function markPlatform(root: Pick<HTMLElement, "dataset">, userAgent: string): void {
  root.dataset.platform = platformOf(userAgent);
}
