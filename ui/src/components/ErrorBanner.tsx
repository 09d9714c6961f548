import { toBackendError } from "../backend";
import { t } from "../i18n";

export function ErrorBanner({ error, onDismiss }: { error: unknown; onDismiss?: () => void }) {
  const err = toBackendError(error);
  return (
    <div className="error-banner" role="alert" data-log-id={err.logId}>
      <span className="error-title">{t.errorTitle}</span>
      <span className="error-text">{err.localized(t.lang)}</span>
      {onDismiss && (
        <button type="button" className="link-button" onClick={onDismiss}>
          {t.dismiss}
        </button>
      )}
    </div>
  );
}
