import { appText } from "../../i18n";

const ja = {
  attach: "画像・動画を添付",
  dropHere: "ここにドロップして送信",
  uploading: (name: string) => `${name} を送信準備中…`,
  unsupported: (name: string) => `${name}: LINE で送れるのは JPEG・PNG の画像と MP4 の動画だけです`,
  noPreview: (name: string) => `${name}: 動画のプレビュー画像を作れませんでした`,
};
const en: typeof ja = {
  attach: "Attach a photo or video",
  dropHere: "Drop here to send",
  uploading: (name: string) => `Preparing ${name}…`,
  unsupported: (name: string) => `${name}: LINE only takes JPEG or PNG images and MP4 videos`,
  noPreview: (name: string) => `${name}: could not make the video's preview image`,
};

export const attachText = appText.lang === "ja" ? ja : en;
