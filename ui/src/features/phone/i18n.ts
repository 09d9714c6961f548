import { appText } from "../../i18n";

const ja = {
  back: "一覧",
  backLabel: "トーク一覧に戻る",
  friend: "顧客情報",
  friendLabel: "顧客情報を開く",
  close: "閉じる",
  threadBar: "トークの操作",
};

export type PhoneMessages = typeof ja;

const en: PhoneMessages = {
  back: "Chats",
  backLabel: "Back to the chat list",
  friend: "Customer",
  friendLabel: "Open the customer's details",
  close: "Close",
  threadBar: "Chat actions",
};

export const phoneTextByLang = { ja, en };
export const phoneText: PhoneMessages = appText.lang === "en" ? en : ja;
