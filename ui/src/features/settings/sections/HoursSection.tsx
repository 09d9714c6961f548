import { DateField } from "../../../components/DateTimeFields";
import type { BusinessHours, DayOverride, HolidayRuleView, PeriodView } from "../../../api/types.gen";
import { useInvalidateRpc, useRpcQuery } from "../../../backend/query";
import { useSettingsApi } from "../api";
import { Loading, SaveBar, Section, useRpcDraft, useSaver } from "../common";
import { endLabel, formatOpening, todayIn, WEEK_ORDER } from "../hours";
import { lang, settingsText } from "../i18n";

const STATUS_REFRESH_MS = 30_000;

/** 営業中 / 営業時間外 with the next opening, from the core's hours engine. */
export function HoursBadge({ accountId }: { accountId: number }) {
  const status = useRpcQuery("hoursStatus", { accountId }, { refetchInterval: STATUS_REFRESH_MS }).data;
  if (!status) return null;
  if (!status.configured) {
    return (
      <p className="settings-muted" data-testid="hours-status" data-open="unconfigured">
        {settingsText.statusNotConfigured}
      </p>
    );
  }
  return (
    <div className="hours-status-line">
      <span className={`hours-badge ${status.open ? "open" : "closed"}`} data-testid="hours-status" data-open={String(status.open)}>
        {status.open ? settingsText.statusOpen : settingsText.statusClosed}
      </span>
      {status.nextOpening !== null && (
        <span className="settings-muted" data-testid="hours-next-opening">
          {settingsText.nextOpening}: {formatOpening(status.nextOpening, status.timeZone, lang)}
        </span>
      )}
    </div>
  );
}

function Periods({
  periods,
  onChange,
  testId,
  label,
}: {
  periods: PeriodView[];
  onChange: (p: PeriodView[]) => void;
  testId: string;
  /** Whose periods (a weekday, holidays, a date), for the boxes' names. */
  label: string;
}) {
  const set = (i: number, p: Partial<PeriodView>) => onChange(periods.map((x, j) => (j === i ? { ...x, ...p } : x)));
  return (
    <div className="hours-periods" data-testid={testId}>
      {periods.length === 0 && <span className="settings-muted">{settingsText.closedDay}</span>}
      {periods.map((p, i) => (
        <span className="hours-period" key={i} data-testid={`${testId}-period`}>
          <input
            className="settings-time"
            aria-label={`${label} ${settingsText.from}`}
            data-testid="period-start"
            value={p.start}
            placeholder="10:00"
            onChange={(e) => set(i, { start: e.target.value })}
          />
          〜
          <input
            className="settings-time"
            aria-label={`${label} ${settingsText.until}`}
            data-testid="period-end"
            value={p.end}
            placeholder="19:00"
            onChange={(e) => set(i, { end: e.target.value })}
          />
          {endLabel(p, settingsText.nextDay) !== p.end && <span className="hours-nextday">({endLabel(p, settingsText.nextDay)})</span>}
          <button type="button" className="link-button" aria-label={settingsText.remove} onClick={() => onChange(periods.filter((_, j) => j !== i))}>
            ×
          </button>
        </span>
      ))}
      <button
        type="button"
        className="link-button"
        data-testid={`${testId}-add`}
        onClick={() => onChange([...periods, { start: "10:00", end: "19:00" }])}
      >
        {settingsText.addPeriod}
      </button>
    </div>
  );
}

