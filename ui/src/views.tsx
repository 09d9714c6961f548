import { BroadcastView } from "./features/broadcast/BroadcastView";
import { InboxView } from "./features/inbox/InboxView";
import { SettingsView } from "./features/settings/SettingsView";
import type { View } from "./shell/view";

/** The main navigation, in order. A feature adds its screen here. */
export const views: View[] = [
  { id: "inbox", label: { ja: "トーク", en: "Chats" }, render: (ctx) => <InboxView ctx={ctx} /> },
  // Broadcast to a segment.
  { id: "broadcast", label: { ja: "一斉配信", en: "Broadcast" }, render: (ctx) => <BroadcastView ctx={ctx} /> },
  // Settings: keep it last.
  { id: "settings", label: { ja: "設定", en: "Settings" }, render: (ctx) => <SettingsView ctx={ctx} /> },
];
