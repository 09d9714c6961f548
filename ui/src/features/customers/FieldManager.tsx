import { useState } from "react";
import { useReportError, useRpcQuery, useSetRpcData } from "../../backend/query";
import type { CustomField, FieldKind } from "../../api/types.gen";
import { useCan } from "../../frame/session";
import { useCustomersApi } from "./api";
import { customersText } from "./i18n";

const KINDS: FieldKind[] = ["text", "number", "date", "choice", "checkbox"];

/** The shop's custom fields: name, type, choices. */
const NO_FIELDS: CustomField[] = [];

export function FieldManager({ accountId, onError }: { accountId: number; onError: (e: unknown) => void }) {
  const api = useCustomersApi();
  const canDelete = useCan("deleteCustomField");
  const query = useRpcQuery("listCustomFields", { accountId });
  useReportError(query.error, onError);
  const fields = query.data ?? NO_FIELDS;
  const setData = useSetRpcData();
  const setFields = (r: CustomField[]) => setData("listCustomFields", { accountId }, r);
  const [name, setName] = useState("");
  const [kind, setKind] = useState<FieldKind>("text");
  const [options, setOptions] = useState("");
  const [editing, setEditing] = useState<{ id: number; name: string; options: string } | null>(null);
  const lines = (s: string) => s.split("\n").map((x) => x.trim()).filter(Boolean);
  return (
    <div>
      <h3>{customersText.fieldDefs}</h3>
      {fields.map((f) =>
        editing?.id === f.id ? (
          <div key={f.id}>
            <div className="panel-row">
              <input value={editing.name} onChange={(e) => setEditing({ ...editing, name: e.target.value })} aria-label={customersText.fieldName} />
              <button
                type="button"
                className="chip small"
                onClick={() =>
                  api
                    .saveCustomField({ accountId, id: f.id, name: editing.name, kind: f.kind, options: lines(editing.options) })
                    .then((r) => (setFields(r), setEditing(null)), onError)
                }
              >
                {customersText.save}
              </button>
              <button type="button" className="chip small" onClick={() => setEditing(null)}>
                {customersText.cancel}
              </button>
            </div>
            {f.kind === "choice" && (
              <textarea rows={3} value={editing.options} onChange={(e) => setEditing({ ...editing, options: e.target.value })} aria-label={customersText.options} />
            )}
          </div>
        ) : (
          <div className="panel-row" key={f.id}>
            <span>{f.name}</span>
            <span className="muted">
              {customersText.kinds[f.kind]}
              {f.kind === "choice" && `: ${f.options.join(" / ")}`}
            </span>
            <button type="button" className="linkish" onClick={() => setEditing({ id: f.id, name: f.name, options: f.options.join("\n") })}>
              {customersText.edit}
            </button>
            {canDelete && (
              <button type="button" className="linkish" onClick={() => window.confirm(customersText.confirmDelete(f.name)) && api.deleteCustomField(f.id).then(setFields, onError)}>
                {customersText.delete}
              </button>
            )}
          </div>
        ),
      )}
      <div className="panel-row">
        <input value={name} placeholder={customersText.fieldName} onChange={(e) => setName(e.target.value)} aria-label={customersText.fieldName} data-testid="field-name" />
        <select value={kind} onChange={(e) => setKind(e.target.value as FieldKind)} aria-label={customersText.fieldKind}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {customersText.kinds[k]}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="chip small"
          disabled={!name.trim()}
          onClick={() =>
            api.saveCustomField({ accountId, id: null, name, kind, options: lines(options) }).then((r) => {
              setFields(r);
              setName("");
              setOptions("");
            }, onError)
          }
          data-testid="field-add"
        >
          {customersText.addField}
        </button>
      </div>
      {kind === "choice" && <textarea rows={3} value={options} onChange={(e) => setOptions(e.target.value)} placeholder={customersText.options} aria-label={customersText.options} />}
    </div>
  );
}
