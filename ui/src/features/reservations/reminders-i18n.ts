import { appText } from "../../i18n";

const ja = {
  bookingTitle: "LINE予約",
  bookingEnabled: "LINEで予約・変更・キャンセルを受け付ける",
  keyword: "予約を始めるキーワード",
  keywordHelp: "お客さまがこの言葉を送ると、メニュー選びから始まります。",
  approvalNote: "承認制（仮予約）とキャンセル期限は、このページの「予約の受付」で変更できます。",
  remindersTitle: "リマインド・お礼メッセージ",
  dayBefore: "前日にお知らせ",
  dayBeforeAt: "送る時刻",
  hoursBefore: "開始の何時間前にもお知らせ（0 で送らない）",
  thanks: "来店後にお礼メッセージ",
  thanksDelay: "終了から何分後",
  thanksText: "お礼メッセージ",
  cost: (sent: number, scheduled: number) => `今月のリマインド：送信済み ${sent} 通・予定 ${scheduled} 通（プッシュ通知として月の送信数に数えられます）`,
  save: "保存",
  saved: "保存しました",
  badTime: "時刻は 18:00 のように入力してください",
  loading: "読み込み中…",
};

const en: typeof ja = {
  bookingTitle: "Booking through LINE",
  bookingEnabled: "Let customers book, change and cancel through LINE",
  keyword: "Keyword that starts a booking",
  keywordHelp: "When a customer sends this word, the booking starts with the menus.",
  approvalNote: "Approval mode (仮予約) and the cancellation deadline are under “Taking bookings” on this page.",
  remindersTitle: "Reminders and thank-you",
  dayBefore: "Remind the day before",
  dayBeforeAt: "At",
  hoursBefore: "Also remind this many hours before (0 = off)",
  thanks: "Thank-you message after the visit",
  thanksDelay: "Minutes after the end",
  thanksText: "Thank-you text",
  cost: (sent: number, scheduled: number) =>
    `Reminders this month: ${sent} sent, ${scheduled} scheduled (push messages count against the monthly quota)`,
  save: "Save",
  saved: "Saved",
  badTime: "Enter a time like 18:00",
  loading: "Loading…",
};

export const remindersTextByLang = { ja, en };
export const remindersText = appText.lang === "en" ? en : ja;
