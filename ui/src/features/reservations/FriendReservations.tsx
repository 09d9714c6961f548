import type { ReservationView } from "../../api/types.gen";
import { useRpcQuery } from "../../backend/query";
import { STATUS_COLORS } from "./status-colors";
import { lang, locale, reservationText } from "./i18n";
import "./reservations.css";
import { formatRange } from "./time";

/** The chat's side panel: a friend's upcoming and past reservations and no-show count,
 * times in the shop's zone. */
export function FriendReservations({ friendId }: { friendId: number }) {
  const query = useRpcQuery("friendReservations", { friendId });
  const data = query.data ?? null;
  const error = query.error?.localized(lang) ?? null;

  if (error) return <p className="rsv-error">{error}</p>;
  if (!data) return <p className="rsv-muted">{reservationText.loading}</p>;
  const row = (r: ReservationView) => (
    <li key={r.id} className="rsv-friend-row">
      <span className="rsv-badge" style={{ background: STATUS_COLORS[r.status] }}>
        {reservationText.status[r.status]}
      </span>
      <span>{formatRange(r.start, r.end, data.timeZone, locale)}</span>
      <span className="rsv-muted">{[r.menus.map((m) => m.name).join("・"), r.staffName].filter(Boolean).join(" / ")}</span>
    </li>
  );
  return (
    <section className="rsv-friend-panel" aria-label={reservationText.title}>
      <p className={data.noShowCount > 0 ? "rsv-noshow rsv-noshow-some" : "rsv-noshow"}>
        {reservationText.noShows}: {data.noShowCount}
        {reservationText.times}
      </p>
      <h4>{reservationText.upcoming}</h4>
      {data.upcoming.length === 0 ? <p className="rsv-muted">{reservationText.none}</p> : <ul>{data.upcoming.map(row)}</ul>}
      <h4>{reservationText.past}</h4>
      {data.past.length === 0 ? <p className="rsv-muted">{reservationText.none}</p> : <ul>{data.past.map(row)}</ul>}
    </section>
  );
}
