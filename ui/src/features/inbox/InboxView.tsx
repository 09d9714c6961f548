import { useCallback, useState } from "react";
import { ConversationList } from "./list/ConversationList";
import { useSetConversationRow } from "./list/rows";
import { Thread } from "./thread/Thread";
import { FriendPanel } from "../customers/FriendPanel";
import { useUiFocus } from "./useUiFocus";
import { useNarrow } from "../../hooks/useNarrow";
import { PhoneThreadBar } from "../phone/PhoneThreadBar";
import { useBrowserNotifications } from "../assignment/useBrowserNotifications";
import { appText } from "../../i18n";
import { argOf, routeTo } from "../../frame/routes";
import type { ViewContext } from "../../frame/view";

/** The inbox: conversation list beside the open thread. The open chat is the route's argument. */
export function InboxView({ ctx }: { ctx: ViewContext }) {
  const open = argOf(ctx.route, "inbox");
  const selectedId = open?.conversationId ?? null;
  // A search hit opens the chat at that message.
  const focusMessageId = open?.messageId ?? null;
  const onConversation = useSetConversationRow();
  const { openConversation } = ctx;
  // A chat opened by the owner (list, shortcut, notification) puts focus in its composer;
  // one shown on load or from a search hit leaves focus where it is.
  const [focusComposer, setFocusComposer] = useState(false);
  const select = useCallback(
    (id: number) => {
      setFocusComposer(true);
      openConversation(id);
    },
    [openConversation],
  );
  useUiFocus(selectedId, select);
  useBrowserNotifications(select);

  // A phone shows the list or the open chat, one at a time (features/phone).
  const narrow = useNarrow();

  return (
    <main className={selectedId === null ? "layout" : "layout with-panel"} data-pane={narrow ? (selectedId === null ? "list" : "thread") : undefined}>
      {selectedId !== null && (
        <a
          className="skip-link"
          href="#composer-input"
          data-testid="skip-to-composer"
          onClick={(e) => {
            // The hash is the app's route: focus the box instead of following the link.
            e.preventDefault();
            document.getElementById("composer-input")?.focus();
          }}
        >
          {appText.skipToComposer}
        </a>
      )}
      <ConversationList
        accountId={ctx.accountId}
        tagAccountId={ctx.accountId ?? ctx.accounts[0]?.id ?? null}
        selectedId={selectedId}
        onSelect={select}
        onError={ctx.onError}
      />
      {narrow && selectedId !== null && (
        <PhoneThreadBar key={`phone-${selectedId}`} conversationId={selectedId} takeFocus={focusComposer} onBack={() => ctx.navigate(routeTo("inbox"))} onError={ctx.onError} />
      )}
      {selectedId === null ? (
        <section className="thread thread-empty">
          <p>{appText.selectConversation}</p>
          <p className="thread-empty-hint">{appText.chatShortcuts}</p>
        </section>
      ) : (
        <Thread
          key={selectedId}
          conversationId={selectedId}
          focusMessageId={focusMessageId}
          focusComposer={focusComposer && !narrow}
          onConversation={onConversation}
          onError={ctx.onError}
        />
      )}
      {/* Customers: the friend beside the thread (the reservations section goes in as children). */}
      {selectedId !== null && !narrow && <FriendPanel key={`friend-${selectedId}`} conversationId={selectedId} onError={ctx.onError} />}
    </main>
  );
}
