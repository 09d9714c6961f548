/**
 * Every screen's place in the URL hash, typed in one table: `#/<view>` or
 * `#/<view>/<argument>`. Each view says what its argument holds, how it reads from and
 * writes to the hash, and its label in the main navigation; screens get their argument
 * typed and build links with `hrefOf`, never a string of their own.
 */

/** What each view's argument holds (null: the view opened plainly). */
export interface RouteArgs {
  /** The open chat, scrolled to a message (a search hit). */
  inbox: { conversationId: number; messageId: number | null } | null;
  /** The create dialog for a LINE friend (from the chat), or a day. */
  calendar: { friendId: number } | { date: string } | null;
  customers: null;
  /** One broadcast's progress; null: the composer. */
  broadcast: { broadcastId: number } | null;
  /** The query, kept so going back from a thread shows the same results. */
  search: { query: string } | null;
  templates: null;
  /** A settings section's id (settings/SettingsView checks it against the role). */
  settings: { section: string } | null;
}

export type ViewName = keyof RouteArgs;
export type Route = { [V in ViewName]: { view: V; arg: RouteArgs[V] } }[ViewName];
export type RouteOf<V extends ViewName> = Extract<Route, { view: V }>;

interface Entry<A> {
  label: { ja: string; en: string };
  /** The argument from its text in the hash; null when it is not one of this view's. */
  parse: (text: string) => A | null;
  format: (arg: NonNullable<A>) => string;
}

const none: Entry<null> = { label: { ja: "", en: "" }, parse: () => null, format: () => "" };
const int = (s: string | undefined): number | null => (s !== undefined && /^\d+$/.test(s) ? Number(s) : null);

/** The main navigation, in order: a feature adds its screen here (and its render in views.tsx). */
export const ROUTES: { [V in ViewName]: Entry<RouteArgs[V]> } = {
  inbox: {
    label: { ja: "トーク", en: "Chats" },
    parse: (t) => {
      const m = /^(\d+)(?::(\d+))?$/.exec(t);
      const conversationId = int(m?.[1]);
      return conversationId === null ? null : { conversationId, messageId: int(m?.[2]) };
    },
    format: (a) => (a.messageId === null ? String(a.conversationId) : `${a.conversationId}:${a.messageId}`),
  },
  calendar: {
    label: { ja: "予約", en: "Reservations" },
    parse: (t) => {
      const friendId = int(/^friend:(\d+)$/.exec(t)?.[1]);
      if (friendId !== null) return { friendId };
      const date = /^date:(\d{4}-\d{2}-\d{2})$/.exec(t)?.[1];
      return date ? { date } : null;
    },
    format: (a) => ("friendId" in a ? `friend:${a.friendId}` : `date:${a.date}`),
  },
  customers: { ...none, label: { ja: "顧客", en: "Customers" } },
  broadcast: {
    label: { ja: "一斉配信", en: "Broadcast" },
    parse: (t) => {
      const broadcastId = int(t);
      return broadcastId === null ? null : { broadcastId };
    },
    format: (a) => String(a.broadcastId),
  },
  search: {
    label: { ja: "検索", en: "Search" },
    parse: (t) => (t === "" ? null : { query: t }),
    format: (a) => a.query,
  },
  templates: { ...none, label: { ja: "定型文", en: "Templates" } },
  // Settings: keep it last.
  settings: {
    label: { ja: "設定", en: "Settings" },
    parse: (t) => (t === "" ? null : { section: t }),
    format: (a) => a.section,
  },
};

export const VIEW_NAMES = Object.keys(ROUTES) as ViewName[];
export const HOME: Route = { view: "inbox", arg: null };

/** A route to `view`, plain or with its argument. */
export function routeTo<V extends ViewName>(view: V, ...arg: [] | [RouteArgs[V]]): RouteOf<V> {
  return { view, arg: arg[0] ?? null } as RouteOf<V>;
}

export function hrefOf(r: Route): string {
  const entry = ROUTES[r.view] as Entry<unknown>;
  return r.arg === null ? `#/${r.view}` : `#/${r.view}/${encodeURIComponent(entry.format(r.arg))}`;
}

function isView(name: string): name is ViewName {
  return Object.prototype.hasOwnProperty.call(ROUTES, name);
}

/** The route in a hash; an empty, foreign or unknown one is the inbox. */
export function parseHash(hash: string): Route {
  const m = /^#\/([a-z0-9-]+)(?:\/(.*))?$/.exec(hash);
  const name = m?.[1];
  if (name === undefined || !isView(name)) return HOME;
  let text: string | null = null;
  try {
    text = m?.[2] ? decodeURIComponent(m[2]) : null;
  } catch {
    text = null;
  }
  const entry = ROUTES[name] as Entry<unknown>;
  return { view: name, arg: text === null ? null : entry.parse(text) } as Route;
}

/** The argument of `route` when it is `view`'s, else null (the view opened plainly). */
export function argOf<V extends ViewName>(route: Route, view: V): RouteArgs[V] {
  return (route.view === view ? route.arg : null) as RouteArgs[V];
}
