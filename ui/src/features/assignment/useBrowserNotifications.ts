import { useRef } from "react";
import { isTauri } from "../../backend";
import { useApi, useCoreEvents } from "../../backend/react";
import { appText } from "../../i18n";
import { displayName } from "../../lib/conversations";
import { useSession } from "../../frame/session";
import { useAssignmentApi } from "./api";
import { assignmentText } from "./i18n";

/** A message older than this when it reaches the screen is history, not news. */
const STALE_MS = 10 * 60 * 1000;
const PREVIEW_CHARS = 100;

/**
 * A signed-in member's browser notifications for customers' new messages: only while
 * this page is not in front, only with the browser's permission, and only as their
 * notification scope says (asked of the core for each message: `shouldNotify`). The
 * desktop window has its own notifications (the shell's), so this does nothing there.
 */
export function useBrowserNotifications(open: (conversationId: number) => void): void {
  const api = useApi();
  const assignment = useAssignmentApi();
  const me = useSession().me.member?.id ?? null;
  const openRef = useRef(open);
  openRef.current = open;

  useCoreEvents((e) => {
    // The desktop window (also as a hub's desk) notifies through the shell.
    if (e.type !== "messageArrived" || me === null || isTauri()) return;
    if (!("Notification" in window) || Notification.permission !== "granted") return;
    if (document.visibilityState === "visible" && document.hasFocus()) return;
    // The member's scope is the core's to apply (the same answer the desktop shell gets).
    assignment.shouldNotify(e.conversationId).then(
      (wanted) => {
        if (wanted) show(e.conversationId, e.messageId);
      },
      () => {},
    );
  });

  function show(conversationId: number, messageId: number) {
    api.getThread(conversationId, null, 1).then(
      (page) => {
        const m = page.messages.find((x) => x.id === messageId);
        if (!m || m.direction !== "in" || m.unsent || m.kind === "follow" || m.kind === "unfollow") return;
        if (Date.now() - m.createdAt > STALE_MS) return;
        const text = m.kind === "text" && m.text ? m.text.slice(0, PREVIEW_CHARS) : assignmentText.newMessage;
        const n = new Notification(displayName(page.conversation, appText.unknownName), { body: text, tag: `madoguchi-${conversationId}` });
        n.onclick = () => {
          window.focus();
          openRef.current(conversationId);
          n.close();
        };
      },
      () => {},
    );
  }
}
