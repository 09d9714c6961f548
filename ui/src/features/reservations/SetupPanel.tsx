import { useState } from "react";
import { DateField } from "../../components/DateTimeFields";
import { showDate } from "../../lib/datetimeField";
import type { Menu, ReservationSettings, ReservationSetup, Resource, Staff } from "../../api/types.gen";
import { toBackendError } from "../../backend";
import { useCan } from "../../frame/session";
import type { ReservationsApi } from "./api";
import { lang, reservationText } from "./i18n";
import { formatShifts, parseShifts } from "./shifts";

interface Props {
  api: ReservationsApi;
  accountId: number;
  setup: ReservationSetup;
  onChanged: () => void;
}

/** 予約設定: booking rules, menus, staff with shifts and days off, resources. */
export function SetupPanel({ api, accountId, setup, onChanged }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const canRemoveMenu = useCan("removeReservationMenu");
  const canRemoveStaff = useCan("removeReservationStaff");
  const canRemoveResource = useCan("removeReservationResource");
  const run = (p: Promise<unknown>) =>
    p.then(
      () => {
        setError(null);
        setNotice(reservationText.saved);
        onChanged();
      },
      (e: unknown) => {
        setNotice(null);
        setError(toBackendError(e).localized(lang));
      },
    );
  const kinds = [...new Set(setup.resources.map((r) => r.kind))];

  return (
    <div className="rsv-setup">
      {error && (
        <p className="rsv-error" role="alert">
          {error}
        </p>
      )}
      {notice && !error && (
        <p className="rsv-notice" role="status">
          {notice}
        </p>
      )}
      <SettingsForm settings={setup.settings} onSave={(s) => run(api.setSettings(accountId, s))} />

      <section className="rsv-section">
        <h3>{reservationText.menus}</h3>
        {setup.menus.map((m) => (
          <MenuForm key={m.id} menu={m} setup={setup} kinds={kinds} onSave={(x) => run(api.saveMenu(accountId, x))} onRemove={canRemoveMenu ? () => run(api.removeMenu(accountId, m.id)) : undefined} />
        ))}
        <MenuForm key={`new-menu-${setup.menus.length}`} menu={null} setup={setup} kinds={kinds} onSave={(x) => run(api.saveMenu(accountId, x))} />
      </section>

      <section className="rsv-section">
        <h3>{reservationText.staff}</h3>
        {setup.staff.map((s) => (
          <StaffForm key={s.id} staff={s} onSave={(x) => run(api.saveStaff(accountId, x))} onRemove={canRemoveStaff ? () => run(api.removeStaff(accountId, s.id)) : undefined} onInvalid={setError} />
        ))}
        <StaffForm key={`new-staff-${setup.staff.length}`} staff={null} onSave={(x) => run(api.saveStaff(accountId, x))} onInvalid={setError} />
      </section>

      <section className="rsv-section">
        <h3>{reservationText.resource}</h3>
        {setup.resources.map((r) => (
          <ResourceForm key={r.id} resource={r} onSave={(x) => run(api.saveResource(accountId, x))} onRemove={canRemoveResource ? () => run(api.removeResource(accountId, r.id)) : undefined} />
        ))}
        <ResourceForm key={`new-res-${setup.resources.length}`} resource={null} onSave={(x) => run(api.saveResource(accountId, x))} />
      </section>
    </div>
  );
}

function num(v: string): number {
  const n = Number(v);
  return Number.isFinite(n) ? Math.round(n) : 0;
}

