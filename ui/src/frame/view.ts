import type { ReactNode } from "react";
import type { AccountView } from "../api/types.gen";
import type { Route, ViewName } from "./routes";

/** What every top-level screen gets from the app frame. */
export interface ViewContext {
  accounts: AccountView[];
  /** The account picked in the header; null = all accounts (views that need one use the first). */
  accountId: number | null;
  /** Shows an error in the frame's banner. */
  onError: (e: unknown) => void;
  /** Switches to the inbox with this chat open (and scrolled to `messageId` when given). */
  openConversation: (conversationId: number, messageId?: number | null) => void;
  /** Switches to another view, with its argument when it has one (frame/routes.ts). */
  navigate: (route: Route) => void;
  /** Where the window is: the view and its typed argument (read it with `argOf`). */
  route: Route;
}

/** How each view of the route table (frame/routes.ts) draws itself: `views.tsx`. */
export type ViewRenders = { [V in ViewName]: (ctx: ViewContext) => ReactNode };
