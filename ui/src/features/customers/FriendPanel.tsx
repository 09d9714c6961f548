import { useEffect, useState, type ReactNode } from "react";
import { DateField } from "../../components/DateTimeFields";
import { FriendReservations } from "../reservations/FriendReservations";
import type { ConversationView, CustomField, FriendProfile } from "../../api/types.gen";
import { useInvalidateRpc, useReportError, useRpcQuery, useSetRpcData } from "../../backend/query";
import { appText } from "../../i18n";
import { useEnterToSave } from "../../hooks/useEnterToSave";
import { Avatar } from "../../components/Avatar";
import { friendDisplayName } from "../../lib/conversations";
import { formatDateTime } from "../../lib/time";
import { useCan } from "../../frame/session";
import { useCustomersApi } from "./api";
import { customersText, lang } from "./i18n";
import { formatWait } from "./lib";
import { TagChip } from "./TagChip";
import { useTags } from "./useTags";
import { PALETTE } from "./palette";
import "./customers.css";

const NO_FIELDS: CustomField[] = [];

const fmt = (ms: number) => formatDateTime(ms, appText.locale);

/**
 * The friend beside the open thread: LINE profile, private name, status and wait,
 * tags, custom fields, notes. `children` is a slot below them (reservations go there).
 */
export function FriendPanel({ conversationId, onError, children }: { conversationId: number; onError: (e: unknown) => void; children?: ReactNode }) {
  const api = useCustomersApi();
  const canDeleteNote = useCan("deleteNote");
  // The chat's newest page of one message: its conversation says whose it is.
  const threadParams = { conversationId, before: null, limit: 1 };
  const thread = useRpcQuery("getThread", threadParams);
  const conv = thread.data?.conversation ?? null;
  const friendParams = { friendId: conv?.friend.id ?? 0 };
  const profile = useRpcQuery("getFriend", friendParams, { enabled: conv !== null });
  const friend = profile.data ?? null;
  const fields = useRpcQuery("listCustomFields", { accountId: conv?.accountId ?? 0 }, { enabled: conv !== null }).data ?? NO_FIELDS;
  useReportError(thread.error ?? profile.error, onError);
  const { tags, reload: reloadTags } = useTags(conv?.accountId ?? null, onError);
  const setData = useSetRpcData();
  const invalidate = useInvalidateRpc();
  const reload = () => void invalidate("getFriend", "listFriends");
  const setFriend = (f: FriendProfile) => setData("getFriend", { friendId: f.id }, f);
  const setConv = (c: ConversationView) => thread.data && setData("getThread", threadParams, { ...thread.data, conversation: c });

  if (!conv || !friend) {
    return (
      <aside className="friend-panel" data-testid="friend-panel" aria-busy="true">
        <p className="muted">{customersText.loading}</p>
      </aside>
    );
  }
  const apply = (p: Promise<FriendProfile>) => p.then(setFriend, onError);
  const mine = new Set(friend.tagIds);

  return (
    <aside className="friend-panel" aria-label={customersText.friendPanel} data-testid="friend-panel" data-friend-id={friend.id}>
      <div className="friend-head">
        <Avatar name={friendDisplayName(friend, appText.unknownName)} pictureFile={friend.pictureFile} />
        <div className="friend-names">
          <strong data-testid="friend-line-name">{friend.displayName ?? appText.unknownName}</strong>
          {friend.privateName && <span className="muted">{friend.privateName}</span>}
        </div>
      </div>

      <PrivateName friend={friend} onSave={(v) => apply(api.setPrivateName(friend.id, v))} />

      <dl className="friend-facts">
        <dt>{customersText.followed}</dt>
        <dd data-testid="friend-followed">{friend.followed ? "✓" : customersText.blocked}</dd>
        <dt>{customersText.firstContact}</dt>
        <dd data-testid="friend-first-contact">{fmt(friend.firstContactAt)}</dd>
        <dt>{customersText.lastContact}</dt>
        <dd data-testid="friend-last-contact">{fmt(friend.lastContactAt)}</dd>
        <dt>{customersText.messageCount}</dt>
        <dd>{friend.messageCount}</dd>
      </dl>

      <div>
        <h3>{customersText.status}</h3>
        <div className="status-buttons">
          <span data-testid="friend-status">
            {conv.status === "needsAction" ? customersText.statusNeedsAction : conv.status === "resolved" ? customersText.statusResolved : "—"}
            {conv.waitingSince !== null && ` · ${customersText.waiting(formatWait(Date.now() - conv.waitingSince, lang))}`}
          </span>
          {conv.status === "needsAction" ? (
            <button type="button" className="chip small" onClick={() => api.setStatus(conv.id, "resolved").then(setConv, onError)} data-testid="mark-resolved">
              {customersText.markResolved}
            </button>
          ) : (
            <button type="button" className="chip small" onClick={() => api.setStatus(conv.id, "needsAction").then(setConv, onError)} data-testid="mark-needs-action">
              {customersText.markNeedsAction}
            </button>
          )}
        </div>
      </div>

      <div>
        <h3>{customersText.tags}</h3>
        <div className="panel-row" data-testid="friend-tags">
          {tags
            .filter((tg) => mine.has(tg.id))
            .map((tg) => (
              <TagChip
                key={tg.id}
                tag={tg}
                removeLabel={customersText.removeTag(tg.name)}
                onRemove={() => api.tagFriends(tg.id, [friend.id], false).then(reload, onError)}
              />
            ))}
        </div>
        <AddTag
          options={tags.filter((tg) => !mine.has(tg.id))}
          onAdd={(tagId) => api.tagFriends(tagId, [friend.id], true).then(() => (reload(), reloadTags()), onError)}
          onCreate={(name) =>
            api
              .saveTag({ accountId: conv.accountId, id: null, name, color: PALETTE[tags.length % PALETTE.length] ?? "#06c755" })
              .then((tg) => api.tagFriends(tg.id, [friend.id], true))
              .then(() => (reload(), reloadTags()), onError)
          }
        />
      </div>

      <div>
        <h3>{customersText.fields}</h3>
        {fields.length === 0 && <p className="muted">{customersText.noFields}</p>}
        {fields.map((f) => (
          <FieldEditor
            key={`${f.id}:${friend.fields.find((v) => v.fieldId === f.id)?.value ?? ""}`}
            field={f}
            value={friend.fields.find((v) => v.fieldId === f.id)?.value ?? ""}
            onSave={(v) => apply(api.setFieldValue(friend.id, f.id, v === "" ? null : v))}
          />
        ))}
      </div>

      <Notes friend={friend} onAdd={(b) => apply(api.addNote(friend.id, b))} onUpdate={(id, b) => apply(api.updateNote(id, b))} onDelete={canDeleteNote ? (id) => apply(api.deleteNote(id)) : null} />

      <FriendReservations friendId={friend.id} />
      {children}
    </aside>
  );
}

