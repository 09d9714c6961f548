import { useState } from "react";
import { toBackendError } from "../../../backend";
import { useBackend } from "../../../backend/react";
import { appText } from "../../../i18n";
import { formatBytes } from "./messages";

interface Props {
  /** Where the current transport serves the stored copy (null: not downloaded). */
  url: string | null;
  /** The stored file's name (`<sha-256>.<ext>`), for the desktop's save-and-open. */
  stored: string | null;
  /** The name the customer gave it: hostile data, shown only as text. */
  name: string;
  size: number | null;
}

/**
 * A file a customer sent. In a browser the link downloads it; in the desktop window,
 * which has no download manager, the shell saves it into Downloads under its own name
 * and opens it with the system's viewer.
 */
export function MessageFile({ url, stored, name, size }: Props) {
  const backend = useBackend();
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const open = backend.openMediaFile;
  return (
    <p className="file" data-testid="message-file">
      〔{appText.kindFile}〕
      {url && stored && open ? (
        <button
          type="button"
          className="link-button"
          data-testid="file-name"
          onClick={() => {
            open(stored, name).then(
              (r) => setStatus({ text: r.opened ? appText.fileSaved(r.path) : appText.fileSavedNotOpened(r.path), error: false }),
              (e: unknown) => setStatus({ text: toBackendError(e).localized(appText.lang), error: true }),
            );
          }}
        >
          {name}
        </button>
      ) : url ? (
        <a href={url} download={name} rel="noopener noreferrer" data-testid="file-name">
          {name}
        </a>
      ) : (
        <span data-testid="file-name">{name}</span>
      )}
      {size !== null && <span className="file-size"> ({formatBytes(size)})</span>}
      {!url && ` ${appText.mediaUnavailable}`}
      {status && (
        <span className={status.error ? "send-error" : "file-status"} role="status" data-testid="file-status">
          {" "}
          {status.text}
        </span>
      )}
    </p>
  );
}
