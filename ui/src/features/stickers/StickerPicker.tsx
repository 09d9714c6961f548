import { useRef, useState, type ReactNode } from "react";
import { useDialogBehaviour } from "../../components/Dialog";
import { appText } from "../../i18n";
import { PACKAGES, stickerIds, stickerImageUrl } from "./catalog";
import { stickersText } from "./i18n";
import "./stickers.css";

/** A small picker over the stickers a bot may send; choosing one sends it at once. */
export function StickerPicker({ disabled, onPick }: { disabled: boolean; onPick: (packageId: string, stickerId: string) => void }) {
  const [open, setOpen] = useState(false);
  const [pkg, setPkg] = useState(PACKAGES[0]?.packageId ?? "");
  const current = PACKAGES.find((p) => p.packageId === pkg) ?? PACKAGES[0];
  return (
    <span className="sticker-picker">
      <button type="button" className="sticker-open" data-testid="sticker-open" disabled={disabled} aria-expanded={open}
        // Keeps focus where it is, so the open popover does not close on focus first and reopen on click.
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => setOpen((o) => !o)}
      >
        {stickersText.open}
      </button>
      {open && current && (
        <StickerPop label={stickersText.open} onClose={() => setOpen(false)}>
          <div className="sticker-tabs" role="tablist">
            {PACKAGES.map((p) => (
              <button
                key={p.packageId}
                type="button"
                role="tab"
                aria-selected={p.packageId === current.packageId}
                title={p.title[appText.lang]}
                onClick={() => setPkg(p.packageId)}
              >
                <img src={stickerImageUrl(String(p.first))} alt={p.title[appText.lang]} width={28} height={28} referrerPolicy="no-referrer" />
              </button>
            ))}
          </div>
          <div className="sticker-grid">
            {stickerIds(current).map((id) => (
              <button
                key={id}
                type="button"
                data-testid="sticker-choice"
                data-package-id={current.packageId}
                data-sticker-id={id}
                aria-label={stickersText.pick(id)}
                onClick={() => {
                  setOpen(false);
                  onPick(current.packageId, id);
                }}
              >
                <img src={stickerImageUrl(id)} alt="" width={56} height={56} loading="lazy" referrerPolicy="no-referrer" />
              </button>
            ))}
          </div>
        </StickerPop>
      )}
    </span>
  );
}

/** The popover: a small dialog that closes when focus or a click goes elsewhere. */
function StickerPop({ label, onClose, children }: { label: string; onClose: () => void; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const onKeyDown = useDialogBehaviour(box, { onClose, modal: false });
  return (
    <div ref={box} className="sticker-pop" role="dialog" aria-label={label} tabIndex={-1} onKeyDown={onKeyDown}>
      {children}
    </div>
  );
}
