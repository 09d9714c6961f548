import { useState } from "react";
import type { SessionMember } from "../../api/types.gen";
import { toBackendError, type Backend } from "../../backend";
import { appText } from "../../i18n";
import { ConnectModeChoice, type ConnectMode } from "./ConnectModeChoice";
import { HubConnectForm } from "./HubConnectForm";
import { hubText } from "./i18n";
import "./hub.css";

/**
 * The desktop in client mode without a device token (signed out, or the hub revoked
 * it): connect again with a new code, or go back to このPCだけ.
 */
export function HubWizard({ backend, reason, onPaired }: { backend: Backend; reason: string; onPaired: (m: SessionMember) => void }) {
  const [mode, setMode] = useState<ConnectMode>("hub");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const notice = hubText.reasons[reason] ?? "";
  return (
    <main className="signin" data-testid="hub-wizard">
      <div className="signin-card hub-wizard">
        <h1 className="signin-brand">
          <img src="/favicon.svg" alt="" width={24} height={24} />
          {hubText.wizardTitle}
        </h1>
        {notice && (
          <p className="signin-notice" role="status" data-testid="hub-wizard-reason">
            {notice}
          </p>
        )}
        <ConnectModeChoice mode={mode} onChange={setMode} />
        {mode === "hub" ? (
          <HubConnectForm backend={backend} onPaired={onPaired} />
        ) : (
          <div className="hub-form">
            <p className="signin-lead">{hubText.useSoloHelp}</p>
            <p className="hub-error" role="alert">
              {error}
            </p>
            <button
              type="button"
              className="hub-submit"
              disabled={busy}
              data-testid="use-solo"
              onClick={() => {
                setBusy(true);
                backend.useSolo?.().catch((e: unknown) => {
                  setError(toBackendError(e).localized(appText.lang));
                  setBusy(false);
                });
              }}
            >
              {busy ? hubText.restarting.split("。")[0] : hubText.useSolo}
            </button>
          </div>
        )}
      </div>
    </main>
  );
}
