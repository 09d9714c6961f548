import { lazy, Suspense, type ReactNode } from "react";
import { InboxView } from "./features/inbox/InboxView";
import type { View, ViewContext } from "./frame/view";

// Only the inbox is in the start-up script: every other screen is loaded the first time
// it is opened (FullCalendar, the largest part of the UI, with its stylesheet), so the
// window has less script to parse before it can show the chats.
const CalendarView = lazy(() => import("./features/reservations/CalendarView").then((m) => ({ default: m.CalendarView })));
const CustomersView = lazy(() => import("./features/customers/CustomersView").then((m) => ({ default: m.CustomersView })));
const BroadcastView = lazy(() => import("./features/broadcast/BroadcastView").then((m) => ({ default: m.BroadcastView })));
const SearchView = lazy(() => import("./features/search/SearchView").then((m) => ({ default: m.SearchView })));
const TemplatesView = lazy(() => import("./features/templates/TemplatesView").then((m) => ({ default: m.TemplatesView })));
const SettingsView = lazy(() => import("./features/settings/SettingsView").then((m) => ({ default: m.SettingsView })));

/** A lazily loaded screen, with a placeholder while its script arrives. */
const later = (Screen: (p: { ctx: ViewContext }) => ReactNode) => (ctx: ViewContext) => (
  <Suspense fallback={<p className="view-loading">…</p>}>
    <Screen ctx={ctx} />
  </Suspense>
);

/** The main navigation, in order. A feature adds its screen here. */
export const views: View[] = [
  { id: "inbox", label: { ja: "トーク", en: "Chats" }, render: (ctx) => <InboxView ctx={ctx} /> },
  // Reservations
  { id: "calendar", label: { ja: "予約", en: "Reservations" }, render: later(CalendarView) },
  // Customers: friends list, tags, custom fields, CSV, reply-time report.
  { id: "customers", label: { ja: "顧客", en: "Customers" }, render: later(CustomersView) },
  // Broadcast to a segment.
  { id: "broadcast", label: { ja: "一斉配信", en: "Broadcast" }, render: later(BroadcastView) },
  // Search and canned replies (定型文).
  { id: "search", label: { ja: "検索", en: "Search" }, render: later(SearchView) },
  { id: "templates", label: { ja: "定型文", en: "Templates" }, render: later(TemplatesView) },
  // Settings: keep it last.
  { id: "settings", label: { ja: "設定", en: "Settings" }, render: later(SettingsView) },
];
