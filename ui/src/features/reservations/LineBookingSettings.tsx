import { ErrorBanner } from "../../components/ErrorBanner";
import { remindersText } from "./reminders-i18n";
import { useLineBookingSettings } from "./useLineBookingSettings";
import "./reminders.css";

/**
 * Booking through LINE: on/off and the keyword. Whether LINE bookings wait for approval,
 * and until when customers may cancel, are reservation settings (`ReservationSettings`).
 */
export function LineBookingSettingsPanel({ accountId }: { accountId: number }) {
  const { settings, setSettings, error, saved, save } = useLineBookingSettings(accountId);
  if (!settings) return error ? <ErrorBanner error={error} /> : <p className="rsv-line-muted">{remindersText.loading}</p>;
  return (
    <form
      className="rsv-line-panel"
      aria-label={remindersText.bookingTitle}
      onSubmit={(e) => {
        e.preventDefault();
        void save(settings);
      }}
    >
      <h3>{remindersText.bookingTitle}</h3>
      <label className="rsv-line-row">
        <input
          type="checkbox"
          checked={settings.bookingEnabled}
          onChange={(e) => setSettings({ ...settings, bookingEnabled: e.target.checked })}
        />
        {remindersText.bookingEnabled}
      </label>
      <label className="rsv-line-field">
        {remindersText.keyword}
        <input
          value={settings.keyword}
          maxLength={20}
          onChange={(e) => setSettings({ ...settings, keyword: e.target.value })}
        />
        <small className="rsv-line-muted">{remindersText.keywordHelp}</small>
      </label>
      <p className="rsv-line-muted">{remindersText.approvalNote}</p>
      {error ? <ErrorBanner error={error} /> : null}
      <div className="rsv-line-actions">
        <button type="submit">{remindersText.save}</button>
        {saved ? <span role="status">{remindersText.saved}</span> : null}
      </div>
    </form>
  );
}
