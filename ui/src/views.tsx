import { InboxView } from "./features/inbox/InboxView";
import { CalendarView } from "./features/reservations/CalendarView";
import type { View } from "./shell/view";

/** The main navigation, in order. A feature adds its screen here. */
export const views: View[] = [
  { id: "inbox", label: { ja: "トーク", en: "Chats" }, render: (ctx) => <InboxView ctx={ctx} /> },
  // Reservations
  { id: "calendar", label: { ja: "予約", en: "Reservations" }, render: (ctx) => <CalendarView ctx={ctx} /> },
];
