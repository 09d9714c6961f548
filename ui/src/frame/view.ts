import type { ReactNode } from "react";
import type { AccountView } from "../api/types.gen";

/** What every top-level screen gets from the app frame. */
export interface ViewContext {
  accounts: AccountView[];
  /** The account picked in the header; null = all accounts (views that need one use the first). */
  accountId: number | null;
  /** Shows an error in the frame's banner. */
  onError: (e: unknown) => void;
  /** Switches to the inbox with this chat open (and scrolled to `messageId` when given). */
  openConversation: (conversationId: number, messageId?: number | null) => void;
  /** Switches to another view by id, with an optional view-specific argument (e.g. a friend to pre-fill). */
  navigate: (viewId: string, arg?: string | null) => void;
  /** The argument the view was opened with (see `navigate`). */
  arg: string | null;
}

/** One entry of the main navigation. Each feature adds one to `views.tsx`. */
export interface View {
  id: string;
  label: { ja: string; en: string };
  render: (ctx: ViewContext) => ReactNode;
}
