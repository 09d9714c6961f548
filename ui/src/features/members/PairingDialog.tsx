import { useState } from "react";
import type { PairingCode } from "../../api/types.gen";
import { Dialog } from "../../components/Dialog";
import { formatTime } from "../../lib/time";
import { locale, membersText } from "./i18n";

interface Props {
  code: PairingCode;
  memberName: string;
  /** The shop's time zone: the expiry is read off the shop's clock, not this device's. */
  timeZone: string;
  onClose: () => void;
}

/** A pairing code, large enough to read out or type from across the counter, with its expiry. */
export function PairingDialog({ code, memberName, timeZone, onClose }: Props) {
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");
  const title = membersText.pairingTitle(memberName);
  return (
    <Dialog label={title} onClose={onClose} className="members-dialog" testId="pairing-dialog">
      <h3>{title}</h3>
      <p className="pairing-code" data-testid="pairing-code" aria-label={code.code.split("").join(" ")}>
        {code.code}
      </p>
      <p className="pairing-expiry" data-testid="pairing-expiry">
        {membersText.pairingExpires(formatTime(code.expiresAt, locale, timeZone))}
      </p>
      <p className="settings-muted">{membersText.pairingHelp}</p>
      <div className="members-actions">
        <span role="status" className={copy === "failed" ? "settings-error" : "settings-save-saved"}>
          {copy === "copied" ? membersText.copied : copy === "failed" ? membersText.copyFailed : ""}
        </span>
        <button
          type="button"
          data-testid="pairing-copy"
          onClick={() =>
            navigator.clipboard?.writeText(code.code).then(
              () => setCopy("copied"),
              () => setCopy("failed"),
            ) ?? setCopy("failed")
          }
        >
          {membersText.copy}
        </button>
        <button type="button" className="primary" data-autofocus onClick={onClose} data-testid="pairing-close">
          {membersText.close}
        </button>
      </div>
    </Dialog>
  );
}
