import { appText } from "../../i18n";

const ja = {
  title: "ログイン",
  lead: "窓口を使うには、メンバーとしてログインしてください。",
  name: "名前",
  password: "パスワード",
  signIn: "ログイン",
  signingIn: "ログインしています…",
  useCode: "コードで参加",
  useCodeHelp: "パスワードがないときは、管理者が「設定 → メンバー」で作った参加コードを使います。",
  usePassword: "名前とパスワードでログイン",
  code: "参加コード",
  codeHelp: "管理者から受け取った 8 文字のコード（10 分間有効）。ハイフンや大文字・小文字は気にせず入力できます。",
  deviceName: "この端末の名前",
  deviceNameHelp: "管理者の「ログイン中の端末」に表示されます。",
  join: "参加する",
  joining: "参加しています…",
  reasons: {
    expired: "ログインの有効期限が切れたか、この端末のログインが取り消されました。もう一度ログインしてください。",
    members: "この窓口にはメンバーが登録されているため、起動時に表示されたアドレスでは開けません。名前とパスワードでログインしてください。",
    signedOut: "ログアウトしました。",
  },
  locked: (minutes: number) => `ログインの失敗が続いたため、しばらくログインできません。${minutes}分後にもう一度お試しください。`,
  missing: "名前とパスワードを入力してください。",
  missingCode: "参加コードを入力してください。",
  unreachable: "窓口のサーバーに接続できませんでした。",
  retry: "再試行",
  signOut: "ログアウト",
  signedInAs: (name: string) => `${name} さんとしてログイン中`,
  roleOwner: "管理者",
  roleStaff: "スタッフ",
  loggingOut: "ログアウトしています…",
};

const en: typeof ja = {
  title: "Sign in",
  lead: "Sign in as a member to use Madoguchi.",
  name: "Name",
  password: "Password",
  signIn: "Sign in",
  signingIn: "Signing in…",
  useCode: "Join with a code",
  useCodeHelp: "Without a password, use the pairing code an owner made under Settings → Members.",
  usePassword: "Sign in with name and password",
  code: "Pairing code",
  codeHelp: "The 8-character code from an owner (valid for 10 minutes). Hyphens and letter case do not matter.",
  deviceName: "Name of this device",
  deviceNameHelp: "Shown to owners under signed-in devices.",
  join: "Join",
  joining: "Joining…",
  reasons: {
    expired: "Your sign-in has expired or this device was signed out. Please sign in again.",
    members: "This counter has members now, so the address printed at start no longer opens it. Sign in with your name and password.",
    signedOut: "You are signed out.",
  },
  locked: (minutes: number) => `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
  missing: "Enter your name and password.",
  missingCode: "Enter the pairing code.",
  unreachable: "Could not reach the Madoguchi server.",
  retry: "Try again",
  signOut: "Sign out",
  signedInAs: (name: string) => `Signed in as ${name}`,
  roleOwner: "Owner",
  roleStaff: "Staff",
  loggingOut: "Signing out…",
};

export const signInTextByLang = { ja, en };
/** The sign-in strings in the UI's language. */
export const signInText = appText.lang === "en" ? en : ja;
export const lang = appText.lang;
