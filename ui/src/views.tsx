import { lazy, Suspense, type ReactNode } from "react";
import { InboxView } from "./features/inbox/InboxView";
import type { ViewContext, ViewRenders } from "./frame/view";

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

/** Each screen of the route table (frame/routes.ts, which holds their order and labels). */
export const views: ViewRenders = {
  inbox: (ctx) => <InboxView ctx={ctx} />,
  // Reservations
  calendar: later(CalendarView),
  // Customers: friends list, tags, custom fields, CSV, reply-time report.
  customers: later(CustomersView),
  // Broadcast to a segment.
  broadcast: later(BroadcastView),
  // Search and canned replies (定型文).
  search: later(SearchView),
  templates: later(TemplatesView),
  settings: later(SettingsView),
};
