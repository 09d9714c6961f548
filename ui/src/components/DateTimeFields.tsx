import { useEffect, useRef, useState } from "react";
import { appText } from "../i18n";
import { joinDateTime, parseDate, parseTime, showDate, splitDateTime } from "../lib/datetimeField";

interface FieldProps {
  /** `2026-12-10` (DateField) or `14:00` (TimeField); "" when empty. */
  value: string;
  onChange: (value: string) => void;
  label: string;
  /** An empty field is a valid "no value" ("" is passed on). */
  optional?: boolean;
  name?: string;
  testId?: string;
}

/**
 * A text box in the shop's format. Native date/time inputs follow the browser's locale
 * (`12/10/2026`, `02:00 PM`); this one always shows `2026/12/10` and `14:00`. What the
 * owner types is passed on as soon as it reads as a value, and tidied up on blur; until
 * then it is marked invalid. Typing through an IME works, as only readable text is used.
 */
function FormattedField({
  value,
  onChange,
  label,
  optional = false,
  name,
  testId,
  parse,
  show,
  placeholder,
  className,
}: FieldProps & { parse: (s: string) => string | null; show: (v: string) => string; placeholder: string; className: string }) {
  const [draft, setDraft] = useState(() => show(value));
  // The value this field last passed on: a different one came from outside.
  const emitted = useRef(value);
  useEffect(() => {
    if (value !== emitted.current) {
      emitted.current = value;
      setDraft(show(value));
    }
  }, [value, show]);

  const read = (text: string): string | null => (text.trim() === "" ? (optional ? "" : null) : parse(text));
  const parsed = read(draft);
  return (
    <input
      className={className}
      name={name}
      data-testid={testId}
      aria-label={label}
      aria-invalid={parsed === null}
      placeholder={placeholder}
      autoComplete="off"
      spellCheck={false}
      value={draft}
      onChange={(e) => {
        setDraft(e.target.value);
        const v = read(e.target.value);
        if (v !== null && v !== emitted.current) {
          emitted.current = v;
          onChange(v);
        }
      }}
      onBlur={() => {
        if (parsed !== null) setDraft(show(parsed));
      }}
    />
  );
}

const same = (v: string) => v;

/** A day as `2026/12/10`. */
export function DateField(props: FieldProps) {
  return <FormattedField {...props} parse={parseDate} show={showDate} placeholder={appText.datePlaceholder} className="date-field" />;
}

/** A time of day as `14:00`, always 24-hour. */
export function TimeField(props: FieldProps) {
  return <FormattedField {...props} parse={parseTime} show={same} placeholder={appText.timePlaceholder} className="time-field" />;
}

/**
 * A day and a time (`2026-12-10T14:00`, wall clock in the shop's zone) as two boxes in
 * one labelled group. `name` names the two boxes `<name>-date` and `<name>-time`.
 */
export function DateTimeField({ value, onChange, label, name, testId }: Omit<FieldProps, "optional">) {
  const { date, time } = splitDateTime(value);
  return (
    <span className="datetime-field" role="group" aria-label={label} data-testid={testId}>
      <DateField
        value={date}
        label={`${label}（${appText.dateLabel}）`}
        name={name && `${name}-date`}
        testId={testId && `${testId}-date`}
        onChange={(d) => onChange(joinDateTime(d, time))}
      />
      <TimeField
        value={time}
        label={`${label}（${appText.timeLabel}）`}
        name={name && `${name}-time`}
        testId={testId && `${testId}-time`}
        onChange={(tm) => onChange(joinDateTime(date, tm))}
      />
    </span>
  );
}
