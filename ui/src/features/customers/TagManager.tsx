import { useState } from "react";
import type { TagView } from "../../api/types.gen";
import { useEnterToSave } from "../../hooks/useEnterToSave";
import { useCan } from "../../frame/session";
import { useCustomersApi } from "./api";
import { customersText } from "./i18n";
import { PALETTE } from "./palette";
import { TagChip } from "./TagChip";

/** Create, rename, recolour and delete tags. */
export function TagManager({ accountId, tags, onChanged, onError }: { accountId: number; tags: TagView[]; onChanged: () => void; onError: (e: unknown) => void }) {
  const api = useCustomersApi();
  const canDelete = useCan("deleteTag");
  const [name, setName] = useState("");
  const [color, setColor] = useState(PALETTE[0] ?? "#06c755");
  const [editing, setEditing] = useState<TagView | null>(null);
  const save = (id: number | null, n: string, c: string) => api.saveTag({ accountId, id, name: n, color: c }).then(onChanged, onError);
  const create = () => name.trim() && save(null, name, color).then(() => setName(""));
  const saveEdit = () => editing && editing.name.trim() && save(editing.id, editing.name, editing.color).then(() => setEditing(null));
  const enterCreate = useEnterToSave(() => void create());
  const enterEdit = useEnterToSave(() => void saveEdit());
  return (
    <div>
      <h3>{customersText.tagDefs}</h3>
      {tags.map((tg) =>
        editing?.id === tg.id ? (
          <div className="panel-row" key={tg.id}>
            <input value={editing.name} onChange={(e) => setEditing({ ...editing, name: e.target.value })} aria-label={customersText.tagName} {...enterEdit} />
            <input type="color" value={editing.color} onChange={(e) => setEditing({ ...editing, color: e.target.value })} aria-label={customersText.color} />
            <button type="button" className="chip small" onClick={() => void saveEdit()}>
              {customersText.save}
            </button>
            <button type="button" className="chip small" onClick={() => setEditing(null)}>
              {customersText.cancel}
            </button>
          </div>
        ) : (
          <div className="panel-row" key={tg.id}>
            <TagChip tag={tg} />
            <span className="muted">{tg.friendCount}</span>
            <button type="button" className="linkish" onClick={() => setEditing(tg)}>
              {customersText.edit}
            </button>
            {canDelete && (
              <button
                type="button"
                className="linkish"
                onClick={() => window.confirm(customersText.confirmDelete(tg.name)) && api.deleteTag(tg.id).then(onChanged, onError)}
              >
                {customersText.delete}
              </button>
            )}
          </div>
        ),
      )}
      <div className="panel-row">
        <input value={name} placeholder={customersText.tagName} onChange={(e) => setName(e.target.value)} aria-label={customersText.tagName} data-testid="tagdef-name" {...enterCreate} />
        <input type="color" value={color} onChange={(e) => setColor(e.target.value)} aria-label={customersText.color} />
        <button
          type="button"
          className="chip small"
          disabled={!name.trim()}
          onClick={() => void create()}
          data-testid="tagdef-create"
        >
          {customersText.create}
        </button>
      </div>
    </div>
  );
}
