import type { PaymentLinkPreset } from "../../../api/types.gen";
import { useSettingsApi } from "../api";
import { Loading, SaveBar, Section, useRpcDraft, useSaver } from "../common";
import { lang, settingsText } from "../i18n";

/** お支払い: payment links saved for the chat's お支払い button (LINE Pay ended in Japan). */
export function PaymentSection({ accountId }: { accountId: number }) {
  const api = useSettingsApi();
  const { value: view, edit: setView, saved, error: err } = useRpcDraft("getPaymentLinks", { accountId });
  const saver = useSaver();
  if (!view) return <Loading error={err} />;
  const links = view.links;
  const setLinks = (l: PaymentLinkPreset[]) => setView({ ...view, links: l });
  const set = (i: number, p: Partial<PaymentLinkPreset>) => setLinks(links.map((x, j) => (j === i ? { ...x, ...p } : x)));
  return (
    <Section title={settingsText.paymentLinks} testId="settings-payment">
      <p className="settings-note">{lang === "ja" ? view.linePayNoteJa : view.linePayNoteEn}</p>
      <p className="settings-muted">{settingsText.paymentHelp}</p>
      {links.map((l, i) => (
        <div className="settings-row payment-link" key={i} data-testid="payment-link">
          <input placeholder={settingsText.label} aria-label={settingsText.label} value={l.label} onChange={(e) => set(i, { label: e.target.value })} />
          <input
            className="settings-url"
            placeholder="https://buy.stripe.com/…"
            aria-label={settingsText.url}
            value={l.url}
            onChange={(e) => set(i, { url: e.target.value })}
          />
          <input
            type="number"
            min={1}
            aria-label={settingsText.amount}
            placeholder={settingsText.amount}
            value={l.amountYen}
            onChange={(e) => set(i, { amountYen: Number(e.target.value) })}
          />
          <button type="button" className="link-button danger" onClick={() => setLinks(links.filter((_, j) => j !== i))}>
            {settingsText.remove}
          </button>
        </div>
      ))}
      <button type="button" className="link-button" data-testid="add-payment-link" onClick={() => setLinks([...links, { label: "", url: "", amountYen: 0 }])}>
        {settingsText.addLink}
      </button>
      <SaveBar
        testId="save-payment"
        state={saver.state}
        onSave={() => void saver.run(async () => saved(await api.setPaymentLinks(accountId, links)))}
      />
    </Section>
  );
}
