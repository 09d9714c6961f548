import { appText } from "../../i18n";

const ja = {
  choose: "この PC の使い方",
  solo: "このPCだけ",
  soloHelp: "この PC に窓口を置きます（今までどおり）。PC を閉じている間は LINE のメッセージを受け取れません。",
  hub: "お店のハブにつなぐ",
  hubHelp: "お店で常に動いている窓口（ハブ）につなぎます。履歴と送受信はハブにあり、この PC は窓口の画面になります。",
  address: "ハブのアドレス",
  addressHelp: "管理者から受け取った https:// で始まるアドレス（例: https://shop.example.jp）。",
  code: "参加コード",
  codeHelp: "ハブの「設定 → メンバー」で管理者が作った 8 文字のコード（10 分間有効・1 回だけ）。",
  deviceName: "この PC の名前",
  deviceNameHelp: "管理者の「ログイン中の端末」に表示されます。",
  connect: "ハブにつなぐ",
  connecting: "確認しています…",
  missingAddress: "ハブのアドレスを入力してください。",
  notHttps: "ハブのアドレスは https:// で始まる必要があります（http はこの PC 内の 127.0.0.1 と localhost だけ）。",
  missingCode: "参加コードを入力してください。",
  restarting: "つながりました。ハブの窓口として起動し直しています…",
  wizardTitle: "窓口につなぐ",
  reasons: {
    expired: "ハブがこの PC のログインを取り消しました（管理者による取り消しなど）。新しい参加コードでもう一度つないでください。",
    members: "ハブがこの PC のログインを取り消しました。新しい参加コードでもう一度つないでください。",
    signedOut: "ハブからログアウトしました。",
    unreadable:
      "保存されていた接続設定（connection.json）を読み込めませんでした。壊れたファイルは同じフォルダーに connection.json.broken-（日時）として残してあります。このPCだけで使うか、お店のハブにつなぐかを選び直してください。",
    none: "",
  } as Record<string, string>,
  useSolo: "このPCだけで使う",
  useSoloHelp: "この PC の窓口（ハブにつなぐ前のデータ）で起動し直します。",
  offline: (host: string) => `ハブ（${host}）に接続できません`,
  lastContact: (when: string) => `最終接続 ${when}`,
  neverContacted: "まだ接続できていません",
  retrying: "自動で再接続しています。戻ればこの表示は消えます。",
  composerOffline: "ハブに接続できないため送信できません。入力した文は残っています。接続が戻ってから送ってください。",
  onHub: (host: string) => `ハブ: ${host}`,
  soloNotice: {
    title: "このPCだけで使う前に",
    missesTitle: "PC を閉じている間に起きないこと",
    misses: [
      "PC を閉じている・スリープしている・ネットにつながっていない間にお客様が送ったメッセージは、窓口に届きません。",
      "その間は、営業時間外の自動応答、LINE からの予約の受付、前日のリマインドも動きません。",
      "LINE には、届かなかったメッセージを後から取り出す仕組みがありません。あとで PC を開いても、その間のメッセージは窓口に入りません。",
    ],
    redeliveryTitle: "LINE の「Webhookの再送」をオンにする",
    redeliveryLead: "PC が短い間だけ止まったときに、LINE が届かなかったメッセージを送り直すようにします。",
    redeliverySteps: [
      "LINE Developers コンソール（developers.line.biz/console）で、お店の Messaging API チャネルを開きます。",
      "「Messaging API設定」タブの「Webhook設定」で「Webhookの利用」をオンにします（LINE Official Account Manager では「設定」→「応答設定」の「Webhook」）。",
      "同じ「Webhook設定」の「Webhookの再送」をオンにします。",
    ],
    redeliveryLimit:
      "再送には限りがあります。LINE は一定の時間がたつと送り直すのをやめ、その間のメッセージは届かないままになります。夜のあいだ PC を閉じる使い方は、再送では補えません。",
    hubTitle: "いつでも受け取るには: お店のハブ",
    hubBody:
      "お店で常に動いている機械（小さなサーバーや NAS など）で窓口を動かせば、この PC を閉じていてもメッセージを受け取り、自動応答・予約・リマインドも動きます。スタッフの PC やスマホからも使えます。用意のしかたは README の「The hub: always on, behind HTTPS」にあります。",
    chooseHub: "お店のハブにつなぐ",
  },
};

