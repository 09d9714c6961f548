import type { EventClickArg, EventContentArg, EventDropArg, EventInput, EventSourceFuncArg } from "@fullcalendar/core";
import { STATUS_COLORS } from "./status-colors";
import enLocale from "@fullcalendar/core/locales/en-gb";
import jaLocale from "@fullcalendar/core/locales/ja";
import dayGridPlugin from "@fullcalendar/daygrid";
import interactionPlugin, { type DateClickArg, type EventResizeDoneArg } from "@fullcalendar/interaction";
import listPlugin from "@fullcalendar/list";
import FullCalendar from "@fullcalendar/react";
import timeGridPlugin from "@fullcalendar/timegrid";
import type { DateSelectArg } from "@fullcalendar/core";
import { forwardRef, useCallback, useImperativeHandle, useRef } from "react";
import type { ReservationSetup, ReservationView } from "../../api/types.gen";
import { useNarrow } from "../../hooks/useNarrow";
import type { ReservationsApi } from "./api";
import { lang, reservationText } from "./i18n";
import { fromWall, toWall, wallDate } from "./time";


export interface CalendarHandle {
  refetch: () => void;
}

interface Props {
  api: ReservationsApi;
  accountId: number;
  setup: ReservationSetup;
  staffFilter: number | null;
  includeInactive: boolean;
  onSelectSlot: (start: number, end: number) => void;
  onOpen: (r: ReservationView) => void;
  onMoved: (r: ReservationView) => void;
  onRefused: (e: unknown) => void;
  onError: (e: unknown) => void;
  onHoursConfigured: (configured: boolean) => void;
  /** "2027-03-01": open that day's time grid (route argument `date:<day>`). */
  initialDate: string | null;
}

const DAY_MS = 86_400_000;
const DESKTOP_TOOLBAR = { left: "prev,next today", center: "title", right: "timeGridDay,timeGridWeek,dayGridMonth,listWeek" };
// The title on a row of its own (reservations-phone.css), the buttons below it.
const PHONE_TOOLBAR = { left: "prev,today,next", center: "title", right: "timeGridDay,listWeek" };

function pad2(n: number) {
  return String(n).padStart(2, "0");
}

