import { useRef } from "react";
import { attachText } from "./i18n";

/** The composer's 📎: a hidden file input limited to what LINE takes. */
export function AttachButton({ disabled, onFiles }: { disabled: boolean; onFiles: (files: File[]) => void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        className="attach"
        data-testid="attach"
        title={attachText.attach}
        aria-label={attachText.attach}
        disabled={disabled}
        onClick={() => input.current?.click()}
      >
        📎
      </button>
      <input
        ref={input}
        type="file"
        hidden
        multiple
        data-testid="attach-input"
        accept="image/jpeg,image/png,video/mp4"
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = "";
          if (files.length > 0) onFiles(files);
        }}
      />
    </>
  );
}
