import { CustomersView } from "./features/customers/CustomersView";
import { InboxView } from "./features/inbox/InboxView";
import type { View } from "./shell/view";

/** The main navigation, in order. A feature adds its screen here. */
export const views: View[] = [
  { id: "inbox", label: { ja: "トーク", en: "Chats" }, render: (ctx) => <InboxView ctx={ctx} /> },
  // Customers: friends list, tags, custom fields, CSV, reply-time report.
  { id: "customers", label: { ja: "顧客", en: "Customers" }, render: (ctx) => <CustomersView ctx={ctx} /> },
];
