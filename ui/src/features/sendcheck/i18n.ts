import { appText } from "../../i18n";

const ja = {
  checking: "送信できたか確認しています…",
  checkingWhy: "送信の途中でハブとの接続が切れました。つながり次第、確認します。入力した文は残っています。",
  sent: "送信されていました",
  notSent: "送信されていません。もう一度送れます",
  failed: "ハブには届きましたが、LINE への送信に失敗しました。スレッドの「再送」から送れます",
  cancelled: "この送信は取り消されていました。もう一度送れます",
};
const en: typeof ja = {
  checking: "Checking whether it was sent…",
  checkingWhy: "The connection to the hub was cut while sending. It is checked as soon as the hub answers; your text is kept.",
  sent: "It was sent",
  notSent: "It was not sent. You can send it again",
  failed: "The hub got it, but LINE refused it. Use 再送 (retry) in the thread",
  cancelled: "This send had been cancelled. You can send it again",
};

export const sendCheckText = appText.lang === "ja" ? ja : en;
