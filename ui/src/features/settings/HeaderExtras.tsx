import { useEffect, useState } from "react";
import type { AccountView } from "../../api/types.gen";
import { useCan } from "../../frame/session";
import { useSettingsApi } from "./api";
import { settingsText } from "./i18n";
import { meterAccount, QuotaMeter } from "./QuotaMeter";
import "./settings.css";

const WIZARD = "#/settings/account";

/**
 * What Settings adds to the app header: the quota meter, and on a first run (no account
 * with credentials) the way to the connect wizard, opened once by itself.
 */
export function HeaderExtras({ accounts, accountId }: { accounts: AccountView[]; accountId: number | null }) {
  const api = useSettingsApi();
  const [needsSetup, setNeedsSetup] = useState(false);
  // Connecting LINE is the owner's: staff are not sent to a wizard they cannot use.
  const canConnect = useCan("getConnections");
  useEffect(() => {
    if (!canConnect) return;
    let live = true;
    api.connections().then(
      (o) => {
        if (!live) return;
        setNeedsSetup(o.needsSetup);
        if (o.needsSetup && !window.location.hash.startsWith("#/settings")) window.location.hash = WIZARD;
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [api, accounts, canConnect]);
  if (needsSetup) {
    return (
      <a className="header-setup" href={WIZARD} data-testid="header-connect">
        {settingsText.notConnected}
      </a>
    );
  }
  return <QuotaMeter accountId={meterAccount(accounts, accountId)} />;
}
