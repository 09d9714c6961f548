import { appText } from "../../i18n";

const ja = {
  title: "検索",
  placeholder: "メッセージとメモを検索（1文字から）",
  search: "検索",
  messages: "メッセージ",
  notes: "メモ",
  none: "見つかりませんでした",
  more: "さらに表示",
  loading: "検索中…",
  unknown: "（名前なし）",
  you: "あなた",
  noteLabel: "メモ",
  hint: "お客様とのトークと、お客様メモを全文検索します。",
};

const en: typeof ja = {
  title: "Search",
  placeholder: "Search messages and notes (from 1 character)",
  search: "Search",
  messages: "Messages",
  notes: "Notes",
  none: "Nothing found",
  more: "Show more",
  loading: "Searching…",
  unknown: "(no name)",
  you: "You",
  noteLabel: "Note",
  hint: "Searches the full text of every chat and every customer note.",
};

export const searchText = appText.lang === "en" ? en : ja;
