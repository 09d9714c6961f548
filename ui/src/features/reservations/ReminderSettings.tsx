import { ErrorBanner } from "../../components/ErrorBanner";
import { TimeField } from "../../components/DateTimeFields";
import { isClockTime } from "./reminders-api";
import { rt } from "./reminders-i18n";
import { useLineBookingSettings } from "./useLineBookingSettings";
import "./reminders.css";

/** Reminder times, the thank-you, and what they will cost this month in pushes. */
export function ReminderSettingsPanel({ accountId }: { accountId: number }) {
  const { settings, setSettings, cost, error, saved, save } = useLineBookingSettings(accountId);
  if (!settings) return error ? <ErrorBanner error={error} /> : <p className="rsv-line-muted">{rt.loading}</p>;
  const timeOk = isClockTime(settings.dayBeforeTime);
  const num = (v: string) => (Number.isFinite(Number(v)) ? Math.trunc(Number(v)) : 0);
  return (
    <form
      className="rsv-line-panel"
      aria-label={rt.remindersTitle}
      onSubmit={(e) => {
        e.preventDefault();
        if (timeOk) void save(settings);
      }}
    >
      <h3>{rt.remindersTitle}</h3>
      {cost ? <p className="rsv-line-cost">{rt.cost(cost.sentThisMonth, cost.scheduledThisMonth)}</p> : null}
      <label className="rsv-line-row">
        <input
          type="checkbox"
          checked={settings.dayBeforeEnabled}
          onChange={(e) => setSettings({ ...settings, dayBeforeEnabled: e.target.checked })}
        />
        {rt.dayBefore}
      </label>
      <label className="rsv-line-field">
        {rt.dayBeforeAt}
        <TimeField label={rt.dayBeforeAt} value={settings.dayBeforeTime} onChange={(v) => setSettings({ ...settings, dayBeforeTime: v })} />
        {timeOk ? null : <small className="rsv-line-bad">{rt.badTime}</small>}
      </label>
      <label className="rsv-line-field">
        {rt.hoursBefore}
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
        {rt.thanks}
      </label>
      <label className="rsv-line-field">
        {rt.thanksDelay}
        <input
          type="number"
          min={0}
          max={1440}
          value={settings.thanksDelayMinutes}
          onChange={(e) => setSettings({ ...settings, thanksDelayMinutes: num(e.target.value) })}
        />
      </label>
      <label className="rsv-line-field">
        {rt.thanksText}
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
          {rt.save}
        </button>
        {saved ? <span role="status">{rt.saved}</span> : null}
      </div>
    </form>
  );
}
