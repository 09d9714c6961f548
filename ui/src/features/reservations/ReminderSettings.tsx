import { ErrorBanner } from "../../components/ErrorBanner";
import { TimeField } from "../../components/DateTimeFields";
import { isClockTime } from "./reminders-api";
import { remindersText } from "./reminders-i18n";
import { useLineBookingSettings } from "./useLineBookingSettings";
import "./reminders.css";

/** Reminder times, the thank-you, and what they will cost this month in pushes. */
export function ReminderSettingsPanel({ accountId }: { accountId: number }) {
  const { settings, setSettings, cost, error, saved, save } = useLineBookingSettings(accountId);
  if (!settings) return error ? <ErrorBanner error={error} /> : <p className="rsv-line-muted">{remindersText.loading}</p>;
  const timeOk = isClockTime(settings.dayBeforeTime);
  const num = (v: string) => (Number.isFinite(Number(v)) ? Math.trunc(Number(v)) : 0);
  return (
    <form
      className="rsv-line-panel"
      aria-label={remindersText.remindersTitle}
      onSubmit={(e) => {
        e.preventDefault();
        if (timeOk) void save(settings);
      }}
    >
      <h3>{remindersText.remindersTitle}</h3>
      {cost ? <p className="rsv-line-cost">{remindersText.cost(cost.sentThisMonth, cost.scheduledThisMonth)}</p> : null}
      <label className="rsv-line-row">
        <input
          type="checkbox"
          checked={settings.dayBeforeEnabled}
          onChange={(e) => setSettings({ ...settings, dayBeforeEnabled: e.target.checked })}
        />
        {remindersText.dayBefore}
      </label>
      <label className="rsv-line-field">
        {remindersText.dayBeforeAt}
        <TimeField label={remindersText.dayBeforeAt} value={settings.dayBeforeTime} onChange={(v) => setSettings({ ...settings, dayBeforeTime: v })} />
        {timeOk ? null : <small className="rsv-line-bad">{remindersText.badTime}</small>}
      </label>
      <label className="rsv-line-field">
        {remindersText.hoursBefore}
        <input
          type="number"
          min={0}
          max={48}
          value={settings.hoursBefore}
          onChange={(e) => setSettings({ ...settings, hoursBefore: num(e.target.value) })}
        />
      </label>
      <label className="rsv-line-row">
        <input
          type="checkbox"
          checked={settings.thanksEnabled}
          onChange={(e) => setSettings({ ...settings, thanksEnabled: e.target.checked })}
        />
        {remindersText.thanks}
      </label>
      <label className="rsv-line-field">
        {remindersText.thanksDelay}
        <input
          type="number"
          min={0}
          max={1440}
          value={settings.thanksDelayMinutes}
          onChange={(e) => setSettings({ ...settings, thanksDelayMinutes: num(e.target.value) })}
        />
      </label>
      <label className="rsv-line-field">
        {remindersText.thanksText}
        <textarea
          rows={3}
          maxLength={1000}
          value={settings.thanksText}
          onChange={(e) => setSettings({ ...settings, thanksText: e.target.value })}
        />
      </label>
      {error ? <ErrorBanner error={error} /> : null}
      <div className="rsv-line-actions">
        <button type="submit" disabled={!timeOk}>
          {remindersText.save}
        </button>
        {saved ? <span role="status">{remindersText.saved}</span> : null}
      </div>
    </form>
  );
}
