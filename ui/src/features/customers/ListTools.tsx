import { useState } from "react";
import type { ConversationSort, TagExpr, TagView } from "../../api/types.gen";
import { useCustomersApi } from "./api";
import { customersText } from "./i18n";
import { isEmptyExpr, toggleInExpr, type ExprPart } from "./lib";
import { TagChip } from "./TagChip";
import "./customers.css";

/** The conversation list's customers tools: longest-wait sort, tag filter, multi-select tagging. */
export function ListTools({
  tags,
  expr,
  onExpr,
  sort,
  onSort,
  selecting,
  onSelecting,
  picked,
  onTagged,
  onError,
}: {
  tags: TagView[];
  expr: TagExpr;
  onExpr: (e: TagExpr) => void;
  sort: ConversationSort;
  onSort: (s: ConversationSort) => void;
  selecting: boolean;
  onSelecting: (on: boolean) => void;
  /** Friend ids of the picked rows. */
  picked: number[];
  onTagged: () => void;
  onError: (e: unknown) => void;
}) {
  const api = useCustomersApi();
  const [open, setOpen] = useState(false);
  const [bulkTag, setBulkTag] = useState<number | "">("");
  const parts: [ExprPart, string][] = [
    ["all", customersText.exprAll],
    ["any", customersText.exprAny],
    ["none", customersText.exprNone],
  ];
  const bulk = (add: boolean) => {
    if (bulkTag === "" || picked.length === 0) return;
    api.tagFriends(bulkTag, picked, add).then(() => {
      onTagged();
      onSelecting(false);
    }, onError);
  };
  return (
    <>
      <button
        type="button"
        className={sort === "waiting" ? "chip active" : "chip"}
        aria-pressed={sort === "waiting"}
        onClick={() => onSort(sort === "waiting" ? "recent" : "waiting")}
        data-testid="sort-waiting"
      >
        {customersText.sortWaiting}
      </button>
      <button
        type="button"
        className={isEmptyExpr(expr) ? "chip" : "chip active"}
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        data-testid="tag-filter-toggle"
      >
        {customersText.tagFilter}
      </button>
      <button type="button" className={selecting ? "chip active" : "chip"} aria-pressed={selecting} onClick={() => onSelecting(!selecting)} data-testid="select-mode">
        {customersText.select}
      </button>
      {open && (
        <div className="tag-filter" data-testid="tag-filter-panel">
          {tags.map((tag) => (
            <div className="tag-filter-row" key={tag.id}>
              <TagChip tag={tag} />
              {parts.map(([part, label]) => (
                <button
                  key={part}
                  type="button"
                  className={expr[part].includes(tag.id) ? "chip small active" : "chip small"}
                  aria-pressed={expr[part].includes(tag.id)}
                  onClick={() => onExpr(toggleInExpr(expr, part, tag.id))}
                  data-testid="tag-filter-option"
                  data-tag-name={tag.name}
                  data-part={part}
                >
                  {label}
                </button>
              ))}
            </div>
          ))}
          {!isEmptyExpr(expr) && (
            <button type="button" className="chip small" onClick={() => onExpr({ all: [], any: [], none: [] })} data-testid="tag-filter-clear">
              {customersText.clearFilter}
            </button>
          )}
        </div>
      )}
      {selecting && (
        <div className="bulk-bar" data-testid="bulk-bar">
          <span>{customersText.selected(picked.length)}</span>
          <select value={bulkTag} onChange={(e) => setBulkTag(e.target.value === "" ? "" : Number(e.target.value))} aria-label={customersText.tags} data-testid="bulk-tag">
            <option value="">{customersText.tags}</option>
            {tags.map((tag) => (
              <option key={tag.id} value={tag.id}>
                {tag.name}
              </option>
            ))}
          </select>
          <button type="button" className="chip small" disabled={bulkTag === "" || picked.length === 0} onClick={() => bulk(true)} data-testid="bulk-add">
            {customersText.tagSelected}
          </button>
          <button type="button" className="chip small" disabled={bulkTag === "" || picked.length === 0} onClick={() => bulk(false)}>
            {customersText.untagSelected}
          </button>
        </div>
      )}
    </>
  );
}

/** Up to three of a row's tags. */
export function RowTags({ ids, tagById }: { ids: number[]; tagById: Map<number, TagView> }) {
  const shown = ids.map((id) => tagById.get(id)).filter((x): x is TagView => !!x);
  return (
    <>
      {shown.slice(0, 3).map((tag) => (
        <TagChip key={tag.id} tag={tag} />
      ))}
      {shown.length > 3 && <span className="tag-more">+{shown.length - 3}</span>}
    </>
  );
}