function SettingsForm({ settings, onSave }: { settings: ReservationSettings; onSave: (s: ReservationSettings) => void }) {
  const [s, setS] = useState(settings);
  const field = (key: "slotMinutes" | "minNoticeMinutes" | "windowDays" | "cancelDeadlineHours", label: string) => (
    <label>
      {label}
      <input type="number" value={s[key]} onChange={(e) => setS({ ...s, [key]: num(e.target.value) })} />
    </label>
  );
  return (
    <section className="rsv-section">
      <h3>{reservationText.settings}</h3>
      <div className="rsv-row">
        {field("slotMinutes", reservationText.slotMinutes)}
        {field("minNoticeMinutes", reservationText.minNotice)}
        {field("windowDays", reservationText.windowDays)}
        {field("cancelDeadlineHours", reservationText.cancelDeadline)}
      </div>
      <label className="rsv-check">
        <input type="checkbox" checked={s.approvalRequired} onChange={(e) => setS({ ...s, approvalRequired: e.target.checked })} />
        {reservationText.approval}
      </label>
      <div className="rsv-actions">
        <button type="button" className="primary" onClick={() => onSave(s)}>
          {reservationText.save}
        </button>
      </div>
    </section>
  );
}

const NEW_MENU: Menu = { id: 0, name: "", durationMinutes: 60, bufferMinutes: 0, priceYen: 0, needsStaff: true, staffIds: [], resourceKind: null };

function MenuForm(props: { menu: Menu | null; setup: ReservationSetup; kinds: string[]; onSave: (m: Menu) => void; onRemove?: () => void }) {
  const [m, setM] = useState<Menu>(props.menu ?? NEW_MENU);
  const listId = `rsv-kinds-${props.menu?.id ?? "new"}`;
  return (
    <form
      className="rsv-item"
      aria-label={props.menu ? props.menu.name : `${reservationText.menus}: ${reservationText.add}`}
      onSubmit={(e) => {
        e.preventDefault();
        props.onSave(m);
      }}
    >
      <div className="rsv-row">
        <label>
          {reservationText.menuName}
          <input name="menuName" value={m.name} onChange={(e) => setM({ ...m, name: e.target.value })} maxLength={100} />
        </label>
        <label>
          {reservationText.duration}
          <input name="duration" type="number" value={m.durationMinutes} onChange={(e) => setM({ ...m, durationMinutes: num(e.target.value) })} />
        </label>
        <label>
          {reservationText.buffer}
          <input name="buffer" type="number" value={m.bufferMinutes} onChange={(e) => setM({ ...m, bufferMinutes: num(e.target.value) })} />
        </label>
        <label>
          {reservationText.price}
          <input name="price" type="number" value={m.priceYen} onChange={(e) => setM({ ...m, priceYen: num(e.target.value) })} />
        </label>
        <label>
          {reservationText.resourceKind}
          <input name="resourceKind" list={listId} value={m.resourceKind ?? ""} onChange={(e) => setM({ ...m, resourceKind: e.target.value || null })} />
          <datalist id={listId}>
            {props.kinds.map((k) => (
              <option key={k} value={k} />
            ))}
          </datalist>
        </label>
      </div>
      <div className="rsv-row">
        <label className="rsv-check">
          <input type="checkbox" checked={m.needsStaff} onChange={(e) => setM({ ...m, needsStaff: e.target.checked })} />
          {reservationText.needsStaff}
        </label>
        {m.needsStaff && props.setup.staff.length > 0 && (
          <fieldset className="rsv-inline">
            <legend>{reservationText.whoCan}</legend>
            {props.setup.staff.map((s) => (
              <label key={s.id} className="rsv-check">
                <input
                  type="checkbox"
                  checked={m.staffIds.includes(s.id)}
                  onChange={(e) => setM({ ...m, staffIds: e.target.checked ? [...m.staffIds, s.id] : m.staffIds.filter((i) => i !== s.id) })}
                />
                {s.name}
              </label>
            ))}
          </fieldset>
        )}
      </div>
      <div className="rsv-actions">
        {props.onRemove && (
          <button type="button" className="danger" onClick={props.onRemove}>
            {reservationText.remove}
          </button>
        )}
        <button type="submit" className="primary">
          {props.menu ? reservationText.save : reservationText.add}
        </button>
      </div>
    </form>
  );
}

const PALETTE = ["#e07a5f", "#3d7dd8", "#2a9d8f", "#9b5de5", "#f4a261", "#43aa8b", "#d62828", "#577590"];