const en: typeof ja = {
  choose: "How this PC is used",
  solo: "This PC only",
  soloHelp: "Madoguchi runs on this PC (as before). While the PC is closed, LINE messages are not received.",
  hub: "Connect to the shop's hub",
  hubHelp: "Connect to the shop's always-on Madoguchi (the hub). History and sending live on the hub; this PC becomes a desk.",
  address: "Hub address",
  addressHelp: "The https:// address from the owner (for example https://shop.example.jp).",
  code: "Pairing code",
  codeHelp: "The 8-character code an owner made under Settings → Members on the hub (valid for 10 minutes, once).",
  deviceName: "Name of this PC",
  deviceNameHelp: "Shown to owners under signed-in devices.",
  connect: "Connect to the hub",
  connecting: "Checking…",
  missingAddress: "Enter the hub's address.",
  notHttps: "The hub's address must start with https:// (plain http only to this PC: 127.0.0.1 or localhost).",
  missingCode: "Enter the pairing code.",
  restarting: "Connected. Starting again as the hub's desk…",
  wizardTitle: "Connect Madoguchi",
  reasons: {
    expired: "The hub signed this PC out (an owner revoked it). Connect again with a new pairing code.",
    members: "The hub signed this PC out. Connect again with a new pairing code.",
    signedOut: "You are signed out of the hub.",
    unreadable:
      "The saved connection (connection.json) could not be read. The damaged file is kept in the same folder as connection.json.broken-(date and time). Choose again: this PC only, or the shop's hub.",
    none: "",
  },
  useSolo: "Use this PC only",
  useSoloHelp: "Starts again on this PC's own Madoguchi (the data from before connecting to the hub).",
  offline: (host: string) => `Cannot reach the hub (${host})`,
  lastContact: (when: string) => `last contact ${when}`,
  neverContacted: "not reached yet",
  retrying: "Reconnecting by itself; this goes away when the hub is back.",
  composerOffline: "Cannot send: the hub cannot be reached. What you typed is kept; send it once the connection is back.",
  onHub: (host: string) => `Hub: ${host}`,
  soloNotice: {
    title: "Before you use this PC only",
    missesTitle: "What a closed PC misses",
    misses: [
      "Messages customers send while this PC is closed, asleep or offline do not reach Madoguchi.",
      "Meanwhile the away reply, bookings through LINE and the day-before reminders do not run either.",
      "LINE keeps no history Madoguchi can fetch afterwards: opening the PC later does not bring those messages in.",
    ],
    redeliveryTitle: "Turn on LINE's webhook redelivery",
    redeliveryLead: "When this PC is away for a short while, LINE then sends the messages it could not deliver again.",
    redeliverySteps: [
      "In the LINE Developers console (developers.line.biz/console), open the shop's Messaging API channel.",
      "On the Messaging API tab, under Webhook settings, turn on \"Use webhook\" (in LINE Official Account Manager: Settings → Response settings → Webhook).",
      "Under the same Webhook settings, turn on \"Webhook redelivery\".",
    ],
    redeliveryLimit:
      "Redelivery has its limits: after a while LINE stops trying, and those messages never arrive. It cannot cover a PC that is closed every night.",
    hubTitle: "To receive around the clock: the shop's hub",
    hubBody:
      "Run Madoguchi on a machine that is always on at the shop (a small server or a NAS): messages arrive while this PC is closed, and the away reply, bookings and reminders keep running. Staff PCs and phones can use it too. How to set it up: the README's section \"The hub: always on, behind HTTPS\".",
    chooseHub: "Connect to the shop's hub",
  },
};

export const hubTextByLang = { ja, en };
export const hubText = appText.lang === "en" ? en : ja;
