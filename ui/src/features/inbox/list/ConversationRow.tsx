import type { ConversationView, TagView } from "../../../api/types.gen";
import { appText } from "../../../i18n";
import { displayName, previewText } from "../../../lib/conversations";
import { Avatar } from "../../../components/Avatar";
import { formatListTime } from "../../../lib/time";
import { RowTags } from "../../customers/ListTools";
import { customersText, lang } from "../../customers/i18n";
import { formatWait, isOverdue } from "../../customers/lib";
import { assignmentText } from "../../assignment/i18n";

export function ConversationRow({
  c,
  now,
  waitLimit,
  tagById,
  selected,
  onSelect,
  typing,
}: {
  c: ConversationView;
  /** 「佐藤さんが入力中」, while another member types in this chat. */
  typing: string | null;
  now: number;
  waitLimit: number;
  tagById: Map<number, TagView>;
  selected: boolean;
  onSelect: (id: number) => void;
}) {
  const name = displayName(c, appText.unknownName);
  const overdue = isOverdue(c, now, waitLimit);
  return (
    <button
      type="button"
      className={`row${selected ? " selected" : ""}${overdue ? " overdue" : ""}`}
      aria-current={selected ? "true" : undefined}
      data-testid="conversation-row"
      data-conversation-id={c.id}
      data-last-message-at={c.lastMessageAt ?? undefined}
      data-overdue={overdue ? "true" : undefined}
      onClick={() => onSelect(c.id)}
    >
      <Avatar name={name} pictureFile={c.friend.pictureFile} />
      <span className="row-main">
        <span className="row-top">
          <span className="row-name" data-testid="conversation-name">
            {c.pinned && <span className="pin" title={appText.pinned}>📌</span>}
            {name}
          </span>
          {c.lastMessageAt !== null && (
            <time className="row-time" dateTime={new Date(c.lastMessageAt).toISOString()}>
              {formatListTime(c.lastMessageAt, now, appText, appText.locale)}
            </time>
          )}
        </span>
        <span className="row-bottom">
          {typing === null ? (
            <span className="row-preview" data-testid="conversation-preview">{previewText(c, appText)}</span>
          ) : (
            <span className="row-preview row-typing" data-testid="row-typing">{typing}</span>
          )}
          {c.status === "needsAction" && <span className="tag needs-action">{appText.statusNeedsAction}</span>}
          {!c.friend.followed && <span className="tag">{appText.unfollowed}</span>}
          {c.unreadCount > 0 && (
            <span className="badge" aria-label={appText.unreadLabel(c.unreadCount)}>
              {appText.unreadBadge(c.unreadCount)}
            </span>
          )}
        </span>
        {(c.waitingSince !== null || c.tagIds.length > 0 || c.assignee !== null) && (
          <span className="row-extra">
            {c.assignee !== null && (
              <span className="row-assignee" data-testid="row-assignee">
                {assignmentText.assignedTo(c.assignee.name)}
              </span>
            )}
            {c.waitingSince !== null && (
              <span className={overdue ? "wait overdue" : "wait"} data-testid="waiting">
                {customersText.waiting(formatWait(now - c.waitingSince, lang))}
              </span>
            )}
            <RowTags ids={c.tagIds} tagById={tagById} />
          </span>
        )}
      </span>
    </button>
  );
}

export function typingLabel(list: { name: string }[]): string | null {
  if (list.length === 0) return null;
  return list.length === 1 ? assignmentText.typing(list[0]!.name) : assignmentText.typingMany(list.map((x) => x.name));
}
