import { useEffect, useMemo, useState } from "react";
import { DateTimeField } from "../../components/DateTimeFields";
import type { FriendChoice, ReservationSetup, ReservationSource, ReservationView } from "../../api/types.gen";
import { toBackendError } from "../../backend";
import { useRpcQuery } from "../../backend/query";
import { Dialog } from "../../components/Dialog";
import type { ReservationsApi } from "./api";
import { lang, locale, reservationText } from "./i18n";
import { formatRange, fromLocalInput, toLocalInput } from "./time";
import { friendDisplayName } from "../../lib/conversations";

interface Props {
  api: ReservationsApi;
  accountId: number;
  setup: ReservationSetup;
  start: number;
  /** A LINE friend to book for (from the chat's "予約を作成"). */
  friend: FriendChoice | null;
  onClose: () => void;
  onCreated: (r: ReservationView) => void;
}

/** The create dialog: who, which menus, when, with whom, where. */
export function BookingDialog({ api, accountId, setup, start, friend: initialFriend, onClose, onCreated }: Props) {
  const tz = setup.timeZone;
  const [mode, setMode] = useState<"friend" | "guest">(initialFriend ? "friend" : "guest");
  const [friend, setFriend] = useState<FriendChoice | null>(initialFriend);
  const [query, setQuery] = useState("");
  // The search asked for once typing pauses, not per key.
  const [term, setTerm] = useState("");
  const [name, setName] = useState("");
  const [phone, setPhone] = useState("");
  const [menuIds, setMenuIds] = useState<number[]>(setup.menus.length === 1 ? [setup.menus[0]!.id] : []);
  const [staffId, setStaffId] = useState<number | null>(null);
  const [resourceId, setResourceId] = useState<number | null>(null);
  const [when, setWhen] = useState(toLocalInput(start, tz));
  const [party, setParty] = useState(1);
  const [notes, setNotes] = useState("");
  const [source, setSource] = useState<ReservationSource>(initialFriend ? "line" : "phone");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => setFriend(initialFriend), [initialFriend]);

  useEffect(() => {
    const timer = setTimeout(() => setTerm(query), 200);
    return () => clearTimeout(timer);
  }, [query]);
  const found = useRpcQuery("findReservationFriends", { accountId, query: term, friendId: null }, { enabled: mode === "friend" && !friend });
  const matches = found.data ?? null;
  useEffect(() => {
    if (found.error) setError(found.error.localized(lang));
  }, [found.error]);

  const chosen = useMemo(() => setup.menus.filter((m) => menuIds.includes(m.id)), [setup.menus, menuIds]);
  const minutes = chosen.reduce((n, m) => n + m.durationMinutes, 0);
  const price = chosen.reduce((n, m) => n + m.priceYen, 0);
  const startMs = fromLocalInput(when, tz);
  // Staff who may do every chosen menu.
  const staffOptions = setup.staff.filter((s) => chosen.every((m) => !m.needsStaff || m.staffIds.length === 0 || m.staffIds.includes(s.id)));
  const kinds = new Set(chosen.map((m) => m.resourceKind).filter((k): k is string => k !== null));
  const resourceOptions = setup.resources.filter((r) => kinds.size === 0 || kinds.has(r.kind));

  const submit = () => {
    setError(null);
    if (chosen.length === 0) return setError(reservationText.pickMenu);
    if (mode === "friend" && !friend) return setError(reservationText.pickFriend);
    if (mode === "guest" && !name.trim()) return setError(reservationText.enterName);
    if (startMs === null) return setError(reservationText.start);
    setBusy(true);
    api
      .create({
        accountId,
        customer: mode === "friend" && friend ? { kind: "friend", friendId: friend.friendId } : { kind: "guest", name, phone: phone.trim() || null },
        menuIds,
        staffId: staffOptions.some((s) => s.id === staffId) ? staffId : null,
        resourceId: resourceOptions.some((r) => r.id === resourceId) ? resourceId : null,
        start: startMs,
        end: null,
        partySize: party,
        status: null,
        notes,
        // The owner types it in; "line" here means "for a LINE friend", not the customer booking.
        source: source === "line" ? "owner" : source,
      })
      .then(
        (r) => onCreated(r),
        (e: unknown) => {
          setBusy(false);
          setError(toBackendError(e).localized(lang));
        },
      );
  };

  return (
    <Dialog label={reservationText.newReservation} onClose={onClose} className="rsv-dialog" testId="booking-dialog" closeOnBackdrop={false}>
      <h2>{reservationText.newReservation}</h2>
      <fieldset className="rsv-field">
        <legend>{reservationText.customer}</legend>
        <div className="rsv-segmented">
          <label>
            <input type="radio" name="customer-kind" checked={mode === "friend"} onChange={() => { setMode("friend"); setSource("line"); }} />
            {reservationText.lineFriend}
          </label>
          <label>
            <input type="radio" name="customer-kind" checked={mode === "guest"} onChange={() => { setMode("guest"); setSource("phone"); }} />
            {reservationText.guest}
          </label>
        </div>
        {mode === "friend" &&
          (friend ? (
            <div className="rsv-friend-chosen">
              <span className="rsv-friend-name">{friendDisplayName(friend, `#${friend.friendId}`)}</span>
              {!initialFriend && (
                <button type="button" className="link-button" onClick={() => setFriend(null)}>
                  {reservationText.changeFriend}
                </button>
              )}
            </div>
          ) : (
            <div className="rsv-friend-picker">
              <input type="search" placeholder={reservationText.searchFriend} aria-label={reservationText.searchFriend} value={query} onChange={(e) => setQuery(e.target.value)} />
              <ul>
                {matches?.length === 0 && <li className="rsv-muted">{reservationText.noFriendFound}</li>}
                {matches?.map((f) => (
                  <li key={f.friendId}>
                    <button type="button" onClick={() => setFriend(f)}>
                      {friendDisplayName(f, `#${f.friendId}`)}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        {mode === "guest" && (
          <div className="rsv-row">
            <label>
              {reservationText.guestName}
              <input name="guestName" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} />
            </label>
            <label>
              {reservationText.guestPhone}
              <input name="guestPhone" type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} maxLength={30} />
            </label>
            <label>
              {reservationText.source}
              <select value={source} onChange={(e) => setSource(e.target.value as ReservationSource)}>
                <option value="phone">{reservationText.sources.phone}</option>
                <option value="walkIn">{reservationText.sources.walkIn}</option>
                <option value="owner">{reservationText.sources.owner}</option>
              </select>
            </label>
          </div>
        )}
      </fieldset>
      <fieldset className="rsv-field">
        <legend>{reservationText.menus}</legend>
        {setup.menus.length === 0 && <p className="rsv-muted">{reservationText.noMenus}</p>}
        <div className="rsv-menu-list">
          {setup.menus.map((m) => (
            <label key={m.id} className="rsv-check">
              <input
                type="checkbox"
                checked={menuIds.includes(m.id)}
                onChange={(e) => setMenuIds((ids) => (e.target.checked ? [...ids, m.id] : ids.filter((i) => i !== m.id)))}
              />
              {m.name}
              <span className="rsv-muted">
                {m.durationMinutes}
                {reservationText.minutes} · {m.priceYen.toLocaleString(locale)}
                {reservationText.yen}
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="rsv-row">
        <label>
          {reservationText.start}
          <DateTimeField name="start" label={reservationText.start} value={when} onChange={setWhen} />
        </label>
        <label>
          {reservationText.staff}
          <select name="staff" value={staffId ?? ""} onChange={(e) => setStaffId(e.target.value === "" ? null : Number(e.target.value))}>
            <option value="">{reservationText.anyStaff}</option>
            {staffOptions.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {reservationText.resource}
          <select name="resource" value={resourceId ?? ""} onChange={(e) => setResourceId(e.target.value === "" ? null : Number(e.target.value))}>
            <option value="">{reservationText.anyResource}</option>
            {resourceOptions.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {reservationText.partySize}
          <input name="party" type="number" min={1} max={1000} value={party} onChange={(e) => setParty(Math.max(1, Number(e.target.value) || 1))} />
        </label>
      </div>
      {startMs !== null && minutes > 0 && (
        <p className="rsv-summary">
          {formatRange(startMs, startMs + minutes * 60_000, tz, locale)} · {price.toLocaleString(locale)}
          {reservationText.yen}
        </p>
      )}
      <label className="rsv-notes">
        {reservationText.notes}
        <textarea name="notes" value={notes} onChange={(e) => setNotes(e.target.value)} maxLength={2000} rows={2} />
      </label>
      {error && (
        <p className="rsv-error" role="alert">
          {error}
        </p>
      )}
      <div className="rsv-actions">
        <button type="button" onClick={onClose}>
          {reservationText.cancel}
        </button>
        <button type="button" className="primary" disabled={busy} onClick={submit}>
          {reservationText.create}
        </button>
      </div>
    </Dialog>
  );
}
