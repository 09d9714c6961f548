import { t } from "../../i18n";

const ja = { open: "スタンプ", close: "閉じる", pick: (id: string) => `スタンプ ${id} を送る` };
const en: typeof ja = { open: "Sticker", close: "Close", pick: (id: string) => `Send sticker ${id}` };

export const s = t.lang === "ja" ? ja : en;
