import { useState } from "react";
import { toBackendError } from "../../backend";
import { useBackend } from "../../backend/react";
import { appText } from "../../i18n";
import { describeStep, offeredVersion, updateText, type UpdateStep } from "./update";

/**
 * Settings → 基本 → アップデート. The desktop app checks the project's releases and, only
 * when the owner presses 「更新して再起動」, downloads, installs and starts the new
 * version. The server (no `checkForUpdate`) says where its updates come from instead.
 */
export function UpdatePanel() {
  const backend = useBackend();
  const [step, setStep] = useState<UpdateStep>({ at: "idle" });
  const lang = appText.lang;
  const text = updateText(lang);
  const { checkForUpdate, installUpdate } = backend;

  if (!checkForUpdate || !installUpdate) {
    return (
      <section className="settings-card" data-testid="settings-updates">
        <h3>{text.title}</h3>
        <p className="settings-muted" data-testid="update-status">
          {text.server}
        </p>
      </section>
    );
  }

  const check = async () => {
    setStep({ at: "checking" });
    try {
      setStep({ at: "found", check: await checkForUpdate() });
    } catch (e) {
      setStep({ at: "failed", message: toBackendError(e).localized(lang) });
    }
  };
  const install = async (version: string) => {
    setStep({ at: "installing", version });
    try {
      // Resolves only if the app did not restart (it normally does).
      await installUpdate();
    } catch (e) {
      setStep({ at: "failed", message: toBackendError(e).localized(lang) });
    }
  };
  const current = step.at === "found" ? step.check.current : null;
  const offered = offeredVersion(step);
  const busy = step.at === "checking" || step.at === "installing";
  const line = describeStep(step, lang);

  return (
    <section className="settings-card" data-testid="settings-updates">
      <h3>{text.title}</h3>
      {current && <p className="settings-muted">{text.version(current)}</p>}
      <div className="settings-row">
        <button type="button" data-testid="check-update" disabled={busy} onClick={() => void check()}>
          {text.check}
        </button>{" "}
        {offered && (
          <button type="button" data-testid="install-update" disabled={busy} onClick={() => void install(offered)}>
            {text.install}
          </button>
        )}
      </div>
      {line && (
        <p data-testid="update-status" role={step.at === "failed" ? "alert" : "status"} className={step.at === "failed" ? "settings-error" : undefined}>
          {line}
        </p>
      )}
    </section>
  );
}
