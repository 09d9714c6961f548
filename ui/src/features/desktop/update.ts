import type { Lang, UpdateCheck } from "../../backend/types";

/** Where Settings' update panel is: a step of checking, and what the last step found. */
export type UpdateStep =
  | { at: "idle" }
  | { at: "checking" }
  | { at: "found"; check: UpdateCheck }
  | { at: "installing"; version: string }
  | { at: "failed"; message: string };

const ja = {
  title: "アップデート",
  version: (v: string) => `バージョン ${v}`,
  check: "更新を確認",
  checking: "確認しています…",
  upToDate: "最新のバージョンです。",
  available: (v: string) => `新しいバージョン ${v} があります。`,
  install: "更新して再起動",
  installing: (v: string) => `バージョン ${v} をダウンロードしています。終わるとアプリが再起動します…`,
  notConfigured: "このビルドは更新を確認しません（配布版ではないため）。",
  failed: "更新を確認できませんでした。インターネット接続を確認して、もう一度お試しください。",
  server: "サーバー版の更新は、インストールしたパッケージ（.deb / コンテナー）の更新として届きます。",
};
const en: typeof ja = {
  title: "Updates",
  version: (v) => `Version ${v}`,
  check: "Check for updates",
  checking: "Checking…",
  upToDate: "Madoguchi is up to date.",
  available: (v) => `Version ${v} is available.`,
  install: "Update and restart",
  installing: (v) => `Downloading version ${v}. The app restarts when it is done…`,
  notConfigured: "This build does not check for updates (it is not a released build).",
  failed: "Could not check for updates. Check the internet connection and try again.",
  server: "The server is updated through the package it was installed from (.deb or container).",
};

export const updateText = (lang: Lang) => (lang === "ja" ? ja : en);

/** The line the panel shows for `step` (null: nothing beside the button). */
export function describeStep(step: UpdateStep, lang: Lang): string | null {
  const t = updateText(lang);
  switch (step.at) {
    case "idle":
      return null;
    case "checking":
      return t.checking;
    case "installing":
      return t.installing(step.version);
    case "failed":
      return step.message || t.failed;
    case "found":
      switch (step.check.state) {
        case "upToDate":
          return t.upToDate;
        case "available":
          return t.available(step.check.version);
        case "notConfigured":
          return t.notConfigured;
      }
  }
}

/** The version to offer 「更新して再起動」 for, if the step found one. */
export function offeredVersion(step: UpdateStep): string | null {
  return step.at === "found" && step.check.state === "available" ? step.check.version : null;
}