/** FullCalendar (MIT views only) over the reservations API, in the shop's wall-clock frame. */
export const Calendar = forwardRef<CalendarHandle, Props>(function Calendar(props, ref) {
  const fc = useRef<FullCalendar>(null);
  // The event source reads the latest props without being re-created (no refetch loop).
  const latest = useRef(props);
  latest.current = props;
  const tz = props.setup.timeZone;
  const staffColor = new Map(props.setup.staff.map((s) => [s.id, s.color]));

  useImperativeHandle(ref, () => ({ refetch: () => fc.current?.getApi().refetchEvents() }), []);

  const events = useCallback((info: EventSourceFuncArg, ok: (e: EventInput[]) => void, fail: (e: Error) => void) => {
    const p = latest.current;
    const zone = p.setup.timeZone;
    const from = fromWall(info.start, zone);
    const to = fromWall(info.end, zone);
    const lastDay = new Date(info.end.getTime() - DAY_MS);
    Promise.all([
      p.api.list(p.accountId, from, to, p.staffFilter, p.includeInactive),
      p.api.openPeriods(p.accountId, wallDate(info.start), wallDate(lastDay)),
    ]).then(
      ([list, open]) => {
        p.onHoursConfigured(open.configured);
        const colors = new Map(p.setup.staff.map((s) => [s.id, s.color]));
        const out: EventInput[] = list.map((r) => ({
          id: String(r.id),
          title: r.customerName,
          start: toWall(r.start, zone),
          end: toWall(r.end, zone),
          backgroundColor: STATUS_COLORS[r.status],
          borderColor: r.staffId !== null ? (colors.get(r.staffId) ?? STATUS_COLORS[r.status]) : STATUS_COLORS[r.status],
          textColor: "#ffffff",
          classNames: ["rsv-event", `rsv-status-${r.status}`],
          // Cancelled ones are shown for the record and cannot be dragged.
          editable: r.status !== "cancelled" && r.status !== "noShow",
          extendedProps: { reservation: r },
        }));
        // Closed time is shaded: the open periods as one inverse background.
        for (const o of open.periods) {
          out.push({ groupId: "open", start: toWall(o.start, zone), end: toWall(o.end, zone), display: "inverse-background", classNames: ["rsv-closed"] });
        }
        ok(out);
      },
      (e: unknown) => {
        p.onError(e);
        fail(e instanceof Error ? e : new Error(String(e)));
      },
    );
  }, []);

  const onSelect = useCallback((s: DateSelectArg) => {
    const api = fc.current?.getApi();
    if (s.allDay) {
      // A day in the month view: open that day's time grid to pick the time.
      api?.changeView("timeGridDay", s.start);
      return;
    }
    api?.unselect();
    const zone = latest.current.setup.timeZone;
    latest.current.onSelectSlot(fromWall(s.start, zone), fromWall(s.end, zone));
  }, []);

  const onDateClick = useCallback((d: DateClickArg) => {
    if (d.allDay) fc.current?.getApi().changeView("timeGridDay", d.date);
  }, []);

  const onChange = useCallback((info: EventDropArg | EventResizeDoneArg) => {
    const r = info.event.extendedProps.reservation as ReservationView | undefined;
    const start = info.event.start;
    const end = info.event.end;
    if (!r || !start || !end) {
      info.revert();
      return;
    }
    const zone = latest.current.setup.timeZone;
    latest.current.api
      .move({ reservationId: r.id, start: fromWall(start, zone), end: fromWall(end, zone), staffId: null, resourceId: null })
      .then(
        (moved) => {
          info.event.setExtendedProp("reservation", moved);
          latest.current.onMoved(moved);
        },
        (e: unknown) => {
          info.revert();
          latest.current.onRefused(e);
        },
      );
  }, []);

  const onClick = useCallback((c: EventClickArg) => {
    const r = c.event.extendedProps.reservation as ReservationView | undefined;
    if (r) latest.current.onOpen(r);
  }, []);

  const content = useCallback(
    (arg: EventContentArg) => {
      const r = arg.event.extendedProps.reservation as ReservationView | undefined;
      if (!r) return null;
      const stripe = r.staffId !== null ? staffColor.get(r.staffId) : undefined;
      return (
        <div className="rsv-event-body" data-reservation-id={r.id}>
          {stripe && <span className="rsv-stripe" style={{ background: stripe }} aria-hidden="true" />}
          <span className="rsv-event-time">{arg.timeText}</span>
          <span className="rsv-event-title">
            {r.customerName}
            {r.partySize > 1 ? ` (${r.partySize})` : ""}
          </span>
          <span className="rsv-event-sub">
            {[reservationText.status[r.status], r.menus.map((m) => m.name).join("・"), r.staffName].filter(Boolean).join(" / ")}
          </span>
        </div>
      );
    },
    [staffColor],
  );

  const slot = Math.max(5, props.setup.settings.slotMinutes);
  // A phone has room for one day's column or a list, not a week's grid.
  const narrow = useNarrow();
  return (
    <FullCalendar
      ref={fc}
      plugins={[dayGridPlugin, timeGridPlugin, interactionPlugin, listPlugin]}
      locales={[jaLocale, enLocale]}
      locale={lang === "ja" ? "ja" : "en-gb"}
      timeZone="UTC"
      now={() => toWall(Date.now(), tz)}
      initialView={props.initialDate || narrow ? "timeGridDay" : "timeGridWeek"}
      initialDate={props.initialDate ?? undefined}
      headerToolbar={narrow ? PHONE_TOOLBAR : DESKTOP_TOOLBAR}
      // Text arrows: the icon font is a data: URL that a strict font-src policy may block.
      buttonIcons={false}
      buttonText={{ prev: "‹", next: "›" }}
      height="100%"
      allDaySlot={false}
      nowIndicator
      selectable
      selectMirror
      editable
      eventStartEditable
      eventDurationEditable
      slotDuration={`00:${pad2(Math.min(slot, 30))}:00`}
      snapDuration={`00:${pad2(Math.min(slot, 30))}:00`}
      slotMinTime="00:00:00"
      slotMaxTime="24:00:00"
      scrollTime="09:00:00"
      slotLabelFormat={{ hour: "2-digit", minute: "2-digit", hour12: false }}
      eventTimeFormat={{ hour: "2-digit", minute: "2-digit", hour12: false }}
      // Week and day: as many as fit. Month: a cell grows to show up to three bookings
      // (a two-booking day shows both, not just 「他 2 件」); more than that, 「他 N 件」.
      dayMaxEvents
      views={{ dayGridMonth: { dayMaxEvents: 3 } }}
      events={events}
      select={onSelect}
      dateClick={onDateClick}
      eventDrop={onChange}
      eventResize={onChange}
      // Bookings are Tab stops and Enter opens them, as a click does.
      eventInteractive
      eventClick={onClick}
      eventContent={content}
    />
  );
});
