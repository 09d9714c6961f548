import { lazy, Suspense } from "react";
import { BroadcastView } from "./features/broadcast/BroadcastView";
import { CustomersView } from "./features/customers/CustomersView";
import { InboxView } from "./features/inbox/InboxView";
import { SettingsView } from "./features/settings/SettingsView";
import type { View } from "./shell/view";

// FullCalendar is the largest part of the UI: loaded when the calendar is first opened,
// so the inbox starts without it (and without the stylesheet it injects).
const CalendarView = lazy(() => import("./features/reservations/CalendarView").then((m) => ({ default: m.CalendarView })));
// Search and canned replies (定型文).
import { SearchView } from "./features/search/SearchView";
import { TemplatesView } from "./features/templates/TemplatesView";

/** The main navigation, in order. A feature adds its screen here. */
export const views: View[] = [
  { id: "inbox", label: { ja: "トーク", en: "Chats" }, render: (ctx) => <InboxView ctx={ctx} /> },
  // Reservations
  { id: "calendar", label: { ja: "予約", en: "Reservations" }, render: (ctx) => (
      <Suspense fallback={<p className="view-loading">…</p>}>
        <CalendarView ctx={ctx} />
      </Suspense>
    ),
  },
  // Customers: friends list, tags, custom fields, CSV, reply-time report.
  { id: "customers", label: { ja: "顧客", en: "Customers" }, render: (ctx) => <CustomersView ctx={ctx} /> },
  // Broadcast to a segment.
  { id: "broadcast", label: { ja: "一斉配信", en: "Broadcast" }, render: (ctx) => <BroadcastView ctx={ctx} /> },
  // Search and canned replies (定型文).
  { id: "search", label: { ja: "検索", en: "Search" }, render: (ctx) => <SearchView ctx={ctx} /> },
  { id: "templates", label: { ja: "定型文", en: "Templates" }, render: (ctx) => <TemplatesView ctx={ctx} /> },
  // Settings: keep it last.
  { id: "settings", label: { ja: "設定", en: "Settings" }, render: (ctx) => <SettingsView ctx={ctx} /> },
];
