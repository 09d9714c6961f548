import { useState } from "react";
import { toBackendError } from "../../backend";
import { useSettingsApi } from "./api";
import { lang, settingsText } from "./i18n";
import "./settings.css";

/** 電話する in the thread header: sends the shop's call button (tel: link) to the open chat. */
export function CallButtonButton({ conversationId }: { conversationId: number }) {
  const api = useSettingsApi();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const send = async () => {
    setBusy(true);
    setResult(null);
    try {
      await api.send(conversationId, { type: "callButton" });
      setResult({ ok: true, text: settingsText.sent });
    } catch (e) {
      setResult({ ok: false, text: toBackendError(e).localized(lang) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="header-action">
      <button type="button" data-testid="call-button-button" title={settingsText.callButtonHelp} disabled={busy} onClick={() => void send()}>
        📞 {settingsText.sendCall}
      </button>
      {result && (
        <span role="status" className={result.ok ? "webhook-ok" : "settings-error"}>
          {result.text}
        </span>
      )}
    </span>
  );
}
