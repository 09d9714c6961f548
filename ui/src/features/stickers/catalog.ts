/**
 * The stickers a bot may send: LINE's published sticker list for the Messaging API
 * (developers.line.biz/en/docs/messaging-api/sticker-list/), as consecutive id ranges
 * per package. Anything else is refused by LINE.
 */
export interface StickerPackage {
  packageId: string;
  title: { ja: string; en: string };
  first: number;
  last: number;
}

export const PACKAGES: StickerPackage[] = [
  { packageId: "446", title: { ja: "ムーン スペシャル", en: "Moon: Special Edition" }, first: 1988, last: 2027 },
  { packageId: "789", title: { ja: "サリー スペシャル", en: "Sally: Special Edition" }, first: 10855, last: 10894 },
  { packageId: "1070", title: { ja: "ムーン スペシャル", en: "Moon: Special Edition" }, first: 17839, last: 17878 },
  { packageId: "6136", title: { ja: "謝罪のプロ!LINEキャラクターズ", en: "LINE Characters: Making Amends" }, first: 10551376, last: 10551399 },
  { packageId: "6325", title: { ja: "ちっちゃいブラコニ", en: "Brown and Cony Fun Size Pack" }, first: 10979904, last: 10979927 },
  { packageId: "8515", title: { ja: "LINEキャラクターズ：丁寧な言葉", en: "LINE Characters: Pretty Phrases" }, first: 16581242, last: 16581265 },
  { packageId: "8522", title: { ja: "LINEキャラクターズ：あいさつ", en: "LINE Characters: Greetings" }, first: 16581266, last: 16581289 },
  { packageId: "11537", title: { ja: "ブラウン＆コニー＆サリー：アニメーション", en: "Brown, Cony & Sally: Animated" }, first: 52002734, last: 52002773 },
  { packageId: "11538", title: { ja: "チョコ＆LINEキャラクターズ", en: "CHOCO & Friends" }, first: 51626494, last: 51626533 },
  { packageId: "11539", title: { ja: "ユニバースター BT21", en: "UNIVERSTAR BT21" }, first: 52114110, last: 52114149 },
];

export function stickerIds(p: StickerPackage): string[] {
  const ids: string[] = [];
  for (let id = p.first; id <= p.last; id++) ids.push(String(id));
  return ids;
}

/** LINE's own CDN image of a sticker (allowed in the CSP's img-src, nothing else from there). */
export function stickerImageUrl(stickerId: string): string {
  return `https://stickershop.line-scdn.net/stickershop/v1/sticker/${encodeURIComponent(stickerId)}/android/sticker.png`;
}