/** 応答時間: weekly schedule with several periods a day, holidays, special days, zone. */
export function HoursSection({ accountId }: { accountId: number }) {
  const api = useSettingsApi();
  const { value: view, edit: setView, saved: savedHours, error: err } = useRpcDraft("getBusinessHours", { accountId });
  const saver = useSaver();
  const invalidate = useInvalidateRpc();

  if (!view) return <Loading error={err} />;
  const hours = view.hours;
  const patch = (p: Partial<BusinessHours>) => setView({ ...view, hours: { ...hours, ...p } });
  const setDay = (day: number, periods: PeriodView[]) => patch({ weekly: hours.weekly.map((d, i) => (i === day ? periods : d)) });
  const setOverride = (i: number, o: DayOverride) => patch({ overrides: hours.overrides.map((x, j) => (j === i ? o : x)) });
  const holidayKind = hours.holidays.kind;
  const setHolidays = (h: HolidayRuleView) => patch({ holidays: h });

  const save = () =>
    void saver.run(async () => {
      savedHours(await api.setHours(accountId, hours));
      await invalidate("hoursStatus");
    });

  return (
    <>
      <Section title={settingsText.sections.hours} testId="settings-hours">
        <HoursBadge accountId={accountId} />
        <label className="settings-field">
          {settingsText.timeZone}
          <input data-testid="hours-tz" value={hours.timeZone} onChange={(e) => patch({ timeZone: e.target.value })} />
        </label>
        <h4>{settingsText.weekly}</h4>
        <p className="settings-muted">{settingsText.periodHelp}</p>
        <div className="hours-week">
          {WEEK_ORDER.map((day) => (
            <div className="hours-day" key={day}>
              <span className="hours-day-name">{settingsText.weekdays[day]}</span>
              <Periods testId={`hours-day-${day}`} label={settingsText.weekdays[day] ?? ""} periods={hours.weekly[day] ?? []} onChange={(p) => setDay(day, p)} />
            </div>
          ))}
        </div>
        <h4>{settingsText.holidays}</h4>
        <div className="settings-row" role="radiogroup" aria-label={settingsText.holidays}>
          {(
            [
              ["closed", settingsText.holidayClosed],
              ["open", settingsText.holidayOpen],
              ["special", settingsText.holidaySpecial],
            ] as const
          ).map(([kind, label]) => (
            <label key={kind} className="settings-check">
              <input
                type="radio"
                name="holidays"
                data-testid={`holidays-${kind}`}
                checked={holidayKind === kind}
                onChange={() =>
                  setHolidays(kind === "special" ? { kind, periods: [{ start: "10:00", end: "17:00" }] } : { kind })
                }
              />
              {label}
            </label>
          ))}
        </div>
        {hours.holidays.kind === "special" && (
          <Periods testId="hours-holiday" label={settingsText.holidays} periods={hours.holidays.periods} onChange={(p) => setHolidays({ kind: "special", periods: p })} />
        )}
        <h4>{settingsText.overrides}</h4>
        <div className="hours-overrides">
          {hours.overrides.map((o, i) => (
            <div className="hours-override" key={i} data-testid="hours-override">
              <DateField testId="override-date" label={settingsText.overrideDate} value={o.date} onChange={(d) => setOverride(i, { ...o, date: d })} />
              <select
                data-testid="override-kind"
                aria-label={settingsText.overrideKind}
                value={o.rule.kind}
                onChange={(e) =>
                  setOverride(i, {
                    ...o,
                    rule: e.target.value === "closed" ? { kind: "closed" } : { kind: "periods", periods: [{ start: "10:00", end: "19:00" }] },
                  })
                }
              >
                <option value="closed">{settingsText.overrideClosed}</option>
                <option value="periods">{settingsText.overrideOpen}</option>
              </select>
              {o.rule.kind === "periods" && (
                <Periods
                  testId={`override-${i}`}
                  label={o.date}
                  periods={o.rule.periods}
                  onChange={(p) => setOverride(i, { ...o, rule: { kind: "periods", periods: p } })}
                />
              )}
              <input
                placeholder={settingsText.note}
                aria-label={settingsText.note}
                value={o.note ?? ""}
                onChange={(e) => setOverride(i, { ...o, note: e.target.value || null })}
              />
              <button
                type="button"
                className="link-button"
                onClick={() => patch({ overrides: hours.overrides.filter((_, j) => j !== i) })}
              >
                {settingsText.remove}
              </button>
            </div>
          ))}
          <button
            type="button"
            className="link-button"
            data-testid="add-override"
            onClick={() => patch({ overrides: [...hours.overrides, { date: todayIn(hours.timeZone), rule: { kind: "closed" }, note: null }] })}
          >
            {settingsText.addOverride}
          </button>
        </div>
        <SaveBar testId="save-hours" state={saver.state} onSave={save} />
      </Section>
    </>
  );
}
