import { useState } from "react";
import { toBackendError } from "../../backend";
import { useBackend } from "../../backend/react";
import { appText } from "../../i18n";
import { hubBackupText } from "./i18n";
import { copyTime, setViewing, useViewing } from "./viewing";
import "./hubbackups.css";

/** Across the top while a pulled copy is shown: which one, read-only, and the way back. */
export function CopyBanner() {
  const api = useBackend().hubBackups;
  const viewing = useViewing(api);
  const [error, setError] = useState<string | null>(null);
  if (!api || viewing === null) return null;
  const back = async () => {
    setError(null);
    try {
      setViewing((await api.close()).viewing);
    } catch (e) {
      setError(toBackendError(e).localized(appText.lang));
    }
  };
  return (
    <div className="copy-banner" role="status" data-testid="copy-banner">
      <strong>{hubBackupText.viewing(copyTime(viewing))}</strong>
      <span className="copy-banner-help"> {hubBackupText.viewingHelp}</span>
      <button type="button" data-testid="copy-back" onClick={() => void back()}>
        {hubBackupText.back}
      </button>
      {error && (
        <span role="alert" className="copy-banner-error">
          {error}
        </span>
      )}
    </div>
  );
}
