import { useEffect } from "react";
import type { AccountView } from "../../api/types.gen";
import { useRpcQuery } from "../../backend/query";
import { hrefOf, parseHash, routeTo } from "../../frame/routes";
import { useCan } from "../../frame/session";
import { settingsText } from "./i18n";
import { meterAccount, QuotaMeter } from "./QuotaMeter";
import "./settings.css";

const WIZARD = hrefOf(routeTo("settings", { section: "account" }));

/**
 * What Settings adds to the app header: the quota meter, and on a first run (no account
 * with credentials) the way to the connect wizard, opened once by itself.
 */
export function HeaderExtras({ accounts, accountId }: { accounts: AccountView[]; accountId: number | null }) {
  // Connecting LINE is the owner's: staff are not sent to a wizard they cannot use.
  const canConnect = useCan("getConnections");
  const needsSetup = useRpcQuery("getConnections", undefined, { enabled: canConnect }).data?.needsSetup ?? false;
  useEffect(() => {
    if (needsSetup && parseHash(window.location.hash).view !== "settings") window.location.hash = WIZARD;
  }, [needsSetup]);
  if (needsSetup) {
    return (
      <a className="header-setup" href={WIZARD} data-testid="header-connect">
        {settingsText.notConnected}
      </a>
    );
  }
  return <QuotaMeter accountId={meterAccount(accounts, accountId)} />;
}
