import { toBackendError } from "../backend";
import { appText } from "../i18n";

export function ErrorBanner({ error, onDismiss }: { error: unknown; onDismiss?: () => void }) {
  const err = toBackendError(error);
  return (
    <div className="error-banner" role="alert" data-log-id={err.logId}>
      <span className="error-title">{appText.errorTitle}</span>
      <span className="error-text">{err.localized(appText.lang)}</span>
      {onDismiss && (
        <button type="button" className="link-button" onClick={onDismiss}>
          {appText.dismiss}
        </button>
      )}
    </div>
  );
}
