import { useState } from "react";
import { useReportError, useRpcQuery, useSetRpcData } from "../../backend/query";
import type { TagMatch, TagRule, TagTrigger, TagView } from "../../api/types.gen";
import { useCan } from "../../frame/session";
import { useCustomersApi } from "./api";
import { customersText } from "./i18n";

const TRIGGERS: TagTrigger[] = ["follow", "keyword", "postback", "reservationMade", "reservationCancelled"];

/** Automatic tag rules: on follow, a keyword, a postback's data, a reservation made or cancelled. */
const NO_RULES: TagRule[] = [];

export function RuleManager({ accountId, tags, onError }: { accountId: number; tags: TagView[]; onError: (e: unknown) => void }) {
  const api = useCustomersApi();
  const canDelete = useCan("deleteTagRule");
  const query = useRpcQuery("listTagRules", { accountId });
  useReportError(query.error, onError);
  const rules = query.data ?? NO_RULES;
  const setData = useSetRpcData();
  const setRules = (r: TagRule[]) => setData("listTagRules", { accountId }, r);
  const [trigger, setTrigger] = useState<TagTrigger>("keyword");
  const [match, setMatch] = useState<TagMatch>("contains");
  const [pattern, setPattern] = useState("");
  const [tagId, setTagId] = useState<number | "">("");
  const needsPattern = trigger === "keyword" || trigger === "postback";
  const name = (id: number) => tags.find((tg) => tg.id === id)?.name ?? `#${id}`;
  return (
    <div>
      <h3>{customersText.rules}</h3>
      {rules.map((r) => (
        <div className="panel-row" key={r.id}>
          <label>
            <input
              type="checkbox"
              checked={r.enabled}
              onChange={(e) => api.saveTagRule({ ...r, id: r.id, enabled: e.target.checked }).then(setRules, onError)}
              aria-label={customersText.enabled}
            />
          </label>
          <span>
            {customersText.triggers[r.trigger]}
            {r.pattern && ` 「${r.pattern}」(${r.matchKind === "exact" ? customersText.matchExact : customersText.matchContains})`} → {name(r.tagId)}
          </span>
          {canDelete && (
            <button type="button" className="linkish" onClick={() => api.deleteTagRule(r.id).then(() => setRules(rules.filter((x) => x.id !== r.id)), onError)}>
              {customersText.delete}
            </button>
          )}
        </div>
      ))}
      <div className="panel-row">
        <select value={trigger} onChange={(e) => setTrigger(e.target.value as TagTrigger)} aria-label={customersText.trigger}>
           {TRIGGERS.map((tr) => (
            <option key={tr} value={tr}>
              {customersText.triggers[tr]}
            </option>
          ))}
        </select>
        {needsPattern && (
          <>
            <select value={match} onChange={(e) => setMatch(e.target.value as TagMatch)} aria-label={customersText.matchKind}>
              <option value="contains">{customersText.matchContains}</option>
              <option value="exact">{customersText.matchExact}</option>
            </select>
            <input value={pattern} onChange={(e) => setPattern(e.target.value)} placeholder={customersText.pattern} aria-label={customersText.pattern} />
          </>
        )}
        <select value={tagId} onChange={(e) => setTagId(e.target.value === "" ? "" : Number(e.target.value))} aria-label={customersText.tags}>
          <option value="">{customersText.tags}</option>
          {tags.map((tg) => (
            <option key={tg.id} value={tg.id}>
              {tg.name}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="chip small"
          disabled={tagId === "" || (needsPattern && !pattern.trim())}
          onClick={() =>
            tagId !== "" &&
            api
              .saveTagRule({ accountId, id: null, tagId, trigger, matchKind: match, pattern: needsPattern ? pattern : "", enabled: true })
              .then((r) => {
                setRules(r);
                setPattern("");
              }, onError)
          }
        >
          {customersText.addRule}
        </button>
      </div>
    </div>
  );
}
