import type { ReservationView } from "../../api/types.gen";

/** One colour per status, shared by the calendar and the lists (kept apart from FullCalendar). */
export const STATUS_COLORS: Record<ReservationView["status"], string> = {
  tentative: "#d98e04",
  confirmed: "#0e9150",
  arrived: "#2f6fd0",
  completed: "#6b7a72",
  cancelled: "#a3aca7",
  noShow: "#c62828",
};
