import type { TagView } from "../../api/types.gen";
import { textOn } from "./lib";
import "./customers.css";

/** A tag as a coloured chip; with `onRemove`, a × button that takes it off. */
export function TagChip({ tag, onRemove, removeLabel }: { tag: TagView; onRemove?: () => void; removeLabel?: string }) {
  return (
    <span className="tag-chip" style={{ background: tag.color, color: textOn(tag.color) }} data-testid="tag-chip" data-tag-name={tag.name}>
      {tag.name}
      {onRemove && (
        <button type="button" className="tag-chip-x" aria-label={removeLabel} title={removeLabel} onClick={onRemove} data-testid="tag-remove">
          ×
        </button>
      )}
    </span>
  );
}
