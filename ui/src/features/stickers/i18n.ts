import { appText } from "../../i18n";

const ja = { open: "スタンプ", close: "閉じる", pick: (id: string) => `スタンプ ${id} を送る` };
const en: typeof ja = { open: "Sticker", close: "Close", pick: (id: string) => `Send sticker ${id}` };

export const stickersText = appText.lang === "ja" ? ja : en;
