import { useEffect, useRef, useState } from "react";
import { LineBookingSettingsPanel } from "./LineBookingSettings";
import { ReminderSettingsPanel } from "./ReminderSettings";
import type { FriendChoice, ReservationView } from "../../api/types.gen";
import { toBackendError } from "../../backend";
import { useInvalidateRpc, useReportError, useRpcQuery } from "../../backend/query";
import { useCoreEvents } from "../../backend/react";
import { argOf, routeTo } from "../../frame/routes";
import type { ViewContext } from "../../frame/view";
import { useReservationsApi } from "./api";
import { BookingDetail } from "./BookingDetail";
import { BookingDialog } from "./BookingDialog";
import { Calendar, type CalendarHandle } from "./Calendar";
import { lang, reservationText } from "./i18n";
import { SetupPanel } from "./SetupPanel";
import "./reservations.css";
import "./reservations-phone.css";

/** 予約: the calendar and the booking set-up. Route argument `friend:<id>` opens the
 * create dialog for that LINE friend (from the chat's "予約を作成"); `date:<YYYY-MM-DD>`
 * opens that day. */
export function CalendarView({ ctx }: { ctx: ViewContext }) {
  const api = useReservationsApi();
  const accountId = ctx.accountId ?? ctx.accounts[0]?.id ?? null;
  const [tab, setTab] = useState<"calendar" | "setup">("calendar");
  const [staffFilter, setStaffFilter] = useState<number | null>(null);
  const [includeInactive, setIncludeInactive] = useState(false);
  const [creating, setCreating] = useState<{ start: number; friend: FriendChoice | null } | null>(null);
  const [open, setOpen] = useState<ReservationView | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [hoursConfigured, setHoursConfigured] = useState(true);
  const cal = useRef<CalendarHandle>(null);
  const { onError, navigate } = ctx;

  const setupQuery = useRpcQuery("getReservationSetup", { accountId: accountId ?? 0 }, { enabled: accountId !== null });
  useReportError(setupQuery.error, onError);
  const setup = setupQuery.data ?? null;
  const invalidate = useInvalidateRpc();
  const reload = () => void invalidate("getReservationSetup");

  // `friend:<id>`: open the create dialog with that friend, once per navigation.
  const arg = argOf(ctx.route, "calendar");
  const friendId = arg !== null && "friendId" in arg ? arg.friendId : null;
  const friendQuery = useRpcQuery(
    "findReservationFriends",
    { accountId: accountId ?? 0, query: "", friendId },
    { enabled: friendId !== null && accountId !== null },
  );
  useReportError(friendQuery.error, onError);
  const friendFound = friendQuery.data;
  const openedFor = useRef<number | null>(null);
  useEffect(() => {
    if (friendId === null) openedFor.current = null;
    if (friendId === null || !friendFound || openedFor.current === friendId) return;
    openedFor.current = friendId;
    const found = friendFound[0] ?? { friendId, displayName: null, privateName: null, pictureUrl: null, pictureFile: null };
    setTab("calendar");
    setCreating({ start: nextQuarter(), friend: found });
  }, [friendId, friendFound]);

  // `date:<YYYY-MM-DD>`: open on that day.
  const initialDate = arg !== null && "date" in arg ? arg.date : null;

  useEffect(() => cal.current?.refetch(), [staffFilter, includeInactive]);
  // Another member booked, moved or cancelled: the open calendar shows it (who did what).
  useCoreEvents((e) => {
    if (e.type === "memberActed" && e.kind === "booking") cal.current?.refetch();
  });

  if (accountId === null) return <main className="rsv-view rsv-muted">{reservationText.noAccount}</main>;
  if (setup === null) return <main className="rsv-view rsv-muted">{reservationText.loading}</main>;

  const closeCreate = () => {
    setCreating(null);
    if (friendId !== null) navigate(routeTo("calendar"));
  };

  return (
    <main className="rsv-view">
      <div className="rsv-toolbar">
        <div className="rsv-tabs" role="tablist" aria-label={reservationText.title}>
          <button type="button" role="tab" aria-selected={tab === "calendar"} onClick={() => setTab("calendar")}>
            {reservationText.tabCalendar}
          </button>
          <button type="button" role="tab" aria-selected={tab === "setup"} onClick={() => setTab("setup")}>
            {reservationText.tabSetup}
          </button>
        </div>
        {tab === "calendar" && (
          <>
            <div className="rsv-staff-filter" role="group" aria-label={reservationText.staffFilter}>
              <button type="button" aria-pressed={staffFilter === null} onClick={() => setStaffFilter(null)}>
                {reservationText.allStaff}
              </button>
              {setup.staff.map((s) => (
                <button key={s.id} type="button" aria-pressed={staffFilter === s.id} onClick={() => setStaffFilter(s.id)}>
                  <span className="rsv-dot" style={{ background: s.color }} aria-hidden="true" />
                  {s.name}
                </button>
              ))}
            </div>
            <label className="rsv-check">
              <input type="checkbox" checked={includeInactive} onChange={(e) => setIncludeInactive(e.target.checked)} />
              {reservationText.showCancelled}
            </label>
            <button type="button" className="primary" onClick={() => setCreating({ start: nextQuarter(), friend: null })}>
              {reservationText.newReservation}
            </button>
          </>
        )}
      </div>
      {refusal && (
        <div className="rsv-refusal" role="alert">
          <strong>{reservationText.moveRefused}</strong> {refusal}
          <button type="button" className="link-button" onClick={() => setRefusal(null)}>
            ×
          </button>
        </div>
      )}
      {tab === "calendar" && !hoursConfigured && <p className="rsv-muted rsv-hint">{reservationText.hoursNotSet}</p>}
      {tab === "calendar" ? (
        <div className="rsv-calendar">
          <Calendar
            key={initialDate ?? "today"}
            ref={cal}
            initialDate={initialDate}
            api={api}
            accountId={accountId}
            setup={setup}
            staffFilter={staffFilter}
            includeInactive={includeInactive}
            onSelectSlot={(start) => setCreating({ start, friend: null })}
            onOpen={setOpen}
            onMoved={() => setRefusal(null)}
            onRefused={(e) => setRefusal(toBackendError(e).localized(lang))}
            onError={onError}
            onHoursConfigured={setHoursConfigured}
          />
        </div>
      ) : (
        // One scroll area for every section: each panel keeps its full height, and the
        // app's navigation above never scrolls away.
        <div className="rsv-setup-page" data-testid="rsv-setup-page">
          <SetupPanel api={api} accountId={accountId} setup={setup} onChanged={reload} />
          <LineBookingSettingsPanel accountId={accountId} />
          <ReminderSettingsPanel accountId={accountId} />
        </div>
      )}
      {creating && (
        <BookingDialog
          api={api}
          accountId={accountId}
          setup={setup}
          start={creating.start}
          friend={creating.friend}
          onClose={closeCreate}
          onCreated={() => {
            closeCreate();
            cal.current?.refetch();
          }}
        />
      )}
      {open && (
        <BookingDetail
          api={api}
          setup={setup}
          reservation={open}
          onClose={() => setOpen(null)}
          onChanged={() => cal.current?.refetch()}
        />
      )}
    </main>
  );
}

/** The next quarter hour from now: a sensible default start for "New reservation". */
function nextQuarter(): number {
  const q = 15 * 60_000;
  return Math.ceil(Date.now() / q) * q;
}
