import { appText } from "../../i18n";

const ja = {
  autostart: "パソコンの起動時に窓口を開く",
  autostartHelp: "開店前にパソコンをつけるだけで、お客様からのメッセージを受け取れます。",
  autostartFailed: "自動起動の設定を変更できませんでした",
  autostartNotHere: "窓口を「アプリケーション」フォルダーに移してから開くと、この設定ができます。",
};
const en: typeof ja = {
  autostart: "Open Madoguchi when the computer starts",
  autostartHelp: "Turn the computer on before opening and customers' messages come in by themselves.",
  autostartFailed: "Could not change the start-up setting",
  autostartNotHere: "Move Madoguchi into the Applications folder and open it from there to turn this on.",
};

export const desktopText = appText.lang === "ja" ? ja : en;