function PrivateName({ friend, onSave }: { friend: FriendProfile; onSave: (v: string | null) => void }) {
  const [v, setV] = useState(friend.privateName ?? "");
  useEffect(() => setV(friend.privateName ?? ""), [friend.privateName]);
  const dirty = v !== (friend.privateName ?? "");
  const save = () => onSave(v.trim() === "" ? null : v);
  const enter = useEnterToSave(() => dirty && save());
  return (
    <label className="panel-row">
      <span className="muted">{customersText.privateName}</span>
      <input value={v} placeholder={customersText.privateNameHint} onChange={(e) => setV(e.target.value)} data-testid="private-name" {...enter} />
      {dirty && (
        <button type="button" className="chip small" onClick={save}>
          {customersText.save}
        </button>
      )}
    </label>
  );
}

function AddTag({ options, onAdd, onCreate }: { options: { id: number; name: string }[]; onAdd: (id: number) => void; onCreate: (name: string) => void }) {
  const [name, setName] = useState("");
  const create = () => {
    if (!name.trim()) return;
    onCreate(name.trim());
    setName("");
  };
  const enter = useEnterToSave(create);
  return (
    <div className="panel-row">
      <select value="" onChange={(e) => e.target.value && onAdd(Number(e.target.value))} aria-label={customersText.addTag} data-testid="tag-add-select">
        <option value="">{customersText.addTag}</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
      <input value={name} placeholder={customersText.newTagName} onChange={(e) => setName(e.target.value)} aria-label={customersText.newTagName} data-testid="tag-new-name" {...enter} />
      <button
        type="button"
        className="chip small"
        disabled={!name.trim()}
        onClick={create}
        data-testid="tag-create"
      >
        {customersText.create}
      </button>
    </div>
  );
}

