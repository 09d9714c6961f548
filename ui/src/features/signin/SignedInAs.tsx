import { useState } from "react";
import { useSession } from "../../frame/session";
import { hubHost } from "../hub/address";
import { hubText } from "../hub/i18n";
import { useHubStatus } from "../hub/status";
import { signInText } from "./i18n";
import "./signin.css";

/** The signed-in member's name and role in the header, with ログアウト. Nothing without a member. */
export function SignedInAs() {
  const { me, signOut } = useSession();
  const [busy, setBusy] = useState(false);
  // The desktop as a hub's client: which hub, beside who.
  const hub = useHubStatus();
  if (!me.member || !signOut) return null;
  const role = me.member.role === "owner" ? signInText.roleOwner : signInText.roleStaff;
  return (
    <div className="signed-in" data-testid="signed-in">
      {hub && (
        <span className="signed-in-hub" data-testid="signed-in-hub" title={hub.address}>
          {hubText.onHub(hubHost(hub.address))}
        </span>
      )}
      <span className="signed-in-name" title={signInText.signedInAs(me.member.name)}>
        <span className="visually-hidden">{signInText.signedInAs(me.member.name)}</span>
        <span aria-hidden="true">{me.member.name}</span>
        <span className="signed-in-role" data-role={me.member.role}>
          {role}
        </span>
      </span>
      <button
        type="button"
        className="link-button"
        disabled={busy}
        data-testid="sign-out"
        onClick={() => {
          setBusy(true);
          void signOut();
        }}
      >
        {busy ? signInText.loggingOut : signInText.signOut}
      </button>
    </div>
  );
}
