import { useState } from "react";
import type { PaymentLinkPreset } from "../../api/types.gen";
import { toBackendError } from "../../backend";
import { useRpcQuery } from "../../backend/query";
import { useSettingsApi } from "./api";
import { lang, settingsText } from "./i18n";
import "./settings.css";

/**
 * お支払い in the thread header: sends a payment-link message (a button opening an https
 * payment page) to the open chat, from a saved link or one pasted here.
 */
/** `accountId` (the chat's account) lets it offer the links saved in Settings → お支払い. */
export function PaymentLinkButton({ conversationId, accountId = null }: { conversationId: number; accountId?: number | null }) {
  const api = useSettingsApi();
  const [open, setOpen] = useState(false);
  const presets = useRpcQuery("getPaymentLinks", { accountId: accountId ?? 0 }, { enabled: open && accountId !== null }).data?.links ?? [];
  const [link, setLink] = useState<PaymentLinkPreset>({ label: "", url: "", amountYen: 0 });
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const send = async () => {
    setResult(null);
    try {
      await api.send(conversationId, { type: "paymentLink", url: link.url, amountYen: link.amountYen, label: link.label });
      setResult({ ok: true, text: settingsText.sent });
      setOpen(false);
    } catch (e) {
      setResult({ ok: false, text: toBackendError(e).localized(lang) });
    }
  };

  return (
    <span className="header-action">
      <button type="button" data-testid="payment-link-button" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {settingsText.sendPayment}
      </button>
      {result && !open && (
        <span role="status" className={result.ok ? "webhook-ok" : "settings-error"}>
          {result.text}
        </span>
      )}
      {open && (
        <form
          className="header-popover"
          data-testid="payment-link-form"
          onSubmit={(e) => {
            e.preventDefault();
            void send();
          }}
        >
          {presets.length > 0 && (
            <select
              aria-label={settingsText.paymentLinks}
              defaultValue=""
              onChange={(e) => {
                const p = presets[Number(e.target.value)];
                if (p) setLink(p);
              }}
            >
              <option value="" disabled>
                {settingsText.choose}
              </option>
              {presets.map((p, i) => (
                <option key={i} value={i}>
                  {p.label} ¥{p.amountYen.toLocaleString("ja-JP")}
                </option>
              ))}
            </select>
          )}
          <input placeholder={settingsText.label} aria-label={settingsText.label} value={link.label} onChange={(e) => setLink({ ...link, label: e.target.value })} />
          <input placeholder="https://…" aria-label={settingsText.url} value={link.url} onChange={(e) => setLink({ ...link, url: e.target.value })} />
          <input
            type="number"
            min={1}
            aria-label={settingsText.amount}
            placeholder={settingsText.amount}
            value={link.amountYen || ""}
            onChange={(e) => setLink({ ...link, amountYen: Number(e.target.value) })}
          />
          <button type="submit" className="primary">
            {settingsText.send}
          </button>
          {result && !result.ok && <span className="settings-error">{result.text}</span>}
        </form>
      )}
    </span>
  );
}
