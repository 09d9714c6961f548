import type { PhoneSettings } from "../../../api/types.gen";
import { useSettingsApi } from "../api";
import { Loading, SaveBar, Section, useRpcDraft, useSaver } from "../common";
import { lang, settingsText } from "../i18n";

/** 電話: LINE Call is not in the Messaging API; the call button and call requests are. */
export function PhoneSection({ accountId }: { accountId: number }) {
  const api = useSettingsApi();
  const { value: view, edit: setView, saved, error: err } = useRpcDraft("getPhoneSettings", { accountId });
  const saver = useSaver();
  if (!view) return <Loading error={err} />;
  const p = view.settings;
  const patch = (x: Partial<PhoneSettings>) => setView({ ...view, settings: { ...p, ...x } });
  return (
    <>
      <Section title={settingsText.lineCallTitle} testId="settings-line-call">
        <p data-testid="line-call-note">{lang === "ja" ? view.lineCallNoteJa : view.lineCallNoteEn}</p>
      </Section>
      <Section title={settingsText.sections.phone} testId="settings-phone">
        <label className="settings-field">
          {settingsText.phoneNumber}
          <input data-testid="phone-number" inputMode="tel" placeholder="03-1234-5678" value={p.phone} onChange={(e) => patch({ phone: e.target.value })} />
          {view.telUri && (
            <small className="settings-muted">
              {settingsText.telLink}: {view.telUri}
            </small>
          )}
        </label>
        <label className="settings-check">
          <input type="checkbox" data-testid="phone-enabled" checked={p.enabled} onChange={(e) => patch({ enabled: e.target.checked })} />
          {settingsText.phoneEnabled}
        </label>
        <label className="settings-field">
          {settingsText.spacing}
          <input type="number" min={0} value={p.spacingMinutes} onChange={(e) => patch({ spacingMinutes: Number(e.target.value) })} />
        </label>
        <label className="settings-field">
          {settingsText.receivedText}
          <textarea rows={2} value={p.receivedText} onChange={(e) => patch({ receivedText: e.target.value })} />
        </label>
        <label className="settings-field">
          {settingsText.politeText}
          <textarea rows={2} value={p.politeText} onChange={(e) => patch({ politeText: e.target.value })} />
        </label>
        <label className="settings-field">
          {settingsText.absenceText}
          <textarea rows={2} value={p.absenceText} onChange={(e) => patch({ absenceText: e.target.value })} />
        </label>
        <SaveBar testId="save-phone" state={saver.state} onSave={() => void saver.run(async () => saved(await api.setPhone(accountId, p)))} />
      </Section>
    </>
  );
}