function FieldEditor({ field, value, onSave }: { field: CustomField; value: string; onSave: (v: string) => void }) {
  const [v, setV] = useState(value);
  const dirty = v !== value;
  const enter = useEnterToSave(() => dirty && onSave(v));
  const input = (() => {
    switch (field.kind) {
      case "checkbox":
        return <input type="checkbox" checked={value === "true"} onChange={(e) => onSave(e.target.checked ? "true" : "false")} />;
      case "choice":
        return (
          <select value={value} onChange={(e) => onSave(e.target.value)}>
            <option value="">—</option>
            {field.options.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        );
      case "date":
        return <DateField optional label={field.name} value={v} onChange={setV} />;
      case "number":
        return <input inputMode="decimal" value={v} onChange={(e) => setV(e.target.value)} {...enter} />;
      default:
        return <input value={v} onChange={(e) => setV(e.target.value)} {...enter} />;
    }
  })();
  return (
    <label className="field-row">
      <span>{field.name}</span>
      <span className="panel-row">
        {input}
        {dirty && field.kind !== "checkbox" && field.kind !== "choice" && (
          <button type="button" className="chip small" onClick={() => onSave(v)}>
            {customersText.save}
          </button>
        )}
      </span>
    </label>
  );
}

function Notes({
  friend,
  onAdd,
  onUpdate,
  onDelete,
}: {
  friend: FriendProfile;
  onAdd: (b: string) => void;
  onUpdate: (id: number, b: string) => void;
  /** Null when the member may not delete notes. */
  onDelete: ((id: number) => void) | null;
}) {
  const [draft, setDraft] = useState("");
  const [editing, setEditing] = useState<{ id: number; body: string } | null>(null);
  return (
    <div>
      <h3>{customersText.notes}</h3>
      <textarea rows={2} value={draft} onChange={(e) => setDraft(e.target.value)} aria-label={customersText.addNote} data-testid="note-draft" />
      <button
        type="button"
        className="chip small"
        disabled={!draft.trim()}
        onClick={() => {
          onAdd(draft);
          setDraft("");
        }}
        data-testid="note-add"
      >
        {customersText.addNote}
      </button>
      {friend.notes.map((n) => (
        <div className="note" key={n.id} data-testid="note">
          {editing?.id === n.id ? (
            <>
              <textarea rows={3} value={editing.body} onChange={(e) => setEditing({ id: n.id, body: e.target.value })} />
              <button type="button" className="linkish" onClick={() => (onUpdate(n.id, editing.body), setEditing(null))}>
                {customersText.noteSave}
              </button>{" "}
              <button type="button" className="linkish" onClick={() => setEditing(null)}>
                {customersText.cancel}
              </button>
            </>
          ) : (
            <>
              <div>{n.body}</div>
              <div className="note-meta">
                {n.author && (
                  <span className="note-author" data-testid="note-author">
                    {n.author.name}
                  </span>
                )}
                {fmt(n.updatedAt)}
                <button type="button" className="linkish" onClick={() => setEditing({ id: n.id, body: n.body })}>
                  {customersText.noteEdit}
                </button>
                {onDelete && (
                  <button type="button" className="linkish" onClick={() => onDelete(n.id)}>
                    {customersText.noteDelete}
                  </button>
                )}
              </div>
            </>
          )}
        </div>
      ))}
    </div>
  );
}