function StaffForm(props: { staff: Staff | null; onSave: (s: Staff) => void; onRemove?: () => void; onInvalid: (msg: string) => void }) {
  const initial: Staff = props.staff ?? {
    id: 0,
    name: "",
    color: PALETTE[Math.floor(Math.random() * PALETTE.length)] ?? "#3d7dd8",
    weekly: [[], ...Array.from({ length: 6 }, () => [{ start: "10:00", end: "19:00" }])],
    daysOff: [],
  };
  const [name, setName] = useState(initial.name);
  const [color, setColor] = useState(initial.color);
  const [shifts, setShifts] = useState(initial.weekly.map(formatShifts));
  const [daysOff, setDaysOff] = useState(initial.daysOff);
  const [day, setDay] = useState("");
  const save = () => {
    const weekly = shifts.map(parseShifts);
    if (weekly.some((w) => w === null)) return props.onInvalid(reservationText.shiftFormat);
    props.onSave({ id: initial.id, name, color, weekly: weekly.map((w) => w ?? []), daysOff });
  };
  return (
    <form
      className="rsv-item"
      aria-label={props.staff ? props.staff.name : `${reservationText.staff}: ${reservationText.add}`}
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <div className="rsv-row">
        <label>
          {reservationText.staffName}
          <input name="staffName" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} />
        </label>
        <label>
          {reservationText.color}
          <input name="color" type="color" value={color} onChange={(e) => setColor(e.target.value)} />
        </label>
      </div>
      <fieldset className="rsv-week">
        <legend>{reservationText.shifts}</legend>
        {reservationText.weekdays.map((wd, i) => (
          <label key={wd}>
            {wd}
            <input value={shifts[i] ?? ""} onChange={(e) => setShifts(shifts.map((s, j) => (j === i ? e.target.value : s)))} />
          </label>
        ))}
      </fieldset>
      <fieldset className="rsv-inline">
        <legend>{reservationText.daysOff}</legend>
        {daysOff.map((d) => (
          <span key={d} className="rsv-chip">
            {showDate(d)}
            <button type="button" aria-label={`${reservationText.remove} ${d}`} onClick={() => setDaysOff(daysOff.filter((x) => x !== d))}>
              ×
            </button>
          </span>
        ))}
        <DateField optional value={day} onChange={setDay} label={reservationText.daysOff} />
        <button type="button" disabled={!day || daysOff.includes(day)} onClick={() => { setDaysOff([...daysOff, day].sort()); setDay(""); }}>
          {reservationText.add}
        </button>
      </fieldset>
      <div className="rsv-actions">
        {props.onRemove && (
          <button type="button" className="danger" onClick={props.onRemove}>
            {reservationText.remove}
          </button>
        )}
        <button type="submit" className="primary">
          {props.staff ? reservationText.save : reservationText.add}
        </button>
      </div>
    </form>
  );
}

function ResourceForm(props: { resource: Resource | null; onSave: (r: Resource) => void; onRemove?: () => void }) {
  const [r, setR] = useState<Resource>(props.resource ?? { id: 0, name: "", kind: "", capacity: 1 });
  return (
    <form
      className="rsv-item"
      aria-label={props.resource ? props.resource.name : `${reservationText.resource}: ${reservationText.add}`}
      onSubmit={(e) => {
        e.preventDefault();
        props.onSave(r);
      }}
    >
      <div className="rsv-row">
        <label>
          {reservationText.resourceName}
          <input name="resourceName" value={r.name} onChange={(e) => setR({ ...r, name: e.target.value })} maxLength={100} />
        </label>
        <label>
          {reservationText.kind}
          <input name="kind" value={r.kind} onChange={(e) => setR({ ...r, kind: e.target.value })} maxLength={100} />
        </label>
        <label>
          {reservationText.capacity}
          <input name="capacity" type="number" min={1} value={r.capacity} onChange={(e) => setR({ ...r, capacity: num(e.target.value) })} />
        </label>
      </div>
      <div className="rsv-actions">
        {props.onRemove && (
          <button type="button" className="danger" onClick={props.onRemove}>
            {reservationText.remove}
          </button>
        )}
        <button type="submit" className="primary">
          {props.resource ? reservationText.save : reservationText.add}
        </button>
      </div>
    </form>
  );
}
