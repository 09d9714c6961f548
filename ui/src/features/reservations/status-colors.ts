import type { ReservationView } from "../../api/types.gen";

/**
 * One colour per status, shared by the calendar and the lists (kept apart from FullCalendar).
 * Dark enough for white text at WCAG AA.
 */
export const STATUS_COLORS: Record<ReservationView["status"], string> = {
  tentative: "#9a6200",
  confirmed: "#0b7a43",
  arrived: "#2f6fd0",
  completed: "#5f6b65",
  cancelled: "#6c7570",
  noShow: "#c62828",
};
