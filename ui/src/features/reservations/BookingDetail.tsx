import { useState } from "react";
import type { ReservationSetup, ReservationView } from "../../api/types.gen";
import { toBackendError } from "../../backend";
import { Dialog } from "../../components/Dialog";
import type { ReservationsApi } from "./api";
import { STATUS_COLORS } from "./status-colors";
import { lang, locale, reservationText, STATUS_ORDER } from "./i18n";
import { formatRange } from "./time";

interface Props {
  api: ReservationsApi;
  setup: ReservationSetup;
  reservation: ReservationView;
  onClose: () => void;
  onChanged: (r: ReservationView) => void;
}

/** One booking: who, what, when, and the status buttons. */
export function BookingDetail({ api, setup, reservation: initial, onClose, onChanged }: Props) {
  const [r, setR] = useState(initial);
  const [notes, setNotes] = useState(initial.notes);
  const [error, setError] = useState<string | null>(null);
  const fail = (e: unknown) => setError(toBackendError(e).localized(lang));
  const done = (next: ReservationView) => {
    setR(next);
    setError(null);
    onChanged(next);
  };
  const total = r.menus.reduce((n, m) => n + m.priceYen, 0);

  return (
    <Dialog label={`${reservationText.details}: ${r.customerName}`} onClose={onClose} className="rsv-dialog" testId="booking-detail">
      <h2>
        {r.customerName}
        <span className="rsv-badge" style={{ background: STATUS_COLORS[r.status] }} data-status={r.status}>
          {reservationText.status[r.status]}
        </span>
      </h2>
      <dl className="rsv-facts">
        <dt>{reservationText.start}</dt>
        <dd>{formatRange(r.start, r.end, setup.timeZone, locale)}</dd>
        <dt>{reservationText.menus}</dt>
        <dd>
          {r.menus.map((m) => m.name).join("・")} ({total.toLocaleString(locale)}
          {reservationText.yen})
        </dd>
        <dt>{reservationText.staff}</dt>
        <dd>{r.staffName ?? "—"}</dd>
        <dt>{reservationText.resource}</dt>
        <dd>{r.resourceName ?? "—"}</dd>
        <dt>{reservationText.partySize}</dt>
        <dd>{r.partySize}</dd>
        {r.customerPhone && (
          <>
            <dt>{reservationText.phone}</dt>
            <dd>{r.customerPhone}</dd>
          </>
        )}
        <dt>{reservationText.source}</dt>
        <dd>{reservationText.sources[r.source]}</dd>
      </dl>
      <div className="rsv-status-buttons" role="group" aria-label={reservationText.setStatus}>
        {STATUS_ORDER.filter((s) => s !== "tentative").map((s) => (
          <button
            key={s}
            type="button"
            aria-pressed={r.status === s}
            className={`rsv-status-button rsv-status-${s}`}
            style={r.status === s ? { background: STATUS_COLORS[s], borderColor: STATUS_COLORS[s] } : undefined}
            disabled={r.status === s}
            onClick={() => api.setStatus(r.id, s).then(done, fail)}
          >
            {reservationText.status[s]}
          </button>
        ))}
      </div>
      <label className="rsv-notes">
        {reservationText.notes}
        <textarea value={notes} onChange={(e) => setNotes(e.target.value)} maxLength={2000} rows={2} />
      </label>
      {error && (
        <p className="rsv-error" role="alert">
          {error}
        </p>
      )}
      <div className="rsv-actions">
        <button type="button" onClick={onClose} data-autofocus>
          {reservationText.cancel}
        </button>
        <button
          type="button"
          className="primary"
          disabled={notes === r.notes}
          onClick={() =>
            api
              .update({ reservationId: r.id, partySize: r.partySize, notes, customerName: null, customerPhone: null })
              .then(done, fail)
          }
        >
          {reservationText.save}
        </button>
      </div>
    </Dialog>
  );
}
